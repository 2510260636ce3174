// A stand-in node's collections, held in memory: vectors in one growable Float32Array per
// collection (normalised on the way in for Cosine, as Qdrant stores them), payloads and versions
// beside them, and an id → row map for upserts.

import type { Distance } from '../../config/mix-schema.ts';
import { exactSearch, normalizeRow, prepareRows, type Scored } from '../../datasets/similarity.ts';
import type { PointId, Predicate } from './filter.ts';

export interface CollectionParams {
  size: number;
  distance: Distance;
  shardNumber: number;
  replicationFactor: number;
  writeConsistencyFactor: number;
}

export interface NewPoint {
  id: PointId;
  vector: ArrayLike<number>;
  payload: Record<string, unknown>;
}

export class Collection {
  private data: Float32Array;
  private readonly ids: PointId[] = [];
  private readonly rows = new Map<PointId, number>();
  private readonly payloads: Array<Record<string, unknown>> = [];
  private readonly versions: number[] = [];
  /** Payload indexes created with PUT /collections/{name}/index: field → schema. */
  readonly payloadSchema = new Map<string, string>();
  readonly createdAt = Date.now();

  constructor(
    readonly name: string,
    readonly params: CollectionParams,
  ) {
    this.data = new Float32Array(params.size * 64);
  }

  get count(): number {
    return this.ids.length;
  }

  /** restore fills an empty collection from a dataset (ids 0..n-1), the stand-in's snapshot recovery. */
  restore(vectors: Float32Array, payloads: ReadonlyArray<Record<string, unknown>>): void {
    const rows = prepareRows(this.params.distance, vectors, this.params.size);
    this.data = rows === vectors ? Float32Array.from(vectors) : rows;
    for (let id = 0; id < payloads.length; id++) {
      this.rows.set(id, id);
      this.ids.push(id);
      this.payloads.push(payloads[id]!);
      this.versions.push(0);
    }
  }

  /** upsert inserts or overwrites points by id; the caller has checked their vector sizes. */
  upsert(points: readonly NewPoint[], version: number): void {
    const size = this.params.size;
    for (const point of points) {
      let row = this.rows.get(point.id);
      if (row === undefined) {
        row = this.ids.length;
        this.grow(row + 1);
        this.rows.set(point.id, row);
        this.ids.push(point.id);
        this.payloads.push(point.payload);
        this.versions.push(version);
      } else {
        this.payloads[row] = point.payload;
        this.versions[row] = version;
      }
      this.data.set(point.vector, row * size);
      if (this.params.distance === 'Cosine') normalizeRow(this.data, row * size, size);
    }
  }

  /** search scans every point: exact top-k, skipping `offset` of them, like a full-scan Qdrant segment. */
  search(query: Float32Array, limit: number, offset: number, accept: Predicate | undefined, threshold: number | undefined): Scored[] {
    return exactSearch({
      distance: this.params.distance,
      data: this.data,
      count: this.ids.length,
      query,
      k: limit,
      offset,
      threshold,
      accept: accept && ((row) => accept(this.payloads[row]!, this.ids[row]!)),
    });
  }

  countMatching(accept: Predicate | undefined): number {
    if (!accept) return this.count;
    let count = 0;
    for (let row = 0; row < this.ids.length; row++) if (accept(this.payloads[row]!, this.ids[row]!)) count++;
    return count;
  }

  idAt(row: number): PointId {
    return this.ids[row]!;
  }

  versionAt(row: number): number {
    return this.versions[row]!;
  }

  payloadAt(row: number): Record<string, unknown> {
    return this.payloads[row]!;
  }

  vectorAt(row: number): number[] {
    return Array.from(this.data.subarray(row * this.params.size, (row + 1) * this.params.size));
  }

  /** indexedPoints counts the points holding a value for an indexed payload field. */
  indexedPoints(field: string): number {
    return this.payloads.filter((payload) => payload[field] !== undefined && payload[field] !== null).length;
  }

  private grow(rows: number): void {
    const needed = rows * this.params.size;
    if (needed <= this.data.length) return;
    const next = new Float32Array(Math.max(needed, this.data.length * 2));
    next.set(this.data);
    this.data = next;
  }
}

/** Store is a node's collections by name, and its operation counter (Qdrant's point versions). */
export class Store {
  readonly collections = new Map<string, Collection>();
  private operations = 0;

  nextOperation(): number {
    return ++this.operations;
  }

  get operationCount(): number {
    return this.operations;
  }
}
