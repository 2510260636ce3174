import type { Environment } from '../context.ts';
import { HISTOGRAM_HIGHEST_MS } from '../histogram-range.ts';
import { loadTargetFile, type TargetDefinition } from '../targets/target-file.ts';
import { HTTP_PROTOCOLS, urlProblem } from '../targets/url-check.ts';
import type { TargetEndpoints } from '../targets/endpoints.ts';
import { stressEnvironmentOf, type StressEnvironment } from './environment.ts';
import { collectProblems, COMMAND_LINE, ConfigError, type ConfigProblem } from './errors.ts';
import { listProfileNames, loadMix, loadProfile, loadThresholds, type LoadedProfile } from './load.ts';
import { mixFileOf } from './mix-file.ts';
import { outDirProblem } from './out-dir.ts';
import { displayPath } from './paths.ts';
import type { MixDefinition } from './mix-schema.ts';
import type { PlanInput } from './plan-input.ts';
import { APIS, ENGINE_ALIASES, ENGINES, FORMS, LOAD_MODELS, type EngineName, type TargetApi } from './run-options.ts';
import type { StressFlags } from './stress-flags.ts';
import type { ThresholdsDefinition } from './thresholds-schema.ts';
import { tolerancesOf, type Tolerances } from './tolerances.ts';
import { checkUrlFlags } from './url-flags.ts';

export type { StressFlags } from './stress-flags.ts';

/** Below this, sampling would load the target's nodes more than the measurement allows. */
const MIN_SAMPLE_INTERVAL_MS = 100;

/**
 * TargetConfig is where the load goes. The lab is started (or reused) by the run; a remote
 * target's endpoints are known here, from the flags over its target file.
 */
export type TargetConfig =
  | { kind: 'lab'; stateDir: string; qdrantBin?: string }
  | { kind: 'url'; endpoints: TargetEndpoints; apiKey?: string; prometheusInstances?: string };

/** RunOptions are how the run is watched and judged, beside what load it sends. */
export interface RunOptions {
  sampleIntervalMs?: number;
  /** Serve live Prometheus metrics on this port (0: any free port). */
  metricsPort?: number;
  pushgateway?: string;
  /** Compare with this earlier run or repeat folder and fail on a regression beyond the tolerances. */
  baseline?: { dir: string; tolerances: Tolerances };
  /** How many times to run the profile (--repeat): more than 1 writes a repeat folder judged by its median. */
  repeat: number;
  /** Every flag as given, for run.json (secrets are dropped there). */
  flags: Record<string, unknown>;
}

/**
 * StressConfig is the stress command's config, validated and consolidated: the config stage's
 * output, from which the plan is built.
 */
export interface StressConfig {
  profile: LoadedProfile;
  mix: MixDefinition;
  thresholds: ThresholdsDefinition;
  /** What the plan is built from (src/plan/build.ts), once the config holds. */
  planInput: PlanInput;
  target: TargetConfig;
  engine: EngineName;
  api: TargetApi;
  outDir: string;
  mixFile: string;
  thresholdsFile: string;
  run: RunOptions;
  /** One line each, for stderr: an old name or path that was accepted and what it now means. */
  notices: string[];
}

/**
 * resolveStressConfig consolidates the stress config from its layers, each over the one before
 * (k6's getConsolidatedConfig): the files (profile, mix, thresholds, target file) < the
 * environment < the flags. It checks everything it can know without building the plan or reading
 * other runs, collecting all problems before failing, so a user sees every mistake at once and
 * nothing is ever sent on a bad config.
 */
export function resolveStressConfig(flags: StressFlags, env: Environment): StressConfig {
  const problems: ConfigProblem[] = [];
  const flag = (path: string, message: string): void => void problems.push({ file: COMMAND_LINE, path, message });
  const notices: string[] = [];
  const environment = stressEnvironmentOf(env);

  const targetFile = flags.targetFile === undefined ? undefined : collectProblems(problems, () => loadTargetFile(flags.targetFile!, env));
  const target = targetOf(flags, targetFile, environment, flag);
  const engine = engineOf(flags.engine, flag, notices);
  const api = oneOf(flags.api, APIS, '--api', flag);
  const form = flags.form === undefined ? (target?.kind === 'lab' ? 'lab' : 'full') : oneOf(flags.form, FORMS, '--form', flag);
  const model = flags.model === undefined ? undefined : oneOf(flags.model, LOAD_MODELS, '--model', flag);
  checkRanges(flags, flag);
  checkUrlFlags(flags, flag);
  const outProblem = outDirProblem(flags.out);
  if (outProblem) flag('--out', outProblem);

  const mixFile = mixFileOf(flags.mix);
  if (mixFile.notice) notices.push(mixFile.notice);
  const loaded = collectProblems(problems, () => loadProfile(flags.profile));
  const mix = collectProblems(problems, () => loadMix(mixFile.file));
  const thresholds = mix && collectProblems(problems, () => loadThresholds(flags.thresholds, listProfileNames(), Object.keys(mix.collections)));
  if (loaded && model === 'open' && loaded.definition.model === 'closed' && loaded.definition.thinkTime > 0) {
    flag('--model', `open: arrivals do not wait for answers, so ${displayPath(loaded.file)}'s thinkTime (${loaded.definition.thinkTime} s) would be dropped; use a profile without thinkTime`);
  }
  if (problems.length > 0 || !loaded || !mix || !thresholds || !target || !engine || !api || !form) throw new ConfigError(problems);

  const planInput: PlanInput = {
    profileName: loaded.name,
    profileFile: displayPath(loaded.file),
    profile: loaded.definition,
    mix,
    form,
    scale: flags.scale,
    timeScale: flags.timeScale,
    collections: flags.collections,
    model,
    seed: flags.seed,
    timeoutMs: flags.timeout,
    maxConnections: flags.maxConnections,
    maxInFlight: flags.maxInFlight,
  };
  return {
    profile: loaded,
    mix,
    thresholds,
    planInput,
    target,
    engine,
    api,
    outDir: flags.out,
    mixFile: mixFile.file,
    thresholdsFile: flags.thresholds,
    run: {
      sampleIntervalMs: flags.sampleInterval,
      metricsPort: flags.metricsPort,
      pushgateway: flags.pushgateway,
      baseline: flags.baseline === undefined ? undefined : { dir: flags.baseline, tolerances: tolerancesOf(flags) },
      repeat: flags.repeat ?? 1,
      flags: { ...flags },
    },
    notices,
  };
}

/**
 * targetOf consolidates where the load goes. For a remote target each endpoint comes from its
 * flag, else the target file; the API key from --api-key, else the target file's apiKeyEnv
 * (a variable the file names for this target), else VECSTRESS_API_KEY.
 */
function targetOf(flags: StressFlags, file: TargetDefinition | undefined, environment: StressEnvironment, flag: (path: string, message: string) => void): TargetConfig | undefined {
  // A target file that did not load has its own problems listed: without its balancer, the
  // target is unknown, not the lab.
  if (flags.targetFile !== undefined && file === undefined && flags.target === undefined) return undefined;
  const value = flags.target ?? file?.balancer ?? 'lab';
  if (value === 'lab') {
    if (flags.targetFile !== undefined) flag('--target-file', 'a target file describes a remote cluster; it cannot be used with --target lab');
    return { kind: 'lab', stateDir: environment.labStateDir, qdrantBin: environment.qdrantBin };
  }
  if (urlProblem(value, HTTP_PROTOCOLS, 'http://127.0.0.1:6333')) {
    flag('--target', `"${value}" is neither "lab" nor an http(s) URL such as http://127.0.0.1:6333`);
    return undefined;
  }
  const balancer = new URL(value).toString().replace(/\/$/, '');
  const endpoints: TargetEndpoints = {
    balancer,
    gateway: file?.gateway,
    nodes: flags.nodes ?? file?.nodes ?? [],
    redis: flags.redis ?? file?.redis,
    haproxyStats: flags.haproxyStats ?? file?.haproxyStats,
    nginxStatus: flags.nginxStatus ?? file?.nginxStatus,
    prometheus: flags.prometheus ?? file?.prometheus,
  };
  const prometheusInstances = file?.prometheusInstances;
  if (endpoints.prometheus !== undefined && endpoints.nodes.length === 0 && prometheusInstances === undefined) {
    flag(flags.prometheus !== undefined ? '--prometheus' : '--nodes', 'Prometheus needs the target’s hosts: give --nodes, or prometheusInstances in the target file (unscoped, a shared Prometheus answers for every host)');
  }
  return { kind: 'url', endpoints, apiKey: flags.apiKey ?? file?.apiKey ?? environment.apiKey, ...(prometheusInstances === undefined ? {} : { prometheusInstances }) };
}

/** engineOf accepts an engine's name or an older alias of it, with a notice for the alias. */
function engineOf(value: string, flag: (path: string, message: string) => void, notices: string[]): EngineName | undefined {
  const aliased = ENGINE_ALIASES[value];
  if (aliased === undefined) return oneOf(value, ENGINES, '--engine', flag);
  notices.push(`--engine ${value} is now --engine ${aliased}: vecstress's own Go engine, built on vegeta's attack library ("${value}" is kept as an alias)`);
  return aliased;
}

/** MAX_REPEAT bounds --repeat: a typo such as 100 instead of 10 should not hold a machine for days. */
const MAX_REPEAT = 50;

function checkRanges(flags: StressFlags, flag: (path: string, message: string) => void): void {
  if (flags.timeout !== undefined && !(flags.timeout > 0)) flag('--timeout', `must be greater than 0 ms, got ${flags.timeout}`);
  for (const [name, value] of [['--max-connections', flags.maxConnections], ['--max-in-flight', flags.maxInFlight]] as const) {
    if (value !== undefined && !(Number.isInteger(value) && value > 0)) flag(name, `must be a whole number greater than 0, got ${value}`);
  }
  if (flags.timeout !== undefined && !(Number.isInteger(flags.timeout) && flags.timeout <= HISTOGRAM_HIGHEST_MS)) {
    flag('--timeout', `must be a whole number of milliseconds up to ${HISTOGRAM_HIGHEST_MS} (latency histograms end at 60 s), got ${flags.timeout}`);
  }
  if (flags.sampleInterval !== undefined && !(flags.sampleInterval >= MIN_SAMPLE_INTERVAL_MS)) {
    flag('--sample-interval', `must be at least ${MIN_SAMPLE_INTERVAL_MS} ms, got ${flags.sampleInterval}`);
  }
  if (flags.metricsPort !== undefined && !(flags.metricsPort >= 0 && flags.metricsPort <= 65535)) {
    flag('--metrics-port', `must be a port from 0 (any free port) to 65535, got ${flags.metricsPort}`);
  }
  if (flags.repeat !== undefined && !(Number.isInteger(flags.repeat) && flags.repeat >= 1 && flags.repeat <= MAX_REPEAT)) {
    flag('--repeat', `must be a whole number of runs from 1 to ${MAX_REPEAT}, got ${flags.repeat}`);
  }
  if (flags.json && !flags.dryRun) flag('--json', 'prints the plan as JSON and goes with --dry-run');
  const repeated = (flags.collections ?? []).filter((name, i, all) => all.indexOf(name) !== i);
  if (repeated.length > 0) flag('--collections', `lists ${[...new Set(repeated)].map((n) => `"${n}"`).join(', ')} more than once`);
}

function oneOf<const T extends readonly string[]>(value: string, allowed: T, path: string, flag: (p: string, m: string) => void): T[number] | undefined {
  if ((allowed as readonly string[]).includes(value)) return value as T[number];
  flag(path, `"${value}" is not one of ${allowed.join(', ')}`);
  return undefined;
}
