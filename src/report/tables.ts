import type { Summary, ThresholdResult } from '../analysis/summary-types.ts';
import type { Plan } from '../plan/types.ts';
import { ERROR_CLASSES } from '../runfolder/engine-lines.ts';
import { thresholdLimit, thresholdName, thresholdNote } from './wording/thresholds.ts';
import { formatCount, formatDecimal, formatMs, formatQuantity, formatPercent, formatRps, NO_DATA } from './format.ts';

// The report's tables as plain data: the HTML and Markdown renderers draw the same rows, each in
// its own syntax and with its own escaping, so the two never disagree on a number.

/** Tone colours a cell: a threshold's status, or a row the reader should look at. */
export type Tone = 'pass' | 'fail' | 'no-data' | 'warn';

export interface Cell {
  text: string;
  tone?: Tone;
}

export interface Column {
  title: string;
  /** Numbers align right so their digits line up. */
  numeric?: boolean;
}

export interface Table {
  columns: Column[];
  rows: Cell[][];
}

const text = (value: string, tone?: Tone): Cell => (tone ? { text: value, tone } : { text: value });

const STATUS_TEXT: Record<ThresholdResult['status'], string> = { pass: 'pass', fail: 'fail', 'no-data': NO_DATA };

/** thresholdsTable holds one row per threshold; "no data" is its own status, never a pass. */
export function thresholdsTable(summary: Summary): Table {
  return {
    columns: [{ title: 'status' }, { title: 'threshold' }, { title: 'scope' }, { title: 'limit', numeric: true }, { title: 'observed', numeric: true }, { title: 'note' }],
    rows: summary.thresholds.map((t) => [
      t.advisory ? text(`${STATUS_TEXT[t.status]} (advisory)`, t.status === 'fail' ? 'warn' : t.status) : text(STATUS_TEXT[t.status], t.status),
      text(thresholdName(t)),
      text(t.scope),
      text(thresholdLimit(t)),
      text(formatQuantity(t.value, t.unit)),
      text(thresholdNote(t, summary)),
    ]),
  };
}

/** stepsTable is the run stage by stage, Gatling's statistics table per step; the breaking step is flagged. */
export function stepsTable(summary: Summary): Table {
  const breaking = summary.breakingPoint.found ? summary.breakingPoint.stepIndex : null;
  return {
    columns: [
      { title: 'step' },
      { title: 'role' },
      { title: 'seconds', numeric: true },
      { title: 'offered', numeric: true },
      { title: 'goodput', numeric: true },
      { title: 'completed', numeric: true },
      { title: 'p50', numeric: true },
      { title: 'p95', numeric: true },
      { title: 'p99', numeric: true },
      { title: 'failed p95', numeric: true },
      { title: 'server p95', numeric: true },
      { title: 'errors', numeric: true },
      { title: 'dropped', numeric: true },
      { title: 'unserved', numeric: true },
      { title: 'in flight', numeric: true },
      { title: 'node CPU', numeric: true },
      { title: 'Redis p99', numeric: true },
    ],
    rows: summary.steps.map((step) => [
      step.index === breaking ? text(`${step.name} (breaking point)`, 'fail') : text(step.name),
      text(step.role),
      text(`${step.startSecond}–${step.endSecond}`),
      text(`${formatDecimal(step.offered)} ${step.offeredUnit}`),
      text(formatRps(step.throughputRps)),
      text(formatRps(step.completedRps)),
      text(formatMs(step.latencyMs?.p50)),
      text(formatMs(step.latencyMs?.p95)),
      text(formatMs(step.latencyMs?.p99)),
      text(formatMs(step.failedLatencyMs?.p95)),
      text(formatMs(step.serverTimeMs?.p95)),
      text(formatPercent(step.errorRate)),
      text(step.dropped > 0 ? `${formatCount(step.dropped)} (${formatPercent(step.droppedShare)})` : formatCount(step.dropped)),
      text(formatPercent(step.unservedRate)),
      text(formatDecimal(step.concurrency)),
      text(step.nodeCpuPercent === null ? NO_DATA : formatPercent(step.nodeCpuPercent / 100)),
      text(formatMs(step.redisLatencyP99Ms)),
    ]),
  };
}

/** collectionsTable holds one row per collection, slowest p95 first. */
export function collectionsTable(summary: Summary): Table {
  const entries = Object.entries(summary.collections).sort(([a, x], [b, y]) => (y.latencyMs?.p95 ?? -1) - (x.latencyMs?.p95 ?? -1) || a.localeCompare(b));
  return {
    columns: [
      { title: 'collection' },
      { title: 'pattern' },
      { title: 'requests', numeric: true },
      { title: 'share (mix)', numeric: true },
      { title: 'errors', numeric: true },
      { title: 'p50', numeric: true },
      { title: 'p95', numeric: true },
      { title: 'p99', numeric: true },
      { title: 'max', numeric: true },
      { title: 'failed p95', numeric: true },
    ],
    rows: entries.map(([name, c]) => [
      text(name),
      text(c.pattern),
      text(formatCount(c.requests)),
      text(`${formatPercent(c.share)} (${formatPercent(c.expectedShare)})`),
      text(formatPercent(c.errorRate)),
      text(formatMs(c.latencyMs?.p50)),
      text(formatMs(c.latencyMs?.p95)),
      text(formatMs(c.latencyMs?.p99)),
      text(formatMs(c.latencyMs?.max)),
      text(formatMs(c.failedLatencyMs?.p95)),
    ]),
  };
}

/** errorClassesTable counts the failed requests by class; empty when nothing failed. */
export function errorClassesTable(summary: Summary): Table {
  const total = summary.totals.errors;
  return {
    columns: [{ title: 'class' }, { title: 'requests', numeric: true }, { title: 'share of errors', numeric: true }],
    rows: ERROR_CLASSES.filter((name) => summary.errorsByClass[name] > 0).map((name) => [
      text(name),
      text(formatCount(summary.errorsByClass[name])),
      text(total > 0 ? formatPercent(summary.errorsByClass[name] / total) : NO_DATA),
    ]),
  };
}

/** samplersTable shows what watched the target, and what that cost it (each sampler's own request rate). */
export function samplersTable(summary: Summary): Table {
  return {
    columns: [{ title: 'sampler' }, { title: 'source' }, { title: 'status' }, { title: 'samples', numeric: true }, { title: 'gaps', numeric: true }, { title: 'its own req/s', numeric: true }, { title: 'last error' }],
    rows: summary.samplers.map((s) => [
      text(s.name),
      text(s.source),
      text(s.status, s.status === 'ok' ? 'pass' : s.status === 'failed' ? 'fail' : 'warn'),
      text(formatCount(s.samples)),
      text(formatCount(s.gaps)),
      text(formatDecimal(s.requestsPerSecond)),
      text(s.lastError ?? ''),
    ]),
  };
}

/** nodesTable holds each node's share of the requests over the run. */
export function nodesTable(summary: Summary): Table {
  return {
    columns: [{ title: 'node' }, { title: 'share of requests', numeric: true }],
    rows: Object.entries(summary.fairness.shares)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([node, share]) => [text(node), text(formatPercent(share))]),
  };
}

/** stagesTable is the plan as it was sent. */
export function stagesTable(plan: Plan): Table {
  return {
    columns: [{ title: '#', numeric: true }, { title: 'stage' }, { title: 'role' }, { title: 'seconds', numeric: true }, { title: 'executor' }, { title: 'target', numeric: true }, { title: 'connections', numeric: true }],
    rows: plan.stages.map((stage) => [
      text(String(stage.index)),
      text(stage.name),
      text(stage.role),
      text(`${stage.startSecond}–${stage.startSecond + stage.durationSeconds}`),
      text(stage.executor),
      text(range(stage.startTarget, stage.endTarget, ` ${plan.unit}`)),
      text(range(stage.startConnections, stage.endConnections, '')),
    ]),
  };
}

function range(from: number, to: number, unit: string): string {
  return from === to ? `${formatDecimal(to)}${unit}` : `${formatDecimal(from)} → ${formatDecimal(to)}${unit}`;
}
