// Writes the synthetic run folders of fixture-runs.ts into test/fixtures/runs/:
//   npx tsx test/helpers/write-fixtures.ts
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/config/paths.ts';
import { FIXTURE_RUNS } from './fixture-runs.ts';
import { syntheticRun } from './synthetic-run.ts';
import { writeRunFolder } from './write-run-folder.ts';

for (const [name, { spec, write }] of Object.entries(FIXTURE_RUNS)) {
  const dir = join(PROJECT_ROOT, 'test', 'fixtures', 'runs', name);
  rmSync(dir, { recursive: true, force: true });
  writeRunFolder(dir, syntheticRun(spec), write);
  process.stdout.write(`wrote ${dir}\n`);
}
