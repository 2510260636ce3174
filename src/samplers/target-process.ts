import { readFile, readdir, readlink } from 'node:fs/promises';
import { cpus } from 'node:os';
import { differencingReader } from './differencing-reader.ts';
import { TICKS_PER_SECOND, establishedSocketInodes, parseProcessIo, socketInode } from './parsers/proc.ts';
import { readProcFile, readProcessUsage } from './proc-files.ts';
import { perSecond, round3 } from './rates.ts';
import type { Reader } from './sampler.ts';

/**
 * targetProcessReader watches one local target process (a lab node, HAProxy, Redis) through
 * /proc: CPU, RSS, established TCP connections and bytes read and written (sockets and files).
 * A process that has exited reads as a gap, which is what a killed node should look like; given
 * as a function, the pid is asked for at each reading, so a restarted node is followed to its new
 * process (rates start over from it).
 */
export function targetProcessReader(name: string, pid: number | (() => number | undefined), intervalMs: number): Reader<'target-process'> {
  const currentPid = typeof pid === 'number' ? () => pid : pid;
  return differencingReader(
    { name: 'target-process', kind: 'target-process', source: name, intervalMs, requests: () => 0 },
    async () => {
      const id = currentPid();
      if (id === undefined) throw new Error(`${name} is not running`);
      const [usage, io, openConnections, meminfo] = await Promise.all([readProcessUsage(id), readProcFile(id, 'io'), countEstablished(id), readFile('/proc/meminfo', 'utf8')]);
      return { pid: id, ...usage, io: parseProcessIo(io), openConnections, hostMemoryUsedPercent: memoryUsedPercent(meminfo) };
    },
    (current, previous) => {
      if (previous?.snapshot.pid !== current.pid) return undefined;
      const cpuPercent = ((current.ticks - previous.snapshot.ticks) / TICKS_PER_SECOND / (previous.elapsedMs / 1000)) * 100;
      return {
        pid: current.pid,
        cpuPercent: round3(cpuPercent),
        hostCpuPercent: round3(cpuPercent / HOST_CORES),
        ...(current.hostMemoryUsedPercent === undefined ? {} : { hostMemoryUsedPercent: round3(current.hostMemoryUsedPercent) }),
        rssBytes: current.rssBytes,
        openConnections: current.openConnections,
        readBytesPerSecond: perSecond(previous.snapshot.io.readBytes, current.io.readBytes, previous.elapsedMs),
        writeBytesPerSecond: perSecond(previous.snapshot.io.writeBytes, current.io.writeBytes, previous.elapsedMs),
      };
    },
  );
}

const HOST_CORES = cpus().length;

/** memoryUsedPercent reads /proc/meminfo as node_exporter's dashboards do: 1 − MemAvailable/MemTotal. */
export function memoryUsedPercent(meminfo: string): number | undefined {
  const field = (name: string): number | undefined => {
    const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(meminfo);
    return match ? Number(match[1]) : undefined;
  };
  const total = field('MemTotal');
  const available = field('MemAvailable');
  return total && available !== undefined ? (1 - available / total) * 100 : undefined;
}

/** countEstablished counts the process's sockets that are ESTABLISHED TCP connections (IPv4 and IPv6). */
async function countEstablished(pid: number): Promise<number> {
  const fds = await readdir(`/proc/${pid}/fd`).catch(() => {
    throw new Error(`cannot list the open files of process ${pid}`);
  });
  const links = await Promise.all(fds.map((fd) => readlink(`/proc/${pid}/fd/${fd}`).catch(() => '')));
  const inodes = new Set(links.map(socketInode).filter((inode): inode is string => inode !== undefined));
  if (inodes.size === 0) return 0;
  const tables = await Promise.all(['tcp', 'tcp6'].map((table) => readProcFile(pid, `net/${table}`).catch(() => '')));
  let count = 0;
  for (const table of tables) for (const inode of establishedSocketInodes(table)) if (inodes.has(inode)) count++;
  return count;
}
