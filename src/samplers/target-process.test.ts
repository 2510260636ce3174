import { spawn } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { pollingSampler } from './poller.ts';
import type { SampleOutput } from './sampler.ts';
import { memoryUsedPercent, targetProcessReader } from './target-process.ts';
import { collector, freePort, waitFor } from './testdata/helpers.ts';

type ProcessLine = Extract<SampleOutput, { type: 'sample'; kind: 'target-process' }>;

// A stand-in target: a TCP server that echoes what it reads and exits by itself after 30 s.
const ECHO_SERVER = `
const server = require('node:net').createServer((socket) => socket.pipe(socket));
server.listen(Number(process.argv[1]), '127.0.0.1', () => console.log('listening'));
setTimeout(() => process.exit(0), 30000);
`;

describe('targetProcessReader', () => {
  it("reads a local process's connections, bytes and memory, and a gap once it has exited", async () => {
    const port = await freePort();
    const target = spawn(process.execPath, ['-e', ECHO_SERVER, String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
    const sockets: Socket[] = [];
    try {
      await waitFor('the echo server', () => new Promise<boolean>((resolve) => target.stdout!.once('data', () => resolve(true))));
      const out = collector();
      const sampler = pollingSampler(targetProcessReader('echo', target.pid!, 300), out.output);
      sampler.start();
      for (let i = 0; i < 3; i++) {
        const socket = connect(port, '127.0.0.1');
        socket.on('data', () => {});
        sockets.push(socket);
      }
      // 3 × 64 KiB each way through the target, spread over the next readings.
      for (let round = 0; round < 4; round++) {
        for (const socket of sockets) socket.write(Buffer.alloc(16 * 1024, 1));
        await sleep(250);
      }
      const exitedAt = Date.now();
      target.kill('SIGKILL');
      await sleep(800);
      const status = await sampler.stop();

      const samples = out.lines.filter((line): line is ProcessLine => line.type === 'sample' && line.kind === 'target-process');
      expect(samples.length).toBeGreaterThanOrEqual(2);
      expect(samples.every((line) => line.source === 'echo' && line.data.pid === target.pid)).toBe(true);
      expect(Math.max(...samples.map((line) => line.data.openConnections))).toBe(3);
      const read = samples.reduce((sum, line) => sum + line.data.readBytesPerSecond * 0.3, 0);
      expect(read).toBeGreaterThan(100 * 1024);
      expect(Math.max(...samples.map((line) => line.data.writeBytesPerSecond))).toBeGreaterThan(0);
      expect(samples.every((line) => line.data.rssBytes > 5_000_000 && line.data.cpuPercent >= 0)).toBe(true);
      // The host's share: the process's CPU over every core, and the host's memory in use.
      expect(samples.every((line) => line.data.hostCpuPercent! <= line.data.cpuPercent && line.data.hostMemoryUsedPercent! > 0 && line.data.hostMemoryUsedPercent! < 100)).toBe(true);
      const gap = out.lines.find((line) => line.type === 'gap');
      expect(gap).toMatchObject({ kind: 'target-process', source: 'echo', error: `process ${target.pid} is not running` });
      expect(gap!.t).toBeGreaterThanOrEqual(exitedAt - 10);
      expect(status).toMatchObject({ name: 'target-process', source: 'echo', status: 'degraded', requestsPerSecond: 0 });
    } finally {
      for (const socket of sockets) socket.destroy();
      target.kill('SIGKILL');
    }
  });

  it('follows a restarted process when its pid is asked for at each reading', async () => {
    const spawnTarget = () => spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' });
    let current: ReturnType<typeof spawnTarget> | undefined = spawnTarget();
    const first = current;
    const out = collector();
    const sampler = pollingSampler(targetProcessReader('node1', () => current?.pid, 200), out.output);
    try {
      sampler.start();
      await waitFor('a sample of the first process', () => out.lines.find((line) => line.type === 'sample'));
      first.kill('SIGKILL');
      current = undefined;
      await waitFor('a gap while node1 is down', () => out.lines.find((line) => line.type === 'gap' && line.error === 'node1 is not running'));
      current = spawnTarget();
      const second = current;
      const restarted = await waitFor('a sample of the restarted process', () => out.lines.find((line) => line.type === 'sample' && line.kind === 'target-process' && line.data.pid === second.pid));
      expect(restarted.source).toBe('node1');
      expect((await sampler.stop()).status).toBe('degraded');
    } finally {
      await sampler.stop();
      first.kill('SIGKILL');
      current?.kill('SIGKILL');
    }
  });
});

describe('memoryUsedPercent', () => {
  it('reads the memory in use as 1 − MemAvailable/MemTotal, as node_exporter dashboards do', () => {
    expect(memoryUsedPercent('MemTotal:       16000000 kB\nMemFree:         1000000 kB\nMemAvailable:    4000000 kB\n')).toBe(75);
  });

  it('is undefined when the kernel does not report MemAvailable', () => {
    expect(memoryUsedPercent('MemTotal:       16000000 kB\nMemFree:         1000000 kB\n')).toBeUndefined();
  });
});
