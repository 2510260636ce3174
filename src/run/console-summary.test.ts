import { describe, expect, it } from 'vitest';
import type { ThresholdResult } from '../analysis/summary-types.ts';
import { escapeHtml, escapeMarkdown, escapeXml } from '../report/escape.ts';
import { renderHtml } from '../report/html/render.ts';
import type { ReportInput } from '../report/input.ts';
import { renderJunit } from '../report/junit.ts';
import { renderMarkdown } from '../report/markdown.ts';
import { loadFixture } from '../report/testdata/fixtures.ts';
import { missingSentence, verdictReasonSentence } from '../report/wording/reasons.ts';
import { thresholdSentence } from '../report/wording/thresholds.ts';
import { formatConsoleSummary } from './console-summary.ts';

const STUB_BUNDLES = { vega: '', vegaLite: '', vegaEmbed: '' };

/** everyOutput renders one run as the terminal, summary.md, report.html and junit.xml show it. */
function everyOutput(input: ReportInput): { console: string; markdown: string; html: string; junit: string } {
  return { console: formatConsoleSummary(input.summary, 'report.html'), markdown: renderMarkdown(input), html: renderHtml(input, STUB_BUNDLES), junit: renderJunit(input.summary) };
}

/** expectEverywhere checks that a sentence appears, in each output's own escaping, in all four. */
function expectEverywhere(input: ReportInput, sentence: string, consolePrefix: string): void {
  const out = everyOutput(input);
  expect(out.console.split('\n')).toContain(`${consolePrefix}${sentence}`);
  expect(out.markdown).toContain(`> - ${escapeMarkdown(sentence)}\n`);
  expect(out.html).toContain(`<li>${escapeHtml(sentence)}</li>`);
  expect(out.junit).toContain(escapeXml(sentence));
}

describe('one finding, one sentence, in every output', () => {
  const failed = loadFixture('progressive');
  const errorRate = failed.summary.thresholds.find((t): t is ThresholdResult => t.metric === 'errorRate' && t.scope === 'global')!;

  it('words a failed error-rate threshold once, with the formatter’s percent', () => {
    expect(errorRate.status).toBe('fail');
    const sentence = thresholdSentence(errorRate, failed.summary);
    expect(sentence).toBe('error rate (global): 1.42 % over the 1 % limit');
    expectEverywhere(failed, sentence, '    ✗ ');
  });

  it('gives the verdict’s reason for that threshold in the same words', () => {
    const reason = failed.summary.verdictReasons.find((r) => r.code === 'threshold-failed' && r.threshold.metric === 'errorRate')!;
    expect(verdictReasonSentence(reason, failed.summary)).toBe(thresholdSentence(errorRate, failed.summary));
    // junit.xml carries it as the failed case's message.
    expect(everyOutput(failed).junit).toContain(`<failure type="threshold" message="${escapeXml(thresholdSentence(errorRate, failed.summary))}">`);
  });

  it('words an inconclusive verdict’s reason and a missing sampler the same everywhere', () => {
    const interrupted = loadFixture('recovery-interrupted');
    const [reason] = interrupted.summary.verdictReasons;
    expectEverywhere(interrupted, verdictReasonSentence(reason!, interrupted.summary), '  ! ');
    const sampler = interrupted.summary.missing.find((m) => m.code === 'sampler-unhealthy')!;
    const text = missingSentence(sampler, interrupted.summary);
    expect(text).toBe('sampler redis-latency (redis) failed: 60 of 60 samples not taken, last error: connect ECONNREFUSED 127.0.0.1:6379');
    expectEverywhere(interrupted, text, '  ! missing: ');
  });

  it('words a threshold without data the same in the missing data and the skipped JUnit case', () => {
    const memory = failed.summary.thresholds.find((t) => t.metric === 'memory')!;
    const sentence = thresholdSentence(memory, failed.summary);
    expect(sentence).toBe('node memory (global): no data: no memory-used samples from the target hosts (prometheus-node or target-process)');
    expectEverywhere(failed, sentence, '  ! missing: ');
    expect(everyOutput(failed).junit).toContain(`<skipped message="${escapeXml(sentence)}"/>`);
  });
});
