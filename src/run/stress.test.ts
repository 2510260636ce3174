import { createServer, type AddressInfo } from 'node:net';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RepeatSummary } from '../analysis/repeat.ts';
import type { Summary } from '../analysis/summary-types.ts';
import { exitCodeOfVerdict } from '../exit-codes.ts';
import type { Comparison } from '../report/compare.ts';
import { DEFAULT_PROFILES_DIR } from '../config/paths.ts';
import { clearFaults, ensureLab, killNode, restartNode, setFault, sleepRedis, stopRunningLab, type LabHandle } from '../lab/index.ts';
import type { EngineLine, WindowLine } from '../runfolder/engine-lines.ts';
import type { RunManifest } from '../runfolder/manifest.ts';
import type { SamplesFileLine, SampleLine } from '../runfolder/sample-lines.ts';
import { runCli } from '../../test/helpers/cli.ts';

// End-to-end runs of `stress` against one real lab (stand-in nodes, HAProxy, Redis, the gateway)
// with the real Go engine, as a user runs them. The lab is started once; every run reuses it.

const labDir = mkdtempSync(join(tmpdir(), 'vecstress-stress-lab-'));
const env = { VECSTRESS_LAB_DIR: labDir };
let lab: LabHandle;

beforeAll(async () => {
  lab = await ensureLab({ stateDir: labDir, startTimeoutMs: 120_000 });
}, 300_000);

// Stopped by its state folder, not the handle: a start that timed out leaves no handle but may
// have left processes.
afterAll(async () => {
  await stopRunningLab({ stateDir: labDir });
}, 120_000);

interface Finished {
  code: number;
  out: string;
  err: string;
  dir: string;
  summary: Summary;
  manifest: RunManifest;
  lines: EngineLine[];
  samples: SamplesFileLine[];
}

async function stress(args: string[], options: { interrupt?: AbortSignal } = {}): Promise<Finished> {
  const out = mkdtempSync(join(tmpdir(), 'vecstress-stress-out-'));
  const result = await runCli(['stress', '--out', out, ...args], { env, ...options });
  const [runId] = readdirSync(out);
  if (!runId) throw new Error(`no run folder was written:\n${result.err}`);
  const dir = join(out, runId);
  const read = (file: string) => readFileSync(join(dir, file), 'utf8');
  return {
    ...result,
    dir,
    summary: JSON.parse(read('summary.json')) as Summary,
    manifest: JSON.parse(read('run.json')) as RunManifest,
    lines: read('windows.ndjson').trim().split('\n').map((line) => JSON.parse(line) as EngineLine),
    samples: read('samples.ndjson').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as SamplesFileLine),
  };
}

/** closedPort returns a port that nothing listens on: one just freed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const windowsOf = (lines: EngineLine[]) => lines.filter((l): l is WindowLine => l.type === 'window');

describe('stress against the lab', () => {
  it('runs the baseline lab form, writes the run folder, and keeps each collection within 2 points of its weight', async () => {
    const run = await stress(['--profile', 'baseline']);
    expect(run.err).not.toMatch(/error:/);
    expect(run.manifest).toMatchObject({ complete: true, exitReason: 'completed', profile: 'baseline', form: 'lab' });
    for (const file of ['run.json', 'windows.ndjson', 'samples.ndjson', 'events.ndjson', 'summary.json', 'report.html', 'summary.md', 'junit.xml', 'steps.csv', 'timeseries.csv']) {
      expect(readdirSync(run.dir)).toContain(file);
    }
    expect(run.summary.totals.requests).toBeGreaterThanOrEqual(2000);
    for (const [name, collection] of Object.entries(run.summary.collections)) {
      expect(Math.abs(collection.share - collection.expectedShare), name).toBeLessThanOrEqual(0.02);
    }
    // Every request is labelled by a fixed collection name, never a raw URL.
    expect(new Set(windowsOf(run.lines).map((w) => w.collection))).toEqual(new Set(Object.keys(run.summary.collections)));
    expect(run.summary.samplers.map((s) => s.kind)).toEqual(expect.arrayContaining(['qdrant-metrics', 'redis-latency', 'balancer', 'generator']));
    expect(run.out).toContain('report');
  }, 180_000);

  it('runs the spike lab form: the steps line up with the plan, the spike is offered, and the recovery is timed', async () => {
    const run = await stress(['--profile', 'spike']);
    expect([0, 1, 4]).toContain(run.code);
    const plan = run.manifest.plan;
    expect(run.summary.steps.map((s) => [s.index, s.startSecond, s.endSecond])).toEqual(plan.stages.map((s) => [s.index, s.startSecond, s.startSecond + s.durationSeconds]));
    const spike = run.summary.steps.find((s) => s.role === 'overload')!;
    expect(spike.offeredRps).toBe(plan.stages.find((s) => s.role === 'overload')!.endTarget);
    const scheduled = windowsOf(run.lines).filter((w) => w.second >= spike.startSecond && w.second < spike.endSecond).reduce((n, w) => n + w.scheduled, 0);
    expect(scheduled / (spike.endSecond - spike.startSecond)).toBeCloseTo(spike.offeredRps, -1);
    expect(run.summary.recovery).toMatchObject({ applicable: true, measured: true });
    expect(run.summary.recovery.seconds).toBeGreaterThanOrEqual(0);
  }, 180_000);

  it('runs a short progressive: offered rises step by step and achieved follows it until the lab saturates', async () => {
    const run = await stress(['--profile', 'progressive', '--time-scale', '0.5']);
    expect([0, 1, 4]).toContain(run.code);
    const steps = run.summary.steps;
    expect(steps).toHaveLength(20);
    expect(steps.map((s) => s.offeredRps)).toEqual([...steps.map((s) => s.offeredRps)].sort((a, b) => a - b));
    expect(steps[0]!.throughputRps).toBeGreaterThan(steps[0]!.offeredRps * 0.9);
    // The lab's capacity (a few hundred req/s) is well inside the 40..800 req/s the lab form offers.
    expect(run.summary.breakingPoint).toMatchObject({ applicable: true, found: true });
    expect(run.summary.breakingPoint.offered!).toBeLessThan(800);
  }, 240_000);

  it('sees a 30 ms node fault in the measured latencies', async () => {
    for (const node of [0, 1, 2]) await setFault(node, { latencyMs: 30, forSeconds: 60 }, { stateDir: labDir });
    try {
      const run = await stress(['--profile', 'baseline', '--time-scale', '0.3']);
      expect(run.summary.latencyMs!.p50).toBeGreaterThanOrEqual(30);
    } finally {
      for (const node of [0, 1, 2]) await clearFaults(node, { stateDir: labDir });
    }
  }, 120_000);

  it('stops a run by the abort rule against a failing target, keeps its windows and fails it', async () => {
    const profile = readFileSync(join(DEFAULT_PROFILES_DIR, 'baseline.yaml'), 'utf8') + 'abort: { errorRate: 50%, for: 5s }\n';
    const file = join(mkdtempSync(join(tmpdir(), 'vecstress-profile-')), 'failing.yaml');
    writeFileSync(file, profile);
    for (const node of [0, 1, 2]) await setFault(node, { errorRate: 1, errorStatus: 500, forSeconds: 60 }, { stateDir: labDir });
    try {
      const run = await stress(['--profile', file]);
      expect(run.code).toBe(1);
      expect(run.manifest).toMatchObject({ complete: false, exitReason: 'aborted' });
      expect(run.manifest.abortReason).toContain('abort rule');
      expect(run.summary.durationSeconds).toBeLessThan(run.manifest.plan.durationSeconds);
      expect(windowsOf(run.lines).length).toBeGreaterThan(0);
      expect(run.summary.errorsByClass.status5xx).toBeGreaterThan(0);
    } finally {
      for (const node of [0, 1, 2]) await clearFaults(node, { stateDir: labDir });
    }
  }, 120_000);

  it('leaves a valid partial run folder when interrupted, and exits 130', async () => {
    const interrupt = new AbortController();
    setTimeout(() => interrupt.abort(), 8000);
    const run = await stress(['--profile', 'baseline'], { interrupt: interrupt.signal });
    expect(run.code).toBe(130);
    expect(run.manifest).toMatchObject({ complete: false, exitReason: 'interrupted' });
    expect(run.summary.complete).toBe(false);
    expect(run.summary.totals.requests).toBeGreaterThan(0);
    expect(run.lines.at(-1)).toMatchObject({ type: 'end', reason: 'interrupted' });
  }, 120_000);

  it('keeps windows.ndjson bounded by duration, not by request count', async () => {
    const slow = await stress(['--profile', 'baseline', '--time-scale', '0.3', '--scale', '0.25']);
    const fast = await stress(['--profile', 'baseline', '--time-scale', '0.3', '--scale', '1']);
    expect(fast.summary.totals.requests).toBeGreaterThan(3 * slow.summary.totals.requests);
    const slowLines = windowsOf(slow.lines).length;
    const fastLines = windowsOf(fast.lines).length;
    // One window per second and collection at most, whatever the rate.
    expect(fastLines).toBeLessThanOrEqual((fast.manifest.plan.durationSeconds + 1) * 9);
    expect(fastLines).toBeLessThanOrEqual(slowLines * 1.3);
  }, 180_000);
});

describe('samplers during a lab run', () => {
  const sampled = <K extends SampleLine['kind']>(run: Finished, kind: K) => run.samples.filter((l): l is Extract<SampleLine, { kind: K }> => l.type === 'sample' && l.kind === kind);

  it('see Redis stall under DEBUG SLEEP, a killed node go DOWN and come back UP, at the right seconds, and per-node shares that add up', async () => {
    const at: Record<string, number> = {};
    const faults = (async () => {
      await new Promise((resolve) => setTimeout(resolve, 12_000));
      at.sleep = Date.now();
      await sleepRedis(0.5, { stateDir: labDir });
      await new Promise((resolve) => setTimeout(resolve, 3000));
      at.kill = Date.now();
      await killNode(1, { stateDir: labDir });
      await new Promise((resolve) => setTimeout(resolve, 6000));
      at.restart = Date.now();
      await restartNode(1, { stateDir: labDir });
    })();
    const run = await stress(['--profile', 'baseline']);
    await faults;
    expect(run.manifest).toMatchObject({ complete: true, exitReason: 'completed' });
    const secondOf = (t: number) => Math.floor((t - run.manifest.startUnixMs!) / 1000);

    const stall = sampled(run, 'redis-latency').filter((l) => Math.abs(l.second - secondOf(at.sleep!)) <= 1);
    expect(Math.max(...stall.map((l) => l.data.maxMs))).toBeGreaterThanOrEqual(400);
    const quiet = sampled(run, 'redis-latency').filter((l) => l.second < secondOf(at.sleep!) - 2);
    expect(Math.min(...quiet.map((l) => l.data.maxMs))).toBeLessThan(100);

    const node1 = (l: Extract<SampleLine, { kind: 'balancer' }>) => l.data.servers.find((server) => server.name === 'node1');
    const balancer = sampled(run, 'balancer');
    const firstDown = balancer.find((l) => l.t >= at.kill! && node1(l)?.up === false);
    expect(firstDown, 'HAProxy shows node1 DOWN after the kill').toBeDefined();
    expect(firstDown!.second - secondOf(at.kill!)).toBeLessThanOrEqual(4);
    expect(balancer.filter((l) => l.t < at.kill!).every((l) => node1(l)?.up === true)).toBe(true);
    const backUp = balancer.find((l) => l.t >= at.restart! && node1(l)?.up === true);
    expect(backUp, 'HAProxy shows node1 UP after the restart').toBeDefined();
    expect(backUp!.second - secondOf(at.restart!)).toBeLessThanOrEqual(5);

    // Before the faults: what the nodes say they served adds up to what the engine completed.
    const from = 4;
    const to = secondOf(at.sleep!) - 1;
    expect(to - from, 'seconds measured before the faults').toBeGreaterThanOrEqual(4);
    const completed = windowsOf(run.lines).filter((w) => w.second >= from && w.second < to).reduce((n, w) => n + w.completed, 0) / (to - from);
    const telemetry = sampled(run, 'qdrant-telemetry').filter((l) => l.second >= from + 1 && l.second < to);
    const perNode = new Map<string, number[]>();
    for (const l of telemetry) perNode.set(l.source, [...(perNode.get(l.source) ?? []), l.data.pointsRequestsPerSecond ?? l.data.requestsPerSecond]);
    expect(perNode.size).toBe(3);
    const served = [...perNode.values()].reduce((sum, rates) => sum + rates.reduce((a, b) => a + b, 0) / rates.length, 0);
    expect(Math.abs(served - completed) / completed).toBeLessThanOrEqual(0.05);
  }, 180_000);

  it('record gaps for a sampler whose endpoint is down, and the run still completes', async () => {
    const port = await closedPort();
    const run = await stress(['--profile', 'baseline', '--time-scale', '0.3', '--target', lab.endpoints.balancer, '--form', 'lab', '--nodes', lab.endpoints.nodes.join(','), '--redis', `redis://127.0.0.1:${port}`]);
    expect(run.manifest).toMatchObject({ complete: true, exitReason: 'completed' });
    const redis = run.summary.samplers.filter((s) => s.kind === 'redis-latency' || s.kind === 'redis-info');
    expect(redis.length).toBeGreaterThan(0);
    for (const sampler of redis) expect(sampler).toMatchObject({ status: 'failed', samples: 0 });
    expect(redis.every((s) => s.gaps > 0)).toBe(true);
    expect(JSON.stringify(run.summary.missing)).toMatch(/redis/i);
    expect(run.summary.samplers.find((s) => s.kind === 'qdrant-metrics')?.status).toBe('ok');
  }, 120_000);
});

describe('secrets', () => {
  it('never writes the API key or a password in a URL to the run folder, stdout or stderr', async () => {
    const apiKey = 'SECRET-KEY-5f3a91';
    const password = 'REDIS-PW-77c2e0';
    const redis = new URL(lab.endpoints.redis);
    redis.password = password;
    const run = await stress(['--profile', 'baseline', '--time-scale', '0.2', '--target', lab.endpoints.balancer, '--form', 'lab', '--nodes', lab.endpoints.nodes.join(','), '--api-key', apiKey, '--redis', redis.toString()]);
    expect(run.manifest.complete).toBe(true);
    const written = [run.out, run.err, ...readdirSync(run.dir).map((file) => readFileSync(join(run.dir, file), 'utf8'))].join('\n');
    expect(written).not.toContain(apiKey);
    expect(written).not.toContain(password);
    expect(run.manifest.target.redis).toContain(':***@');
  }, 120_000);
});

describe('stress --repeat', () => {
  it('runs the profile twice into one repeat folder with every run, the median and the spread, and compare uses that spread', async () => {
    const out = mkdtempSync(join(tmpdir(), 'vecstress-repeat-out-'));
    const result = await runCli(['stress', '--out', out, '--profile', 'baseline', '--time-scale', '0.1', '--repeat', '2'], { env });
    const [repeatId, ...others] = readdirSync(out);
    if (!existsSync(join(out, repeatId ?? '', 'repeat.json'))) throw new Error(`no repeat.json: ${result.code}\n${result.err}`);
    expect([repeatId, others]).toEqual([expect.stringMatching(/-baseline-repeat$/), []]);
    const dir = join(out, repeatId!);
    const repeat = JSON.parse(readFileSync(join(dir, 'repeat.json'), 'utf8')) as RepeatSummary;
    expect(repeat).toMatchObject({ schemaVersion: 1, requested: 2, complete: true, seedPolicy: 'same-seed', seed: 1 });
    expect(readdirSync(dir).sort()).toEqual([...repeat.runs.map((r) => r.runId), 'repeat.json', 'repeat.md'].sort());
    // Each run is a whole run folder of its own, with the same plan.
    const plans = repeat.runs.map((r) => (JSON.parse(readFileSync(join(dir, r.runId, 'run.json'), 'utf8')) as RunManifest).plan);
    expect(plans[1]).toEqual(plans[0]);
    const p95 = repeat.figures.p95Ms;
    expect(p95.runs).toBe(2);
    expect(p95.min! <= p95.median! && p95.median! <= p95.max!).toBe(true);
    expect(result.code).toBe(exitCodeOfVerdict(repeat.verdict));
    expect(result.out).toContain(`## vecstress repeat: ${repeat.verdict.toUpperCase()}`);

    const compared = await runCli(['compare', dir, join(dir, repeat.runs[0]!.runId), '--json']);
    const comparison = JSON.parse(compared.out) as Comparison;
    expect(comparison.baseline).toMatchObject({ runId: repeatId, runs: 2 });
    expect(comparison.metrics.find((m) => m.name === 'p95 latency')?.baselineBand).toMatchObject({ runs: 2, min: p95.min, max: p95.max });
    // A run of the repeat lies within the repeat's own spread: no regression against it.
    expect(comparison.regressions.filter((m) => m.name.startsWith('p95'))).toEqual([]);
  }, 120_000);
});

describe('stress against a target that is down', () => {
  it('says so in one line and exits 3 before any load', async () => {
    const port = await closedPort();
    const out = mkdtempSync(join(tmpdir(), 'vs-'));
    const result = await runCli(['stress', '--profile', 'baseline', '--target', `http://127.0.0.1:${port}`, '--out', out], { env });
    expect(result.code).toBe(3);
    expect(result.err).toContain(`target http://127.0.0.1:${port} is down (connection refused on /readyz); nothing was sent`);
    expect(readdirSync(out)).toEqual([]);
  });
});
