import type { Unit } from '../analysis/summary-types.ts';

// The one number formatter of every human-readable output (console summary, summary.md,
// report.html, junit.xml, compare), so a figure reads the same wherever it appears. The rules:
// - a number keeps about three significant digits below 100 and is whole from 100 up, with
//   thousands separators (formatDecimal): 0.412, 4.13, 17.7, 523, 12,346;
// - a unit follows after a space: "25.7 ms", "373 req/s", "9 s", "1.42 %" (a 0..1 ratio is
//   written as a percentage, by the same digit rule), "7.76 GiB", "1.31×" for a multiple;
// - a missing value reads "no data", never 0: a sampler that did not run must not look like a
//   perfect result.

export const NO_DATA = 'no data';

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** formatDecimal keeps about three significant digits below 100 and whole numbers above it. */
export function formatDecimal(value: number): string {
  const magnitude = Math.abs(value);
  if (magnitude >= 100) return grouped.format(value);
  const digits = magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : magnitude === 0 ? 0 : 3;
  return trimZeros(value.toFixed(digits));
}

/** formatCoefficient writes a model parameter to three significant digits, however small (κ is often ~1e-4). */
export function formatCoefficient(value: number): string {
  return String(Number(value.toPrecision(3)));
}

/** formatCount writes a whole count with thousands separators. */
export function formatCount(value: number | null | undefined): string {
  return value == null ? NO_DATA : grouped.format(value);
}

export function formatMs(value: number | null | undefined): string {
  return withUnit(value, 'ms');
}

export function formatRps(value: number | null | undefined): string {
  return withUnit(value, 'req/s');
}

export function formatSeconds(value: number | null | undefined): string {
  return withUnit(value, 's');
}

/** formatPercent writes a 0..1 ratio as a percentage: 0.0142 is "1.42 %". */
export function formatPercent(value: number | null | undefined): string {
  return value == null ? NO_DATA : `${formatDecimal(value * 100)} %`;
}

/** formatSignedPercent writes a relative change, e.g. "+12.5 %" or "−3 %". */
export function formatSignedPercent(value: number): string {
  return `${sign(value)}${formatPercent(Math.abs(value))}`;
}

/** formatPercentagePoints writes a change of a ratio in points: +0.005 is "+0.5 pp". */
export function formatPercentagePoints(value: number): string {
  return `${sign(value)}${formatDecimal(Math.abs(value) * 100)} pp`;
}

/** formatTimes writes a multiple: 1.309 is "1.31×". */
export function formatTimes(value: number | null | undefined): string {
  return value == null ? NO_DATA : `${formatDecimal(value)}×`;
}

export function formatBytes(value: number | null | undefined): string {
  return value == null ? NO_DATA : scaled(value, 1024, ['B', 'KiB', 'MiB', 'GiB', 'TiB']);
}

/** formatBitsPerSecond writes a network rate in decimal units, as network links are rated. */
export function formatBitsPerSecond(value: number | null | undefined): string {
  return value == null ? NO_DATA : scaled(value, 1000, ['bit/s', 'kbit/s', 'Mbit/s', 'Gbit/s', 'Tbit/s']);
}

/** formatQuantity writes a value in its unit (summary-types.ts `Unit`, or a comparison's). */
export function formatQuantity(value: number | null | undefined, unit: Unit): string {
  if (value == null) return NO_DATA;
  switch (unit) {
    case 'ratio':
      return formatPercent(value);
    case 'bytes':
      return formatBytes(value);
    case 'bytes/s':
      return `${formatBytes(value)}/s`;
    case 'bits/s':
      return formatBitsPerSecond(value);
    default:
      return withUnit(value, unit);
  }
}

function withUnit(value: number | null | undefined, unit: string): string {
  return value == null ? NO_DATA : `${formatDecimal(value)} ${unit}`;
}

function scaled(value: number, step: number, units: readonly string[]): string {
  let amount = value;
  let unit = 0;
  while (Math.abs(amount) >= step && unit < units.length - 1) {
    amount /= step;
    unit += 1;
  }
  return `${formatDecimal(amount)} ${units[unit]}`;
}

function sign(value: number): string {
  return value > 0 ? '+' : value < 0 ? '−' : '';
}

function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}
