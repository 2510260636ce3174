// Linux /proc files, read for the generator's own health and for local target processes.
// Times in /proc/<pid>/stat and /proc/stat are in USER_HZ ticks, fixed at 100 per second for
// user space whatever the kernel's HZ.

export const TICKS_PER_SECOND = 100;

/** parseProcessCpuTicks reads utime + stime from /proc/<pid>/stat. */
export function parseProcessCpuTicks(stat: string): number {
  // The command name (field 2) is in parentheses and may itself hold spaces or ")".
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After the name: state(3) ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime(14) stime(15).
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) throw new Error('unreadable /proc/<pid>/stat');
  return utime + stime;
}

/** parseRssBytes reads VmRSS from /proc/<pid>/status (kB there). */
export function parseRssBytes(status: string): number {
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  // Kernel threads and zombies have no VmRSS: they hold no user memory.
  return match ? Number(match[1]) * 1024 : 0;
}

/** ProcessIo are the cumulative byte counters of /proc/<pid>/io. */
export interface ProcessIo {
  /** Bytes passed to read()/write() and friends: sockets and files alike. */
  readBytes: number;
  writeBytes: number;
}

export function parseProcessIo(io: string): ProcessIo {
  const field = (name: string): number => {
    const match = new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(io);
    if (!match) throw new Error(`/proc/<pid>/io has no ${name}`);
    return Number(match[1]);
  };
  return { readBytes: field('rchar'), writeBytes: field('wchar') };
}

/** SystemCpu are the machine's cumulative CPU ticks from the first line of /proc/stat. */
export interface SystemCpu {
  busy: number;
  total: number;
}

export function parseSystemCpu(stat: string): SystemCpu {
  const line = stat.split('\n').find((l) => l.startsWith('cpu '));
  if (!line) throw new Error('/proc/stat has no "cpu" line');
  // user nice system idle iowait irq softirq steal (guest time is already counted in user).
  const ticks = line.trim().split(/\s+/).slice(1, 9).map(Number);
  const total = ticks.reduce((sum, value) => sum + value, 0);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
  return { busy: total - idle, total };
}

const TCP_ESTABLISHED = '01';

/** establishedSocketInodes lists the inodes of ESTABLISHED sockets in /proc/<pid>/net/tcp or tcp6. */
export function establishedSocketInodes(netTcp: string): Set<string> {
  const inodes = new Set<string>();
  for (const line of netTcp.split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    // sl local rem st tx:rx tr:when retrnsmt uid timeout inode
    if (fields[3] === TCP_ESTABLISHED && fields[9] !== undefined) inodes.add(fields[9]);
  }
  return inodes;
}

/** socketInode returns the inode of an fd link such as "socket:[12345]", or undefined for files and pipes. */
export function socketInode(link: string): string | undefined {
  return /^socket:\[(\d+)\]$/.exec(link)?.[1];
}
