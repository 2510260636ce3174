import type { StageRole } from '../../src/config/profile-schema.ts';
import type { ThresholdsDefinition } from '../../src/config/thresholds-schema.ts';
import { uniformAbort } from '../../src/plan/abort.ts';
import { arrivalsBy, stageAt, targetAt } from '../../src/plan/shape.ts';
import { PLAN_SCHEMA_VERSION, type LoadModel, type Plan, type PlanStage } from '../../src/plan/types.ts';
import { ENGINE_PROTOCOL_VERSION, ERROR_CLASSES, type EngineProtocol, type ErrorCounts, type TickLine, type WindowLine } from '../../src/runfolder/engine-lines.ts';
import type { EventLine } from '../../src/runfolder/event-lines.ts';
import { decodeHistogram, encodeHistogram, newHistogram, type Histogram } from '../../src/runfolder/histogram.ts';
import { RUN_FOLDER_VERSION, type ExitReason, type RunManifest } from '../../src/runfolder/manifest.ts';
import type { RecordedRun } from '../../src/runfolder/recorded-run.ts';
import type { GapLine, SampleLine } from '../../src/runfolder/sample-lines.ts';

// Builds a RecordedRun from a compact description, with real encoded histograms, so analysis
// tests read like specifications: "steps of 100 req/s; from 400 req/s on, p95 is 80 ms".

export const START_UNIX_MS = Date.UTC(2026, 10, 24, 9, 0, 0);

/** LatencyShape is a latency distribution in ms: a typical value, or the percentiles that matter. */
export type LatencyShape = number | { min?: number; p50: number; p90?: number; p95?: number; p99?: number; max?: number };

/** exactly is a latency every request has. */
export function exactly(ms: number): LatencyShape {
  return { min: ms, p50: ms, p90: ms, p95: ms, p99: ms, max: ms };
}

/** SecondLoad is what happened in one second, all collections together. */
export interface SecondLoad {
  /** Arrivals scheduled (open model: default the plan's; closed model: requests started, default `completed`). */
  scheduled?: number;
  dropped?: number;
  /** Requests that ended; default everything sent. */
  completed?: number;
  /** Failed requests by class; they count in `completed`. */
  errors?: Partial<ErrorCounts>;
  /** Latency of the ok requests (and of the failed ones, unless failedLatencyMs says otherwise). */
  latencyMs?: LatencyShape;
  /** Latency of the failed requests: a fast refusal is not a slow answer. */
  failedLatencyMs?: LatencyShape;
  /** Per-collection latency, for collections that behave differently. */
  latencyMsByCollection?: Record<string, LatencyShape>;
  /** Qdrant's own time; absent: no server histogram. */
  serverMs?: LatencyShape;
  /** Recall checks: how many responses were checked and their mean recall@k. */
  recall?: { checked: number; mean: number };
}

export interface SyntheticStage {
  name?: string;
  role?: StageRole;
  seconds: number;
  /** Target at the stage's end (req/s open, VUs closed); ramps from startTarget when given. */
  target: number;
  startTarget?: number;
}

/** SyntheticSample is a sample line without its clock fields, which the generator fills in. */
export type SyntheticSample = DistributiveOmit<SampleLine, 'type' | 't' | 'sampler'>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export interface SyntheticRunSpec {
  profile?: string;
  model?: LoadModel;
  form?: Plan['form'];
  /** plan.scale.load (the lab form's load scale). */
  loadScale?: number;
  stages: SyntheticStage[];
  collections?: Array<{ name: string; share: number; pattern?: string }>;
  /** What happened each second; default: every arrival answered ok in 5 ms. */
  load?: (second: number, stage: PlanStage) => SecondLoad;
  /** Seconds the engine recorded; default the whole plan (an interrupted run stops earlier). */
  seconds?: number;
  thresholds?: ThresholdsDefinition;
  samples?: SyntheticSample[];
  gaps?: Array<Omit<GapLine, 'type' | 't' | 'sampler'>>;
  events?: Array<Omit<EventLine, 't'>>;
  nodes?: string[];
  complete?: boolean;
  exitReason?: ExitReason;
  abortReason?: string | null;
  pointsBefore?: Record<string, number>;
  pointsAfter?: Record<string, number>;
  pointCountFailures?: RunManifest['pointCountFailures'];
  maxInFlight?: number;
  /** Engine protocol the windows follow: 1 writes no okLatency/failedLatency, as engines before the split did. */
  protocol?: 1;
  /** The plan's abort rule; default 50 % for 10 s in every role, safety after 15 s. */
  abort?: Plan['abort'];
}

/** NO_THRESHOLDS holds nothing: the default, so each test names the limits it is about. */
export const NO_THRESHOLDS: ThresholdsDefinition = { global: {}, ceilings: {}, profiles: {}, collections: {} };

/** syntheticRun builds the run the spec describes, as readRunFolder would return it. */
export function syntheticRun(spec: SyntheticRunSpec): RecordedRun {
  const plan = syntheticPlan(spec);
  const collections = spec.collections ?? [{ name: 'main', share: 1 }];
  const load = spec.load ?? (() => ({}));
  const recordedSeconds = spec.seconds ?? plan.durationSeconds;
  const windows: WindowLine[] = [];
  const ticks: TickLine[] = [];
  for (let second = 0; second < recordedSeconds; second++) {
    const stage = stageAt(plan.stages, second);
    const secondWindows = windowsOfSecond(plan, second, stage, load(second, stage), collections, spec.protocol ?? ENGINE_PROTOCOL_VERSION);
    windows.push(...secondWindows);
    ticks.push(tickOf(plan, second, stage, secondWindows));
  }
  const complete = spec.complete ?? recordedSeconds >= plan.durationSeconds;
  const endUnixMs = START_UNIX_MS + recordedSeconds * 1000;
  const totals = windows.reduce(
    (sum, w) => ({
      scheduled: sum.scheduled + w.scheduled,
      sent: sum.sent + w.sent,
      dropped: sum.dropped + w.dropped,
      completed: sum.completed + w.completed,
      abandoned: sum.abandoned + (w.sent - w.completed),
    }),
    { scheduled: 0, sent: 0, dropped: 0, completed: 0, abandoned: 0 },
  );
  return {
    dir: '(synthetic)',
    manifest: syntheticManifest(spec, plan, complete, endUnixMs),
    start: { type: 'start', protocol: spec.protocol ?? ENGINE_PROTOCOL_VERSION, engine: 'synthetic', version: '0', builtWith: {}, model: plan.model, startUnixMs: START_UNIX_MS },
    end: { type: 'end', reason: complete ? 'completed' : 'interrupted', endUnixMs, totals },
    windows,
    ticks,
    samples: (spec.samples ?? []).map((s) => ({ ...s, type: 'sample', sampler: s.kind, t: clockOf(s.second) }) as SampleLine),
    gaps: (spec.gaps ?? []).map((g) => ({ ...g, type: 'gap', sampler: g.kind, t: clockOf(g.second) })),
    events: (spec.events ?? []).map((e) => ({ ...e, t: clockOf(e.second) })),
    problems: [],
  };
}

/** clockOf is the wall-clock time of the middle of a second of the run. */
export function clockOf(second: number): number {
  return START_UNIX_MS + second * 1000 + 500;
}

function syntheticPlan(spec: SyntheticRunSpec): Plan {
  const model = spec.model ?? 'open';
  const ratePerConnection = model === 'open' ? 4 : 1;
  let startSecond = 0;
  const stages = spec.stages.map((s, index): PlanStage => {
    const startTarget = s.startTarget ?? s.target;
    const stage: PlanStage = {
      index,
      name: s.name ?? `step ${index + 1}`,
      role: s.role ?? 'step',
      startSecond,
      durationSeconds: s.seconds,
      executor: model === 'open' ? (startTarget === s.target ? 'constant-arrival-rate' : 'ramping-arrival-rate') : startTarget === s.target ? 'constant-vus' : 'ramping-vus',
      startTarget,
      endTarget: s.target,
      startConnections: Math.ceil(startTarget / ratePerConnection),
      endConnections: Math.ceil(s.target / ratePerConnection),
    };
    startSecond += s.seconds;
    return stage;
  });
  const collections = spec.collections ?? [{ name: 'main', share: 1 }];
  return {
    schemaVersion: PLAN_SCHEMA_VERSION,
    profile: spec.profile ?? 'progressive',
    description: 'synthetic',
    form: spec.form ?? 'full',
    model,
    unit: model === 'open' ? 'req/s' : 'vus',
    scale: { load: spec.loadScale ?? 1, time: 1 },
    seed: 1,
    durationSeconds: startSecond,
    ratePerConnection,
    thinkTimeMs: 0,
    query: { limit: 10, exact: false, withPayload: false, batch: 1 },
    stages,
    mix: collections.map((c) => ({ collection: c.name, weight: c.share * 100, share: c.share, pattern: (c.pattern ?? 'similarity_search') as 'similarity_search', vectorSize: 4, distance: 'Cosine' })),
    limits: { maxConnections: 100, maxInFlight: spec.maxInFlight ?? 1000, timeoutMs: 10_000 },
    abort: spec.abort ?? uniformAbort(0.5, 10, 15),
  };
}

function syntheticManifest(spec: SyntheticRunSpec, plan: Plan, complete: boolean, endUnixMs: number): RunManifest {
  return {
    schemaVersion: RUN_FOLDER_VERSION,
    runId: `20261124-090000-${plan.profile}`,
    profile: plan.profile,
    form: plan.form,
    engine: 'vecstress',
    target: { kind: 'url', url: 'http://balancer:6333', api: 'query', balancer: 'http://balancer:6333', nodes: spec.nodes ?? [] },
    plan,
    thresholds: spec.thresholds ?? NO_THRESHOLDS,
    config: { mixFile: 'mix.yaml', thresholdsFile: 'thresholds.yaml', profileFile: `profiles/${plan.profile}.yaml`, flags: {} },
    versions: { vecstress: '0.1.0', node: 'v20.20.2' },
    host: { hostname: 'generator', platform: 'linux', arch: 'x64', cpus: 2, memoryBytes: 8e9, kernel: '6.1' },
    startedAt: new Date(START_UNIX_MS).toISOString(),
    startUnixMs: START_UNIX_MS,
    endedAt: new Date(endUnixMs).toISOString(),
    complete,
    exitReason: spec.exitReason ?? (complete ? 'completed' : 'interrupted'),
    abortReason: spec.abortReason ?? null,
    ...(spec.pointsBefore ? { pointsBefore: spec.pointsBefore } : {}),
    ...(spec.pointsAfter ? { pointsAfter: spec.pointsAfter } : {}),
    ...(spec.pointCountFailures ? { pointCountFailures: spec.pointCountFailures } : {}),
  };
}

function windowsOfSecond(
  plan: Plan,
  second: number,
  stage: PlanStage,
  load: SecondLoad,
  collections: Array<{ name: string; share: number; pattern?: string }>,
  protocol: EngineProtocol,
): WindowLine[] {
  const dropped = load.dropped ?? 0;
  const scheduled =
    load.scheduled ?? (plan.model === 'open' ? Math.round(arrivalsBy(plan.stages, second + 1)) - Math.round(arrivalsBy(plan.stages, second)) : (load.completed ?? 0) + dropped);
  const sent = scheduled - dropped;
  const completed = load.completed ?? sent;
  const shares = collections.map((c) => c.share);
  const scheduledBy = split(scheduled, shares);
  const droppedBy = split(dropped, shares);
  const completedBy = split(completed, shares);
  const errorsBy = ERROR_CLASSES.map((cls) => split(load.errors?.[cls] ?? 0, shares));
  const checkedBy = split(load.recall?.checked ?? 0, shares);
  return collections.map((collection, i): WindowLine => {
    const errors = Object.fromEntries(ERROR_CLASSES.map((cls, k) => [cls, errorsBy[k]![i]!])) as ErrorCounts;
    const failed = ERROR_CLASSES.reduce((sum, cls) => sum + errors[cls], 0);
    const done = completedBy[i]!;
    const okShape = load.latencyMsByCollection?.[collection.name] ?? load.latencyMs ?? 5;
    const latencies = outcomeLatencies(okShape, load.failedLatencyMs ?? okShape, done - failed, failed);
    const server = load.serverMs === undefined ? undefined : latencyHistogram(load.serverMs, done - failed);
    const checked = checkedBy[i]!;
    return {
      type: 'window',
      second,
      collection: collection.name,
      pattern: collection.pattern ?? 'similarity_search',
      stage: stage.index,
      scheduled: scheduledBy[i]!,
      sent: scheduledBy[i]! - droppedBy[i]!,
      dropped: droppedBy[i]!,
      completed: done,
      ok: done - failed,
      codes: { '200': done - failed, ...(failed > 0 ? { '0': failed } : {}) },
      errors,
      ...(latencies.latency ? { latency: latencies.latency, service: latencies.latency } : {}),
      ...(protocol === 1 ? {} : latencies.byOutcome),
      ...(server ? { server } : {}),
      bytesIn: done * 400,
      bytesOut: done * 3000,
      ...(checked > 0 ? { recallChecked: checked, recallSum: checked * load.recall!.mean } : {}),
    };
  });
}

function tickOf(plan: Plan, second: number, stage: PlanStage, windows: WindowLine[]): TickLine {
  const sum = (pick: (w: WindowLine) => number): number => windows.reduce((total, w) => total + pick(w), 0);
  return {
    type: 'tick',
    second,
    target: targetAt(plan.stages, second),
    inFlightMax: 10,
    inFlight: 5,
    connections: stage.endConnections,
    vus: plan.model === 'closed' ? Math.round(targetAt(plan.stages, second)) : 0,
    scheduled: sum((w) => w.scheduled),
    sent: sum((w) => w.sent),
    dropped: sum((w) => w.dropped),
    completed: sum((w) => w.completed),
    failed: sum((w) => w.completed - w.ok),
    p95Us: 0,
  };
}

/** split divides a count by shares with the largest-remainder method, so the parts add up. */
function split(total: number, shares: number[]): number[] {
  const sum = shares.reduce((a, b) => a + b, 0);
  const exact = shares.map((s) => (total * s) / sum);
  const parts = exact.map(Math.floor);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0]);
  for (let k = 0; k < total - parts.reduce((a, b) => a + b, 0); k++) parts[order[k]![1]]! += 1;
  return parts;
}

/** outcomeLatencies gives the ok and failed requests' histograms and, merged, all requests'. */
function outcomeLatencies(okShape: LatencyShape, failedShape: LatencyShape, ok: number, failed: number) {
  const okLatency = latencyHistogram(okShape, ok);
  const failedLatency = latencyHistogram(failedShape, failed);
  const parts = [okLatency, failedLatency].filter((h) => h !== undefined);
  if (parts.length === 0) return { latency: undefined, byOutcome: {} };
  const merged = newHistogram();
  for (const part of parts) merged.add(decodeHistogram(part.hist));
  return {
    latency: encodeHistogram(merged, Math.max(...parts.map((h) => h.max))),
    byOutcome: { ...(okLatency ? { okLatency } : {}), ...(failedLatency ? { failedLatency } : {}) },
  };
}

/**
 * latencyHistogram records `count` latencies following the shape: values at evenly spaced
 * quantiles of a piecewise-linear quantile curve through the shape's percentiles, in µs.
 */
function latencyHistogram(shape: LatencyShape, count: number) {
  if (count <= 0) return undefined;
  const curve = quantileCurve(shape);
  const histogram: Histogram = newHistogram();
  // At most 1000 distinct values, each recorded with its share of the count.
  const groups = Math.min(count, 1000);
  const counts = split(count, Array(groups).fill(1));
  let max = 0;
  for (let g = 0; g < groups; g++) {
    const valueUs = Math.max(1, Math.round(valueAt(curve, (g + 0.5) / groups) * 1000));
    histogram.recordValueWithCount(valueUs, counts[g]!);
    max = Math.max(max, valueUs);
  }
  return encodeHistogram(histogram, max);
}

function quantileCurve(shape: LatencyShape): Array<[number, number]> {
  const s = typeof shape === 'number' ? { p50: shape } : shape;
  const p95 = s.p95 ?? s.p50 * 1.6;
  const p90 = s.p90 ?? s.p50 + (p95 - s.p50) * 0.8;
  const p99 = s.p99 ?? p95 * 1.2;
  const max = s.max ?? p99 * 1.1;
  return [[0, s.min ?? s.p50 * 0.6], [0.5, s.p50], [0.9, p90], [0.95, p95], [0.99, p99], [1, max]];
}

function valueAt(curve: Array<[number, number]>, q: number): number {
  for (let i = 1; i < curve.length; i++) {
    const [q0, v0] = curve[i - 1]!;
    const [q1, v1] = curve[i]!;
    if (q <= q1) return v0 + ((v1 - v0) * (q - q0)) / (q1 - q0);
  }
  return curve[curve.length - 1]![1];
}

/** calmGeneratorSamples are one generator sample a second over `seconds`, at `cpuPercent`: a generator that was watched and kept up. */
export function calmGeneratorSamples(seconds: number, cpuPercent = 20): SyntheticSample[] {
  return Array.from({ length: seconds }, (_, second) => ({
    kind: 'generator' as const,
    source: 'generator',
    second,
    data: { engineCpuPercent: cpuPercent, nodeCpuPercent: cpuPercent, machineCpuPercent: cpuPercent, nodeRssBytes: 1e8, eventLoopLagMs: 1, cores: 2 },
  }));
}
