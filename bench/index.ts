// npm run bench: the engine's ceiling on this machine, next to wrk's and plain vegeta's against the
// same static loopback endpoint, as ratios. A benchmark, not a test: it prints a table and writes
// the figures to .cache/bench.json; nothing asserts on them.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../src/config/paths.ts';
import { BENCH_CONNECTIONS, runEngineStep } from './engine-step.ts';
import { describeMachine } from './machine.ts';
import { searchMaxRate, type RateSearch } from './rate-search.ts';
import { startStaticEndpoint } from './static-endpoint.ts';
import { ensureTools, VEGETA_VERSION } from './tools.ts';
import { runVegetaStep } from './vegeta-step.ts';
import { runWrk } from './wrk.ts';

const STEP_SECONDS = 3;
const WRK_SECONDS = 5;
const SEARCH = { start: 2000, ceiling: 256_000, refinements: 3, grain: 250, tries: 2 };
const RESULT_FILE = join(PROJECT_ROOT, '.cache', 'bench.json');

async function main(): Promise<void> {
  const vegeta = await ensureTools();
  const machine = await describeMachine();
  const workDir = mkdtempSync(join(tmpdir(), 'vecstress-bench-'));
  const endpoint = await startStaticEndpoint();
  const cleanUp = async (): Promise<void> => {
    await endpoint.stop();
    rmSync(workDir, { recursive: true, force: true });
  };
  process.once('SIGINT', () => void cleanUp().then(() => process.exit(130)));
  try {
    log(`endpoint: ${endpoint.server} on ${endpoint.url}, ${endpoint.responseBytes}-byte answer; ${BENCH_CONNECTIONS} connections; ${STEP_SECONDS} s steps`);
    const wrk = await runWrk(endpoint.url, WRK_SECONDS, workDir);
    log(`wrk: ${format(wrk.requestsPerSecond)} req/s`);
    const engine = await searchMaxRate(progress('vecstress-engine', (rate) => runEngineStep(endpoint.url, rate, STEP_SECONDS, workDir)), SEARCH);
    const plain = await searchMaxRate(progress('vegeta', (rate) => runVegetaStep(vegeta, endpoint.url, rate, STEP_SECONDS, workDir)), SEARCH);

    const figures = {
      measuredAt: new Date().toISOString(),
      machine,
      endpoint: { server: endpoint.server, responseBytes: endpoint.responseBytes, connections: BENCH_CONNECTIONS },
      stepSeconds: STEP_SECONDS,
      criterion: `achieved >= 99 % of offered over the whole step, nothing dropped or failed; a rate holds when one of ${SEARCH.tries} tries does`,
      wrk,
      engine: { maxSustained: engine.maxSustained, steps: engine.steps },
      vegeta: { version: VEGETA_VERSION, maxSustained: plain.maxSustained, steps: plain.steps },
      ratios: {
        engineToWrk: engine.maxSustained / wrk.requestsPerSecond,
        vegetaToWrk: plain.maxSustained / wrk.requestsPerSecond,
        engineToVegeta: plain.maxSustained > 0 ? engine.maxSustained / plain.maxSustained : null,
      },
    };
    mkdirSync(join(PROJECT_ROOT, '.cache'), { recursive: true });
    writeFileSync(RESULT_FILE, JSON.stringify(figures, null, 2) + '\n');
    process.stdout.write(table(figures.wrk.requestsPerSecond, engine, plain) + `\n${machineLine(machine)}\nfigures: ${RESULT_FILE}\n`);
  } finally {
    await cleanUp();
  }
}

function progress(tool: string, runStep: (rate: number) => ReturnType<typeof runEngineStep>): typeof runStep {
  return async (rate) => {
    const step = await runStep(rate);
    log(`${tool} at ${format(rate)}/s: ${step.sustained ? 'held' : 'not held'}, ${format(step.achieved)}/s achieved, p99 ${step.p99Ms.toFixed(2)} ms (${step.note})`);
    return step;
  };
}

function table(wrk: number, engine: RateSearch, plain: RateSearch): string {
  const atMax = (search: RateSearch): string => {
    const step = search.steps.find((s) => s.offered === search.maxSustained && s.sustained);
    return step ? `${step.p50Ms.toFixed(2)} / ${step.p99Ms.toFixed(2)}` : '-';
  };
  const rows = [
    ['tool', 'max rate (req/s)', 'vs wrk', 'p50 / p99 ms at that rate'],
    ['wrk (closed loop, max throughput)', format(wrk), '1.00', '-'],
    ['vecstress-engine (open model)', format(engine.maxSustained), (engine.maxSustained / wrk).toFixed(2), `${atMax(engine)} (from intended send)`],
    [`vegeta ${VEGETA_VERSION} attack`, format(plain.maxSustained), (plain.maxSustained / wrk).toFixed(2), `${atMax(plain)} (from actual send)`],
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  const lines = rows.map((row) => row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd());
  lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  const ratio = plain.maxSustained > 0 ? (engine.maxSustained / plain.maxSustained).toFixed(2) : 'n/a';
  return `\n${lines.join('\n')}\nengine / vegeta: ${ratio}`;
}

function machineLine(m: Awaited<ReturnType<typeof describeMachine>>): string {
  return `machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Linux ${m.kernel}, Node ${m.node}, ${m.go} (tools and nginx share the cores)`;
}

function format(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

function log(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
