import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/config/paths.ts';

/** SHARED_QDRANT is where CI keeps a real Qdrant 1.19.0, beside the checkout (../shared/bin/README.md). */
const SHARED_QDRANT = join(PROJECT_ROOT, '..', 'shared', 'bin', 'qdrant-1.19.0-linux-x86_64.xz');

/**
 * qdrantBinary finds a real Qdrant server for the tests that need one: $VECSTRESS_TEST_QDRANT_BIN,
 * else the shared copy beside the checkout; undefined when neither exists (as in a user's clone),
 * and those tests skip. It is not $QDRANT_BIN: that one makes every lab real Qdrant, and the
 * stand-in lab's own tests (faults, in-flight limits) need stand-ins.
 */
export function qdrantBinary(env: Record<string, string | undefined> = process.env): string | undefined {
  if (env.VECSTRESS_TEST_QDRANT_BIN) return env.VECSTRESS_TEST_QDRANT_BIN;
  return existsSync(SHARED_QDRANT) ? SHARED_QDRANT : undefined;
}

export const HOW_TO_ENABLE_REAL_NODE = `no Qdrant binary: set VECSTRESS_TEST_QDRANT_BIN to a Qdrant server (or its .xz), as CI does with ${SHARED_QDRANT}`;
