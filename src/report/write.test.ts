import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeRun } from '../analysis/analyze.ts';
import { buildTimeseries } from '../analysis/timeseries.ts';
import { syntheticRun } from '../../test/helpers/synthetic-run.ts';
import { FIXTURES, loadFixture } from './testdata/fixtures.ts';
import { renderReports, writeReports } from './write.ts';

const REPORT_FILES = ['report.html', 'summary.md', 'junit.xml', 'steps.csv', 'timeseries.csv', 'summary.json'];

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('writeReports', () => {
  it('writes every report file into the run folder and returns their paths', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vecstress-report-'));
    dirs.push(dir);
    const input = loadFixture('progressive');
    const paths = writeReports(dir, input);
    expect(paths).toEqual(REPORT_FILES.map((file) => join(dir, file)));
    expect(JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'))).toEqual(input.summary);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).toContain('vega.github.io');
    expect(html).not.toContain('sourceMappingURL');
  });
});

describe('renderReports', () => {
  it.each(FIXTURES)('renders %s to the same bytes every time: nothing depends on when it runs', (name) => {
    expect(renderReports(loadFixture(name))).toEqual(renderReports(loadFixture(name)));
  });
});

/**
 * keyPaths lists the paths of every field in a value ("steps[].okRps", "collections{}.pattern"),
 * with maps keyed by data (collections, nodes) folded into "{}", and the items of a coded list
 * told apart by their code ("missing[no-node-samples].node"): each code has fields of its own.
 */
function keyPaths(value: unknown, path = '', maps: ReadonlySet<string> = MAP_FIELDS): Set<string> {
  const paths = new Set<string>();
  const visit = (v: unknown, p: string): void => {
    if (Array.isArray(v)) v.forEach((item) => visit(item, `${p}[${discriminator(item)}]`));
    else if (v !== null && typeof v === 'object') {
      for (const [key, child] of Object.entries(v)) {
        const childPath = maps.has(p) ? `${p}{}` : p ? `${p}.${key}` : key;
        paths.add(childPath);
        visit(child, childPath);
      }
    }
  };
  visit(value, path);
  return paths;
}

/**
 * unmatched lists the paths of `from` that `to` lacks, except optional fields and fields inside a
 * list or map that is empty in `to` (a run without failovers has no failover fields to compare).
 */
function unmatched(from: ReadonlySet<string>, to: ReadonlySet<string>): string[] {
  const emptyIn = (path: string): boolean =>
    [...path.matchAll(/\[[^\]]*\]|\{\}/g)].some((match) => {
      const container = path.slice(0, match.index + match[0].length);
      return ![...to].some((other) => other.startsWith(container));
    });
  // A field that is null in `to` (a breaking point with no degradation) has no fields to compare.
  const nullIn = (path: string): boolean =>
    [...path.matchAll(/\./g)].some((match) => {
      const field = path.slice(0, match.index);
      return to.has(field) && ![...to].some((other) => other.startsWith(`${field}.`));
    });
  return [...from].filter((path) => !to.has(path) && !OPTIONAL_FIELDS.some((field) => path.endsWith(field)) && !emptyIn(path) && !nullIn(path));
}

/** discriminator is a coded item's code (or breaking signal), '' for a plain item. */
function discriminator(item: unknown): string {
  if (item === null || typeof item !== 'object') return '';
  const { code, signal } = item as { code?: unknown; signal?: unknown };
  return typeof code === 'string' ? code : typeof signal === 'string' ? signal : '';
}

const MAP_FIELDS = new Set(['collections', 'fairness.shares', 'fairness.perStep[].shares', 'integrity.before', 'integrity.after', '[].nodeRequestsPerSecond', '[].nodeUp', '[].nodeCpuPercent', '[].nodeRssBytes']);
/** OPTIONAL_FIELDS may be absent from either side (summary-types.ts marks them `?`), wherever their type appears: paths end with them. */
const OPTIONAL_FIELDS = ['.reason', '.loadScale', '.lastError', 'recovery.nodeBackInRotationSeconds'];

describe('the hand-made fixtures', () => {
  // A real analysis of a small stepped run with failures and a Redis probe: its output has the
  // fields the analysis writes today, which the fixtures must have too, and no other.
  const run = syntheticRun({
    profile: 'progressive',
    stages: Array.from({ length: 6 }, (_, i) => ({ name: `step ${i + 1}`, role: 'step' as const, seconds: 4, target: 40 * (i + 1) })),
    load: (second) => (second >= 16 ? { latencyMs: { p50: 80, p95: 200, p99: 300 }, serverMs: 20, errors: { timeout: 3 } } : { latencyMs: 5, serverMs: 2 }),
    samples: Array.from({ length: 24 }, (_, second) => ({ kind: 'redis-latency' as const, source: 'redis', second, data: { samples: 100, minMs: 0.1, avgMs: 0.2, p50Ms: 0.2, p99Ms: 0.4, maxMs: 0.9 } })),
    nodes: ['http://qdrant-1:6333'],
    thresholds: { global: { latency: { p95: 20 }, errorRate: 0.01 }, ceilings: {}, profiles: {}, collections: {} },
  });
  const real = { summary: analyzeRun(run), timeseries: buildTimeseries(run) };

  it.each(FIXTURES)('%s has exactly the fields of a real summary and timeseries', (name) => {
    const fixture = loadFixture(name);
    for (const part of ['summary', 'timeseries'] as const) {
      const expected = keyPaths(real[part]);
      const actual = keyPaths(fixture[part]);
      expect(unmatched(expected, actual), `${part}: missing in the fixture`).toEqual([]);
      expect(unmatched(actual, expected), `${part}: not in summary-types.ts`).toEqual([]);
    }
  });
});
