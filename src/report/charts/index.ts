import type { ReportInput } from '../input.ts';
import type { Chart } from './chart.ts';
import { collectionLatencyChart, collectionShareChart } from './collections.ts';
import { errorsChart } from './errors.ts';
import { generatorChart } from './generator.ts';
import { latencyChart } from './latency.ts';
import { nodeHealthChart, nodeShareChart } from './nodes.ts';
import { redisChart } from './redis.ts';
import { nodeCpuChart, nodeMemoryChart } from './resources.ts';
import { latencyVsThroughputChart } from './steps.ts';
import { throughputChart } from './throughput.ts';
import { uslChart } from './usl.ts';

/**
 * CHART_BUILDERS is every chart of the report, in reading order: the breaking point and the
 * capacity first, then the load and the target's telemetry on one time axis, then collections.
 */
const CHART_BUILDERS: ReadonlyArray<(input: ReportInput) => Chart> = [
  latencyVsThroughputChart,
  uslChart,
  throughputChart,
  latencyChart,
  errorsChart,
  nodeShareChart,
  nodeHealthChart,
  nodeCpuChart,
  nodeMemoryChart,
  redisChart,
  generatorChart,
  collectionLatencyChart,
  collectionShareChart,
];

export function buildCharts(input: ReportInput): Chart[] {
  return CHART_BUILDERS.map((build) => build(input));
}
