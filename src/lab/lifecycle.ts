// Starting and stopping the whole lab. Start-up goes component by component, each waited for by
// readiness probes; the first one that fails is reported with its log tail, and everything already
// started is stopped again, so a failed `up` leaves nothing running.

import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { promisify } from 'node:util';
import { createClient } from 'redis';
import { loadMix } from '../config/load.ts';
import { generateDatasets } from '../datasets/generate.ts';
import { listCollections } from '../datasets/load.ts';
import { readManifest } from '../datasets/manifest.ts';
import { countPoints, seedCollections } from '../datasets/seed.ts';
import { gatewayComponent, haproxyComponent, redisComponent, standinComponent, standinConfigs } from './components.ts';
import { backendStatuses, statsCsvUrl } from './haproxy-config.ts';
import type { ResolvedLabOptions } from './options.ts';
import { isRunning, logTail, startProcess, stopProcess } from './processes.ts';
import { freePorts } from './ports.ts';
import { resolveQdrantBinary } from './qdrant/binary.ts';
import { qdrantBinaryCache, qdrantComponents, qdrantStorageDir } from './qdrant/nodes.ts';
import { LAB_STATE_VERSION, removeState, writeState, type ComponentState, type LabState } from './state.ts';
import { httpReady, waitUntil } from './wait.ts';

/** LabStartError names the component that failed, with the tail of its log. */
export class LabStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LabStartError';
  }
}

const GATEWAY_MAX_BODY_BYTES = 1024 * 1024;

/**
 * startLab starts every component and returns the lab's state; on failure nothing is left running.
 * The state folder records each process the moment it is spawned (phase 'starting'), and the lab
 * as 'running' once every component is ready: a start cut short by an exit keeps its record, so
 * `lab down` and the next `ensureLab` find and stop what it had started.
 */
export async function startLab(options: ResolvedLabOptions, progress: (line: string) => void): Promise<LabState> {
  mkdirSync(options.stateDir, { recursive: true });
  // A wrong binary is reported before anything starts.
  const qdrant = options.qdrantBin === undefined ? undefined : await resolveQdrantBinary(options.qdrantBin, qdrantBinaryCache(options.stateDir));
  if (qdrant && existsSync(qdrantStorageDir(options.stateDir))) {
    // Kept storage belongs to a cluster on other ports; a new cluster starts from empty storage.
    progress(`removing the Qdrant storage kept from an earlier lab in ${qdrantStorageDir(options.stateDir)}`);
    rmSync(qdrantStorageDir(options.stateDir), { recursive: true, force: true });
  }
  const collections = prepareDatasets(options, progress);
  const portsPerNode = qdrant ? 3 : 1;
  const [frontendPort, statsPort, redisPort, gatewayPort, ...nodePorts] = (await freePorts(4 + options.nodes * portsPerNode)) as [number, number, number, number, ...number[]];

  // Every component is planned (ports, config files, command lines) before the first one starts.
  const redis = redisComponent(options.stateDir, redisPort);
  const redisUrl = `redis://127.0.0.1:${redisPort}`;
  const nodes = qdrant
    ? qdrantComponents(qdrant.path, options.stateDir, nodePorts)
    : standinConfigs({ ports: nodePorts, datasetDir: options.datasetDir, collections, maxInFlight: options.maxInFlight, queueTimeoutMs: options.queueTimeoutMs }).map((config) =>
        standinComponent(options.stateDir, config),
      );
  const haproxy = haproxyComponent(options.stateDir, {
    frontendPort,
    statsPort,
    nodes: nodes.map((node) => ({ name: node.name, port: Number(new URL(node.url!).port) })),
    balance: options.balance,
    checkIntervalMs: options.checkIntervalMs,
    maxConnections: haproxyMaxConnections(),
  });
  const qdrantUrl = haproxy.url!;
  const gateway = gatewayComponent(options.stateDir, { port: gatewayPort, upstream: qdrantUrl, redisUrl, cacheTtlSeconds: options.cacheTtlSeconds, maxBodyBytes: GATEWAY_MAX_BODY_BYTES });
  const stats = statsCsvUrl(statsPort);
  await checkHaproxyConfig(haproxy.configFile!);

  const state: LabState = {
    version: LAB_STATE_VERSION,
    phase: 'starting',
    kind: options.kind,
    startedAt: new Date().toISOString(),
    datasetDir: options.datasetDir,
    collections,
    options,
    endpoints: { balancer: qdrantUrl, gateway: gateway.url!, nodes: nodes.map((node) => node.url!), redis: redisUrl, haproxyStats: stats },
    components: [],
    capacity: null,
  };
  const start = (component: ComponentState): ComponentState => {
    component.process = startProcess(component.spec);
    state.components.push(component);
    // Subtleness: the spawn and this write run in one synchronous stretch, so no signal handler
    // (a second Ctrl-C calls process.exit) can run between them and lose a detached process.
    writeState(options.stateDir, state);
    return component;
  };
  const ready = async (component: ComponentState, probe: () => Promise<string | undefined>): Promise<void> => {
    try {
      await waitUntil(component.name, probe, { timeoutMs: options.startTimeoutMs, alive: () => component.process !== null && isRunning(component.process) });
    } catch (error) {
      throw new LabStartError(`${component.name} failed to start: ${(error as Error).message}\n${component.spec.logFile}:\n${await logTail(component.spec.logFile)}`);
    }
  };

  try {
    start(redis);
    if (qdrant) {
      progress(`starting ${options.nodes} real Qdrant ${qdrant.version} nodes in cluster mode (${qdrant.path})`);
      await startQdrantNodes(nodes, start, ready);
    } else {
      progress(`starting ${options.nodes} stand-in nodes serving ${collections.length} collections from ${options.datasetDir}`);
      for (const node of nodes) start(node);
      await Promise.all(nodes.map((node) => ready(node, httpReady(`${node.url}/readyz`))));
    }
    await ready(redis, () => redisPing(redisUrl));

    progress('starting HAProxy');
    start(haproxy);
    await ready(haproxy, async () => {
      const csv = await (await fetch(stats, { signal: AbortSignal.timeout(2000) })).text();
      const down = backendStatuses(csv).filter((server) => server.status !== 'UP');
      return down.length === 0 ? httpReady(`${haproxy.url}/readyz`)() : `not UP yet: ${down.map((s) => `${s.name} ${s.status}`).join(', ')}`;
    });

    if (qdrant) {
      // Real nodes start empty: they are seeded as any Qdrant is, through the balancer.
      progress(`seeding ${collections.length} collections through HAProxy (shard_number ${options.shardNumber}, replication_factor ${options.replicationFactor})`);
      await seedCollections({ url: qdrantUrl, dir: options.datasetDir, collections, shardNumber: options.shardNumber, replicationFactor: options.replicationFactor });
    } else {
      await verifyPoints(qdrantUrl, options.datasetDir, collections);
    }

    progress('starting the gateway');
    start(gateway);
    await ready(gateway, async () => {
      const response = await fetch(`${gateway.url}/api/v1/health`, { signal: AbortSignal.timeout(2000) });
      const body = (await response.json()) as { status?: string };
      return body.status === 'ok' ? undefined : `health ${JSON.stringify(body)}`;
    });

    state.phase = 'running';
    state.startedAt = new Date().toISOString();
    writeState(options.stateDir, state);
    return state;
  } catch (error) {
    await stopComponents(state.components);
    removeState(options.stateDir);
    if (qdrant) rmSync(qdrantStorageDir(options.stateDir), { recursive: true, force: true });
    throw error;
  }
}

/**
 * startQdrantNodes starts the first peer, then the others bootstrapping from it (as Qdrant's
 * compose file orders them), and waits until every peer has joined the cluster.
 */
async function startQdrantNodes(
  components: ComponentState[],
  start: (component: ComponentState) => ComponentState,
  ready: (component: ComponentState, probe: () => Promise<string | undefined>) => Promise<void>,
): Promise<void> {
  const [first, ...rest] = components as [ComponentState, ...ComponentState[]];
  await ready(start(first), httpReady(`${first.url}/readyz`));
  for (const node of rest) start(node);
  await Promise.all(rest.map((node) => ready(node, httpReady(`${node.url}/readyz`))));
  await ready(first, async () => {
    const body = (await (await fetch(`${first.url}/cluster`, { signal: AbortSignal.timeout(2000) })).json()) as { result?: { peers?: Record<string, unknown> } };
    const peers = Object.keys(body.result?.peers ?? {}).length;
    return peers === components.length ? undefined : `${peers} of ${components.length} peers have joined the cluster`;
  });
}

/**
 * prepareDatasets makes sure the lab has data to serve: the default and points-<n> folders are
 * generated when missing (seconds); a folder given explicitly is used as it is.
 */
function prepareDatasets(options: ResolvedLabOptions, progress: (line: string) => void): string[] {
  if (options.generateDataset) {
    generateDatasets({
      mix: loadMix(options.mixFile),
      dir: options.datasetDir,
      points: options.points,
      ifMissing: true,
      onCollection: ({ collection, action }) => {
        if (action === 'generated') progress(`generated dataset ${collection} (${options.points} points)`);
      },
    });
  }
  return listCollections(options.datasetDir);
}

/** verifyPoints checks through the balancer that the cluster holds every point of the dataset. */
async function verifyPoints(url: string, datasetDir: string, collections: string[]): Promise<void> {
  const manifest = readManifest(datasetDir);
  const counts = await countPoints(url, collections);
  const wrong = collections.filter((name) => counts[name] !== manifest.collections[name]!.points);
  if (wrong.length > 0) {
    throw new LabStartError(`the lab's nodes do not hold the dataset: ${wrong.map((name) => `${name} has ${counts[name] ?? 'no collection'}, expected ${manifest.collections[name]!.points}`).join('; ')}`);
  }
}

/**
 * haproxyMaxConnections fits HAProxy's maxconn to the open-files limit it inherits: it needs two
 * descriptors per connection (client and server side) and refuses to start when it cannot have them.
 */
function haproxyMaxConnections(): number {
  let limit = 1024;
  try {
    limit = Number(/^Max open files\s+(\d+)/m.exec(readFileSync('/proc/self/limits', 'utf8'))?.[1] ?? limit);
  } catch {
    // Not Linux: keep the conservative default.
  }
  return Math.max(256, Math.min(20_000, Math.floor((limit - 200) / 2)));
}

async function checkHaproxyConfig(configFile: string): Promise<void> {
  try {
    await promisify(execFile)('haproxy', ['-c', '-f', configFile]);
  } catch (error) {
    const { code, stderr, stdout } = error as { code?: string; stderr?: string; stdout?: string };
    if (code === 'ENOENT') throw new LabStartError('haproxy is not installed; run `npm run setup` (it installs haproxy and redis-server from apt)');
    throw new LabStartError(`the generated HAProxy config ${configFile} is not valid:\n${(stderr || stdout || '').trim()}`);
  }
}

async function redisPing(url: string): Promise<string | undefined> {
  const client = createClient({ url, socket: { connectTimeout: 1000, reconnectStrategy: false } });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const pong = await client.ping();
    return pong === 'PONG' ? undefined : `PING answered ${pong}`;
  } finally {
    client.destroy();
  }
}

/** stopComponents stops every running component at once (SIGTERM, then SIGKILL after a grace period). */
export async function stopComponents(components: readonly ComponentState[]): Promise<void> {
  await Promise.all(components.map((component) => (component.process ? stopProcess(component.process) : undefined)));
  for (const component of components) component.process = null;
}

/** stopLab stops every process of a lab, and removes real Qdrant's storage unless it is to be kept. */
export async function stopLab(state: LabState, keepStorage = state.options.keepStorage): Promise<void> {
  await stopComponents(state.components);
  if (state.kind === 'qdrant' && !keepStorage) rmSync(qdrantStorageDir(state.options.stateDir), { recursive: true, force: true });
}

/**
 * coreRunning tells whether a recorded lab is up: it finished starting, and its balancer, Redis and
 * gateway are alive (nodes may be killed on purpose). A record still 'starting' is a start that
 * was cut short (or is under way, holding the state folder's lock).
 */
export function coreRunning(state: LabState): boolean {
  return state.phase === 'running' && state.components.filter((c) => c.role !== 'node').every((c) => c.process !== null && isRunning(c.process));
}
