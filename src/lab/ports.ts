import { createServer } from 'node:net';

/**
 * freePorts asks the kernel for `count` distinct free ports on 127.0.0.1. The listeners are held
 * open until all are picked, so the same port is never handed out twice; another process could
 * still take one before the lab binds it, which then fails with a clear EADDRINUSE in its log.
 */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, () => new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve(server));
    })),
  );
  const ports = servers.map((server) => (server.address() as { port: number }).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}
