import { collectProblems, COMMAND_LINE, ConfigError, type ConfigProblem } from '../config/errors.ts';
import { listProfileNames, loadMix, loadProfile, loadThresholds, type LoadedProfile } from '../config/load.ts';
import type { MixDefinition } from '../config/mix-schema.ts';
import type { ThresholdsDefinition } from '../config/thresholds-schema.ts';
import { buildPlan } from '../plan/build.ts';
import { APIS, ENGINES, type EngineName, type TargetApi } from '../config/run-options.ts';
import { loadTargetFile, type TargetDefinition } from '../targets/target-file.ts';
import type { Form, LoadModel, Plan } from '../plan/types.ts';


/** StressOptions are the stress command's flags, as commander parsed them. */
export interface StressOptions {
  profile: string;
  /** lab or a URL; when absent, the target file's balancer, else lab. */
  target?: string;
  targetFile?: string;
  engine: string;
  form?: string;
  model?: string;
  scale?: number;
  timeScale?: number;
  collections?: string[];
  mix: string;
  thresholds: string;
  out: string;
  seed: number;
  api: string;
  timeout?: number;
  maxConnections?: number;
  maxInFlight?: number;
  sampleInterval?: number;
  metricsPort?: number;
  json?: boolean;
  dryRun?: boolean;
}

/** Latency histograms end at 60 s: a longer timeout would record every late answer as 60 s. */
const MAX_TIMEOUT_MS = 60_000;
/** Below this, sampling would load the target's nodes more than the measurement allows. */
const MIN_SAMPLE_INTERVAL_MS = 100;

export type TargetSpec = { kind: 'lab' } | { kind: 'url'; url: string };

/** StressConfig is everything a run needs, validated: the config stage's output. */
export interface StressConfig {
  profile: LoadedProfile;
  mix: MixDefinition;
  thresholds: ThresholdsDefinition;
  plan: Plan;
  target: TargetSpec;
  engine: EngineName;
  api: TargetApi;
  outDir: string;
  mixFile: string;
  thresholdsFile: string;
  /** The remote target's file, when --target-file gave one. */
  targetFile?: TargetDefinition;
}

/**
 * resolveStressConfig checks every flag and config file and builds the plan, collecting all
 * problems before failing, so a user sees every mistake at once and nothing is ever sent on a bad
 * config.
 */
export function resolveStressConfig(options: StressOptions, env: Record<string, string | undefined> = process.env): StressConfig {
  const problems: ConfigProblem[] = [];
  const flag = (path: string, message: string): void => void problems.push({ file: COMMAND_LINE, path, message });

  const targetFile = options.targetFile === undefined ? undefined : collectProblems(problems, () => loadTargetFile(options.targetFile!, env));
  const target = parseTarget(options.target ?? targetFile?.balancer ?? 'lab', flag);
  const engine = oneOf(options.engine, ENGINES, '--engine', flag);
  const api = oneOf(options.api, APIS, '--api', flag);
  const form = options.form === undefined ? (target?.kind === 'lab' ? 'lab' : 'full') : oneOf(options.form, ['lab', 'full'] as const, '--form', flag);
  const model = options.model === undefined ? undefined : oneOf(options.model, ['open', 'closed'] as const, '--model', flag);
  if (options.timeout !== undefined && !(options.timeout > 0)) flag('--timeout', `must be greater than 0 ms, got ${options.timeout}`);
  for (const [name, value] of [['--max-connections', options.maxConnections], ['--max-in-flight', options.maxInFlight]] as const) {
    if (value !== undefined && !(Number.isInteger(value) && value > 0)) flag(name, `must be a whole number greater than 0, got ${value}`);
  }
  if (options.timeout !== undefined && !(Number.isInteger(options.timeout) && options.timeout <= MAX_TIMEOUT_MS)) {
    flag('--timeout', `must be a whole number of milliseconds up to ${MAX_TIMEOUT_MS} (latency histograms end at 60 s), got ${options.timeout}`);
  }
  if (options.sampleInterval !== undefined && !(options.sampleInterval >= MIN_SAMPLE_INTERVAL_MS)) {
    flag('--sample-interval', `must be at least ${MIN_SAMPLE_INTERVAL_MS} ms, got ${options.sampleInterval}`);
  }
  if (options.metricsPort !== undefined && !(options.metricsPort >= 0 && options.metricsPort <= 65535)) {
    flag('--metrics-port', `must be a port from 0 (any free port) to 65535, got ${options.metricsPort}`);
  }
  if (options.json && !options.dryRun) flag('--json', 'prints the plan as JSON and goes with --dry-run');
  const repeated = (options.collections ?? []).filter((name, i, all) => all.indexOf(name) !== i);
  if (repeated.length > 0) flag('--collections', `lists ${[...new Set(repeated)].map((n) => `"${n}"`).join(', ')} more than once`);

  const loaded = collectProblems(problems, () => loadProfile(options.profile));
  const mix = collectProblems(problems, () => loadMix(options.mix));
  const thresholds = mix && collectProblems(problems, () => loadThresholds(options.thresholds, listProfileNames(), Object.keys(mix.collections)));
  if (problems.length > 0 || !loaded || !mix || !thresholds || !target || !engine || !api || !form) throw new ConfigError(problems);

  const plan = buildPlan({
    profileName: loaded.name,
    profile: loaded.definition,
    mix,
    form: form as Form,
    ...(options.scale === undefined ? {} : { scale: options.scale }),
    ...(options.timeScale === undefined ? {} : { timeScale: options.timeScale }),
    ...(options.collections === undefined ? {} : { collections: options.collections }),
    ...(model === undefined ? {} : { model: model as LoadModel }),
    seed: options.seed,
    ...(options.timeout === undefined ? {} : { timeoutMs: options.timeout }),
    ...(options.maxConnections === undefined ? {} : { maxConnections: options.maxConnections }),
    ...(options.maxInFlight === undefined ? {} : { maxInFlight: options.maxInFlight }),
  });
  if (engine === 'autocannon' && plan.model === 'open') {
    // autocannon's rate option is a per-second burst quota, not pacing: its latencies would hide
    // coordinated omission, so it is only offered where the model is closed anyway.
    throw ConfigError.single(COMMAND_LINE, '--engine', `autocannon drives closed-model (connections) runs only, and profile "${plan.profile}" is open-model; add --model closed or use --engine vegeta`);
  }
  if (engine === 'autocannon' && plan.thinkTimeMs > 0) {
    throw ConfigError.single(COMMAND_LINE, '--engine', `autocannon cannot pause between a user's queries, and profile "${plan.profile}" has a think time; use --engine vegeta`);
  }
  return { profile: loaded, mix, thresholds, plan, target: target!, engine, api, outDir: options.out, mixFile: options.mix, thresholdsFile: options.thresholds, ...(targetFile ? { targetFile } : {}) };
}

function parseTarget(value: string, flag: (path: string, message: string) => void): TargetSpec | undefined {
  if (value === 'lab') return { kind: 'lab' };
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return { kind: 'url', url: url.toString().replace(/\/$/, '') };
  } catch {
    // reported below
  }
  flag('--target', `"${value}" is neither "lab" nor an http(s) URL such as http://127.0.0.1:6333`);
  return undefined;
}

function oneOf<const T extends readonly string[]>(value: string, allowed: T, path: string, flag: (p: string, m: string) => void): T[number] | undefined {
  if ((allowed as readonly string[]).includes(value)) return value as T[number];
  flag(path, `"${value}" is not one of ${allowed.join(', ')}`);
  return undefined;
}
