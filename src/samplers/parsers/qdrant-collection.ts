import { number, qdrantResult, string } from './json.ts';

/** parseQdrantCollection reads GET /collections/{name}: its status (green, yellow, grey, red) and points count. */
export function parseQdrantCollection(body: unknown): { status: string; pointsCount: number } {
  const result = qdrantResult(body, 'collection');
  const status = string(result.status);
  const pointsCount = number(result.points_count);
  if (status === undefined || pointsCount === undefined) throw new Error('collection answer has no status or points_count');
  return { status, pointsCount };
}

/** parseQdrantCollectionNames reads GET /collections: the names of every collection on the node. */
export function parseQdrantCollectionNames(body: unknown): string[] {
  const list = qdrantResult(body, 'collections list').collections;
  if (!Array.isArray(list)) throw new Error('collections answer has no collections list');
  return list.map((entry) => string((entry as { name?: unknown } | null)?.name)).filter((name): name is string => name !== undefined);
}
