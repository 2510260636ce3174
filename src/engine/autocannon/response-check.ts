import type { ErrorClass } from '../../runfolder/engine-lines.ts';
import type { ResponseCheck } from '../corpus-protocol.ts';

// The Go engine's response rules (engine/classify.go, check.go, recall.go), for the autocannon
// engine. The Go engine is the reference; test/vectors/response-check.json pins both, so the two
// cannot drift.

/** PointId is a Qdrant point id: an unsigned integer or a UUID string. */
export type PointId = number | string;

/** ResponseReading is what one response body tells: whether its shape is right, Qdrant's time, and the ids. */
export interface ResponseReading {
  shapeOk: boolean;
  /** Qdrant's server-side `time`, in µs: read from any body that has it, an error's too. */
  serverUs?: number;
  /**
   * The `id` of each point returned, in order, as the body has it (anything, for a point without a
   * valid id); present when the shape is right. A batch has no single ranking: none.
   */
  ids?: unknown[];
}

/**
 * readResponse checks a body against the shape the request expects: query/gateway → result.points
 * is an array; search → result is an array; batch → result is an array of objects with points.
 * The envelope is read as Go's encoding/json reads it into the engine's struct: a JSON null is an
 * empty envelope, anything else that is not an object is malformed, and so is a `time` that is
 * not a number.
 */
export function readResponse(check: ResponseCheck, body: string): ResponseReading {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { shapeOk: false };
  }
  // A JSON null reads as an empty envelope in Go: no result, no time; the outcome is the same.
  if (!isObject(parsed)) return { shapeOk: false };
  const { result, time } = parsed;
  if (time !== undefined && time !== null && typeof time !== 'number') return { shapeOk: false };
  const serverUs = typeof time === 'number' && time >= 0 ? Math.round(time * 1e6) : undefined;
  const points = pointsOf(check, result);
  return {
    shapeOk: points !== undefined,
    ...(serverUs === undefined ? {} : { serverUs }),
    ...(points === undefined ? {} : { ids: points.map((point) => (isObject(point) ? point.id : undefined)) }),
  };
}

/** pointsOf returns the points of a result of the right shape (none for a batch), or undefined. */
function pointsOf(check: ResponseCheck, result: unknown): unknown[] | undefined {
  if (check === 'search') return Array.isArray(result) ? result : undefined;
  if (check === 'batch') return Array.isArray(result) && result.every((entry) => isObject(entry) && Array.isArray(entry.points)) ? [] : undefined;
  return isObject(result) && Array.isArray(result.points) ? result.points : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** classifyStatus maps an HTTP status to an error class, or null for a success (2xx, its body checked next). */
export function classifyStatus(status: number): ErrorClass | null {
  if (status >= 200 && status < 300) return null;
  if (status === 429) return 'status429';
  if (status >= 400 && status < 500) return 'status4xx';
  if (status >= 500 && status < 600) return 'status5xx';
  // 1xx, 3xx (redirects are not followed) and anything past 599 are answers of their own.
  return 'other';
}

/** TRANSPORT_CLASSES maps Node's socket error codes (libuv's errno names) to classes; any other is `other`. */
const TRANSPORT_CLASSES = new Map<string, ErrorClass>([
  ['ECONNREFUSED', 'refused'],
  ['ECONNRESET', 'reset'],
  ['EPIPE', 'reset'],
  ['ETIMEDOUT', 'timeout'],
]);

/** classifyTransportError maps a socket error, by its code, to an error class. */
export function classifyTransportError(error: { code?: string }): ErrorClass {
  return (error.code === undefined ? undefined : TRANSPORT_CLASSES.get(error.code)) ?? 'other';
}

/**
 * recallAt returns recall@k, k = truth.length: the share of the exact top k found among the first
 * k ids returned. A number and a string are different points, as in Qdrant; a duplicate counts once.
 */
export function recallAt(truth: readonly PointId[], returned: readonly unknown[]): number {
  const wanted = new Set(truth.map(pointKey));
  let found = 0;
  for (const id of returned.slice(0, truth.length)) {
    const key = pointKey(id);
    if (key !== undefined && wanted.delete(key)) found++;
  }
  return found / truth.length;
}

/**
 * pointKey keys a point id so a number and a string never compare equal (the Go engine's idKey);
 * undefined for a value that is no point id.
 */
function pointKey(id: unknown): string | undefined {
  if (typeof id === 'number') return Number.isFinite(id) ? `n:${id}` : undefined;
  if (typeof id === 'string') return `s:${id}`;
  return undefined;
}
