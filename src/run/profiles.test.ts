import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Summary } from '../analysis/summary-types.ts';
import { ensureCapacity, ensureLab, stopRunningLab } from '../lab/index.ts';
import type { RunManifest } from '../runfolder/manifest.ts';
import { runCli } from '../../test/helpers/cli.ts';

// Every profile's lab form, end to end against one lab sized by its measured capacity, asserting
// what the profile exists to find. Time-scaled where the finding survives it, to keep CI short:
// each run still has the stages, steps and recovery window its analysis needs. baseline, spike
// and progressive at full lab length run in stress.test.ts.

const labDir = mkdtempSync(join(tmpdir(), 'vecstress-profiles-lab-'));
const env = { VECSTRESS_LAB_DIR: labDir };
/**
 * Lab-sized latency limits: the default thresholds are production's SLOs (p95 20 ms), which the
 * noise of a shared 2-core machine alone can break; a step here is good while p95 stays under
 * 250 ms and errors under 1 %.
 */
const thresholds = join(mkdtempSync(join(tmpdir(), 'vecstress-profiles-thresholds-')), 'thresholds.yaml');
writeFileSync(thresholds, 'global:\n  latency: { p95: 250ms, p99: 1s }\n  errorRate: 1%\n  memory: 85%\nceilings:\n  cpu: 95%\n  memory: 64GB\n  connections: 10000\n');

beforeAll(async () => {
  await ensureLab({ stateDir: labDir, startTimeoutMs: 120_000 });
  await ensureCapacity(labDir, () => undefined);
}, 300_000);

afterAll(async () => {
  await stopRunningLab({ stateDir: labDir });
}, 120_000);

async function stress(profile: string, timeScale: number): Promise<{ code: number; err: string; summary: Summary; manifest: RunManifest }> {
  const out = mkdtempSync(join(tmpdir(), 'vecstress-profiles-out-'));
  const result = await runCli(['stress', '--profile', profile, '--time-scale', String(timeScale), '--thresholds', thresholds, '--out', out], { env });
  const [runId] = readdirSync(out);
  if (!runId) throw new Error(`no run folder was written:\n${result.err}`);
  const read = (file: string): unknown => JSON.parse(readFileSync(join(out, runId, file), 'utf8'));
  const run = { ...result, summary: read('summary.json') as Summary, manifest: read('run.json') as RunManifest };
  // Sized to the lab, not to the fixed scale, and never stopped by the error-rate rule.
  expect(run.manifest.plan.labSizing?.kind, profile).toBe(profile === 'exhaustion' ? 'fixed' : 'capacity');
  expect(run.summary.abortRule?.fired?.rule ?? 'none', profile).not.toBe('error-rate');
  return run;
}

/** goodStepsBeforeBreak counts the searched steps before the breaking one. */
function goodStepsBeforeBreak(summary: Summary): number {
  const searched = summary.steps.filter((s) => s.role === 'step');
  return searched.findIndex((s) => s.index === summary.breakingPoint.stepIndex);
}

describe('every profile finds what it exists to find, on the lab', () => {
  it('stress: completes past the break, with at least three good steps before it, and names how it broke', async () => {
    const run = await stress('stress', 0.5);
    expect(run.manifest.complete || run.summary.abortRule?.fired?.rule === 'safety').toBe(true);
    expect(run.summary.breakingPoint).toMatchObject({ found: true });
    expect(goodStepsBeforeBreak(run.summary)).toBeGreaterThanOrEqual(3);
    expect(['graceful', 'collapse']).toContain(run.summary.breakingPoint.mode);
  }, 180_000);

  it('recovery: runs through its own overload and measures the time to recover', async () => {
    const run = await stress('recovery', 0.6);
    expect(run.manifest).toMatchObject({ complete: true, exitReason: 'completed' });
    expect(run.summary.recovery).toMatchObject({ applicable: true, measured: true, code: 'recovered' });
    expect(run.summary.recovery.seconds).toBeGreaterThanOrEqual(0);
  }, 180_000);

  it('concurrency: finds the concurrent-user limit', async () => {
    const run = await stress('concurrency', 0.5);
    expect(run.manifest.complete).toBe(true);
    expect(run.summary.breakingPoint).toMatchObject({ found: true, offeredUnit: 'vus' });
  }, 180_000);

  it('exhaustion: heavy batches break the lab, with the nodes\' CPU figures beside the break', async () => {
    // The stand-in nodes refuse past 64 searches in flight long before a ceiling of thresholds.yaml
    // is reached, so the break shows as latency and errors; naming the resource is not asserted.
    const run = await stress('exhaustion', 0.5);
    expect(run.manifest.complete).toBe(true);
    expect(run.summary.breakingPoint.found).toBe(true);
    const breaking = run.summary.steps.find((s) => s.index === run.summary.breakingPoint.stepIndex)!;
    expect(breaking.nodeCpuPercent).not.toBeNull();
  }, 180_000);

  it('sustained: completes under the capacity, with the nodes\' memory figures', async () => {
    const run = await stress('sustained', 0.5);
    expect(run.manifest).toMatchObject({ complete: true, exitReason: 'completed' });
    expect(run.summary.totals.errorRate).toBeLessThan(0.01);
    const memory = run.summary.thresholds.find((t) => t.metric === 'memory');
    expect(memory?.value ?? null).not.toBeNull();
  }, 180_000);
});
