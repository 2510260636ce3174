import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ENGINE_BINARY, PROJECT_ROOT } from '../config/paths.ts';
import type { Plan } from '../plan/types.ts';
import type { EngineLine } from '../runfolder/engine-lines.ts';
import { scrubber, secretsOfUrl } from '../targets/redact.ts';
import { readNdjson } from './ndjson.ts';
import { EngineUnavailableError, type Engine, type EngineExit, type EngineInput, type EngineRun } from './types.ts';

const BUILD_HINT = 'run `npm run build:engine` (or `npm run setup` on a fresh clone)';

/**
 * vecstressEngine runs vecstress's own Go engine, vecstress-engine (engine/, built on vegeta's
 * attack library), as a child process: the plan and corpus go in as files, windows come out on
 * stdout, diagnostics on stderr.
 */
export const vecstressEngine: Engine = {
  name: 'vecstress',

  // Both models, think time included: the plan is its native input, checked by the engine's own
  // validation (vecstress-engine check), so a dry run refuses exactly what a real run would.
  refusal: (plan) => planRefusal(plan),

  async check() {
    if (!existsSync(ENGINE_BINARY)) throw new EngineUnavailableError(`the engine binary ${ENGINE_BINARY} is missing: ${BUILD_HINT}`);
    const current = spawnSync('bash', [join(PROJECT_ROOT, 'scripts', 'build-engine.sh'), '--check'], { encoding: 'utf8' });
    if (current.status !== 0) throw new EngineUnavailableError(`the engine binary is older than its Go source: ${BUILD_HINT}`);
    const version = spawnSync(ENGINE_BINARY, ['version'], { encoding: 'utf8' });
    if (version.status !== 0) throw new EngineUnavailableError(`the engine binary does not run (${firstLine(version.stderr)}): ${BUILD_HINT}`);
    const info = JSON.parse(version.stdout) as Record<string, string>;
    const { version: engineVersion = 'unknown', sourceHash: _hash, ...builtWith } = info;
    return { version: engineVersion, builtWith };
  },

  prepare(input) {
    const { planFile, corpusFile } = inputFiles(input);
    writeFileSync(planFile, JSON.stringify(input.plan));
    writeFileSync(corpusFile, input.corpus.map((line) => JSON.stringify(line)).join('\n') + '\n');
  },

  start(input: EngineInput): EngineRun {
    const { planFile, corpusFile } = inputFiles(input);

    const env = { ...process.env };
    delete env.VECSTRESS_API_KEY;
    if (input.apiKey) env.VECSTRESS_API_KEY = input.apiKey;
    // The URL may carry a password (http://user:pw@lb:6333): argv shows in `ps`, the environment only to us.
    env.VECSTRESS_TARGET = input.targetUrl;
    // A process group of its own: Ctrl-C in a terminal signals the whole foreground group, and the
    // engine must get exactly one stop request (from stop()), since a second one means "exit now,
    // without flushing". If vecstress exits normally, or is interrupted twice, the engine is killed
    // with it (the exit handler below); a SIGKILL of vecstress itself leaves it to its own plan's end.
    const child = spawn(ENGINE_BINARY, ['run', '--plan', planFile, '--corpus', corpusFile], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const killOnExit = (): void => void child.kill('SIGKILL');
    process.on('exit', killOnExit);
    const log = createWriteStream(input.logFile, { flags: 'a' });
    // Line by line, so a secret split across two chunks is still masked whole.
    const scrub = scrubber([input.apiKey, ...secretsOfUrl(input.targetUrl)]);
    createInterface({ input: child.stderr, crlfDelay: Infinity }).on('line', (line) => log.write(`${scrub(line)}\n`));

    const exited = new Promise<EngineExit>((resolve) => {
      child.on('error', (error) => resolve({ code: null, signal: null, error: error.message }));
      child.on('close', (code, signal) => {
        process.off('exit', killOnExit);
        log.end();
        resolve({ code, signal, ...(code !== 0 && code !== null ? { error: `the engine exited with code ${code}; see engine.log` } : {}) });
      });
    });
    let stopping = false;
    return {
      lines: readNdjson<EngineLine>(child.stdout, (line) => log.write(`vecstress: skipped a malformed engine line: ${scrub(line.slice(0, 200))}\n`)),
      stop() {
        // One signal only: a second one tells the engine to exit at once without flushing.
        if (stopping || child.exitCode !== null) return;
        stopping = true;
        child.kill('SIGTERM');
      },
      kill() {
        if (child.exitCode === null) child.kill('SIGKILL');
      },
      exited,
      pid: () => child.pid,
    };
  },
};

/**
 * planRefusal asks the engine binary to validate the plan, without sending anything. A missing or
 * outdated binary refuses nothing here: check() says so, with how to build it, before a real run.
 */
function planRefusal(plan: Plan): string | undefined {
  if (!existsSync(ENGINE_BINARY)) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'vecstress-check-'));
  let checked: SpawnSyncReturns<string>;
  try {
    writeFileSync(join(dir, 'plan.json'), JSON.stringify(plan));
    checked = spawnSync(ENGINE_BINARY, ['check', '--plan', join(dir, 'plan.json')], { encoding: 'utf8', timeout: 10_000 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (checked.status !== 2 || /unknown command/.test(checked.stderr)) return undefined;
  const problems = checked.stderr.split('\n').filter((line) => line.trim() !== '');
  return `the vecstress engine refuses this plan: ${problems.join('; ')}`;
}

function inputFiles(input: Pick<EngineInput, 'workDir'>): { planFile: string; corpusFile: string } {
  return { planFile: join(input.workDir, 'plan.json'), corpusFile: join(input.workDir, 'corpus.ndjson') };
}

function firstLine(text: string | null): string {
  return (text ?? '').split('\n')[0] || 'no output';
}
