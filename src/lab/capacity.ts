// The lab's capacity: a short closed-loop run of the weighted mix through HAProxy with the real
// engine, so the lab forms of the profiles can be sized to what this lab on this machine serves
// (the plan reads it as PlanInput.labCapacity) rather than to a fixed fraction of production.

import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, hostname, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { scenarioFor } from '../../scenarios/index.ts';
import { buildCorpus } from '../../scenarios/lib/corpus.ts';
import type { ScenarioQuery } from '../../scenarios/lib/types.ts';
import { loadMix } from '../config/load.ts';
import { DEFAULT_MIX_FILE } from '../config/paths.ts';
import type { LabCapacity } from '../config/plan-input.ts';
import { profileSchema } from '../config/profile-schema.ts';
import { loadQuerySet } from '../datasets/index.ts';
import { vecstressEngine } from '../engine/vecstress-engine.ts';
import { buildPlan } from '../plan/build.ts';
import type { Plan } from '../plan/types.ts';
import type { TickLine } from '../runfolder/engine-lines.ts';

/**
 * PROBE: 48 users back to back keep every node of the default lab busy while staying under the
 * stand-in nodes' 64 searches in flight each, so the probe measures service, not refusals; the
 * first seconds (connections opening, caches warming) are left out of the figure.
 */
export const PROBE = { users: 48, seconds: 12, settleSeconds: 4, timeoutMs: 5000 } as const;
/** Distinct requests per collection: variety enough for the nodes' caches, small enough to build at once. */
const PROBE_REQUESTS_PER_COLLECTION = 50;

/** machineDescription names the machine a capacity was measured on: it holds only there. */
export function machineDescription(): string {
  const cores = cpus();
  return `${hostname()}, ${cores.length} × ${cores[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB`;
}

/** probePlan is the probe as a plan: the default mix, closed model, PROBE.users for PROBE.seconds. */
export function probePlan(collections: readonly string[]): Plan {
  const mix = loadMix(DEFAULT_MIX_FILE);
  const profile = profileSchema.parse({
    description: 'lab capacity probe: the weighted mix, closed loop, through HAProxy',
    model: 'closed',
    ratePerConnection: 1,
    stages: [{ name: 'probe', duration: `${PROBE.seconds}s`, connections: PROBE.users }],
    lab: { loadScale: 1, timeScale: 1 },
  });
  const served = Object.keys(mix.collections).filter((name) => collections.includes(name));
  return buildPlan({ profileName: 'capacity-probe', profile, mix, form: 'full', collections: served, timeoutMs: PROBE.timeoutMs });
}

/** capacityOf is the median ok answers per second over the probe's settled seconds. */
export function capacityOf(ticks: readonly TickLine[]): number {
  const settled = ticks.filter((t) => t.second >= PROBE.settleSeconds && t.second < PROBE.seconds).map((t) => t.completed - t.failed);
  if (settled.length === 0) return 0;
  const sorted = [...settled].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * measureCapacity runs the probe against the lab's balancer (loopback only) and returns what it
 * served. A probe that got no ok answer is an error: a capacity of nothing would size every
 * profile to nothing.
 */
export async function measureCapacity(lab: { balancer: string; datasetDir: string; collections: readonly string[] }): Promise<LabCapacity> {
  const plan = probePlan(lab.collections);
  const queries = new Map<string, ScenarioQuery[]>(plan.mix.map((entry) => [entry.collection, loadQuerySet(entry.collection, { dir: lab.datasetDir }).queries]));
  const corpus = buildCorpus(scenarioFor('baseline'), { plan, api: 'query', queries, requestsPerCollection: PROBE_REQUESTS_PER_COLLECTION });
  await vecstressEngine.check();
  const workDir = mkdtempSync(join(tmpdir(), 'vecstress-probe-'));
  try {
    const input = { plan, corpus, targetUrl: lab.balancer, workDir };
    vecstressEngine.prepare(input);
    const run = vecstressEngine.start({ ...input, logFile: join(workDir, 'engine.log') });
    const ticks: TickLine[] = [];
    for await (const line of run.lines) if (line.type === 'tick') ticks.push(line);
    const exit = await run.exited;
    const rps = capacityOf(ticks);
    if (rps <= 0) throw new Error(`the lab's capacity probe got no ok answer through ${lab.balancer} (engine exit ${exit.code ?? exit.signal}${exit.error ? `: ${exit.error}` : ''})`);
    return { rps, measuredAt: new Date().toISOString(), machine: machineDescription() };
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}
