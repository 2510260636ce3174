import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { GeneratorData } from '../runfolder/sample-lines.ts';
import { differencingReader } from './differencing-reader.ts';
import { TICKS_PER_SECOND, parseSystemCpu } from './parsers/proc.ts';
import { readProcessUsage } from './proc-files.ts';
import { round3 } from './rates.ts';
import type { Reader } from './sampler.ts';

const LOOP_RESOLUTION_MS = 10;

/**
 * generatorReader watches the load generator itself: the engine process and Node (CPU, RSS),
 * Node's event-loop lag and the machine's CPU. A generator near saturation measures itself, not
 * the target, and the analysis calls such a run inconclusive.
 */
export function generatorReader(enginePid: () => number | undefined, intervalMs: number): Reader<'generator'> {
  const loopDelay = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  loopDelay.enable();
  return differencingReader(
    { name: 'generator', kind: 'generator', source: 'generator', intervalMs, requests: () => 0, close: () => loopDelay.disable() },
    async () => {
      // The histogram's timer fires every LOOP_RESOLUTION_MS: an idle loop records about that
      // much, so the lag is what the worst delay since the last reading exceeds it by.
      const eventLoopLagMs = Math.max(0, loopDelay.max / 1e6 - LOOP_RESOLUTION_MS);
      loopDelay.reset();
      const pid = enginePid();
      const engine = pid === undefined ? undefined : await readProcessUsage(pid).then((usage) => ({ pid, ...usage }), () => undefined);
      return { machine: parseSystemCpu(await readFile('/proc/stat', 'utf8')), node: process.cpuUsage(), engine, eventLoopLagMs };
    },
    (current, previous) => {
      if (!previous) return undefined;
      const before = previous.snapshot;
      const elapsedS = previous.elapsedMs / 1000;
      const nodeCpuS = (current.node.user + current.node.system - before.node.user - before.node.system) / 1e6;
      const data: GeneratorData = {
        nodeCpuPercent: round3((nodeCpuS / elapsedS) * 100),
        machineCpuPercent: round3(((current.machine.busy - before.machine.busy) / Math.max(1, current.machine.total - before.machine.total)) * 100),
        nodeRssBytes: process.memoryUsage.rss(),
        eventLoopLagMs: round3(current.eventLoopLagMs),
        cores: availableParallelism(),
      };
      if (current.engine) {
        data.engineRssBytes = current.engine.rssBytes;
        // Only a difference over the same process means anything: a restarted engine starts a new baseline.
        if (before.engine?.pid === current.engine.pid) {
          data.engineCpuPercent = round3(((current.engine.ticks - before.engine.ticks) / TICKS_PER_SECOND / elapsedS) * 100);
        }
      }
      return data;
    },
  );
}
