// Number formatting shared by every human-readable report (HTML, Markdown, JUnit, compare), so a
// p95 reads the same everywhere. Missing values read "no data", never 0: a sampler that did not
// run must not look like a perfect result.

export const NO_DATA = 'no data';

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** formatDecimal keeps about three significant digits below 100 and whole numbers above it. */
export function formatDecimal(value: number): string {
  const magnitude = Math.abs(value);
  if (magnitude >= 100) return grouped.format(value);
  const digits = magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : magnitude === 0 ? 0 : 3;
  return trimZeros(value.toFixed(digits));
}

/** formatCount writes a whole count with thousands separators. */
export function formatCount(value: number | null | undefined): string {
  return value == null ? NO_DATA : grouped.format(value);
}

export function formatMs(value: number | null | undefined): string {
  return value == null ? NO_DATA : `${formatDecimal(value)} ms`;
}

export function formatRps(value: number | null | undefined): string {
  return value == null ? NO_DATA : `${formatDecimal(value)} req/s`;
}

/** formatRatio writes a 0..1 ratio as a percentage; small error rates keep two decimals. */
export function formatRatio(value: number | null | undefined): string {
  if (value == null) return NO_DATA;
  const percent = value * 100;
  return `${percent === 0 || Math.abs(percent) >= 10 ? formatDecimal(percent) : trimZeros(percent.toFixed(2))}%`;
}

export function formatSeconds(value: number | null | undefined): string {
  return value == null ? NO_DATA : `${formatDecimal(value)} s`;
}

export function formatBytes(value: number | null | undefined): string {
  if (value == null) return NO_DATA;
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let scaled = value;
  let unit = 0;
  while (Math.abs(scaled) >= 1024 && unit < units.length - 1) {
    scaled /= 1024;
    unit += 1;
  }
  return `${formatDecimal(scaled)} ${units[unit]}`;
}

/**
 * formatQuantity writes a value in a threshold's unit: "%" and "ratio" values are 0..1 ratios
 * (summary-types.ts keeps every share and rate as a ratio), the rest print with their unit.
 */
export function formatQuantity(value: number | null | undefined, unit: string): string {
  if (value == null) return NO_DATA;
  switch (unit) {
    case '%':
    case 'ratio':
      return formatRatio(value);
    case 'ms':
      return formatMs(value);
    case 's':
      return formatSeconds(value);
    case 'req/s':
    case '/s':
      return formatRps(value);
    case 'B':
    case 'bytes':
      return formatBytes(value);
    case '':
      return formatDecimal(value);
    default:
      return `${formatDecimal(value)} ${unit}`;
  }
}

/** formatSignedRatio writes a relative change, e.g. +12.5% or −3%. */
export function formatSignedRatio(value: number): string {
  const text = formatRatio(Math.abs(value));
  return value > 0 ? `+${text}` : value < 0 ? `−${text}` : text;
}

function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}
