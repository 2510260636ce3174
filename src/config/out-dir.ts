import { accessSync, constants, realpathSync, statSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';

/**
 * Kernel file systems hold no run folders: on procfs a recursive mkdir never returns (Node 20
 * loops on the EEXIST/ENOENT it gets back), and a run folder there would be lost anyway.
 */
const KERNEL_FILE_SYSTEMS = ['/proc', '/sys', '/dev'];

/**
 * outDirProblem says why --out cannot hold run folders, or undefined when it can: it must be a
 * folder that exists or can be made (its nearest existing ancestor a writable folder), outside
 * the kernel's file systems. It only looks; the folder is made when the run starts.
 */
export function outDirProblem(outDir: string): string | undefined {
  if (outDir.trim() === '') return 'must name a folder';
  const wanted = resolve(outDir);
  let existing = wanted;
  while (!exists(existing)) {
    const parent = dirname(existing);
    if (parent === existing) return `${JSON.stringify(outDir)}: no part of the path exists`;
    existing = parent;
  }
  const real = realpathSync(existing);
  const kernel = KERNEL_FILE_SYSTEMS.find((root) => real === root || real.startsWith(`${root}${sep}`));
  if (kernel) return `${JSON.stringify(outDir)} is under ${kernel}, a kernel file system that cannot hold run folders`;
  if (!statSync(real).isDirectory()) {
    return existing === wanted ? `${JSON.stringify(outDir)} is a file, not a folder` : `${JSON.stringify(outDir)} cannot be made: ${existing} is a file, not a folder`;
  }
  try {
    accessSync(real, constants.W_OK | constants.X_OK);
  } catch {
    return existing === wanted ? `${JSON.stringify(outDir)} is not writable` : `${JSON.stringify(outDir)} cannot be made: ${existing} is not writable`;
  }
  return undefined;
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}
