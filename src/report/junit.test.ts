import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { Summary } from '../analysis/summary-types.ts';
import { renderJunit, RUN_CASE } from './junit.ts';
import { FIXTURES, goldenPath, HOSTILE_COLLECTION, loadFixture } from './testdata/fixtures.ts';
import { thresholdName, thresholdSentence } from './wording/thresholds.ts';

interface JunitCase {
  '@_name': string;
  '@_classname': string;
  '@_time': string;
  failure?: { '@_message': string; '@_type': string; '#text'?: string };
  skipped?: { '@_message': string };
}

/**
 * parseJunit parses junit.xml and checks what the JUnit schema (Ant's JUnit.xsd, as Jenkins and
 * GitLab read it) requires: a testsuites root, testsuite with name, tests, failures, errors,
 * skipped, time and an ISO timestamp, properties before test cases, each case with name,
 * classname and time, a failure with a message, a skipped, and counts that add up.
 */
function parseJunit(xml: string): { suite: Record<string, unknown>; cases: JunitCase[] } {
  expect(XMLValidator.validate(xml)).toBe(true);
  const parsed = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name) }).parse(xml);
  const root = parsed.testsuites;
  expect(root).toBeDefined();
  expect(root.testsuite).toHaveLength(1);
  const suite = root.testsuite[0];
  for (const attribute of ['@_name', '@_tests', '@_failures', '@_errors', '@_skipped', '@_time', '@_timestamp']) expect(suite[attribute], attribute).toBeDefined();
  expect(suite['@_timestamp']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
  expect(Object.keys(suite).filter((key) => !key.startsWith('@_'))).toEqual(['properties', 'testcase']);
  const cases: JunitCase[] = suite.testcase;
  for (const c of cases) {
    expect(c['@_name']).toBeTruthy();
    expect(c['@_classname']).toBeTruthy();
    expect(Number.isFinite(Number(c['@_time']))).toBe(true);
    if (c.failure) expect(c.failure['@_message']).toBeTruthy();
    expect(c.failure && c.skipped).toBeFalsy();
  }
  expect(Number(suite['@_tests'])).toBe(cases.length);
  expect(Number(suite['@_failures'])).toBe(cases.filter((c) => c.failure).length);
  expect(Number(suite['@_skipped'])).toBe(cases.filter((c) => c.skipped !== undefined).length);
  expect(suite['@_errors']).toBe('0');
  for (const attribute of ['@_tests', '@_failures', '@_skipped', '@_errors']) expect(root[attribute]).toBe(suite[attribute]);
  return { suite, cases };
}

describe('renderJunit', () => {
  it.each(FIXTURES)('renders %s as its golden junit.xml', async (name) => {
    await expect(renderJunit(loadFixture(name).summary)).toMatchFileSnapshot(goldenPath(name, 'junit.xml'));
  });

  it.each(FIXTURES)('renders %s as valid JUnit XML with one test case per threshold', (name) => {
    const summary = loadFixture(name).summary;
    const { cases } = parseJunit(renderJunit(summary));
    expect(cases.map((c) => c['@_name'])).toEqual([RUN_CASE, ...summary.thresholds.map(thresholdName)]);
  });

  it('reports a failed threshold as a failure, no data as skipped with its reason, and a pass as neither', () => {
    const summary = loadFixture('progressive').summary;
    const { cases } = parseJunit(renderJunit(summary));
    summary.thresholds.forEach((threshold, i) => {
      const c = cases[i + 1]!;
      expect(c['@_classname']).toBe(`vecstress.progressive.${threshold.scope}`);
      if (threshold.status === 'fail') expect(c.failure?.['@_message']).toBe(thresholdSentence(threshold, summary));
      else expect(c.failure).toBeUndefined();
      if (threshold.status === 'no-data') expect(c.skipped?.['@_message']).toBe(thresholdSentence(threshold, summary));
      else expect(c.skipped).toBeUndefined();
    });
    expect(cases.filter((c) => c.failure)).toHaveLength(summary.thresholds.filter((t) => t.status === 'fail').length);
  });

  it('fails the run case of an inconclusive run, so CI never shows it green', () => {
    const { cases } = parseJunit(renderJunit(loadFixture('recovery-interrupted').summary));
    expect(cases[0]!.failure?.['@_type']).toBe('inconclusive');
    expect(cases[0]!.failure?.['#text']).toContain('the run did not complete (interrupted)');
  });

  it('passes the run case of a complete run with a verdict', () => {
    const { cases } = parseJunit(renderJunit(loadFixture('progressive').summary));
    expect(cases[0]!.failure).toBeUndefined();
  });

  it('keeps a hostile collection name inside its attribute', () => {
    const xml = renderJunit(loadFixture('progressive').summary);
    const { cases } = parseJunit(xml);
    expect(xml).not.toContain(HOSTILE_COLLECTION);
    expect(cases.some((c) => c['@_classname'] === `vecstress.progressive.collection:${HOSTILE_COLLECTION}`)).toBe(true);
  });

  it('stays valid with characters XML forbids in a sampler’s error', () => {
    const summary = loadFixture('recovery-interrupted').summary;
    const withControl: Summary = { ...summary, missing: summary.missing.map((m) => (m.code === 'sampler-unhealthy' ? { ...m, lastError: 'bell\u0007 & <tag>' } : m)) };
    expect(parseJunit(renderJunit(withControl)).cases[0]!.failure?.['#text']).toContain('& <tag>');
  });
});
