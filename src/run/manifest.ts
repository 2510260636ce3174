import { createRequire } from 'node:module';
import type { PreparedStress } from './prepare.ts';
import { displayPath } from '../config/paths.ts';
import { RUN_FOLDER_VERSION, type RunManifest } from '../runfolder/manifest.ts';
import { redactEndpoints } from '../targets/endpoints.ts';
import { isSecretName, redactUrl, redactValue } from '../targets/redact.ts';
import { hostFacts } from './host.ts';
import type { ResolvedTarget } from './target.ts';

const VECSTRESS_VERSION = (createRequire(import.meta.url)('../../package.json') as { version: string }).version;

/** startManifest is run.json as written when the run starts, at `startedAt`: nothing secret, nothing of the outcome yet. */
export function startManifest(
  config: PreparedStress,
  target: ResolvedTarget,
  runId: string,
  engine: { version: string; builtWith: Record<string, string> },
  startedAt: Date,
): RunManifest {
  return {
    schemaVersion: RUN_FOLDER_VERSION,
    runId,
    profile: config.plan.profile,
    form: config.plan.form,
    engine: config.engine,
    target: { kind: target.kind, url: redactUrl(target.loadUrl), api: config.api, ...redactEndpoints(target.endpoints) },
    plan: config.plan,
    thresholds: config.thresholds,
    config: {
      mixFile: displayPath(config.mixFile),
      thresholdsFile: displayPath(config.thresholdsFile),
      profileFile: displayPath(config.profile.file),
      flags: Object.fromEntries(
        Object.entries(config.run.flags)
          // A secret flag (--api-key) is left out altogether: its presence tells nothing useful.
          .filter(([key, value]) => !isSecretName(key) && value !== undefined)
          .map(([key, value]) => [key, redactValue(value)]),
      ),
    },
    versions: { vecstress: VECSTRESS_VERSION, node: process.version, engine: engine.version, builtWith: engine.builtWith },
    host: hostFacts(),
    startedAt: startedAt.toISOString(),
    startUnixMs: null,
    endedAt: null,
    complete: false,
    exitReason: 'running',
    abortReason: null,
  };
}
