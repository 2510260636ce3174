import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { mixFileOf } from './mix-file.ts';
import { DEFAULT_MIX_FILE } from './paths.ts';

describe('mixFileOf', () => {
  const cwd = process.cwd();
  afterEach(() => process.chdir(cwd));

  it('reads any other --mix as given, without a notice', () => {
    expect(mixFileOf('my-mix.yaml')).toEqual({ file: 'my-mix.yaml' });
  });

  it('reads mix.yaml, with a notice, when the old datasets/collections.yaml is gone', () => {
    process.chdir(mkdtempSync(join(tmpdir(), 'vecstress-mix-')));
    const { file, notice } = mixFileOf('datasets/collections.yaml');
    expect(file).toBe(DEFAULT_MIX_FILE);
    expect(notice).toBe('the mix file moved to mix.yaml; reading it instead of datasets/collections.yaml');
  });

  it("reads the user's own file at the old path, with a notice to move it", () => {
    process.chdir(mkdtempSync(join(tmpdir(), 'vecstress-mix-')));
    mkdirSync('datasets');
    writeFileSync('datasets/collections.yaml', 'collections: {}\n');
    const { file, notice } = mixFileOf('datasets/collections.yaml');
    expect(file).toBe('datasets/collections.yaml');
    expect(notice).toMatch(/^reading the mix from datasets\/collections\.yaml; move it to mix\.yaml/);
  });
});
