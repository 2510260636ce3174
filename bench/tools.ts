import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../src/config/paths.ts';
import { mustSucceed } from './process.ts';

/** VEGETA_VERSION is the vegeta CLI the bench compares with: the version the engine's library is pinned to. */
export const VEGETA_VERSION = 'v12.13.0';

/**
 * ensureTools builds what the bench runs: the engine (scripts/build-engine.sh skips an up-to-date
 * one) and the vegeta CLI, from the Go module proxy into the git-ignored .bin/vegeta-cli/.
 * Returns the vegeta binary's path.
 */
export async function ensureTools(): Promise<string> {
  await mustSucceed('bash', [join(PROJECT_ROOT, 'scripts', 'build-engine.sh')], { timeoutMs: 300_000, cwd: PROJECT_ROOT });
  const bin = join(PROJECT_ROOT, '.bin', 'vegeta-cli', VEGETA_VERSION);
  const vegeta = join(bin, 'vegeta');
  if (!existsSync(vegeta)) {
    process.stderr.write(`bench: building the vegeta ${VEGETA_VERSION} CLI into ${bin}\n`);
    await mustSucceed('go', ['install', `github.com/tsenart/vegeta/v12@${VEGETA_VERSION}`], { timeoutMs: 300_000, env: { ...process.env, GOBIN: bin } });
  }
  return vegeta;
}
