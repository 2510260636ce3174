import { InvalidArgumentError, Option, type Command } from 'commander';
import { COMMAND_LINE, ConfigError } from '../../config/errors.ts';
import { defaultLabStateDir } from '../../config/paths.ts';
import { parseDurationMs, parsePercent, UnitError } from '../../config/units.ts';
import {
  BALANCE_ALGORITHMS,
  clearFaults,
  ensureCapacity,
  ensureLab,
  faultsOf,
  killNode,
  restartNode,
  runningLab,
  savedCapacity,
  setFault,
  sleepRedis,
  stopRunningLab,
  type FaultSpec,
  type FaultTarget,
  type LabEndpoints,
  type LabOptions,
  type LabState,
} from '../../lab/index.ts';
import { backendStatuses } from '../../lab/haproxy-config.ts';
import { isRunning } from '../../lab/processes.ts';
import { ExitCode } from '../../exit-codes.ts';
import type { Registrar } from '../registrar.ts';
import { parseIntegerOption } from '../options.ts';

interface UpFlags {
  stateDir?: string;
  nodes?: number;
  points?: number;
  datasetDir?: string;
  maxInFlight?: number;
  queueTimeout?: number;
  balance?: LabOptions['balance'];
  cacheTtl?: number;
  qdrantBin?: string;
  shards?: number;
  replication?: number;
  json?: boolean;
  /** false with --no-measure-capacity. */
  measureCapacity?: boolean;
}

interface FaultFlags {
  stateDir?: string;
  latency?: number;
  errorRate?: number;
  errorStatus?: number;
  stall?: number;
  cpu?: number;
  cpuThreads?: number;
  for?: number;
  clear?: boolean;
  sleep?: number;
}

/** parseMsOption reads "250ms", "1.5s" or a bare number of milliseconds. */
function parseMsOption(value: string): number {
  return withUnits(() => (/^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : parseDurationMs(value)));
}

/** parseSecondsOption reads "30s", "2m" or a bare number of seconds. */
function parseSecondsOption(value: string): number {
  return withUnits(() => (/^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : parseDurationMs(value) / 1000));
}

/** parseRateOption reads "10%" or a fraction such as 0.1. */
function parseRateOption(value: string): number {
  const rate = withUnits(() => (value.trim().endsWith('%') ? parsePercent(value) : Number(value)));
  if (!(rate >= 0 && rate <= 1)) throw new InvalidArgumentError(`"${value}" is not a rate between 0% and 100%.`);
  return rate;
}

function withUnits(parse: () => number): number {
  try {
    const value = parse();
    if (!Number.isFinite(value)) throw new UnitError('not a number');
    return value;
  } catch (error) {
    throw new InvalidArgumentError(`${(error as Error).message}.`);
  }
}

/** parseNodeArgument accepts "1" or "node1". */
function parseNodeArgument(value: string): number {
  const match = /^(?:node)?(\d+)$/.exec(value.trim());
  if (!match) throw new InvalidArgumentError(`"${value}" is not a node; give its index (0, 1, ...) or name (node0, node1, ...).`);
  return Number(match[1]);
}

function nodeTarget(value: string): number {
  try {
    return parseNodeArgument(value);
  } catch {
    throw ConfigError.single(COMMAND_LINE, '<target>', `"${value}" is not a fault target; give a node (0 or node0), "gateway" or "redis"`);
  }
}

const stateDirOption = (): Option => new Option('--state-dir <dir>', 'lab state folder (default: $VECSTRESS_LAB_DIR or .lab/)');

export const register: Registrar = (program, ctx, setExitCode) => {
  const lab: Command = program.command('lab').description('the embedded lab: Qdrant nodes behind HAProxy, Redis and the gateway, on this machine');
  const address = (flags: { stateDir?: string }): { stateDir: string } => ({ stateDir: flags.stateDir ?? defaultLabStateDir(ctx.env) });

  lab
    .command('up')
    .description('start the lab (or find it running) and print its endpoints')
    .addOption(stateDirOption())
    .option('--nodes <n>', 'Qdrant nodes behind HAProxy (default 3)', parseIntegerOption)
    .option('--points <n>', 'points per collection (default 2000; sets the capacity)', parseIntegerOption)
    .option('--dataset-dir <dir>', 'serve this dataset folder instead')
    .option('--max-in-flight <n>', 'stand-in nodes: searches in flight past which a node answers 503 (default 64)', parseIntegerOption)
    .option('--queue-timeout <ms>', 'stand-in nodes: queue wait past which a search is answered 503 (default 2000)', parseMsOption)
    .addOption(new Option('--balance <algorithm>', 'HAProxy balance algorithm (default leastconn)').choices([...BALANCE_ALGORITHMS]))
    .option('--cache-ttl <seconds>', 'gateway cache TTL in Redis (default 60)', parseSecondsOption)
    .option('--qdrant-bin <path>', 'run real Qdrant nodes from this server binary (or .xz of it); default $QDRANT_BIN')
    .option('--shards <n>', 'real Qdrant: shard_number of the collections (default: nodes)', parseIntegerOption)
    .option('--replication <n>', 'real Qdrant: replication_factor (default 2)', parseIntegerOption)
    .option('--no-measure-capacity', 'skip the capacity probe (the first run sized to the lab measures it)')
    .option('--json', 'print the endpoints as JSON')
    .action(async (flags: UpFlags) => {
      const started = performance.now();
      const handle = await ensureLab({
        ...address(flags),
        ...defined({
          nodes: flags.nodes,
          points: flags.points,
          datasetDir: flags.datasetDir,
          maxInFlight: flags.maxInFlight,
          queueTimeoutMs: flags.queueTimeout,
          balance: flags.balance,
          cacheTtlSeconds: flags.cacheTtl,
          qdrantBin: flags.qdrantBin ?? ctx.env.QDRANT_BIN,
          shardNumber: flags.shards,
          replicationFactor: flags.replication,
        }),
        onProgress: (line) => ctx.err(`lab: ${line}\n`),
      });
      const how = handle.startedHere ? `started in ${((performance.now() - started) / 1000).toFixed(1)} s` : 'already running';
      // Measured once per lab: the lab forms of the profiles are sized to it.
      const capacity = flags.measureCapacity === false ? savedCapacity(address(flags).stateDir) : await ensureCapacity(address(flags).stateDir, (line) => ctx.err(`lab: ${line}\n`));
      if (flags.json) {
        ctx.out(`${JSON.stringify({ ...handle.endpoints, kind: handle.kind, datasetDir: handle.datasetDir, stateDir: address(flags).stateDir, startedHere: handle.startedHere, capacity: capacity ?? null }, null, 2)}\n`);
      } else {
        const measured = capacity ? `capacity ${Math.round(capacity.rps)} req/s (the weighted mix, closed loop, through HAProxy)\n` : 'capacity not measured (a run sized to it measures it first)\n';
        ctx.out(`lab up (${handle.kind === 'qdrant' ? 'real Qdrant' : 'stand-in'} nodes, ${how})\n${formatEndpoints(handle.endpoints, handle.datasetDir)}${measured}stop it with: npm run lab -- down\n`);
      }
      setExitCode(ExitCode.Passed);
    });

  lab
    .command('status')
    .description('show the running lab: endpoints, processes, HAProxy backends and the cluster')
    .addOption(stateDirOption())
    .option('--json', 'print as JSON')
    .action(async (flags: { stateDir?: string; json?: boolean }) => {
      const running = runningLab(address(flags));
      if (!running) {
        ctx.out(flags.json ? `${JSON.stringify({ running: false })}\n` : 'no lab is running (start one with `npm run lab -- up`)\n');
        setExitCode(ExitCode.RunError);
        return;
      }
      const status = await labStatus(running.state, running.endpoints);
      ctx.out(flags.json ? `${JSON.stringify(status, null, 2)}\n` : formatStatus(status));
      setExitCode(ExitCode.Passed);
    });

  lab
    .command('down')
    .description('stop every process the lab started (and remove real Qdrant storage)')
    .addOption(stateDirOption())
    .option('--keep-storage', "real Qdrant: keep the nodes' storage in the state folder")
    .action(async (flags: { stateDir?: string; keepStorage?: boolean }) => {
      const stopped = await stopRunningLab({ ...address(flags), ...(flags.keepStorage ? { keepStorage: true } : {}) });
      ctx.out(stopped ? 'lab stopped\n' : 'no lab was running\n');
      setExitCode(ExitCode.Passed);
    });

  const nodeCommands = [
    { name: 'kill', description: 'kill a node with SIGKILL (a crash): HAProxy takes it out of rotation', act: killNode, done: 'killed' },
    { name: 'restart', description: 'start a node again (killing it first if it runs) and wait until it is ready', act: restartNode, done: 'restarted and ready' },
  ];
  for (const { name, description, act, done } of nodeCommands) {
    lab
      .command(name)
      .description(description)
      .argument('<node>', 'node index or name (0 or node0)', parseNodeArgument)
      .addOption(stateDirOption())
      .action(async (node: number, flags: { stateDir?: string }) => {
        await act(node, address(flags));
        ctx.out(`node${node} ${done}\n`);
        setExitCode(ExitCode.Passed);
      });
  }

  lab
    .command('fault')
    .description('inject faults into a node, the gateway or Redis; with no fault option, print the faults in force')
    .argument('<target>', 'node index or name, "gateway" or "redis"')
    .addOption(stateDirOption())
    .option('--latency <ms>', 'add latency to every request (e.g. 200ms)', parseMsOption)
    .option('--error-rate <rate>', 'answer this share of API requests with an error (e.g. 10%)', parseRateOption)
    .option('--error-status <code>', 'status of injected errors (default 503)', parseIntegerOption)
    .option('--stall <seconds>', 'hold every request, health checks included, for this long', parseSecondsOption)
    .option('--cpu <seconds>', 'burn CPU on worker threads for this long', parseSecondsOption)
    .option('--cpu-threads <n>', 'threads to burn CPU on (default 1)', parseIntegerOption)
    .option('--for <seconds>', 'clear latency and errors after this long', parseSecondsOption)
    .option('--clear', 'clear every fault')
    .option('--sleep <seconds>', 'redis: block the server with DEBUG SLEEP for this long', parseSecondsOption)
    .action(async (target: string, flags: FaultFlags) => {
      if (target === 'redis') {
        if (flags.sleep === undefined) throw ConfigError.single(COMMAND_LINE, '--sleep', 'redis takes --sleep <seconds> (its DEBUG SLEEP blocks the server)');
        await sleepRedis(flags.sleep, address(flags));
        ctx.out(`redis slept ${flags.sleep} s\n`);
        setExitCode(ExitCode.Passed);
        return;
      }
      const where: FaultTarget = target === 'gateway' ? 'gateway' : nodeTarget(target);
      const spec: FaultSpec = defined({
        latencyMs: flags.latency,
        errorRate: flags.errorRate,
        errorStatus: flags.errorStatus,
        stallSeconds: flags.stall,
        cpuSeconds: flags.cpu,
        cpuThreads: flags.cpuThreads,
        forSeconds: flags.for,
      });
      const state = flags.clear
        ? await clearFaults(where, address(flags))
        : Object.keys(spec).length > 0
          ? await setFault(where, spec, address(flags))
          : await faultsOf(where, address(flags));
      ctx.out(`${typeof where === 'number' ? `node${where}` : where}: ${JSON.stringify(state)}\n`);
      setExitCode(ExitCode.Passed);
    });
};

/** defined drops the keys whose value is undefined (exactOptionalPropertyTypes-style options). */
function defined<T extends Record<string, unknown>>(values: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}

function formatEndpoints(endpoints: LabEndpoints, datasetDir: string): string {
  const rows: Array<[string, string]> = [
    ['balancer (HAProxy)', endpoints.balancer],
    ['gateway', endpoints.gateway],
    ...endpoints.nodes.map((url, i): [string, string] => [`node${i}`, url]),
    ['redis', endpoints.redis],
    ['haproxy stats', endpoints.haproxyStats],
    ['datasets', datasetDir],
  ];
  return rows.map(([name, value]) => `  ${name.padEnd(18)} ${value}\n`).join('');
}

interface LabStatus extends LabEndpoints {
  running: true;
  kind: LabState['kind'];
  startedAt: string;
  datasetDir: string;
  components: Array<{ name: string; pid: number | null; running: boolean; log: string }>;
  /** HAProxy's view of each node. */
  backends: Array<{ name: string; status: string }> | { error: string };
  cluster: { peers: number; leader?: number; role?: string; pendingOperations?: number } | { error: string };
}

async function labStatus(state: LabState, endpoints: LabEndpoints): Promise<LabStatus> {
  const components = state.components.map((c) => ({ name: c.name, pid: c.process?.pid ?? null, running: c.process !== null && isRunning(c.process), log: c.spec.logFile }));
  const backends = await fetch(endpoints.haproxyStats, { signal: AbortSignal.timeout(3000) })
    .then(async (r) => backendStatuses(await r.text()))
    .catch((error: unknown) => ({ error: (error as Error).message }));
  const liveNode = state.components.find((c) => c.role === 'node' && c.process && isRunning(c.process));
  const cluster = liveNode
    ? await fetch(`${liveNode.url}/cluster`, { signal: AbortSignal.timeout(3000) })
        .then(async (r) => {
          const { result } = (await r.json()) as { result: { peers?: Record<string, unknown>; raft_info?: { leader?: number; role?: string; pending_operations?: number } } };
          return { peers: Object.keys(result.peers ?? {}).length, ...defined({ leader: result.raft_info?.leader, role: result.raft_info?.role, pendingOperations: result.raft_info?.pending_operations }) };
        })
        .catch((error: unknown) => ({ error: (error as Error).message }))
    : { error: 'no node is running' };
  return { running: true, ...endpoints, kind: state.kind, startedAt: state.startedAt, datasetDir: state.datasetDir, components, backends, cluster };
}

function formatStatus(status: LabStatus): string {
  const lines = [`lab running since ${status.startedAt} (${status.kind === 'qdrant' ? 'real Qdrant' : 'stand-in'} nodes)`, formatEndpoints(status, status.datasetDir).trimEnd(), 'processes:'];
  for (const c of status.components) lines.push(`  ${c.name.padEnd(10)} ${c.running ? `running, pid ${c.pid}` : 'stopped'}   log ${c.log}`);
  lines.push('HAProxy backends:');
  if ('error' in status.backends) lines.push(`  unavailable: ${status.backends.error}`);
  else for (const server of status.backends) lines.push(`  ${server.name.padEnd(10)} ${server.status}`);
  const cluster = status.cluster;
  lines.push('error' in cluster ? `cluster: unavailable: ${cluster.error}` : `cluster: ${cluster.peers} peers, leader ${cluster.leader ?? '?'}, pending operations ${cluster.pendingOperations ?? 0} (asked node: ${cluster.role ?? '?'})`);
  return `${lines.join('\n')}\n`;
}

