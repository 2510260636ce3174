import type { TimeseriesRow } from '../../analysis/summary-types.ts';

/** Point is one value of one named series at one second: the long form vega-lite colours by series. */
export interface Point {
  second: number;
  series: string;
  /** null keeps the second in the series, so the line breaks there instead of bridging the gap. */
  value: number | null;
}

export type RowValue = (row: TimeseriesRow) => number | null;

/**
 * seriesOf turns rows into points for the named series. A second with no data stays as a null
 * (a gap in the line, never a zero); a series with no data at all is left out, so the legend
 * names only what was measured.
 */
export function seriesOf(rows: readonly TimeseriesRow[], picks: ReadonlyArray<readonly [string, RowValue]>): Point[] {
  return picks.flatMap(([series, pick]) => {
    const points = rows.map((row) => ({ second: row.second, series, value: finiteOrNull(pick(row)) }));
    return points.some((point) => point.value !== null) ? points : [];
  });
}

/**
 * perNode turns one per-node map of every row into one series per node, scaled (bytes to GiB):
 * a node absent from a second's map is a gap in its line.
 */
export function perNode(rows: readonly TimeseriesRow[], pick: (row: TimeseriesRow) => Record<string, number>, scale = 1): Point[] {
  return seriesOf(
    rows,
    nodeNames(rows, pick).map((node) => [node, (row: TimeseriesRow) => { const value = pick(row)[node]; return value === undefined ? null : value * scale; }] as const),
  );
}

/** hasData says whether any point carries a value. */
export function hasData(points: readonly Point[]): boolean {
  return points.some((point) => point.value !== null);
}

/** nodeNames lists every node any row names in the given map, sorted. */
export function nodeNames(rows: readonly TimeseriesRow[], pick: (row: TimeseriesRow) => Record<string, unknown>): string[] {
  return [...new Set(rows.flatMap((row) => Object.keys(pick(row))))].sort();
}

/**
 * compact keeps four significant digits: more than a chart can show, and it keeps the inlined
 * data of an hour-long run small.
 */
export function compact(value: number): number {
  return value === 0 ? 0 : Number(value.toPrecision(4));
}

function finiteOrNull(value: number | null): number | null {
  return value !== null && Number.isFinite(value) ? compact(value) : null;
}
