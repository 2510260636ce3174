import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface QdrantLikeServer {
  url: string;
  /** Requests received, by path. */
  hits: Map<string, number>;
  close(): Promise<void>;
}

/**
 * startQdrantLikeServer answers on 127.0.0.1:0 like Qdrant's query API, with an optional handler
 * to shape the answer of a path (a status, a delay, a wrong body). For engine tests that need a
 * server whose behaviour is known exactly.
 */
export async function startQdrantLikeServer(
  shape: (path: string) => { status?: number; delayMs?: number; body?: string } = () => ({}),
): Promise<QdrantLikeServer> {
  const hits = new Map<string, number>();
  const server: Server = createServer((request, response) => {
    const path = request.url ?? '/';
    hits.set(path, (hits.get(path) ?? 0) + 1);
    request.resume();
    request.on('end', () => {
      const { status = 200, delayMs = 0, body } = shape(path);
      setTimeout(() => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(body ?? (status === 200 ? '{"result":{"points":[{"id":1,"version":0,"score":0.9}]},"status":"ok","time":0.000512}' : '{"status":{"error":"boom"},"time":0.0001}'));
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
