// Entry point of the gateway process: `node --import tsx src/lab/gateway/main.ts <config.json>`.

import { readFileSync } from 'node:fs';
import { createClient } from 'redis';
import { Pool } from 'undici';
import { Faults } from '../faults.ts';
import { createGatewayServer, type Cache, type GatewayConfig } from './server.ts';

function log(line: string): void {
  process.stdout.write(`${new Date().toISOString()} gateway: ${line}\n`);
}

const configFile = process.argv[2];
if (!configFile) {
  process.stderr.write('usage: node --import tsx src/lab/gateway/main.ts <config.json>\n');
  process.exit(2);
}
const config = JSON.parse(readFileSync(configFile, 'utf8')) as GatewayConfig;

// Without the offline queue, commands fail at once while Redis is away instead of piling up, so a
// dead cache turns into misses, not into hung searches.
const redis = createClient({ url: config.redisUrl, disableOfflineQueue: true, socket: { reconnectStrategy: (retries) => Math.min(100 * (retries + 1), 2000), connectTimeout: 2000 } });
let lastRedisError = '';
redis.on('error', (error: Error) => {
  if (error.message !== lastRedisError) log(`redis: ${error.message}`);
  lastRedisError = error.message;
});
redis.on('ready', () => {
  lastRedisError = '';
  log(`redis: connected to ${config.redisUrl}`);
});
redis.connect().catch((error: unknown) => log(`redis: first connection failed, retrying in the background: ${(error as Error).message}`));

const cache: Cache = {
  get: (key) => redis.get(key),
  set: async (key, value, ttlSeconds) => {
    await redis.set(key, value, { expiration: { type: 'EX', value: ttlSeconds } });
  },
  ping: async () => {
    await redis.ping();
  },
};

const upstream = new Pool(config.upstream, { connections: 64, pipelining: 1 });
const server = createGatewayServer(config, upstream, cache, new Faults(), log);
server.on('error', (error) => {
  log(`cannot listen on 127.0.0.1:${config.port}: ${error.message}`);
  process.exit(1);
});
server.listen(config.port, '127.0.0.1', () => log(`listening on http://127.0.0.1:${config.port}, upstream ${config.upstream}, cache TTL ${config.cacheTtlSeconds} s`));

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    log(`${signal}, stopping`);
    server.closeAllConnections();
    server.close(() => {
      void Promise.allSettled([upstream.close(), redis.quit()]).then(() => process.exit(0));
    });
  });
}
