import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeRun } from '../analysis/analyze.ts';
import { samplerRateKey } from '../analysis/samplers.ts';
import type { Summary } from '../analysis/summary-types.ts';
import { buildTimeseries } from '../analysis/timeseries.ts';
import type { PreparedStress } from './prepare.ts';
import { COMMAND_LINE, ConfigError } from '../config/errors.ts';
import type { Context } from '../context.ts';
import { ExitCode, exitCodeOfComparison, exitCodeOfVerdict } from '../exit-codes.ts';
import { engineFor } from '../engine/index.ts';
import type { EngineRun } from '../engine/types.ts';
import { compareRuns, type ComparisonOutcome } from '../report/compare.ts';
import { renderComparison } from '../report/compare-render.ts';
import { escapeTerminal } from '../report/escape.ts';
import { writeReports } from '../report/write.ts';
import type { EventType } from '../runfolder/event-lines.ts';
import { RUN_FILES, type PointCounts, type RunManifest } from '../runfolder/manifest.ts';
import { readRunFolder } from '../runfolder/read.ts';
import { RunFolderWriter } from '../runfolder/write.ts';
import { startSamplers } from '../samplers/index.ts';
import type { SamplerStatus } from '../samplers/sampler.ts';
import { redactUrl } from '../targets/redact.ts';
import { formatConsoleSummary } from './console-summary.ts';
import { startLiveMetrics, type LivePublisher } from './live-metrics-publisher.ts';
import { runCorpus } from './corpus.ts';
import { executeRun, type ExecutionOutcome } from './execute.ts';
import { startManifest } from './manifest.ts';
import { readPointCounts } from './point-counts.ts';
import { checkTargetAnswers } from './preflight.ts';
import { ProgressPrinter } from './progress.ts';
import { resolveTarget } from './target.ts';

/** StressResult is how a run ended: its exit code and, once it was analysed, its folder and summary. */
export interface StressResult {
  exitCode: number;
  run?: { dir: string; summary: Summary };
}

/**
 * runStress is the run lifecycle: target → corpus → run folder → samplers and engine → analysis →
 * reports. Whatever stops the run (its end, Ctrl-C, the abort rule, an engine crash, a dying
 * target), the windows and samples gathered so far are written, analysed and reported.
 */
export async function runStress(config: PreparedStress, ctx: Context): Promise<StressResult> {
  const say = (line: string): void => ctx.err(`vecstress: ${line}\n`);
  const engine = engineFor(config.engine);
  const engineInfo = await engine.check();
  // Before the lab starts or anything is sent: a port in use and an --out that cannot hold a
  // folder are usage errors, and a lab must never be left running because a folder failed.
  const live = await startLiveMetricsOrRefuse(config, say);
  let writer: RunFolderWriter;
  const startedAt = new Date(ctx.now());
  try {
    writer = RunFolderWriter.create(config.outDir, config.plan.profile, startedAt);
  } catch (error) {
    await live.stop();
    throw ConfigError.single(COMMAND_LINE, '--out', `cannot make a run folder in ${config.outDir}: ${(error as Error).message}`);
  }
  let manifestWritten = false;
  let releaseTarget: (() => Promise<void>) | undefined;
  const workDir = mkdtempSync(join(tmpdir(), 'vecstress-run-'));
  try {
    const target = await resolveTarget(config.target, config.api, say);
    releaseTarget = () => target.release();
    await checkTargetAnswers(target.loadUrl, config.api);
    const { corpus, scenario } = runCorpus(config, target.datasetDir);
    const collections = config.plan.mix.map((m) => m.collection);
    const pointsBefore = target.integrityUrl ? await readPointCounts(target.integrityUrl, collections, target.apiKey) : undefined;
    if (ctx.interrupt.aborted) return { exitCode: ExitCode.Interrupted };

    const engineInput = { plan: config.plan, corpus, targetUrl: target.loadUrl, apiKey: target.apiKey, workDir };
    engine.prepare(engineInput);

    live.attach(writer.runId);
    const recallK = corpus.reduce((most, line) => Math.max(most, line.type === 'request' ? (line.truth?.length ?? 0) : 0), 0);
    let manifest: RunManifest = { ...startManifest(config, target, writer.runId, engineInfo, startedAt), ...(recallK > 0 ? { recallK } : {}) };
    writer.writeManifest(manifest);
    manifestWritten = true;
    for (const file of [RUN_FILES.windows, RUN_FILES.samples, RUN_FILES.events]) writer.touch(file);
    say(`run ${writer.runId}: ${escapeTerminal(config.plan.profile)} (${config.plan.form} form, ${config.plan.durationSeconds} s, scenario ${scenario}) → ${redactUrl(target.loadUrl)}`);

    // Until the engine reports its second 0, lines are placed against the moment it was started;
    // readers place them again from their `t` (docs/run-folder.md).
    let secondZero: number | undefined;
    const provisionalZero = ctx.now();
    const secondOf = (t: number): number => Math.floor((t - (secondZero ?? provisionalZero)) / 1000);
    const event = (type: EventType, message: string, detail?: Record<string, unknown>, t = ctx.now()): void => {
      writer.append(RUN_FILES.events, { type, t, second: secondOf(t), message, ...(detail ? { detail } : {}) });
    };
    let engineRun: EngineRun | undefined;
    const samplers = startSamplers(
      {
        endpoints: target.endpoints,
        ...(target.prometheusInstances === undefined ? {} : { prometheusInstances: target.prometheusInstances }),
        apiKey: target.apiKey,
        collections,
        localProcesses: target.localProcesses,
        generator: { enginePid: () => engineRun?.pid() },
        intervalMs: config.run.sampleIntervalMs,
        secondZeroMs: () => secondZero,
      },
      (line) => writer.append(RUN_FILES.samples, { ...line, second: secondOf(line.t) }),
      (warning) => {
        say(`warning: ${warning}`);
        event('warning', warning);
      },
    );

    let outcome: ExecutionOutcome;
    let samplerStatuses: SamplerStatus[] = [];
    try {
      engineRun = engine.start({ ...engineInput, logFile: writer.path(RUN_FILES.engineLog) });
      outcome = await executeRun(engineRun, {
        plan: config.plan,
        writer,
        progress: new ProgressPrinter(config.plan, ctx.err, ctx.isTTY),
        interrupt: ctx.interrupt,
        onStart: (line) => (secondZero = line.startUnixMs),
        event,
        targetAnswers: () => checkTargetAnswers(target.loadUrl, config.api).then(() => true, () => false),
        ...(live.observe ? { observe: live.observe } : {}),
      });
    } catch (error) {
      // Whatever broke in vecstress itself, the load stops and what was recorded is still reported.
      engineRun?.kill();
      await engineRun?.exited;
      outcome = { start: null, end: null, exit: { code: null, signal: null }, exitReason: 'engine-error', abortReason: `vecstress failed during the run: ${(error as Error).message}` };
      say(outcome.abortReason!);
    } finally {
      samplerStatuses = await samplers.stop();
    }
    const pointsAfter = target.integrityUrl ? await readPointCounts(target.integrityUrl, collections, target.apiKey) : undefined;
    event('run-end', `run ended (${outcome.exitReason})`);
    manifest = {
      ...manifest,
      startUnixMs: secondZero ?? null,
      endedAt: new Date(ctx.now()).toISOString(),
      complete: outcome.exitReason === 'completed',
      exitReason: outcome.exitReason,
      abortReason: outcome.abortReason,
      samplerRequestRates: Object.fromEntries(samplerStatuses.map((s) => [samplerRateKey(s.name, s.source), s.requestsPerSecond])),
      ...pointCountFields(pointsBefore, pointsAfter),
    };
    writer.writeManifest(manifest);
    writer.close();

    const recorded = readRunFolder(writer.dir);
    const summary = analyzeRun(recorded);
    writeReports(writer.dir, { manifest, summary, timeseries: buildTimeseries(recorded) });
    if (outcome.abortReason) say(`stopped early: ${outcome.abortReason}`);
    ctx.out(formatConsoleSummary(summary, writer.path(RUN_FILES.html)));
    const comparison = config.baseline ? compareRuns(config.baseline.side, summary, config.baseline.tolerances) : undefined;
    if (comparison) ctx.out(renderComparison(comparison));
    return { exitCode: exitCodeOf(outcome, summary.verdict, comparison?.outcome), run: { dir: writer.dir, summary } };
  } finally {
    await live.stop();
    rmSync(workDir, { recursive: true, force: true });
    // A folder left without run.json (the target never answered) is no run: it goes too.
    if (!manifestWritten) {
      writer.close();
      rmSync(writer.dir, { recursive: true, force: true });
    }
    await releaseTarget?.();
  }
}

/** startLiveMetricsOrRefuse starts the live metrics, refusing a --metrics-port that cannot be bound as the usage error it is. */
async function startLiveMetricsOrRefuse(config: PreparedStress, say: (line: string) => void): Promise<LivePublisher> {
  try {
    return await startLiveMetrics(config, say);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EADDRINUSE' && code !== 'EACCES') throw error;
    throw ConfigError.single(COMMAND_LINE, '--metrics-port', `cannot serve on 127.0.0.1:${config.run.metricsPort} (${code === 'EADDRINUSE' ? 'the port is in use' : 'permission denied'})`);
  }
}

/** pointCountFields are run.json's points counts and, for the collections that could not be counted, why. */
function pointCountFields(before: PointCounts | undefined, after: PointCounts | undefined): Pick<RunManifest, 'pointsBefore' | 'pointsAfter' | 'pointCountFailures'> {
  const failures = (counts: PointCounts | undefined) => (counts && Object.keys(counts.failures).length > 0 ? counts.failures : undefined);
  const [failedBefore, failedAfter] = [failures(before), failures(after)];
  return {
    ...(before ? { pointsBefore: before.counts } : {}),
    ...(after ? { pointsAfter: after.counts } : {}),
    ...(failedBefore || failedAfter ? { pointCountFailures: { ...(failedBefore ? { before: failedBefore } : {}), ...(failedAfter ? { after: failedAfter } : {}) } } : {}),
  };
}

function exitCodeOf(outcome: ExecutionOutcome, verdict: Summary['verdict'], comparison: ComparisonOutcome | undefined): number {
  if (outcome.exitReason === 'interrupted') return ExitCode.Interrupted;
  if (outcome.exitReason === 'engine-error' || outcome.exitReason === 'target-down') return ExitCode.RunError;
  return withComparison(exitCodeOfVerdict(verdict), comparison);
}

/** withComparison lets a baseline comparison lower a pass: to 1 for a regression, to 4 for a figure without data. */
export function withComparison(code: number, comparison: ComparisonOutcome | undefined): number {
  return code !== ExitCode.Passed || comparison === undefined ? code : exitCodeOfComparison(comparison);
}
