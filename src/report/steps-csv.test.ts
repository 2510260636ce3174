import { describe, expect, it } from 'vitest';
import { renderStepsCsv } from './steps-csv.ts';
import { FIXTURES, goldenPath, loadFixture } from './testdata/fixtures.ts';

describe('renderStepsCsv', () => {
  it.each(FIXTURES)('renders %s as its golden steps.csv', async (name) => {
    await expect(renderStepsCsv(loadFixture(name).summary)).toMatchFileSnapshot(goldenPath(name, 'steps.csv'));
  });

  it('writes one row per step, every row as wide as the header, and flags the breaking step', () => {
    const summary = loadFixture('progressive').summary;
    const [header, ...rows] = renderStepsCsv(summary).trimEnd().split('\n');
    const columns = header!.split(',');
    expect(rows).toHaveLength(summary.steps.length);
    for (const row of rows) expect(row.split(',')).toHaveLength(columns.length);
    const flagged = rows.map((row) => row.split(',')[columns.indexOf('breaking_point')]);
    expect(flagged.indexOf('true')).toBe(summary.breakingPoint.stepIndex);
    expect(flagged.filter((value) => value === 'true')).toHaveLength(1);
  });

  it('leaves a cell empty where there is no data', () => {
    const csv = renderStepsCsv(loadFixture('recovery-interrupted').summary);
    const [header, first] = csv.split('\n');
    expect(first!.split(',')[header!.split(',').indexOf('redis_p99_ms')]).toBe('');
  });
});
