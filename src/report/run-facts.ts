import { isSecretName, MASK, redactUrl, redactValue } from '../targets/redact.ts';
import type { ReportInput } from './input.ts';
import { formatBytes, formatCount, formatDecimal } from './format.ts';

/**
 * redactFlags keeps the command-line flags of a run but masks any whose name looks secret, and
 * any credentials in URL values. run.json is written without secrets already; this is the
 * report's own guard, because a report is the file that gets mailed around.
 */
export function redactFlags(flags: Record<string, unknown>): string {
  return Object.entries(flags)
    .map(([name, value]) => {
      const shown = isSecretName(name) ? MASK : redactValue(value);
      return `--${name}=${typeof shown === 'string' ? shown : JSON.stringify(shown)}`;
    })
    .join(' ');
}

/** RunFact is one line of "what ran": a label and its value as text. */
export interface RunFact {
  label: string;
  value: string;
}

/** runFacts lists what was asked for and what ran: enough to rerun it or to tell two runs apart. */
export function runFacts({ manifest, summary }: ReportInput): RunFact[] {
  const { plan, target, versions, host } = manifest;
  const query = plan.query;
  const engine = [manifest.engine, versions.engine, versions.builtWith ? Object.entries(versions.builtWith).map(([name, version]) => `${name} ${version}`).join(', ') : '']
    .filter(Boolean)
    .join(' · ');
  const facts: RunFact[] = [
    { label: 'Run', value: manifest.runId },
    { label: 'Profile', value: `${manifest.profile}: ${plan.description}` },
    { label: 'Form', value: `${plan.form} (load × ${formatDecimal(plan.scale.load)}, time × ${formatDecimal(plan.scale.time)})` },
    { label: 'Model', value: `${plan.model} (${plan.unit}), ${plan.stages.length} stages, ${formatCount(plan.durationSeconds)} s planned` },
    { label: 'Query', value: `limit ${query.limit}${query.hnswEf === undefined ? '' : `, hnsw_ef ${query.hnswEf}`}${query.exact ? ', exact' : ''}${query.withPayload ? ', with payload' : ''}${query.batch > 1 ? `, batches of ${query.batch}` : ''}` },
    { label: 'Limits', value: `${formatCount(plan.limits.maxConnections)} connections, ${formatCount(plan.limits.maxInFlight)} in flight, timeout ${formatCount(plan.limits.timeoutMs)} ms` },
    { label: 'Target', value: `${redactUrl(target.url)} (${target.kind}, ${target.api} API)` },
    { label: 'Nodes sampled', value: target.nodes.length === 0 ? 'none' : target.nodes.map(redactUrl).join(', ') },
  ];
  if (target.redis) facts.push({ label: 'Redis', value: redactUrl(target.redis) });
  if (target.haproxyStats) facts.push({ label: 'Balancer stats', value: redactUrl(target.haproxyStats) });
  facts.push(
    { label: 'Engine', value: engine },
    { label: 'Versions', value: `vecstress ${versions.vecstress}, Node ${versions.node}` },
    { label: 'Host', value: `${host.hostname}: ${host.platform}/${host.arch}, ${host.cpus} CPUs, ${formatBytes(host.memoryBytes)}, kernel ${host.kernel}` },
    { label: 'Started', value: manifest.startedAt },
    { label: 'Ended', value: manifest.endedAt ?? 'never (no end recorded)' },
    { label: 'Completeness', value: completeness({ manifest, summary }) },
    { label: 'Seed', value: String(plan.seed) },
    { label: 'Config', value: `${manifest.config.profileFile}, ${manifest.config.mixFile}, ${manifest.config.thresholdsFile}` },
  );
  const flags = redactFlags(manifest.config.flags);
  if (flags) facts.push({ label: 'Flags', value: flags });
  return facts;
}

function completeness({ manifest, summary }: Pick<ReportInput, 'manifest' | 'summary'>): string {
  const ran = `${formatCount(summary.durationSeconds)} s of ${formatCount(manifest.plan.durationSeconds)} s`;
  if (manifest.complete && summary.complete) return `complete: ${ran}`;
  return `incomplete (${[manifest.exitReason, manifest.abortReason].filter(Boolean).join(': ')}): ${ran}`;
}
