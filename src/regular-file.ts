import { statSync, type Stats } from 'node:fs';

// Files are looked at before they are read: readFileSync on a FIFO or a device blocks the whole
// process (Ctrl-C included) until a writer comes, and a huge file would be read whole into memory.

/** notRegularFile says what a path is when it is not a regular file ("a FIFO"), else undefined; a missing path is undefined too. */
export function notRegularFile(path: string): string | undefined {
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch {
    return undefined;
  }
  return stats.isFile() ? undefined : kindOf(stats);
}

/** fileSize is a path's size in bytes, or undefined when it cannot be looked at. */
export function fileSize(path: string): number | undefined {
  try {
    return statSync(path).size;
  } catch {
    return undefined;
  }
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  return 'not a regular file';
}
