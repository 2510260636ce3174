// Answers from servers are untrusted JSON: these helpers read a field only when it has the
// expected type, so a missing or renamed field (another version) reads as absent, never throws.

export type JsonObject = Record<string, unknown>;

export function object(value: unknown): JsonObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

export function number(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function string(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** qdrantResult returns the `result` object of a Qdrant answer ({"result":…,"status":"ok"}), or throws naming what was read. */
export function qdrantResult(body: unknown, what: string): JsonObject {
  const result = object(object(body)?.result);
  if (!result) throw new Error(`not a Qdrant ${what} answer (no result object)`);
  return result;
}

export function array(value: unknown): unknown[] | undefined {
  return Array.isArray(value) ? value : undefined;
}
