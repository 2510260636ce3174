import { createClient } from 'redis';

function newClient(url: string) {
  return createClient({
    url,
    disableOfflineQueue: true,
    socket: { connectTimeout: 1000, reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 1000) },
  });
}

export type RedisConnection = ReturnType<typeof newClient>;

/**
 * connectRedis opens a connection for one sampler (the latency probe needs its own, so it never
 * queues behind INFO). It returns at once: while Redis is unreachable the client keeps
 * reconnecting in the background and commands fail fast instead of queueing, so every second
 * without Redis becomes a gap, not a backlog of late PINGs. rediss:// URLs connect over TLS and the
 * URL's user and password authenticate.
 */
export function connectRedis(url: string, onError: (error: Error) => void): RedisConnection {
  const client = newClient(url);
  // node-redis emits 'error' on every failed (re)connection; without a listener it would crash the process.
  client.on('error', onError);
  client.connect().catch(onError);
  return client;
}

/**
 * whenReady resolves once the client is connected, waiting while the signal allows (a first
 * connection takes a few ms: a command before it would record a spurious gap); when the signal
 * aborts first it throws the last connection error.
 */
export async function whenReady(client: RedisConnection, signal: AbortSignal, lastError: () => Error | undefined): Promise<void> {
  if (client.isReady) return;
  await new Promise<void>((resolve, reject) => {
    const fail = (): void => {
      client.off('ready', ready);
      reject(lastError() ?? new Error('not connected to Redis'));
    };
    const ready = (): void => {
      signal.removeEventListener('abort', fail);
      resolve();
    };
    if (signal.aborted) return fail();
    client.once('ready', ready);
    signal.addEventListener('abort', fail, { once: true });
  });
}

/** closeRedis drops the connection without waiting for replies in flight (a blocked Redis must not block stop()). */
export function closeRedis(client: RedisConnection): void {
  client.destroy();
}
