import { closeSync, existsSync, mkdirSync, openSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { RUN_FILES, type RunManifest } from './manifest.ts';

/**
 * createFolder makes outDir/<base>, or <base>-2, -3... when it exists: mkdir of the leaf fails if
 * it exists, so two runs started in the same second (parallel CI jobs sharing reports/) each get a
 * folder of their own instead of writing into one.
 */
export function createFolder(outDir: string, base: string): { id: string; dir: string } {
  makeFolders(outDir);
  for (let n = 1; ; n++) {
    const id = n === 1 ? base : `${base}-${n}`;
    try {
      mkdirSync(join(outDir, id));
      return { id, dir: join(outDir, id) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

/** runIdFor names a run folder: UTC time then profile, so folders sort by time. */
export function runIdFor(profile: string, at: Date): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${profile.replace(/[^A-Za-z0-9_.-]/g, '_')}`;
}

/**
 * RunFolderWriter writes a run folder as the run goes. Every line is written synchronously as it
 * arrives, so a crash or Ctrl-C loses at most the line being written, and run.json is replaced
 * atomically, so a reader never sees half of it.
 */
export class RunFolderWriter {
  private readonly fds = new Map<string, number>();

  private constructor(
    readonly dir: string,
    readonly runId: string,
  ) {}

  static create(outDir: string, profile: string, at: Date): RunFolderWriter {
    const { id, dir } = createFolder(outDir, runIdFor(profile, at));
    return new RunFolderWriter(dir, id);
  }

  path(file: string): string {
    return join(this.dir, file);
  }

  writeManifest(manifest: RunManifest): void {
    const target = this.path(RUN_FILES.manifest);
    writeFileSync(`${target}.tmp`, `${JSON.stringify(manifest, null, 2)}\n`);
    renameSync(`${target}.tmp`, target);
  }

  /** append writes one NDJSON line to windows.ndjson, samples.ndjson or events.ndjson. */
  append(file: typeof RUN_FILES.windows | typeof RUN_FILES.samples | typeof RUN_FILES.events, line: unknown): void {
    let fd = this.fds.get(file);
    if (fd === undefined) {
      fd = openSync(this.path(file), 'a');
      this.fds.set(file, fd);
    }
    writeSync(fd, `${JSON.stringify(line)}\n`);
  }

  /** touch makes sure a file exists, so a reader can tell "nothing recorded" from "not written". */
  touch(file: string): void {
    if (!existsSync(this.path(file))) writeFileSync(this.path(file), '');
  }

  close(): void {
    for (const fd of this.fds.values()) closeSync(fd);
    this.fds.clear();
  }
}

/**
 * makeFolders makes a folder and its missing parents one level at a time: Node 20's recursive
 * mkdirSync never returns where the kernel answers neither "made" nor "missing" (procfs), and
 * this loop is bounded by the path's depth.
 */
function makeFolders(dir: string): void {
  const missing: string[] = [];
  for (let path = resolve(dir); !existsSync(path); path = dirname(path)) {
    missing.unshift(path);
    if (dirname(path) === path) break;
  }
  for (const path of missing) {
    try {
      mkdirSync(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}
