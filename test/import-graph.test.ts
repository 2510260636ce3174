import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The import graph of the production code, checked as a test: data flows one way
// (config → plan → scenarios → engine → samples → analysis → reports, with the run lifecycle and
// the CLI on top), so a module may import only from its own layer or the layers below it, and no
// module reaches itself through its imports. Test files are left out: a test may import whatever
// it needs to build its fixture.

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE_DIRS = ['src', 'scenarios', 'bench', 'bin'];

/**
 * LAYERS lists the layers from the bottom up, each as path prefixes relative to the repository.
 * Leaf modules that every layer may use (exit codes, the injected outside world) come first.
 */
const LAYERS: ReadonlyArray<{ name: string; paths: string[] }> = [
  { name: 'leaf', paths: ['src/exit-codes.ts', 'src/context.ts', 'src/histogram-range.ts', 'src/regular-file.ts'] },
  { name: 'config', paths: ['src/config/', 'src/targets/'] },
  { name: 'plan', paths: ['src/plan/'] },
  { name: 'run folder format', paths: ['src/runfolder/'] },
  { name: 'datasets', paths: ['src/datasets/'] },
  { name: 'scenarios and engine', paths: ['scenarios/', 'src/engine/'] },
  { name: 'samplers', paths: ['src/samplers/'] },
  { name: 'analysis', paths: ['src/analysis/'] },
  { name: 'reports', paths: ['src/report/'] },
  { name: 'lab', paths: ['src/lab/'] },
  { name: 'run lifecycle', paths: ['src/run/'] },
  { name: 'cli', paths: ['src/cli/'] },
  { name: 'entry points', paths: ['bin/', 'bench/'] },
];

function layerOf(file: string): number {
  const index = LAYERS.findIndex((layer) => layer.paths.some((path) => (path.endsWith('/') ? file.startsWith(path) : file === path)));
  if (index === -1) throw new Error(`${file} belongs to no layer: add it to LAYERS in test/import-graph.test.ts`);
  return index;
}

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'testdata' || name === 'node_modules' ? [] : sourceFiles(path);
    return /\.(ts|js)$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
  });
}

/** importsOf lists the repository files one file imports, static, re-exported or dynamic, type-only included. */
function importsOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return info.importedFiles
    .map((imported) => imported.fileName)
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => relative(ROOT, resolve(dirname(file), specifier)));
}

const files = SOURCE_DIRS.flatMap((dir) => sourceFiles(join(ROOT, dir))).map((file) => relative(ROOT, file));
const graph = new Map(files.map((file) => [file, importsOf(join(ROOT, file))]));

describe('the import graph', () => {
  it('is read from the real tree: every layer has modules, every import resolves', () => {
    expect(files.length).toBeGreaterThan(100);
    for (const layer of LAYERS) expect(files.some((file) => layer.paths.some((path) => file.startsWith(path)))).toBe(true);
    const unresolved = [...graph].flatMap(([file, imports]) => imports.filter((target) => !existsSync(join(ROOT, target))).map((target) => `${file} → ${target}`));
    expect(unresolved).toEqual([]);
  });

  it('never points up: a module imports only its own layer and the layers below it', () => {
    const upward = [...graph].flatMap(([file, imports]) =>
      imports
        .filter((target) => !target.startsWith('test/') && !target.startsWith('package.json'))
        .filter((target) => layerOf(target) > layerOf(file))
        .map((target) => `${file} (${LAYERS[layerOf(file)]!.name}) → ${target} (${LAYERS[layerOf(target)]!.name})`),
    );
    expect(upward).toEqual([]);
  });

  it('has no cycle', () => {
    expect(cyclesOf(graph)).toEqual([]);
  });

  it('catches a cycle and an upward import when there is one', () => {
    expect(cyclesOf(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]))).toEqual(['a → b → c → a']);
    expect(layerOf('src/analysis/analyze.ts')).toBeGreaterThan(layerOf('src/samplers/index.ts'));
    expect(layerOf('src/cli/main.ts')).toBeGreaterThan(layerOf('src/run/stress.ts'));
  });
});

/** cyclesOf finds each strongly connected group of modules (Tarjan) and names one cycle through it. */
function cyclesOf(edges: ReadonlyMap<string, readonly string[]>): string[] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[] = [];
  let next = 0;
  const visit = (node: string): void => {
    index.set(node, next);
    low.set(node, next++);
    stack.push(node);
    onStack.add(node);
    for (const target of edges.get(node) ?? []) {
      if (!edges.has(target)) continue;
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(node, Math.min(low.get(node)!, index.get(target)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const group: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      group.push(member);
    } while (member !== node);
    const selfLoop = (edges.get(node) ?? []).includes(node);
    if (group.length > 1 || selfLoop) cycles.push(cycleThrough(new Set(group), edges));
  };
  for (const node of edges.keys()) if (!index.has(node)) visit(node);
  return cycles.sort();
}

/** cycleThrough walks from the group's first module (by name) back to itself, breadth first, inside the group. */
function cycleThrough(group: ReadonlySet<string>, edges: ReadonlyMap<string, readonly string[]>): string {
  const start = [...group].sort()[0]!;
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const target of edges.get(node) ?? []) {
      if (!group.has(target)) continue;
      if (target === start) {
        const path: string[] = [];
        for (let at = node; at !== start; at = previous.get(at)!) path.unshift(at);
        return [start, ...path, start].join(' → ');
      }
      if (!previous.has(target)) {
        previous.set(target, node);
        queue.push(target);
      }
    }
  }
  return start;
}
