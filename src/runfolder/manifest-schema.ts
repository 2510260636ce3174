import { z } from 'zod';
import { formatPath } from '../config/errors.ts';
import { RunFolderError } from './errors.ts';
import type { RunManifest } from './manifest.ts';

// run.json is checked when read, for every field the reader, the analysis and the reports rely
// on: a damaged or hand-edited file is refused naming its field, never met later as a TypeError.
// Fields nobody reads are let through as they are (loose objects), so a newer minor version reads.

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const count = finite.refine((n) => n >= 0, 'must not be negative');

const stage = z.looseObject({
  index: count,
  name: z.string(),
  role: z.string(),
  startSecond: count,
  durationSeconds: finite.refine((n) => n > 0, 'must be greater than 0'),
  startTarget: count,
  endTarget: count,
  startConnections: count,
  endConnections: count,
});

const plan = z.looseObject({
  profile: z.string(),
  form: z.enum(['lab', 'full']),
  model: z.enum(['open', 'closed']),
  durationSeconds: finite.refine((n) => n > 0, 'must be greater than 0'),
  stages: z.array(stage).min(1, 'must list at least one stage'),
  mix: z.array(z.looseObject({ collection: z.string(), share: count })),
  limits: z.looseObject({ maxConnections: count, maxInFlight: count, timeoutMs: count }),
});

const manifestSchema = z.looseObject({
  runId: z.string().min(1),
  profile: z.string(),
  form: z.enum(['lab', 'full']),
  engine: z.string(),
  target: z.looseObject({ kind: z.enum(['lab', 'url']), url: z.string(), api: z.string() }),
  plan,
  thresholds: z.looseObject({ global: z.record(z.string(), z.unknown()), ceilings: z.record(z.string(), z.unknown()) }),
  startedAt: z.string(),
  startUnixMs: finite.nullable(),
  endedAt: z.string().nullable(),
  complete: z.boolean(),
  exitReason: z.string(),
  abortReason: z.string().nullable(),
});

/** checkedManifest returns run.json's content once every field read later holds, else throws naming the file and field. */
export function checkedManifest(file: string, value: unknown): RunManifest {
  const result = manifestSchema.safeParse(value);
  if (result.success) return value as RunManifest;
  const issues = result.error.issues.slice(0, 5).map((issue) => `${formatPath(issue.path) || '(the whole file)'}: ${issue.message}`);
  throw new RunFolderError(`${file} is damaged: ${issues.join('; ')}`);
}
