// Units in config files are always explicit and parsed here, so "20" can never silently mean
// 20 ms in one file and 20 s in another. Each parser returns a number in one base unit or
// throws a UnitError whose message says what was expected.

export class UnitError extends Error {}

type UnitTable = Record<string, number>;

const DURATION_SECONDS: UnitTable = { us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };
const BYTES: UnitTable = {
  B: 1,
  KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12,
  KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3, TiB: 1024 ** 4,
};
const BITS_PER_SECOND: UnitTable = { bps: 1, Kbps: 1e3, Mbps: 1e6, Gbps: 1e9, Tbps: 1e12 };

const QUANTITY = /^\s*(-?\d+(?:\.\d+)?)\s*([A-Za-zµ/%]*)\s*$/;

function parseWithUnits(input: unknown, table: UnitTable, what: string): number {
  const text = typeof input === 'number' ? String(input) : input;
  if (typeof text !== 'string') throw new UnitError(`expected a ${what} such as ${examples(table)}, got ${describe(input)}`);
  const match = QUANTITY.exec(text);
  if (!match) throw new UnitError(`"${text}" is not a ${what}; expected a number with a unit, such as ${examples(table)}`);
  const [, amount, unit] = match as unknown as [string, string, string];
  if (unit === '') throw new UnitError(`"${text}" has no unit; write it as ${examples(table)}`);
  const factor = table[unit];
  if (factor === undefined) {
    throw new UnitError(`unknown unit "${unit}" in "${text}"; known units for a ${what}: ${Object.keys(table).join(', ')}`);
  }
  return Number(amount) * factor;
}

function examples(table: UnitTable): string {
  return Object.keys(table).slice(0, 3).map((u) => `"10${u}"`).join(' or ');
}

function describe(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'a mapping' : JSON.stringify(value);
}

/** parseDurationSeconds reads "300ms", "30s", "2m", "1h" into seconds. */
export function parseDurationSeconds(input: unknown): number {
  return parseWithUnits(input, DURATION_SECONDS, 'duration');
}

/** parseDurationMs reads a duration into milliseconds (latency limits). */
export function parseDurationMs(input: unknown): number {
  return parseDurationSeconds(input) * 1000;
}

/** parseBytes reads "64GB" or "512MiB" into bytes. */
export function parseBytes(input: unknown): number {
  return parseWithUnits(input, BYTES, 'size');
}

/** parseByteRate reads "1GB/s" into bytes per second. */
export function parseByteRate(input: unknown): number {
  if (typeof input === 'string' && input.trim().endsWith('/s')) return parseBytes(input.trim().slice(0, -2));
  throw new UnitError(`expected a byte rate such as "1GB/s" or "200MB/s", got ${describe(input)}`);
}

/** parseBitRate reads "10Gbps" into bits per second. */
export function parseBitRate(input: unknown): number {
  return parseWithUnits(input, BITS_PER_SECOND, 'bit rate');
}

/** parsePercent reads "1%" or "0.5%" into a fraction (0.01, 0.005). */
export function parsePercent(input: unknown): number {
  return parseWithUnits(input, { '%': 0.01 }, 'percentage');
}

/** parseRate reads "8000/s" or "8000rps" into requests per second. */
export function parseRate(input: unknown): number {
  return parseWithUnits(input, { '/s': 1, rps: 1, '/m': 1 / 60 }, 'request rate');
}
