import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPointCounts } from './point-counts.ts';

// A Qdrant-like server: "kept" has 1000 points, "gone" answers 404, "broken" 503, "odd" a body without a count.
let server: Server;
let url: string;
beforeAll(async () => {
  server = createServer((request, response) => {
    const name = /^\/collections\/([^/]+)\/points\/count$/.exec(request.url ?? '')?.[1];
    const answers: Record<string, [number, string]> = { kept: [200, '{"result":{"count":1000}}'], broken: [503, 'busy'], odd: [200, '{"result":{}}'] };
    const [status, body] = answers[name ?? ''] ?? [404, '{"status":{"error":"Not found: Collection `gone` doesn\'t exist!"}}'];
    response.writeHead(status, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('readPointCounts', () => {
  it('counts each collection on its own and says why one could not be counted', async () => {
    expect(await readPointCounts(url, ['kept', 'gone', 'broken', 'odd'], undefined)).toEqual({
      counts: { kept: 1000 },
      failures: {
        gone: { code: 'not-found', error: 'HTTP 404' },
        broken: { code: 'unreadable', error: 'HTTP 503' },
        odd: { code: 'unreadable', error: 'the answer holds no result.count' },
      },
    });
  });

  it('reads a target that does not answer as unreadable, not as a missing collection', async () => {
    const counts = await readPointCounts('http://127.0.0.1:1', ['kept'], undefined);
    expect(counts.failures.kept).toMatchObject({ code: 'unreadable' });
  });
});
