import { decidesVerdict } from '../analysis/advisory.ts';
import type { Summary, ThresholdResult } from '../analysis/summary-types.ts';
import { escapeXml } from './escape.ts';
import { formatQuantity } from './format.ts';
import { redactUrl } from '../targets/redact.ts';
import { missingData, verdictReasons } from './wording/reasons.ts';
import { thresholdLimit, thresholdName, thresholdNote, thresholdSentence } from './wording/thresholds.ts';

/** RUN_CASE is the test case that fails when the run cannot be judged: CI must not show green for a run with no verdict. */
export const RUN_CASE = 'run completed and is conclusive';

/**
 * renderJunit renders junit.xml, one test case per threshold, so a CI system shows a failed
 * threshold as a failed test: a failure as <failure>, a threshold with no data as <skipped> with
 * its reason (never a pass). One more case fails when the run is incomplete or inconclusive.
 * Case names hold no measured value, so CI tracks each threshold across runs.
 */
export function renderJunit(summary: Summary): string {
  const suite = `vecstress.${summary.profile}`;
  const runCase = runCaseXml(summary, suite);
  const cases = [runCase, ...summary.thresholds.map((threshold) => thresholdCaseXml(threshold, summary, suite))];
  const failures = summary.thresholds.filter((t) => t.status === 'fail' && decidesVerdict(t)).length + (runCase.includes('<failure') ? 1 : 0);
  const skipped = summary.thresholds.filter((t) => t.status === 'no-data' || !decidesVerdict(t)).length;
  const counts = `tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${summary.durationSeconds}"`;
  const properties = {
    runId: summary.runId,
    profile: summary.profile,
    form: summary.form,
    model: summary.model,
    engine: summary.engine,
    target: redactUrl(summary.target.url),
    verdict: summary.verdict,
    complete: String(summary.complete),
  };
  return `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="vecstress" ${counts}>
  <testsuite name="${escapeXml(suite)}" ${counts} timestamp="${junitTimestamp(summary.startedAt)}">
    <properties>
${Object.entries(properties)
  .map(([name, value]) => `      <property name="${name}" value="${escapeXml(value)}"/>`)
  .join('\n')}
    </properties>
${cases.join('\n')}
  </testsuite>
</testsuites>
`;
}

function thresholdCaseXml(threshold: ThresholdResult, summary: Summary, suite: string): string {
  const open = `    <testcase name="${escapeXml(thresholdName(threshold))}" classname="${escapeXml(`${suite}.${threshold.scope}`)}" time="0"`;
  const sentence = escapeXml(thresholdSentence(threshold, summary));
  const note = thresholdNote(threshold, summary);
  // An advisory limit is shown, not judged: skipped with its outcome, so CI neither fails nor passes it.
  if (!decidesVerdict(threshold)) return `${open}>\n      <skipped message="${sentence}"/>\n    </testcase>`;
  switch (threshold.status) {
    case 'pass':
      return `${open}/>`;
    case 'fail': {
      const body = [`observed ${formatQuantity(threshold.value, threshold.unit)}, limit ${thresholdLimit(threshold)}`, ...(note ? [note] : [])].join('\n');
      return `${open}>\n      <failure type="threshold" message="${sentence}">${escapeXml(body)}</failure>\n    </testcase>`;
    }
    case 'no-data':
      return `${open}>\n      <skipped message="${sentence}"/>\n    </testcase>`;
  }
}

function runCaseXml(summary: Summary, suite: string): string {
  const open = `    <testcase name="${RUN_CASE}" classname="${escapeXml(`${suite}.run`)}" time="${summary.durationSeconds}"`;
  const problems = [
    ...(summary.complete ? [] : [`the run is incomplete${summary.abortReason ? `: ${summary.abortReason}` : ''}`]),
    ...(summary.verdict === 'inconclusive' ? ['the verdict is inconclusive', ...verdictReasons(summary)] : []),
    ...missingData(summary).map((missing) => `missing: ${missing}`),
  ];
  if (summary.complete && summary.verdict !== 'inconclusive') return `${open}/>`;
  return `${open}>\n      <failure type="inconclusive" message="${escapeXml(problems[0] ?? 'inconclusive')}">${escapeXml(problems.join('\n'))}</failure>\n    </testcase>`;
}

/** junitTimestamp writes the start in the JUnit schema's form: ISO 8601 without fraction or zone (it is UTC). */
function junitTimestamp(iso: string): string {
  return iso.replace(/\.\d+/, '').replace(/Z$|[+-]\d\d:\d\d$/, '');
}
