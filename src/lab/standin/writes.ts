// The write side of a stand-in node: creating and deleting collections, payload indexes and point
// upserts, validated and answered as Qdrant 1.19 does.

import { DISTANCES, type Distance } from '../../config/mix-schema.ts';
import { HttpError } from '../http.ts';
import type { PointId } from './filter.ts';
import { Collection, type NewPoint, type Store } from './store.ts';

type Json = Record<string, unknown>;

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function formatError(message: string): HttpError {
  return new HttpError(400, `Format error in JSON body: ${message}`);
}

export function notFound(name: string): HttpError {
  return new HttpError(404, `Not found: Collection \`${name}\` doesn't exist!`);
}

export function getCollection(store: Store, name: string): Collection {
  const collection = store.collections.get(name);
  if (!collection) throw notFound(name);
  return collection;
}

function positiveInt(value: unknown, field: string, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw formatError(`${field} must be a positive integer`);
  return value;
}

/** createCollection handles PUT /collections/{name} with a single unnamed vector. */
export function createCollection(store: Store, name: string, body: unknown): true {
  if (!isObject(body)) throw formatError('invalid type, expected struct CreateCollection');
  if (store.collections.has(name)) throw new HttpError(409, `Wrong input: Collection \`${name}\` already exists!`);
  const vectors = body.vectors;
  if (!isObject(vectors) || typeof vectors.size !== 'number') {
    throw new HttpError(400, 'Wrong input: the vecstress lab stand-in needs "vectors": {"size": N, "distance": ...} (one unnamed vector)');
  }
  if (!(DISTANCES as readonly unknown[]).includes(vectors.distance)) throw formatError(`unknown variant \`${String(vectors.distance)}\`, expected one of ${DISTANCES.map((d) => `\`${d}\``).join(', ')}`);
  const size = positiveInt(vectors.size, 'vectors.size', 0);
  store.collections.set(
    name,
    new Collection(name, {
      size,
      distance: vectors.distance as Distance,
      shardNumber: positiveInt(body.shard_number, 'shard_number', 1),
      replicationFactor: positiveInt(body.replication_factor, 'replication_factor', 1),
      writeConsistencyFactor: positiveInt(body.write_consistency_factor, 'write_consistency_factor', 1),
    }),
  );
  store.nextOperation();
  return true;
}

export function deleteCollection(store: Store, name: string): boolean {
  const existed = store.collections.delete(name);
  if (existed) store.nextOperation();
  return existed;
}

/** createIndex handles PUT /collections/{name}/index: the stand-in scans anyway, but reports the schema. */
export function createIndex(store: Store, name: string, body: unknown): { operation_id: number; status: string } {
  const collection = getCollection(store, name);
  if (!isObject(body) || typeof body.field_name !== 'string') throw formatError('missing field `field_name`');
  const schema = isObject(body.field_schema) ? String(body.field_schema.type) : String(body.field_schema ?? 'keyword');
  collection.payloadSchema.set(body.field_name, schema);
  return { operation_id: store.nextOperation(), status: 'completed' };
}

function parseId(value: unknown): PointId {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  if (typeof value === 'string' && UUID.test(value)) return value;
  throw formatError('data did not match any variant of untagged enum ExtendedPointId');
}

function parseVector(value: unknown, size: number): number[] {
  if (!Array.isArray(value) || !value.every((x) => typeof x === 'number' && Number.isFinite(x))) {
    throw new HttpError(400, 'Wrong input: the vecstress lab stand-in takes one unnamed vector per point, as an array of numbers');
  }
  if (value.length !== size) throw new HttpError(400, `Wrong input: Vector dimension error: expected dim: ${size}, got ${value.length}`);
  return value as number[];
}

function parsePayload(value: unknown): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) throw formatError('payload must be an object');
  return value;
}

/** parsePoints reads both upsert forms: {"points": [...]} and {"batch": {"ids", "vectors", "payloads"}}. */
function parsePoints(body: unknown, size: number): NewPoint[] {
  if (!isObject(body)) throw formatError('invalid type, expected PointInsertOperations');
  if (Array.isArray(body.points)) {
    return body.points.map((point) => {
      if (!isObject(point)) throw formatError('each point must be an object');
      return { id: parseId(point.id), vector: parseVector(point.vector, size), payload: parsePayload(point.payload) };
    });
  }
  if (isObject(body.batch) && Array.isArray(body.batch.ids) && Array.isArray(body.batch.vectors)) {
    const { ids, vectors, payloads } = body.batch as { ids: unknown[]; vectors: unknown[]; payloads?: unknown[] };
    if (ids.length !== vectors.length) throw new HttpError(400, `Wrong input: batch has ${ids.length} ids and ${vectors.length} vectors`);
    return ids.map((id, i) => ({ id: parseId(id), vector: parseVector(vectors[i], size), payload: parsePayload(payloads?.[i]) }));
  }
  throw formatError('data did not match any variant of untagged enum PointInsertOperations');
}

/** upsertPoints handles PUT /collections/{name}/points; the stand-in applies writes before answering. */
export function upsertPoints(store: Store, name: string, body: unknown, wait: boolean): { operation_id: number; status: string } {
  const collection = getCollection(store, name);
  const points = parsePoints(body, collection.params.size);
  const operation = store.nextOperation();
  collection.upsert(points, operation);
  return { operation_id: operation, status: wait ? 'completed' : 'acknowledged' };
}
