import { describe, expect, it } from 'vitest';
import { FIXTURES, goldenPath, loadFixture } from './testdata/fixtures.ts';
import { renderTimeseriesCsv } from './timeseries-csv.ts';

describe('renderTimeseriesCsv', () => {
  it.each(FIXTURES)('renders %s as its golden timeseries.csv', async (name) => {
    await expect(renderTimeseriesCsv(loadFixture(name).timeseries)).toMatchFileSnapshot(goldenPath(name, 'timeseries.csv'));
  });

  it('writes one row per second and one column per node and map', () => {
    const rows = loadFixture('progressive').timeseries;
    const [header, ...lines] = renderTimeseriesCsv(rows).trimEnd().split('\n');
    const columns = header!.split(',');
    expect(lines).toHaveLength(rows.length);
    expect(columns.filter((c) => c.startsWith('node_cpu_percent:'))).toEqual(['node_cpu_percent:127.0.0.1:6341', 'node_cpu_percent:127.0.0.1:6342', 'node_cpu_percent:127.0.0.1:6343']);
    expect(lines[10]!.split(',')[columns.indexOf('node_cpu_percent:127.0.0.1:6342')]).toBe(String(rows[10]!.nodeCpuPercent['127.0.0.1:6342']));
  });

  it('leaves a node empty in the seconds it did not report, and Redis empty when it was not sampled', () => {
    const rows = loadFixture('recovery-interrupted').timeseries;
    const [header, ...lines] = renderTimeseriesCsv(rows).trimEnd().split('\n');
    const columns = header!.split(',');
    const during = lines[25]!.split(',');
    expect(during[columns.indexOf('node_cpu_percent:127.0.0.1:6342')]).toBe('');
    expect(during[columns.indexOf('node_up:127.0.0.1:6342')]).toBe('false');
    expect(during[columns.indexOf('redis_p99_ms')]).toBe('');
  });

  it('writes only a header for a run with no seconds', () => {
    expect(renderTimeseriesCsv([]).split('\n')[0]).toMatch(/^second,stage,target/);
  });
});
