import type { ResponseCheck } from './corpus-protocol.ts';
import type { ErrorClass } from '../runfolder/engine-lines.ts';

/** ResponseReading is what one response body tells: whether its shape is right, Qdrant's time, and the ids. */
export interface ResponseReading {
  shapeOk: boolean;
  /** Qdrant's server-side `time`, in µs. */
  serverUs?: number;
  ids?: Array<number | string>;
}

/**
 * readResponse checks a 2xx body against the shape the request expects (the same rules as the Go
 * engine's check: query/gateway → result.points is an array; search → result is an array;
 * batch → result is an array of objects with points).
 */
export function readResponse(check: ResponseCheck, body: string): ResponseReading {
  let parsed: { result?: unknown; time?: unknown };
  try {
    parsed = JSON.parse(body) as typeof parsed;
  } catch {
    return { shapeOk: false };
  }
  const serverUs = typeof parsed.time === 'number' ? Math.round(parsed.time * 1e6) : undefined;
  const points = pointsOf(check, parsed.result);
  return { shapeOk: points !== undefined, ...(serverUs === undefined ? {} : { serverUs }), ...(points ? { ids: points.map((p) => p.id) } : {}) };
}

function pointsOf(check: ResponseCheck, result: unknown): Array<{ id: number | string }> | undefined {
  if (check === 'search') return Array.isArray(result) ? result : undefined;
  if (check === 'batch') return Array.isArray(result) && result.every((r) => Array.isArray((r as { points?: unknown })?.points)) ? [] : undefined;
  const points = (result as { points?: unknown } | undefined)?.points;
  return Array.isArray(points) ? points : undefined;
}

/** classifyStatus maps an HTTP status to an error class, or null for a success. */
export function classifyStatus(status: number): ErrorClass | null {
  if (status >= 200 && status < 300) return null;
  if (status === 429) return 'status429';
  if (status >= 500) return 'status5xx';
  return 'status4xx';
}

/** classifyTransportError maps a socket error to an error class. */
export function classifyTransportError(error: { code?: string; message?: string }): ErrorClass {
  if (error.code === 'ECONNREFUSED') return 'refused';
  if (error.code === 'ECONNRESET' || error.code === 'EPIPE') return 'reset';
  if (error.code === 'ETIMEDOUT' || /timed out/i.test(error.message ?? '')) return 'timeout';
  return 'other';
}

/** recallAt returns the share of the true top-k ids found among the first k returned. */
export function recallAt(returned: ReadonlyArray<number | string>, truth: ReadonlyArray<number | string>): number {
  const top = new Set(returned.slice(0, truth.length).map(String));
  return truth.filter((id) => top.has(String(id))).length / truth.length;
}
