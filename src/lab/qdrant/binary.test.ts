import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../config/errors.ts';
import { resolveQdrantBinary } from './binary.ts';

const dir = mkdtempSync(join(tmpdir(), 'vecstress-qdrant-bin-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A real binary is resolved in test/contract; these are the refusals, before anything starts.
describe('resolveQdrantBinary', () => {
  it('names the flag when the path does not exist', async () => {
    const error = await resolveQdrantBinary(join(dir, 'absent'), dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/--qdrant-bin \(or \$QDRANT_BIN\): .*absent does not exist/);
  });

  it('refuses a program that is not Qdrant', async () => {
    const script = join(dir, 'not-qdrant');
    writeFileSync(script, '#!/bin/sh\necho "something 1.0"\n', { mode: 0o755 });
    await expect(resolveQdrantBinary(script, dir)).rejects.toThrow(/not-qdrant is not a Qdrant server: `--version` printed "something 1\.0"/);
  });

  it('refuses a file that does not run', async () => {
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'hello');
    await expect(resolveQdrantBinary(text, dir)).rejects.toThrow(/notes\.txt does not run as a program/);
  });

  it('refuses an .xz that is not an xz archive', async () => {
    const fake = join(dir, 'qdrant.xz');
    writeFileSync(fake, 'not compressed');
    await expect(resolveQdrantBinary(fake, join(dir, 'cache'))).rejects.toThrow(/qdrant\.xz could not be decompressed with xz/);
  });

  it('accepts a program that answers --version as Qdrant does', async () => {
    const script = join(dir, 'qdrant');
    writeFileSync(script, '#!/bin/sh\necho "qdrant 1.19.0"\n', { mode: 0o755 });
    expect(await resolveQdrantBinary(script, dir)).toEqual({ path: script, version: '1.19.0' });
  });
});
