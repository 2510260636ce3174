// Small helpers the lab's HTTP servers (stand-in nodes, gateway) share: bounded body reading and
// Qdrant's JSON envelopes.

import type { IncomingMessage, ServerResponse } from 'node:http';

export type BodyResult = { ok: true; body: Buffer } | { ok: false; bytes: number };

/**
 * readBody reads a request body up to `limit` bytes. A declared Content-Length over the limit is
 * refused before anything is read; a chunked body is refused as soon as it passes the limit.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > limit) {
    req.resume();
    return Promise.resolve({ ok: false, bytes: declared });
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > limit) over = true;
      if (!over) chunks.push(chunk);
    });
    req.on('end', () => resolve(over ? { ok: false, bytes } : { ok: true, body: Buffer.concat(chunks) }));
    req.on('error', reject);
  });
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  sendRawJson(res, status, JSON.stringify(body), headers);
}

/** sendRawJson sends JSON text that is already serialised (a cached response, a spliced body). */
export function sendRawJson(res: ServerResponse, status: number, json: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json), ...headers });
  res.end(json);
}

export function sendText(res: ServerResponse, status: number, text: string, contentType = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** secondsSince turns a performance.now() start into Qdrant's `time` field (seconds, float). */
export function secondsSince(startedAt: number): number {
  return (performance.now() - startedAt) / 1000;
}

/** okEnvelope is Qdrant's success shape: {"result":..., "status":"ok", "time":<seconds>}. */
export function okEnvelope(result: unknown, startedAt: number): { result: unknown; status: 'ok'; time: number } {
  return { result, status: 'ok', time: secondsSince(startedAt) };
}

/** errorEnvelope is Qdrant's error shape: {"status":{"error":"..."}, "time":<seconds>}. */
export function errorEnvelope(message: string, startedAt: number): { status: { error: string }; time: number } {
  return { status: { error: message }, time: secondsSince(startedAt) };
}

/** HttpError is a failure with the status and message a handler answers with. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** parseJsonBody parses a body as Qdrant does, failing with its "Format error in JSON body" 400. */
export function parseJsonBody(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new HttpError(400, `Format error in JSON body: ${(error as Error).message}`);
  }
}

/** oversizedMessage is Qdrant's wording for a body over its max_request_size_mb. */
export function oversizedMessage(bytes: number, limit: number): string {
  return `JSON payload (${bytes} bytes) is larger than allowed (limit: ${limit} bytes).`;
}
