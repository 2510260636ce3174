import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readRunManifest } from '../../runfolder/read.ts';
import type { ReportInput } from '../input.ts';

// Hand-made report inputs that follow summary-types.ts exactly (write.test.ts checks their shape
// against a real analysis): one of every report feature, independent of the analysis's numbers.

const HERE = dirname(fileURLToPath(import.meta.url));

/**
 * FIXTURES: "progressive" breaks at step 14 by latency, has a fitted USL curve and every sampler,
 * and a collection named `</script><img src=x onerror=alert(1)>`; "recovery-interrupted" was
 * stopped by Ctrl-C, lost Redis and one node for 11 s, and has no verdict.
 */
export const FIXTURES = ['progressive', 'recovery-interrupted'] as const;
export type FixtureName = (typeof FIXTURES)[number];

/** HOSTILE_COLLECTION is the collection name every escaping test looks for. */
export const HOSTILE_COLLECTION = '</script><img src=x onerror=alert(1)>';

export function loadFixture(name: FixtureName): ReportInput {
  const read = (file: string): unknown => JSON.parse(readFileSync(join(HERE, name, file), 'utf8'));
  return { manifest: readRunManifest(join(HERE, name)), summary: read('summary.json'), timeseries: read('timeseries.json') } as ReportInput;
}

/** goldenPath is where a renderer's expected output for a fixture is kept. */
export function goldenPath(name: string, file: string): string {
  return join(HERE, 'golden', `${name}.${file}`);
}
