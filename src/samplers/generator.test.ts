import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { generatorReader } from './generator.ts';
import { pollingSampler } from './poller.ts';
import type { SampleOutput } from './sampler.ts';
import { collector } from './testdata/helpers.ts';

type GeneratorLine = Extract<SampleOutput, { type: 'sample'; kind: 'generator' }>;

describe('generatorReader', () => {
  it("reads a busy engine's CPU and RSS, Node's own figures, the machine's CPU and event-loop stalls", async () => {
    // A stand-in engine that spins for at most 20 s.
    const engine = spawn(process.execPath, ['-e', 'const end = Date.now() + 20000; while (Date.now() < end) {}'], { stdio: 'ignore' });
    try {
      let enginePid: number | undefined;
      const out = collector();
      const sampler = pollingSampler(generatorReader(() => enginePid, 300), out.output);
      sampler.start();
      await sleep(700);
      enginePid = engine.pid;
      await sleep(1000);
      // Block Node's event loop for 400 ms, as a saturated orchestrator would.
      const blockedUntil = Date.now() + 400;
      while (Date.now() < blockedUntil) {
        /* busy */
      }
      await sleep(700);
      const status = await sampler.stop();

      const samples = out.lines.filter((line): line is GeneratorLine => line.type === 'sample' && line.kind === 'generator');
      expect(samples.length).toBeGreaterThanOrEqual(4);
      const before = samples.filter((line) => line.data.engineRssBytes === undefined);
      expect(before.length).toBeGreaterThan(0);
      const withEngine = samples.filter((line) => line.data.engineCpuPercent !== undefined);
      expect(withEngine.length).toBeGreaterThan(0);
      // A spinning process takes a whole core on an idle machine; other test runs share the 2
      // cores here, so only ask for clearly more than an idle process's ~0 %.
      expect(Math.max(...withEngine.map((line) => line.data.engineCpuPercent!))).toBeGreaterThan(10);
      expect(withEngine.every((line) => line.data.engineCpuPercent! <= 110 && line.data.engineRssBytes! > 1_000_000)).toBe(true);
      expect(Math.max(...samples.map((line) => line.data.eventLoopLagMs))).toBeGreaterThan(300);
      expect(Math.max(...samples.map((line) => line.data.nodeCpuPercent))).toBeGreaterThan(10);
      for (const { data } of samples) {
        expect(data.machineCpuPercent).toBeGreaterThanOrEqual(0);
        expect(data.machineCpuPercent).toBeLessThanOrEqual(100);
        expect(data.nodeRssBytes).toBeGreaterThan(10_000_000);
        expect(data.cores).toBeGreaterThanOrEqual(1);
      }
      expect(status).toMatchObject({ name: 'generator', status: 'ok', gaps: 0, requestsPerSecond: 0 });
    } finally {
      engine.kill('SIGKILL');
    }
  });

  it('leaves the engine out once it has exited, without a gap', async () => {
    const out = collector();
    const sampler = pollingSampler(generatorReader(() => 2 ** 22 + 12_345, 200), out.output);
    sampler.start();
    await sleep(700);
    const status = await sampler.stop();
    expect(status).toMatchObject({ status: 'ok', gaps: 0 });
    expect(out.lines.every((line) => line.type === 'sample' && line.kind === 'generator' && line.data.engineCpuPercent === undefined)).toBe(true);
  });
});
