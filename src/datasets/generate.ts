import type { MixDefinition } from '../config/mix-schema.ts';
import { filesPresent, GROUND_TRUTH_K, readManifestOrEmpty, updateManifest, type CollectionManifest } from './manifest.ts';
import { makePayloads, makeQueryFilters } from './payloads.ts';
import { groundTruth } from './truth.ts';
import { clusteredVectors } from './vectors.ts';
import { writeCollection } from './write.ts';

/**
 * DEFAULT_DATASET is what `npm run setup` generates and the lab serves. The point count sets the
 * lab's capacity (each search scans every point); see the README's lab section for the measured
 * numbers before changing it.
 */
export const DEFAULT_DATASET = { seed: 1, points: 2000, queries: 200, clusters: 16, spread: 0.6 } as const;

export interface GenerateOptions {
  mix: MixDefinition;
  dir: string;
  seed?: number;
  points?: number;
  queries?: number;
  /** Only these collections of the mix (default: all). */
  collections?: readonly string[];
  /** Keep collections whose files already match these options instead of writing them again. */
  ifMissing?: boolean;
  onCollection?: (event: { collection: string; action: 'generated' | 'kept'; ms: number }) => void;
}

export interface GenerateResult {
  dir: string;
  generated: string[];
  kept: string[];
}

/**
 * collectionSeed derives each collection's seed from the run's seed and its name (FNV-1a), so
 * adding a collection to the mix leaves every other collection's data unchanged.
 */
export function collectionSeed(seed: number, collection: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(`${seed}:${collection}`)) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash;
}

/** generateDatasets writes every selected collection of the mix into `dir` and updates its manifest. */
export function generateDatasets(options: GenerateOptions): GenerateResult {
  const seed = options.seed ?? DEFAULT_DATASET.seed;
  const points = options.points ?? DEFAULT_DATASET.points;
  const queries = options.queries ?? DEFAULT_DATASET.queries;
  const names = options.collections ?? Object.keys(options.mix.collections);
  const unknown = names.filter((name) => !(name in options.mix.collections));
  if (unknown.length > 0) throw new Error(`unknown collection${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; the mix has ${Object.keys(options.mix.collections).join(', ')}`);

  const existing = readManifestOrEmpty(options.dir).collections;
  const result: GenerateResult = { dir: options.dir, generated: [], kept: [] };
  for (const name of names) {
    const started = performance.now();
    const definition = options.mix.collections[name]!;
    const current = existing[name];
    const wanted = { seed: collectionSeed(seed, name), points, queries, vectorSize: definition.vectorSize, distance: definition.distance, pattern: definition.pattern };
    // An imported collection is the user's real data: --if-missing never replaces it with synthetic data.
    const keep = current && (current.source.kind === 'imported' || matches(current, wanted)) && filesPresent(options.dir, name, current);
    if (options.ifMissing && keep) {
      result.kept.push(name);
      options.onCollection?.({ collection: name, action: 'kept', ms: performance.now() - started });
      continue;
    }
    const vectors = clusteredVectors({
      dim: definition.vectorSize,
      points,
      queries,
      clusters: DEFAULT_DATASET.clusters,
      spread: DEFAULT_DATASET.spread,
      seed: wanted.seed,
    });
    const payloads = makePayloads(definition.pattern, points, wanted.seed);
    const filters = makeQueryFilters(definition.pattern, queries, wanted.seed ^ 0x9e3779b9);
    const truth = groundTruth({ distance: definition.distance, dim: definition.vectorSize, points: vectors.points, payloads, queries: vectors.queries, filters, k: GROUND_TRUTH_K });
    const entry = writeCollection(options.dir, name, {
      source: { kind: 'generated', seed: wanted.seed, clusters: DEFAULT_DATASET.clusters },
      pattern: definition.pattern,
      distance: definition.distance,
      dim: definition.vectorSize,
      points: vectors.points,
      payloads,
      queries: vectors.queries,
      filters,
      truth,
      k: GROUND_TRUTH_K,
    });
    updateManifest(options.dir, { [name]: entry });
    result.generated.push(name);
    options.onCollection?.({ collection: name, action: 'generated', ms: performance.now() - started });
  }
  return result;
}

function matches(entry: CollectionManifest, wanted: { seed: number; points: number; queries: number; vectorSize: number; distance: string; pattern: string }): boolean {
  return (
    entry.source.kind === 'generated' &&
    entry.source.seed === wanted.seed &&
    entry.points === wanted.points &&
    entry.queries === wanted.queries &&
    entry.vectorSize === wanted.vectorSize &&
    entry.distance === wanted.distance &&
    entry.pattern === wanted.pattern
  );
}
