import { stringify } from 'csv-stringify/sync';
import type { LatencySummary, StepSummary, Summary } from '../analysis/summary-types.ts';

type StepValue = (step: StepSummary, breaking: number | null) => string | number | boolean | null;

const LATENCY_FIELDS = ['count', 'min', 'mean', 'p50', 'p90', 'p95', 'p99', 'max'] as const;

function latencyColumns(prefix: string, pick: (step: StepSummary) => LatencySummary | null): Array<[string, StepValue]> {
  return LATENCY_FIELDS.map((field) => [`${prefix}_${field}${field === 'count' ? '' : '_ms'}`, (step) => pick(step)?.[field] ?? null]);
}

/** STEP_COLUMNS are steps.csv's columns in order, each with how it is read from a step. */
const STEP_COLUMNS: Array<[string, StepValue]> = [
  ['index', (step) => step.index],
  ['name', (step) => step.name],
  ['role', (step) => step.role],
  ['start_second', (step) => step.startSecond],
  ['end_second', (step) => step.endSecond],
  ['steady_from_second', (step) => step.steadyFromSecond],
  ['seconds', (step) => step.seconds],
  ['offered', (step) => step.offered],
  ['offered_unit', (step) => step.offeredUnit],
  ['offered_rps', (step) => step.offeredRps],
  ['throughput_rps', (step) => step.throughputRps],
  ['completed_rps', (step) => step.completedRps],
  ...latencyColumns('latency', (step) => step.latencyMs),
  ...latencyColumns('failed_latency', (step) => step.failedLatencyMs),
  ...latencyColumns('server', (step) => step.serverTimeMs),
  ['error_rate', (step) => step.errorRate],
  ['dropped', (step) => step.dropped],
  ['dropped_share', (step) => step.droppedShare],
  ['unserved_rate', (step) => step.unservedRate],
  ['concurrency', (step) => step.concurrency],
  ['redis_p99_ms', (step) => step.redisLatencyP99Ms],
  ['node_cpu_percent', (step) => step.nodeCpuPercent],
  ['recall', (step) => step.recall],
  ['breaking_point', (step, breaking) => step.index === breaking],
];

/**
 * renderStepsCsv renders steps.csv: one row per step with raw numbers in base units (ms, req/s,
 * ratios 0..1), for a spreadsheet or a capacity model of one's own. An empty cell means no data.
 */
export function renderStepsCsv(summary: Summary): string {
  const breaking = summary.breakingPoint.found ? summary.breakingPoint.stepIndex : null;
  const records = summary.steps.map((step) => STEP_COLUMNS.map(([, value]) => value(step, breaking)));
  return stringify(records, { header: true, columns: STEP_COLUMNS.map(([name]) => name), cast: { boolean: String } });
}
