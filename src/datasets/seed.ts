// Seeding any Qdrant (the lab or a real cluster) with a dataset folder, through the official
// @qdrant/js-client-rest client. Idempotent: an existing collection of the right shape is reused,
// upserts overwrite by id, and a collection already holding exactly the dataset's points is kept.

import { QdrantClient } from '@qdrant/js-client-rest';
import { DEFAULT_DATASETS_DIR } from '../config/paths.ts';
import { redactUrl } from '../targets/redact.ts';
import { loadCollectionData, listCollections } from './load.ts';
import { FILTER_FIELD } from './payloads.ts';

export interface SeedOptions {
  url: string;
  apiKey?: string;
  dir?: string;
  /** Default: every collection of the dataset folder. */
  collections?: readonly string[];
  /** Points per upsert request. */
  batchSize?: number;
  shardNumber?: number;
  replicationFactor?: number;
  /** Upload even when the point count already matches. */
  force?: boolean;
  /** Delete and re-create a collection whose vector size or distance differs from the dataset's. */
  recreate?: boolean;
  onProgress?: (progress: SeedProgress) => void;
}

export interface SeedProgress {
  collection: string;
  phase: 'created' | 'uploading' | 'kept' | 'verified';
  uploaded: number;
  total: number;
}

export interface SeededCollection {
  collection: string;
  points: number;
  created: boolean;
  uploaded: number;
}

export const DEFAULT_BATCH_SIZE = 256;

/** SeedError names the collection and the (redacted) target of a seeding failure. */
export class SeedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SeedError';
  }
}

export function qdrantClient(url: string, apiKey?: string): QdrantClient {
  // The stand-in and real 1.19 servers are both newer than this client's minor version; the
  // compatibility probe would only print a warning on every run.
  return new QdrantClient({ url, ...(apiKey ? { apiKey } : {}), checkCompatibility: false, timeout: 120_000 });
}

export async function seedCollections(options: SeedOptions): Promise<SeededCollection[]> {
  const dir = options.dir ?? DEFAULT_DATASETS_DIR;
  const client = qdrantClient(options.url, options.apiKey);
  const target = redactUrl(options.url);
  const names = options.collections ?? listCollections(dir);
  const seeded: SeededCollection[] = [];
  for (const name of names) {
    const data = loadCollectionData(name, { dir });
    const { vectorSize: size, distance, points } = data.manifest;
    const step = async <T>(what: string, action: () => Promise<T>): Promise<T> => {
      try {
        return await action();
      } catch (error) {
        throw new SeedError(`seeding collection "${name}" on ${target}: ${what} failed: ${describeError(error)}`);
      }
    };

    let created = false;
    const { exists } = await step('checking the collection', () => client.collectionExists(name));
    if (exists) {
      const info = await step('reading the collection', () => client.getCollection(name));
      const vectors = info.config.params.vectors as { size?: number; distance?: string } | undefined;
      if (vectors?.size !== size || vectors.distance !== distance) {
        const found = `${String(vectors?.size)} ${String(vectors?.distance)}`;
        if (!options.recreate) {
          throw new SeedError(`collection "${name}" on ${target} has vectors ${found}, the dataset has ${size} ${distance}; pass --recreate to delete and re-create it`);
        }
        await step('deleting the collection', () => client.deleteCollection(name));
      }
    }
    if (!exists || options.recreate) {
      const { exists: stillThere } = await step('checking the collection', () => client.collectionExists(name));
      if (!stillThere) {
        await step('creating the collection', () =>
          client.createCollection(name, {
            vectors: { size, distance },
            ...(options.shardNumber ? { shard_number: options.shardNumber } : {}),
            ...(options.replicationFactor ? { replication_factor: options.replicationFactor } : {}),
          }),
        );
        created = true;
        options.onProgress?.({ collection: name, phase: 'created', uploaded: 0, total: points });
      }
    }
    if (data.manifest.pattern === 'code_search') {
      // Real Qdrant filters through a payload index; creating an existing one again is accepted.
      await step('creating the payload index', () => client.createPayloadIndex(name, { field_name: FILTER_FIELD, field_schema: 'keyword', wait: true }));
    }

    const before = await step('counting points', () => client.count(name, { exact: true }));
    let uploaded = 0;
    if (before.count === points && !options.force) {
      options.onProgress?.({ collection: name, phase: 'kept', uploaded: 0, total: points });
    } else {
      const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
      for (let start = 0; start < points; start += batchSize) {
        const end = Math.min(points, start + batchSize);
        const batch: Array<{ id: number; vector: number[]; payload: Record<string, unknown> }> = [];
        for (let id = start; id < end; id++) batch.push({ id, vector: Array.from(data.vectors.subarray(id * size, (id + 1) * size)), payload: data.payloads[id]! });
        await step(`upserting points ${start}..${end - 1}`, () => client.upsert(name, { wait: true, points: batch }));
        uploaded = end;
        options.onProgress?.({ collection: name, phase: 'uploading', uploaded, total: points });
      }
    }
    const after = await step('counting points', () => client.count(name, { exact: true }));
    if (after.count !== points) {
      throw new SeedError(`collection "${name}" on ${target} holds ${after.count} points after seeding, the dataset has ${points}; delete the collection or pass --recreate`);
    }
    options.onProgress?.({ collection: name, phase: 'verified', uploaded, total: points });
    seeded.push({ collection: name, points, created, uploaded });
  }
  return seeded;
}

/**
 * countPoints returns the exact point count of each collection (absent when the collection is
 * missing), the check that a target holds the dataset before load is sent.
 */
export async function countPoints(url: string, collections: readonly string[], apiKey?: string): Promise<Record<string, number | undefined>> {
  const client = qdrantClient(url, apiKey);
  const counts: Record<string, number | undefined> = {};
  for (const name of collections) {
    const { exists } = await client.collectionExists(name);
    counts[name] = exists ? (await client.count(name, { exact: true })).count : undefined;
  }
  return counts;
}

/** describeError turns the client's errors (which carry Qdrant's status body) into one line. */
export function describeError(error: unknown): string {
  const data = (error as { data?: { status?: { error?: string } } }).data;
  const status = (error as { status?: number }).status;
  const detail = data?.status?.error;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const base = detail ? `${status ?? ''} ${detail}`.trim() : (error as Error).message ?? String(error);
  const reason = cause?.code ?? cause?.message;
  return reason ? `${base} (${reason})` : base;
}
