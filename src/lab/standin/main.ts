// Entry point of one stand-in node process: `node --import tsx src/lab/standin/main.ts <config.json>`.
// It restores its collections from the dataset folder, listens on 127.0.0.1, and logs to stdout
// (the lab sends that to the node's log file).

import { readFileSync } from 'node:fs';
import { listCollections, loadCollectionData } from '../../datasets/load.ts';
import { Faults } from '../faults.ts';
import type { StandinConfig } from './config.ts';
import { SearchLimiter } from './limiter.ts';
import { createStandinServer } from './server.ts';
import { Collection, Store } from './store.ts';

function log(line: string): void {
  process.stdout.write(`${new Date().toISOString()} ${line}\n`);
}

const configFile = process.argv[2];
if (!configFile) {
  process.stderr.write('usage: node --import tsx src/lab/standin/main.ts <config.json>\n');
  process.exit(2);
}
const config = JSON.parse(readFileSync(configFile, 'utf8')) as StandinConfig;

const store = new Store();
if (config.datasetDir) {
  const started = performance.now();
  for (const name of config.collections ?? listCollections(config.datasetDir)) {
    const data = loadCollectionData(name, { dir: config.datasetDir });
    const collection = new Collection(name, {
      size: data.manifest.vectorSize,
      distance: data.manifest.distance,
      shardNumber: 1,
      replicationFactor: config.peers.length,
      writeConsistencyFactor: 1,
    });
    collection.restore(data.vectors, data.payloads);
    store.collections.set(name, collection);
  }
  log(`${config.name}: restored ${store.collections.size} collections from ${config.datasetDir} in ${Math.round(performance.now() - started)} ms`);
}

const { server } = createStandinServer(config, store, new SearchLimiter(config.maxInFlight, config.queueTimeoutMs), new Faults(), log);
server.on('error', (error) => {
  log(`${config.name}: cannot listen on 127.0.0.1:${config.port}: ${error.message}`);
  process.exit(1);
});
server.listen(config.port, '127.0.0.1', () => log(`${config.name}: listening on http://127.0.0.1:${config.port} (max in flight ${config.maxInFlight})`));

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    log(`${config.name}: ${signal}, stopping`);
    server.closeAllConnections();
    server.close(() => process.exit(0));
  });
}
