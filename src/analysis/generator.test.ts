import { describe, expect, it } from 'vitest';
import type { GeneratorData, SampleLine } from '../runfolder/sample-lines.ts';
import { generatorHealth } from './generator.ts';

function generator(second: number, data: Partial<GeneratorData>): SampleLine {
  return {
    type: 'sample', kind: 'generator', sampler: 'generator', source: 'generator', t: second * 1000, second,
    data: { nodeCpuPercent: 10, machineCpuPercent: 20, nodeRssBytes: 1e8, eventLoopLagMs: 1, cores: 2, engineCpuPercent: 30, ...data },
  };
}

const targetProcess: SampleLine = {
  type: 'sample', kind: 'target-process', sampler: 'target-process', source: 'node-1', t: 0, second: 0,
  data: { pid: 1, cpuPercent: 99, rssBytes: 1e8, openConnections: 10, readBytesPerSecond: 0, writeBytesPerSecond: 0 },
};

const busyMachine = [0, 1, 2, 3].map((s) => generator(s, { machineCpuPercent: 98 }));

describe('generatorHealth', () => {
  it('calls a remote-target run saturated when the generating machine stays busy', () => {
    expect(generatorHealth(busyMachine, 0)).toMatchObject({ saturated: true, maxCpuPercent: 98 });
  });

  it('with a local target, judges only the generator processes and notes the busy machine', () => {
    const health = generatorHealth([targetProcess, ...busyMachine], 0);
    expect(health.saturated).toBe(false);
    expect(health.maxCpuPercent).toBe(15); // the engine's 30 % of one core over 2 cores
    expect(health).toMatchObject({ localTarget: true, machineMaxCpuPercent: 98, machineBusy: true });
  });

  it('with a local target, still calls a saturated engine or event loop saturated', () => {
    const engineBound = [0, 1, 2].map((s) => generator(s, { engineCpuPercent: 190 }));
    expect(generatorHealth([targetProcess, ...engineBound], 0).saturated).toBe(true);
    const loopBound = [0, 1, 2].map((s) => generator(s, { nodeCpuPercent: 95 }));
    expect(generatorHealth([targetProcess, ...loopBound], 0).saturated).toBe(true);
  });

  it('does not call two busy samples in a row saturation', () => {
    expect(generatorHealth(busyMachine.slice(0, 2), 0).saturated).toBe(false);
  });
});
