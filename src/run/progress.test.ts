import { describe, expect, it } from 'vitest';
import { loadMix, loadProfile } from '../config/load.ts';
import { DEFAULT_MIX_FILE } from '../config/paths.ts';
import { buildPlan } from '../plan/build.ts';
import type { TickLine } from '../runfolder/engine-lines.ts';
import { formatProgress, ProgressPrinter } from './progress.ts';

const plan = buildPlan({ profileName: 'spike', profile: loadProfile('spike').definition, mix: loadMix(DEFAULT_MIX_FILE), form: 'lab' });

function tick(second: number, overrides: Partial<TickLine> = {}): TickLine {
  return { type: 'tick', second, target: 800, inFlightMax: 90, inFlight: 80, connections: 64, vus: 0, scheduled: 800, sent: 790, dropped: 10, completed: 700, failed: 21, p95Us: 45_200, ...overrides };
}

describe('formatProgress', () => {
  it('shows the stage, offered against achieved, p95, errors and drops', () => {
    expect(formatProgress(plan, tick(25), 130)).toBe(
      '[26/60s]  spike       offered 800 req/s  achieved 700 req/s  p95 45.2 ms  errors 3.0%  dropped 130  in flight 80',
    );
  });

  it('shows no latency or error rate for a second without completions', () => {
    expect(formatProgress(plan, tick(25, { completed: 0, failed: 0 }), 0)).toMatch(/p95 -  errors -/);
  });
});

describe('ProgressPrinter', () => {
  it('prints plain lines at stage starts and every 5 s when not on a terminal', () => {
    let out = '';
    const printer = new ProgressPrinter(plan, (text) => void (out += text), false);
    for (let second = 0; second < 30; second++) printer.add(tick(second));
    // stages start at 0, 3 and 24; every 5th second: 4, 9, 14, 19, 24, 29
    expect(out.split('\n').filter(Boolean).map((line) => Number(/^\[\s*(\d+)/.exec(line)![1]) - 1)).toEqual([0, 3, 4, 9, 14, 19, 24, 29]);
  });

  it('redraws one line in place on a terminal and ends it on finish', () => {
    let out = '';
    const printer = new ProgressPrinter(plan, (text) => void (out += text), true);
    printer.add(tick(0));
    printer.add(tick(1));
    printer.finish();
    expect(out.match(/\r\x1b\[2K/g)).toHaveLength(2);
    expect(out.endsWith('\n')).toBe(true);
  });
});
