// Numbers as the analysis's sentences (detail, headroom text) write them.

/** round keeps whole numbers from 100 up and one decimal below. */
export function round(value: number): number {
  return Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 10) / 10;
}

/** percent writes a ratio as "12.5 %". */
export function percent(ratio: number): string {
  return `${round(ratio * 100)} %`;
}
