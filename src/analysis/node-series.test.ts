import { describe, expect, it } from 'vitest';
import type { SampleLine } from '../runfolder/sample-lines.ts';
import { nodeKey, nodeValues } from './node-series.ts';

function process(source: string, hostCpuPercent: number): SampleLine {
  return {
    type: 'sample', kind: 'target-process', sampler: 'target-process', source, t: 1000, second: 1,
    data: { pid: 1, cpuPercent: hostCpuPercent * 2, hostCpuPercent, rssBytes: 1, openConnections: 0, readBytesPerSecond: 0, writeBytesPerSecond: 0 },
  };
}

describe('nodeValues', () => {
  const samples = [process('127.0.0.1:7001', 20), process('127.0.0.1:7002', 25), process('haproxy', 99)];

  it('reads CPU as a share of the host', () => {
    expect(nodeValues(samples, 'cpuPercent').map((v) => [v.node, v.value])).toEqual([['127.0.0.1:7001', 20], ['127.0.0.1:7002', 25], ['haproxy', 99]]);
  });

  it('leaves out local processes that are not the target’s nodes when the nodes are given', () => {
    const nodes = new Set(['http://127.0.0.1:7001', 'http://127.0.0.1:7002'].map(nodeKey));
    expect(nodeValues(samples, 'cpuPercent', nodes).map((v) => v.node)).toEqual(['127.0.0.1:7001', '127.0.0.1:7002']);
  });
});
