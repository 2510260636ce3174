// The lab on real Qdrant (issue 12's "done when"): three real nodes in cluster mode behind HAProxy,
// seeded through the balancer, a short baseline run through HAProxy, and a node killed mid-run.
// Skipped, with one line saying how to enable it, when no Qdrant binary is available.

import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import type { Summary } from '../../src/analysis/summary-types.ts';
import { loadMix } from '../../src/config/load.ts';
import { DEFAULT_MIX_FILE } from '../../src/config/paths.ts';
import { generateDatasets } from '../../src/datasets/generate.ts';
import { loadQuerySet } from '../../src/datasets/load.ts';
import { ensureCapacity, ensureLab, killNode, restartNode, stopRunningLab, type LabHandle } from '../../src/lab/index.ts';
import { pause } from '../../src/lab/processes.ts';
import type { RunManifest } from '../../src/runfolder/manifest.ts';
import type { SampleLine } from '../../src/runfolder/sample-lines.ts';
import { HOW_TO_ENABLE_REAL_NODE, qdrantBinary } from './nodes.ts';

const binary = qdrantBinary();
/**
 * START_TIMEOUT_MS bounds each readiness wait of the start (first peer, the others, the cluster,
 * Redis, HAProxy, the gateway); the hooks outlast them, so a slow start fails as the lab's own
 * error and is never left running on past a hook timeout.
 */
const START_TIMEOUT_MS = 60_000;
const HOOK_TIMEOUT_MS = 7 * START_TIMEOUT_MS;
if (!binary) console.log(`the real-Qdrant lab test is skipped: ${HOW_TO_ENABLE_REAL_NODE}`);

describe.skipIf(!binary)('the lab on real Qdrant', () => {
  const root = mkdtempSync(join(tmpdir(), 'vecstress-real-lab-'));
  const stateDir = join(root, 'state');
  const datasetDir = join(root, 'datasets');
  let lab: LabHandle;

  beforeAll(async () => {
    generateDatasets({ mix: loadMix(DEFAULT_MIX_FILE), dir: datasetDir, points: 300, queries: 20 });
    lab = await ensureLab({ stateDir, datasetDir, qdrantBin: binary!, nodes: 3, startTimeoutMs: START_TIMEOUT_MS });
    // Measured here, as `lab up` would: a run against an unmeasured lab would spend the seconds
    // before the node kill below on the probe.
    await ensureCapacity(stateDir, () => undefined);
  }, HOOK_TIMEOUT_MS);

  afterAll(async () => {
    // By the state folder, not the handle: a start that failed or was cut short left no handle.
    await stopRunningLab({ stateDir });
    expect(existsSync(join(stateDir, 'qdrant'))).toBe(false);
    rmSync(root, { recursive: true, force: true });
  }, HOOK_TIMEOUT_MS);

  it('is a healthy three-node cluster, seeded with replicated collections', async () => {
    expect(lab.kind).toBe('qdrant');
    for (const node of lab.endpoints.nodes) {
      const cluster = (await (await fetch(`${node}/cluster`)).json()) as { result: { peers: Record<string, unknown>; raft_info: { pending_operations: number } } };
      expect(Object.keys(cluster.result.peers)).toHaveLength(3);
    }
    const info = (await (await fetch(`${lab.endpoints.balancer}/collections/mixtral`)).json()) as { result: { points_count: number; config: { params: { shard_number: number; replication_factor: number } } } };
    expect(info.result).toMatchObject({ points_count: 300, config: { params: { shard_number: 3, replication_factor: 2 } } });
  });

  it('runs a baseline through HAProxy with the weighted shares while a node is killed, and fails over', async () => {
    const out = join(root, 'reports');
    const running = runCli(['stress', '--profile', 'baseline', '--out', out], { env: { VECSTRESS_LAB_DIR: stateDir } });
    await pause(12_000);
    await killNode(2, { stateDir });
    const run = await running;
    expect([0, 1, 4], run.err).toContain(run.code);

    const [runId] = readdirSync(out);
    const dir = join(out, runId!);
    const read = (file: string): string => readFileSync(join(dir, file), 'utf8');
    const manifest = JSON.parse(read('run.json')) as RunManifest;
    expect(manifest).toMatchObject({ complete: true, exitReason: 'completed' });
    for (const file of ['windows.ndjson', 'samples.ndjson', 'events.ndjson', 'summary.json', 'report.html']) expect(readdirSync(dir)).toContain(file);
    const summary = JSON.parse(read('summary.json')) as Summary;
    expect(summary.totals.requests).toBeGreaterThanOrEqual(2000);
    for (const [name, collection] of Object.entries(summary.collections)) expect(Math.abs(collection.share - collection.expectedShare), name).toBeLessThanOrEqual(0.02);

    // HAProxy's stats, as sampled during the run, show the killed node going down.
    const balancer = read('samples.ndjson').trim().split('\n').map((line) => JSON.parse(line) as SampleLine).filter((line) => line.type === 'sample' && line.kind === 'balancer');
    const node2 = balancer.map((line) => (line.data as { servers: Array<{ name: string; up: boolean }> }).servers.find((s) => s.name === 'node2')?.up);
    expect(node2).toContain(true);
    expect(node2).toContain(false);

    // Every collection is still searchable, exactly, with one node of three gone.
    for (const name of Object.keys(summary.collections)) {
      const q = loadQuerySet(name, { dir: datasetDir }).queries[0]!;
      const body = { query: q.vector, limit: 10, ...(q.filter ? { filter: { must: [{ key: q.filter.key, match: { value: q.filter.value } }] } } : {}) };
      const response = await fetch(`${lab.endpoints.balancer}/collections/${name}/points/query`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const answer = (await response.json()) as { result: { points: Array<{ id: number }> } };
      expect(response.status, name).toBe(200);
      expect(answer.result.points.map((p) => p.id).filter((id) => q.truth.includes(id)).length, name).toBeGreaterThanOrEqual(9);
    }
  }, 180_000);

  it('restarts the killed node into the cluster, and `lab status` shows three peers', async () => {
    await restartNode(2, { stateDir });
    const status = await runCli(['lab', 'status', '--json', '--state-dir', stateDir]);
    expect(JSON.parse(status.out)).toMatchObject({ kind: 'qdrant', cluster: { peers: 3, pendingOperations: 0 } });
  }, 120_000);
});
