// How each lab component is started: its config file and its command line. Plain data out, so the
// same spec starts a component at `up` and again at `restart`.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../config/paths.ts';
import type { GatewayConfig } from './gateway/server.ts';
import { renderHaproxyConfig, type HaproxyConfigInput } from './haproxy-config.ts';
import type { ProcessSpec } from './processes.ts';
import { QDRANT_MAX_BODY_BYTES, type StandinConfig } from './standin/config.ts';
import type { ComponentState } from './state.ts';

const STANDIN_ENTRY = join(PROJECT_ROOT, 'src', 'lab', 'standin', 'main.ts');
const GATEWAY_ENTRY = join(PROJECT_ROOT, 'src', 'lab', 'gateway', 'main.ts');

/** tsProcess runs one of the lab's TypeScript entry points through the tsx loader. */
function tsProcess(name: string, entry: string, configFile: string, stateDir: string): ProcessSpec {
  return { name, command: process.execPath, args: ['--import', 'tsx', entry, configFile], cwd: PROJECT_ROOT, logFile: join(stateDir, `${name}.log`) };
}

function writeJson(file: string, value: unknown): string {
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
  return file;
}

export function standinComponent(stateDir: string, config: StandinConfig): ComponentState {
  const configFile = writeJson(join(stateDir, `${config.name}.json`), config);
  return { name: config.name, role: 'node', spec: tsProcess(config.name, STANDIN_ENTRY, configFile, stateDir), process: null, url: `http://127.0.0.1:${config.port}`, configFile };
}

export function standinConfigs(options: { ports: number[]; datasetDir: string; collections: string[]; maxInFlight: number; queueTimeoutMs: number }): StandinConfig[] {
  // Peer ids look like Qdrant's (large random integers) but stay within JSON's safe integers.
  const peers = options.ports.map((port) => ({ peerId: Math.floor(Math.random() * 2 ** 52) + 2 ** 52, url: `http://127.0.0.1:${port}` }));
  return options.ports.map((port, index) => ({
    name: `node${index}`,
    port,
    peerId: peers[index]!.peerId,
    peers,
    datasetDir: options.datasetDir,
    collections: options.collections,
    maxInFlight: options.maxInFlight,
    queueTimeoutMs: options.queueTimeoutMs,
    maxBodyBytes: QDRANT_MAX_BODY_BYTES,
  }));
}

export function haproxyComponent(stateDir: string, input: HaproxyConfigInput): ComponentState {
  const configFile = join(stateDir, 'haproxy.cfg');
  writeFileSync(configFile, renderHaproxyConfig(input));
  // -db: stay in the foreground (the lab supervises it by pid), no daemon fork.
  const spec: ProcessSpec = { name: 'haproxy', command: 'haproxy', args: ['-f', configFile, '-db'], cwd: stateDir, logFile: join(stateDir, 'haproxy.log') };
  return { name: 'haproxy', role: 'haproxy', spec, process: null, url: `http://127.0.0.1:${input.frontendPort}`, configFile };
}

export function redisComponent(stateDir: string, port: number): ComponentState {
  const args = [
    '--bind', '127.0.0.1',
    '--port', String(port),
    // A cache: nothing is persisted, and the oldest entries go first when memory runs out.
    '--save', '',
    '--appendonly', 'no',
    '--maxmemory', '256mb',
    '--maxmemory-policy', 'allkeys-lru',
    '--dir', stateDir,
    // DEBUG SLEEP is the lab's Redis latency fault; allowed from loopback only.
    '--enable-debug-command', 'local',
  ];
  return { name: 'redis', role: 'redis', spec: { name: 'redis', command: 'redis-server', args, cwd: stateDir, logFile: join(stateDir, 'redis.log') }, process: null };
}

export function gatewayComponent(stateDir: string, config: GatewayConfig): ComponentState {
  const configFile = writeJson(join(stateDir, 'gateway.json'), config);
  return { name: 'gateway', role: 'gateway', spec: tsProcess('gateway', GATEWAY_ENTRY, configFile, stateDir), process: null, url: `http://127.0.0.1:${config.port}`, configFile };
}
