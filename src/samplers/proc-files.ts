import { readFile } from 'node:fs/promises';
import { parseProcessCpuTicks, parseRssBytes } from './parsers/proc.ts';

/** readProcFile reads /proc/<pid>/<file>; a process that has exited reads as "process N is not running". */
export async function readProcFile(pid: number, file: string): Promise<string> {
  try {
    return await readFile(`/proc/${pid}/${file}`, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ESRCH') {
      throw new Error(`process ${pid} is not running`);
    }
    throw error;
  }
}

/** readProcessUsage reads a process's cumulative CPU ticks and its resident memory. */
export async function readProcessUsage(pid: number): Promise<{ ticks: number; rssBytes: number }> {
  const [stat, status] = await Promise.all([readProcFile(pid, 'stat'), readProcFile(pid, 'status')]);
  return { ticks: parseProcessCpuTicks(stat), rssBytes: parseRssBytes(status) };
}
