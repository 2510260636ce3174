import type { ThresholdsDefinition } from '../config/thresholds-schema.ts';
import { stageAt } from '../plan/shape.ts';
import type { Plan, PlanStage } from '../plan/types.ts';
import type { RecordedRun } from '../runfolder/recorded-run.ts';
import { abortWatchOf } from './abort-watch.ts';
import { markAdvisory } from './advisory.ts';
import { findBreakingPoint, type ResourceUse, type StepEvidence } from './breaking-point.ts';
import { failoversOf, measureFairness, nodeBackInRotationSeconds } from './fairness.ts';
import { generatorHealth } from './generator.ts';
import { headroomOf } from './headroom.ts';
import { checkIntegrity } from './integrity.ts';
import { toLatencySummary } from './latency.ts';
import { highestNodeMean, nodeKey, nodeValues } from './node-series.ts';
import { measureRecovery } from './recovery.ts';
import { missingSamplers, samplerStatuses } from './samplers.ts';
import { secondPoints, type SecondPoint } from './second-points.ts';
import { inRange, isMeasured, searchedStages, stageRange, steadyRange, type SecondRange } from './stages.ts';
import { buildSteps, stepGroup, stepRange } from './steps.ts';
import { SUMMARY_SCHEMA_VERSION, type CollectionSummary, type MissingData, type StepSummary, type Summary } from './summary-types.ts';
import { evaluateThresholds, runLimits } from './thresholds.ts';
import { fitUsl } from './usl.ts';
import { verdictOf } from './verdict.ts';
import { droppedShareOf, emptyFigures, errorRateOf, failures, figuresByGroup, figuresBySecond, unservedRateOf, type WindowFigures } from './window-figures.ts';
import { largestOf } from './largest.ts';

const RUN_GROUP = 'run';
const collectionGroup = (name: string): string => `collection:${name}`;

/**
 * analyzeRun turns a recorded run into its summary: figures, steps, thresholds, breaking point,
 * recovery, capacity model, fairness and the verdict. Pure: it reads nothing but `run`.
 * `thresholds` re-evaluates the run against other limits than the ones it was made with.
 */
export function analyzeRun(run: RecordedRun, options: { thresholds?: ThresholdsDefinition } = {}): Summary {
  const { manifest } = run;
  const plan = manifest.plan;
  const definition = options.thresholds ?? manifest.thresholds;
  const problems: MissingData[] = [];

  const measuredStages = plan.stages.some(isMeasured) ? plan.stages.filter(isMeasured) : plan.stages;
  const measuredRanges = measuredStages.map(stageRange);
  const isMeasuredSecond = (second: number): boolean => measuredRanges.some((r) => inRange(r, second));
  const steadyRanges = new Map(plan.stages.map((s) => [s.index, steadyRange(s)]));

  // Per second, only ok latency is read (breaking-point and recovery rules); the rest is read per step and run.
  const seconds = figuresBySecond(run.windows, problems, ['okLatency']);
  const groups = figuresByGroup(
    run.windows,
    (w) => {
      const stage = stageAt(plan.stages, w.second);
      const inSteadyState = inRange(steadyRanges.get(stage.index)!, w.second);
      return [...(isMeasuredSecond(w.second) ? [RUN_GROUP, collectionGroup(w.collection)] : []), ...(inSteadyState ? [stepGroup(stage)] : [])];
    },
    problems,
  );
  const whole = groups.get(RUN_GROUP) ?? emptyFigures();
  const measuredSeconds = [...seconds.keys()].filter(isMeasuredSecond).length;
  // The target's own nodes: resource verdicts are about them, not the balancer or Redis beside them.
  const nodes = manifest.target.nodes.length > 0 ? new Set(manifest.target.nodes.map(nodeKey)) : undefined;
  const steps = buildSteps(plan, seconds, groups, run.samples, nodes);
  const points = secondPoints(plan, seconds);
  const collections = collectionSummaries(plan, run.windows.map((w) => w.collection), groups, whole.sent);

  const searched = searchedStages(plan.stages).flatMap((stage) => steps.filter((step) => step.index === stage.index));
  const limits = runLimits(definition, plan.profile);
  const breakingPoint = findBreakingPoint(plan.model, searched.map((step) => evidenceOf(run, step, points, nodes)), limits, definition.ceilings);

  const failovers = failoversOf(run.samples);
  const nodeBack = nodeBackInRotationSeconds(failovers, run.events);
  const recovery = { ...measureRecovery(plan.stages, steps, points), ...(nodeBack === undefined ? {} : { nodeBackInRotationSeconds: nodeBack }) };
  const measuredSpan = spanOf(measuredStages);
  const fairness = measureFairness(run.samples, measuredSpan, steps, (second) => failures(seconds.get(second) ?? emptyFigures()));

  const measuredSteps = steps.filter((s) => measuredStages.some((stage) => stage.index === s.index));
  const memoryUsed = nodeValues(run.samples, 'memoryUsedPercent');
  const thresholds = markAdvisory(plan.model, evaluateThresholds(definition, {
    profile: plan.profile,
    loadScale: plan.scale.load,
    latency: toLatencySummary(whole.okLatency),
    latencySplit: whole.unsplitWindows === 0,
    errorRate: errorRateOf(whole),
    unservedRate: unservedRateOf(whole),
    collections: Object.fromEntries(
      Object.entries(collections).map(([name, c]) => [
        name,
        { latency: c.latencyMs, latencySplit: (groups.get(collectionGroup(name))?.unsplitWindows ?? 0) === 0, errorRate: c.requests > 0 ? c.errorRate : null, unservedRate: c.unservedRate },
      ]),
    ),
    bestOkRps: highestOf(measuredSteps.map((s) => s.throughputRps)),
    cpuPercent: highestOf(measuredSteps.map((s) => s.nodeCpuPercent)),
    memoryUsedPercent: highestOf(measuredSteps.map((s) => highestNodeMean(memoryUsed, stepRange(s)))),
    connectionsHeld: highestOf(run.ticks.filter((t) => isMeasuredSecond(t.second)).map((t) => t.connections)),
    recovery,
  }));

  const generator = generatorHealth(run.samples, run.windows.reduce((sum, w) => sum + (w.dropped ?? 0), 0));
  const integrity = checkIntegrity(manifest);
  const samplers = samplerStatuses(run.samples, run.gaps, manifest.samplerRequestRates);
  const verdict = verdictOf({ manifest, windows: run.windows.length, thresholds, generator, integrity });
  const throughputTarget = limits.throughput === undefined ? null : limits.throughput * plan.scale.load;
  const latencyMs = toLatencySummary(whole.okLatency);
  const serverTimeMs = toLatencySummary(whole.server);

  return {
    schemaVersion: SUMMARY_SCHEMA_VERSION,
    runId: manifest.runId,
    profile: manifest.profile,
    form: manifest.form,
    engine: manifest.engine,
    model: plan.model,
    target: { url: manifest.target.url, kind: manifest.target.kind, api: manifest.target.api },
    startedAt: manifest.startedAt,
    endedAt: manifest.endedAt,
    durationSeconds: (largestOf(seconds.keys()) ?? -1) + 1,
    complete: manifest.complete,
    abortReason: manifest.abortReason,
    abortRule: abortWatchOf(plan, run.events),
    totals: {
      scheduled: whole.scheduled,
      requests: whole.sent,
      completed: whole.completed,
      ok: whole.ok,
      errors: failures(whole),
      errorRate: errorRateOf(whole) ?? 0,
      throughputRps: measuredSeconds > 0 ? whole.ok / measuredSeconds : 0,
      completedRps: measuredSeconds > 0 ? whole.completed / measuredSeconds : 0,
      dropped: whole.dropped,
      droppedShare: droppedShareOf(whole),
      unservedRate: unservedRateOf(whole),
      bytesIn: whole.bytesIn,
      bytesOut: whole.bytesOut,
      seconds: measuredSeconds,
    },
    errorsByClass: whole.errors,
    latencyMs,
    failedLatencyMs: toLatencySummary(whole.failedLatency),
    serviceTimeMs: toLatencySummary(whole.service),
    serverTimeMs,
    collections,
    steps,
    thresholds,
    breakingPoint,
    recovery,
    capacityModel: fitUsl(searched.map((s) => ({ concurrency: s.concurrency, throughputRps: s.throughputRps }))),
    headroom: headroomOf(throughputTarget, breakingPoint, steps, new Set(searched.map((s) => s.index))),
    fairness,
    queueing: {
      clientP50Ms: latencyMs?.p50 ?? null,
      serverP50Ms: serverTimeMs?.p50 ?? null,
      overheadP50Ms: latencyMs && serverTimeMs ? latencyMs.p50 - serverTimeMs.p50 : null,
    },
    recall: recallOf(manifest.recallK, whole),
    integrity,
    generator,
    samplers,
    verdict: verdict.verdict,
    verdictReasons: verdict.reasons,
    missing: [
      ...(manifest.complete ? [] : [{ code: 'incomplete', exitReason: manifest.exitReason, abortReason: manifest.abortReason } as const]),
      ...run.problems.map((problem) => ({ code: 'run-folder-problem', problem }) as const),
      ...problems,
      ...(whole.unsplitWindows > 0 ? [{ code: 'ok-latency-not-split', windows: whole.unsplitWindows } as const] : []),
      ...samplers.flatMap((s): MissingData[] =>
        s.status === 'ok' ? [] : [{ code: 'sampler-unhealthy', sampler: s.name, source: s.source, status: s.status, samples: s.samples, gaps: s.gaps, ...(s.lastError === undefined ? {} : { lastError: s.lastError }) }],
      ),
      ...missingSamplers(manifest.target, run.samples, run.gaps),
      ...thresholds.filter((t) => t.status === 'no-data').map((threshold) => ({ code: 'threshold-no-data', threshold }) as const),
      ...(integrity.checked ? [] : [{ code: 'integrity-not-checked' } as const]),
      ...(recovery.applicable && !recovery.measured ? [{ code: 'recovery-not-measured', recovery: recovery.code } as const] : []),
    ],
  };
}

function collectionSummaries(plan: Plan, seen: readonly string[], groups: ReadonlyMap<string, WindowFigures>, totalRequests: number): Record<string, CollectionSummary> {
  const names = [...new Set([...plan.mix.map((m) => m.collection), ...seen])];
  return Object.fromEntries(
    names.map((name) => {
      const figures = groups.get(collectionGroup(name)) ?? emptyFigures();
      const mix = plan.mix.find((m) => m.collection === name);
      return [
        name,
        {
          pattern: mix?.pattern ?? 'unknown',
          requests: figures.sent,
          share: totalRequests > 0 ? figures.sent / totalRequests : 0,
          expectedShare: mix?.share ?? 0,
          errorRate: errorRateOf(figures) ?? 0,
          unservedRate: unservedRateOf(figures),
          latencyMs: toLatencySummary(figures.okLatency),
          failedLatencyMs: toLatencySummary(figures.failedLatency),
        },
      ];
    }),
  );
}

function evidenceOf(run: RecordedRun, step: StepSummary, points: ReadonlyMap<number, SecondPoint>, nodes: ReadonlySet<string> | undefined): StepEvidence {
  const range = stepRange(step);
  const connections = run.ticks.filter((t) => inRange(range, t.second)).map((t) => t.connections);
  const resources: ResourceUse = {
    cpuPercent: step.nodeCpuPercent,
    memoryBytes: highestNodeMean(nodeValues(run.samples, 'memoryBytes', nodes), range),
    connections: connections.length > 0 ? connections.reduce((a, b) => a + b, 0) / connections.length : null,
    diskBytesPerSecond: highestNodeMean(nodeValues(run.samples, 'diskBytesPerSecond'), range),
    networkBitsPerSecond: highestNodeMean(nodeValues(run.samples, 'networkBitsPerSecond'), range),
  };
  const seconds = [...points].filter(([second]) => inRange(range, second)).map(([, point]) => point);
  return { step, seconds, resources };
}

/** recallOf reads recall@k, k being the ground truth's length (run.json), not the query's limit. */
function recallOf(recallK: number | undefined, whole: WindowFigures): Summary['recall'] {
  if (whole.recallChecked === 0) return { measured: false, k: null, checked: 0, overall: null };
  return { measured: true, k: recallK ?? null, checked: whole.recallChecked, overall: whole.recallSum / whole.recallChecked };
}

function spanOf(stages: readonly PlanStage[]): SecondRange {
  return { from: Math.min(...stages.map((s) => s.startSecond)), to: Math.max(...stages.map((s) => s.startSecond + s.durationSeconds)) };
}

function highestOf(values: ReadonlyArray<number | null>): number | null {
  return largestOf(values.filter((v): v is number => v !== null));
}
