import { readFileSync } from 'node:fs';
import { LineCounter, isCollection, parseDocument, visit, type Document } from 'yaml';
import type { z } from 'zod';
import { ConfigError, formatPath, type ConfigProblem } from './errors.ts';
import { displayPath } from './paths.ts';
import { fileSize, notRegularFile } from '../regular-file.ts';

/** A config file is a page or two: past this it is not one, and it is not parsed. */
export const MAX_CONFIG_BYTES = 1024 * 1024;
/**
 * MAX_YAML_ALIASES caps aliases (*name) in one file: config files need a handful at most, and a
 * few nested ones ("billion laughs") expand to more than memory holds.
 */
export const MAX_YAML_ALIASES = 50;

/**
 * readConfigFile reads a YAML file and validates it against a schema. Every problem is located
 * by file, field path and line, so "profiles/spike.yaml:12: stages[1].duration: ..." points the
 * user at the exact spot before any load is sent.
 */
export function readConfigFile<S extends z.ZodType>(file: string, schema: S): z.output<S> {
  const kind = notRegularFile(file);
  if (kind) throw ConfigError.single(displayPath(file), '', `is ${kind}, not a regular file`);
  const size = fileSize(file);
  if (size !== undefined && size > MAX_CONFIG_BYTES) throw ConfigError.single(displayPath(file), '', `is ${size} bytes; a config file may hold at most ${MAX_CONFIG_BYTES}`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message;
    throw ConfigError.single(displayPath(file), '', reason);
  }
  return parseConfigText(displayPath(file), text, schema);
}

export function parseConfigText<S extends z.ZodType>(file: string, text: string, schema: S): z.output<S> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      doc.errors.map((error) => ({
        file,
        path: '',
        message: `malformed YAML: ${firstLine(error.message)}`,
        line: error.linePos?.[0].line ?? lineCounter.linePos(error.pos[0]).line,
      })),
    );
  }
  const aliases = aliasLines(doc, lineCounter);
  if (aliases.length > MAX_YAML_ALIASES) {
    throw ConfigError.single(file, '', `holds ${aliases.length} YAML aliases; a config file may hold at most ${MAX_YAML_ALIASES} (nested aliases expand beyond any memory)`, aliases[MAX_YAML_ALIASES]);
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (error) {
    // An alias to an anchor that expands too far, or one that refers to itself.
    throw ConfigError.single(file, '', `malformed YAML: ${firstLine((error as Error).message)}`, aliases[0]);
  }
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map((issue) => toProblem(file, doc, lineCounter, schema, issue)));
}

/** aliasLines lists the line of every alias in the document, in order. */
function aliasLines(doc: Document, lineCounter: LineCounter): number[] {
  const lines: number[] = [];
  visit(doc, { Alias: (_, node) => void lines.push(lineCounter.linePos(node.range?.[0] ?? 0).line) });
  return lines;
}

function toProblem(file: string, doc: Document, lineCounter: LineCounter, schema: z.ZodType, issue: z.core.$ZodIssue): ConfigProblem {
  const path = issue.path.filter((key): key is string | number => typeof key !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeys(schema, path);
    return located(file, doc, lineCounter, [...path, issue.keys[0]!], unknownKeyMessage(issue.keys, known));
  }
  // A record key's own check (a collection name) says what is wrong with it; zod only says "Invalid key".
  const message = issue.code === 'invalid_key' ? (issue.issues[0]?.message ?? issue.message) : issue.message;
  return located(file, doc, lineCounter, path, message);
}

function unknownKeyMessage(keys: string[], known: string[]): string {
  const names = keys.map((k) => `"${k}"`).join(', ');
  const suggestion = keys.length === 1 ? closest(keys[0]!, known) : undefined;
  const hint = suggestion ? ` (did you mean "${suggestion}"?)` : known.length > 0 ? ` (known keys: ${known.join(', ')})` : '';
  return `unknown key${keys.length > 1 ? 's' : ''} ${names}${hint}`;
}

function located(file: string, doc: Document, lineCounter: LineCounter, path: (string | number)[], message: string): ConfigProblem {
  const line = lineOf(doc, lineCounter, path);
  return { file, path: formatPath(path), message, ...(line === undefined ? {} : { line }) };
}

/** lineOf finds the line of the deepest node of the path that exists in the document. */
function lineOf(doc: Document, lineCounter: LineCounter, path: (string | number)[]): number | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const prefix = path.slice(0, depth);
    const node = prefix.length === 0 ? doc.contents : doc.getIn(prefix, true);
    const parent = prefix.length === 0 ? undefined : doc.getIn(prefix.slice(0, -1), true);
    // A key's own position is more useful than its value's for "unknown key" errors.
    const pair = isCollection(parent) ? (parent.items as { key?: { range?: number[]; value?: unknown } }[]).find(
      (item) => item.key !== undefined && (item.key as { value?: unknown }).value === prefix[prefix.length - 1],
    ) : undefined;
    const range = pair?.key?.range ?? (node as { range?: number[] } | null | undefined)?.range;
    if (range?.[0] !== undefined) return lineCounter.linePos(range[0]).line;
  }
  return undefined;
}

/** knownKeys walks the schema along the path to list the keys that object accepts. */
function knownKeys(schema: z.ZodType, path: (string | number)[]): string[] {
  let node: unknown = schema;
  for (const key of [...path, undefined]) {
    node = unwrap(node);
    const def = (node as { _zod?: { def?: SchemaDef } })._zod?.def;
    if (!def) return [];
    if (key === undefined) return def.type === 'object' && def.shape ? Object.keys(def.shape) : [];
    if (def.type === 'object' && typeof key === 'string') node = def.shape?.[key] ?? def.catchall;
    else if (def.type === 'record') node = def.valueType;
    else if (def.type === 'array') node = def.element;
    else return [];
  }
  return [];
}

interface SchemaDef {
  type: string;
  shape?: Record<string, unknown>;
  catchall?: unknown;
  valueType?: unknown;
  element?: unknown;
  innerType?: unknown;
  in?: unknown;
}

function unwrap(node: unknown): unknown {
  for (;;) {
    const def = (node as { _zod?: { def?: SchemaDef } })._zod?.def;
    if (def?.innerType) node = def.innerType;
    else if (def?.type === 'pipe' && def.in) node = def.in;
    else return node;
  }
}

/** closest returns the known key within edit distance 2 of a typo, if there is one. */
function closest(key: string, known: string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const distance = editDistance(key.toLowerCase(), name.toLowerCase());
    if (distance <= 2 && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}
