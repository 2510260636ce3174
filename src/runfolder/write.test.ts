import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { syntheticRun } from '../../test/helpers/synthetic-run.ts';
import { RUN_FILES } from './manifest.ts';
import { readRunFolder } from './read.ts';
import { runIdFor, RunFolderWriter } from './write.ts';

const folders: string[] = [];
function tempFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vecstress-write-'));
  folders.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const AT = new Date('2026-11-24T09:00:05.123Z');

describe('runIdFor', () => {
  it('names a run by its UTC start to the second, then its profile, so folders sort by time', () => {
    expect(runIdFor('spike', AT)).toBe('20261124-090005-spike');
  });

  it('keeps a profile file name usable as a folder name', () => {
    expect(runIdFor('my profile/v2', AT)).toBe('20261124-090005-my_profile_v2');
  });
});

describe('RunFolderWriter', () => {
  it('writes a folder that the reader reads back as written', () => {
    const run = syntheticRun({ stages: [{ seconds: 3, target: 50 }], collections: [{ name: 'alpha', share: 1 }] });
    const writer = RunFolderWriter.create(tempFolder(), 'spike', AT);
    writer.writeManifest(run.manifest);
    for (const file of [RUN_FILES.windows, RUN_FILES.samples, RUN_FILES.events]) writer.touch(file);
    for (const line of [run.start, ...run.windows, run.end]) writer.append(RUN_FILES.windows, line);
    writer.close();

    const read = readRunFolder(writer.dir);
    expect(read.problems).toEqual([]);
    expect(read.manifest).toEqual(run.manifest);
    expect(read.windows).toEqual(run.windows);
    expect(read.samples).toEqual([]);
    expect(read.events).toEqual([]);
  });

  it('gives two runs started in the same second folders of their own', () => {
    const out = tempFolder();
    const first = RunFolderWriter.create(out, 'spike', AT);
    const second = RunFolderWriter.create(out, 'spike', AT);
    expect([first.runId, second.runId]).toEqual(['20261124-090005-spike', '20261124-090005-spike-2']);
    expect(readdirSync(out).sort()).toEqual([first.runId, second.runId]);
  });

  it('replaces run.json whole, leaving no temporary file behind', () => {
    const run = syntheticRun({ stages: [{ seconds: 1, target: 10 }], collections: [{ name: 'alpha', share: 1 }] });
    const writer = RunFolderWriter.create(tempFolder(), 'spike', AT);
    writer.writeManifest(run.manifest);
    writer.writeManifest({ ...run.manifest, complete: false, exitReason: 'interrupted' });
    expect(JSON.parse(readFileSync(writer.path(RUN_FILES.manifest), 'utf8'))).toMatchObject({ complete: false, exitReason: 'interrupted' });
    expect(readdirSync(writer.dir)).toEqual([RUN_FILES.manifest]);
  });
});
