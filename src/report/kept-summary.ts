import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { SUMMARY_SCHEMA_VERSION, type Summary } from '../analysis/summary-types.ts';
import { formatPath } from '../config/errors.ts';
import { fileSize, notRegularFile } from '../regular-file.ts';
import { RunFolderError } from '../runfolder/errors.ts';
import { readJsonFile } from '../runfolder/json-file.ts';
import { RUN_FILES } from '../runfolder/manifest.ts';

// A summary.json is only ever trusted where the raw data it was built from is gone: it is then the
// run's only record, so it is checked against the fields a comparison reads, and never replaced.

/** rawWindowsGone says why a folder's windows.ndjson cannot be analysed again, or undefined when it can. */
export function rawWindowsGone(dir: string): string | undefined {
  const file = join(dir, RUN_FILES.windows);
  if (!existsSync(file)) return `${RUN_FILES.windows} is missing`;
  const kind = notRegularFile(file);
  if (kind) return `${RUN_FILES.windows} is ${kind}`;
  return fileSize(file) === 0 ? `${RUN_FILES.windows} is empty` : undefined;
}

/**
 * keptSummaryAtRisk names the kept summary.json that rewriting the reports would overwrite with
 * figures from no data, or undefined when rewriting is safe (the raw windows are there, or
 * nothing was kept).
 */
export function keptSummaryAtRisk(dir: string): string | undefined {
  const gone = rawWindowsGone(dir);
  const kept = join(dir, RUN_FILES.summary);
  return gone && existsSync(kept) ? `${kept} was built from raw data this folder no longer has (${gone}); it is kept as it is` : undefined;
}

const nullableNumber = z.number().nullable();
const latency = z.looseObject({ p50: nullableNumber, p95: nullableNumber, p99: nullableNumber }).nullable();

/** The fields of summary.json a comparison reads (src/report/compare.ts). */
const keptSummarySchema = z.looseObject({
  schemaVersion: z.literal(SUMMARY_SCHEMA_VERSION),
  runId: z.string(),
  profile: z.string(),
  form: z.enum(['lab', 'full']),
  model: z.enum(['open', 'closed']),
  engine: z.string(),
  verdict: z.string(),
  startedAt: z.string(),
  complete: z.boolean(),
  totals: z.looseObject({ throughputRps: nullableNumber, completed: z.number(), errorRate: nullableNumber }),
  latencyMs: latency,
  breakingPoint: z.looseObject({ capacityRps: nullableNumber }),
  recovery: z.looseObject({ applicable: z.boolean(), measured: z.boolean() }),
  collections: z.record(z.string(), z.looseObject({ latencyMs: latency.optional() })),
});

/** readKeptSummary reads a summary.json this vecstress wrote, refusing one of another version or with a damaged field (exit 2, naming it). */
export function readKeptSummary(dir: string): Summary {
  const file = join(dir, RUN_FILES.summary);
  const value = readJsonFile(file);
  const version = (value as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (version !== SUMMARY_SCHEMA_VERSION) {
    throw new RunFolderError(
      `${file} is summary version ${String(version)} and ${join(dir, RUN_FILES.windows)} has no windows to analyse again; this vecstress reads summary version ${SUMMARY_SCHEMA_VERSION}: compare against a run folder that kept its raw files`,
    );
  }
  const result = keptSummarySchema.safeParse(value);
  if (!result.success) {
    const issues = result.error.issues.slice(0, 5).map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
    throw new RunFolderError(`${file} is damaged: ${issues.join('; ')}`);
  }
  return value as Summary;
}
