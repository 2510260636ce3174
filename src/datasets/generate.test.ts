import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { MixDefinition } from '../config/mix-schema.ts';
import { generateDatasets } from './generate.ts';
import { loadCollectionData, loadQuerySet } from './load.ts';
import { readManifest } from './manifest.ts';
import { LANGUAGES } from './payloads.ts';
import { exactSearch, prepareQuery, prepareRows } from './similarity.ts';

const mix: MixDefinition = {
  collections: {
    small: { weight: 50, pattern: 'similarity_search', vectorSize: 8, distance: 'Cosine' },
    code: { weight: 30, pattern: 'code_search', vectorSize: 12, distance: 'Cosine' },
    text: { weight: 20, pattern: 'general_search', vectorSize: 6, distance: 'Euclid' },
  },
};

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vecstress-datasets-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('generateDatasets', () => {
  it('writes the same bytes for the same seed, and different ones for another seed', () => {
    const [a, b, c] = [tempDir(), tempDir(), tempDir()];
    generateDatasets({ mix, dir: a, seed: 5, points: 120, queries: 10 });
    generateDatasets({ mix, dir: b, seed: 5, points: 120, queries: 10 });
    generateDatasets({ mix, dir: c, seed: 6, points: 120, queries: 10 });
    const checksums = (dir: string): unknown => Object.fromEntries(Object.entries(readManifest(dir).collections).map(([name, entry]) => [name, entry.files]));
    expect(checksums(b)).toEqual(checksums(a));
    expect(checksums(c)).not.toEqual(checksums(a));
  });

  it("leaves a collection's data unchanged when another collection is added to the mix", () => {
    const [alone, together] = [tempDir(), tempDir()];
    generateDatasets({ mix, dir: alone, seed: 5, points: 50, queries: 5, collections: ['small'] });
    generateDatasets({ mix, dir: together, seed: 5, points: 50, queries: 5 });
    expect(readManifest(together).collections.small!.files).toEqual(readManifest(alone).collections.small!.files);
  });

  it('records sizes and the exact top-10 of every query, honouring code_search filters', () => {
    const dir = tempDir();
    generateDatasets({ mix, dir, seed: 1, points: 200, queries: 20 });
    for (const name of Object.keys(mix.collections)) {
      const data = loadCollectionData(name, { dir });
      const set = loadQuerySet(name, { dir });
      const { distance, vectorSize } = data.manifest;
      expect(data.manifest.points).toBe(200);
      expect(set.queries).toHaveLength(20);
      const rows = prepareRows(distance, data.vectors, vectorSize);
      for (const query of set.queries) {
        expect(query.vector).toHaveLength(vectorSize);
        const accept = query.filter ? (i: number): boolean => data.payloads[i]![query.filter!.key] === query.filter!.value : undefined;
        const expected = exactSearch({ distance, data: rows, count: 200, query: prepareQuery(distance, query.vector), k: 10, ...(accept ? { accept } : {}) });
        expect(query.truth).toEqual(expected.map((r) => r.index));
      }
      if (name === 'code') {
        expect(set.queries.every((q) => q.filter?.key === 'language' && (LANGUAGES as readonly string[]).includes(q.filter.value))).toBe(true);
        expect(data.payloads.every((p) => typeof p.language === 'string')).toBe(true);
      } else {
        expect(set.queries.every((q) => q.filter === undefined)).toBe(true);
      }
      if (name === 'text') expect(data.payloads.every((p) => typeof p.text === 'string' && p.text.length > 50)).toBe(true);
    }
  });

  it('gives vectors structure: a query is much closer to its nearest point than to an average one', () => {
    const dir = tempDir();
    generateDatasets({ mix, dir, seed: 2, points: 300, queries: 10, collections: ['small'] });
    const data = loadCollectionData('small', { dir });
    const rows = prepareRows('Cosine', data.vectors, 8);
    for (const query of loadQuerySet('small', { dir }).queries) {
      const all = exactSearch({ distance: 'Cosine', data: rows, count: 300, query: prepareQuery('Cosine', query.vector), k: 300 });
      const mean = all.reduce((sum, r) => sum + r.score, 0) / all.length;
      expect(all[0]!.score - mean).toBeGreaterThan(0.3);
    }
  });

  it('with ifMissing keeps what matches and regenerates what does not', () => {
    const dir = tempDir();
    generateDatasets({ mix, dir, seed: 1, points: 60, queries: 5 });
    expect(generateDatasets({ mix, dir, seed: 1, points: 60, queries: 5, ifMissing: true })).toMatchObject({ generated: [], kept: ['small', 'code', 'text'] });
    writeFileSync(join(dir, 'code', 'vectors.f32'), 'truncated');
    expect(generateDatasets({ mix, dir, seed: 1, points: 60, queries: 5, ifMissing: true })).toMatchObject({ generated: ['code'], kept: ['small', 'text'] });
    expect(generateDatasets({ mix, dir, seed: 1, points: 70, queries: 5, ifMissing: true }).generated).toEqual(['small', 'code', 'text']);
  });

  it('refuses a collection that is not in the mix', () => {
    expect(() => generateDatasets({ mix, dir: tempDir(), collections: ['nope'] })).toThrow(/unknown collection nope; the mix has small, code, text/);
  });
});

describe('loadQuerySet', () => {
  it('names the set-up command when the data is missing', () => {
    expect(() => loadQuerySet('small', { dir: tempDir() })).toThrow(/npm run setup.*vecstress datasets generate/);
  });

  it('names an unknown collection and the ones there are', () => {
    const dir = tempDir();
    generateDatasets({ mix, dir, points: 20, queries: 2, collections: ['small'] });
    expect(() => loadQuerySet('other', { dir })).toThrow(/no dataset for collection "other".*\(it has: small\)/);
  });

  it('gives back vectors that parse to the stored float32 values', () => {
    const dir = tempDir();
    generateDatasets({ mix, dir, points: 20, queries: 3, collections: ['small'] });
    const stored = new Float32Array(Uint8Array.from(readFileSync(join(dir, 'small', 'queries.f32'))).buffer);
    const vectors = loadQuerySet('small', { dir }).queries.flatMap((q) => q.vector);
    expect(Float32Array.from(JSON.parse(JSON.stringify(vectors)) as number[])).toEqual(stored);
  });
});
