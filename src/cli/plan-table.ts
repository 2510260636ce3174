import type { Plan, PlanStage } from '../plan/types.ts';
import { escapeTerminal } from '../report/escape.ts';

/** formatPlan renders a plan as the readable table of --dry-run. */
export function formatPlan(plan: Plan): string {
  const load = plan.labSizing?.kind === 'capacity' ? 'peak load' : 'load';
  const scale = plan.form === 'lab' ? ` (${load} ×${fmt(plan.scale.load)}, time ×${fmt(plan.scale.time)})` : '';
  const header = [
    `Profile ${escapeTerminal(plan.profile)}: ${escapeTerminal(plan.description)}`,
    `${plan.form} form${scale}, ${plan.model} model, ${plan.durationSeconds} s in all, seed ${plan.seed}`,
    ...formatSizing(plan),
    '',
  ];
  const stageRows = plan.stages.map((stage) => [
    String(stage.index),
    escapeTerminal(stage.name),
    stage.role,
    `${stage.startSecond}s`,
    `${stage.durationSeconds}s`,
    formatTarget(plan, stage),
    stage.executor,
  ]);
  const stages = table(['#', 'stage', 'role', 'start', 'duration', 'target', 'executor'], stageRows, [0, 3, 4]);
  const mixRows = plan.mix.map((entry) => [
    escapeTerminal(entry.collection),
    fmt(entry.weight),
    `${(entry.share * 100).toFixed(1)}%`,
    entry.pattern,
    `${entry.vectorSize} ${entry.distance}`,
  ]);
  const mix = table(['collection', 'weight', 'share', 'pattern', 'vectors'], mixRows, [1, 2]);
  const query = [
    `limit ${plan.query.limit}`,
    plan.query.hnswEf === undefined ? undefined : `hnsw_ef ${plan.query.hnswEf}`,
    plan.query.exact ? 'exact' : undefined,
    plan.query.withPayload ? 'with payload' : undefined,
    plan.query.batch > 1 ? `batches of ${plan.query.batch}` : undefined,
    plan.model === 'closed' && plan.thinkTimeMs > 0 ? `think time ${plan.thinkTimeMs} ms` : undefined,
  ].filter(Boolean);
  const footer = [
    '',
    `Mix (${plan.mix.length} collection${plan.mix.length === 1 ? '' : 's'}):`,
    mix,
    '',
    `Queries: ${query.join(', ')}`,
    `Limits: ${plan.limits.maxConnections} connections, ${plan.limits.maxInFlight} requests in flight, timeout ${plan.limits.timeoutMs} ms`,
    ...formatAbort(plan),
  ];
  return [...header, stages, ...footer].join('\n') + '\n';
}

/** formatSizing says what the lab form's load was sized to: the lab's measured capacity, or the fixed scale and why. */
function formatSizing(plan: Plan): string[] {
  const sizing = plan.labSizing;
  if (sizing === undefined) return [];
  if (sizing.kind === 'fixed') {
    return sizing.capacityUnknown
      ? [`Lab capacity: not measured yet (a run measures it first, as \`lab up\` does); until then the fixed lab scale ×${fmt(sizing.loadScale)} stands in`]
      : [`Lab load: the fixed lab scale ×${fmt(sizing.loadScale)} (this profile is not sized to the lab's capacity)`];
  }
  const span = sizing.low === null ? `up to ${fmt(sizing.peak)}×` : `${fmt(sizing.low)}× to ${fmt(sizing.peak)}×`;
  const { capacity } = sizing;
  return [`Lab capacity: ${fmt(capacity.rps)} req/s (measured ${capacity.measuredAt} on ${capacity.machine}); this profile spans ${span} of it`];
}

/** formatAbort lists what the abort rule watches in each role the plan has, then the safety rule. */
function formatAbort(plan: Plan): string[] {
  const roles = [...new Set(plan.stages.map((stage) => stage.role))];
  const rows = roles.map((role) => {
    const rule = plan.abort.roles[role];
    if (rule === null) return `  ${role}: a high error rate is planned here; only the safety rule watches`;
    const after = rule.afterSeconds > 0 ? `, from ${rule.afterSeconds} s into the stage` : '';
    return `  ${role}: error rate above ${fmt(rule.errorRate * 100)}% for ${rule.forSeconds} s${after}`;
  });
  const safety = plan.abort.safetyForSeconds === null ? [] : [`  every stage: no request answered ok for ${plan.abort.safetyForSeconds} s (safety rule)`];
  return ['Abort:', ...rows, ...safety];
}

function formatTarget(plan: Plan, stage: PlanStage): string {
  const unit = plan.model === 'open' ? ' req/s' : ' VUs';
  const value = stage.startTarget === stage.endTarget ? fmt(stage.endTarget) : `${fmt(stage.startTarget)} → ${fmt(stage.endTarget)}`;
  if (plan.model === 'closed') return `${value}${unit}`;
  const connections =
    stage.startConnections === stage.endConnections ? `${stage.endConnections}` : `${stage.startConnections} → ${stage.endConnections}`;
  return `${value}${unit} (${connections} conn)`;
}

function table(headers: string[], rows: string[][], rightAligned: number[]): string {
  const widths = headers.map((h, i) => rows.reduce((most, r) => Math.max(most, r[i]!.length), h.length));
  const line = (cells: string[]): string =>
    cells
      .map((cell, i) => (rightAligned.includes(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].map((l) => `  ${l}`).join('\n');
}

function fmt(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 1000) / 1000);
}
