import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readFvecs, readIvecs } from './fvecs.ts';
import { importDataset } from './import.ts';
import { loadCollectionData, loadQuerySet } from './load.ts';
import { readNpyFloat32, readNpyIds } from './npy.ts';

/**
 * reads lets a test make readSync behave as it may on a large file: return at most `cap` bytes per
 * call (Linux stops at about 2 GiB), or nothing at all; `bytes` counts what was read.
 */
const reads = vi.hoisted(() => ({ cap: Infinity, bytes: 0 }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const readSync = (fd: number, buffer: NodeJS.ArrayBufferView, offset: number, length: number, position: number | null): number => {
    const read = fs.readSync(fd, buffer, offset, Math.min(length, reads.cap), position);
    reads.bytes += read;
    return read;
  };
  return { ...fs, default: { ...fs, readSync }, readSync };
});
afterEach(() => Object.assign(reads, { cap: Infinity, bytes: 0 }));

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vecstress-import-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** vecsBytes writes records the way the texmex corpus does: int32 dimension, then the values. */
function vecsBytes(rows: number[][], type: 'f' | 'i'): Buffer {
  return Buffer.concat(
    rows.map((row) => {
      const record = Buffer.alloc(4 + row.length * 4);
      record.writeInt32LE(row.length, 0);
      row.forEach((value, i) => (type === 'f' ? record.writeFloatLE(value, 4 + i * 4) : record.writeInt32LE(value, 4 + i * 4)));
      return record;
    }),
  );
}

/** npyBytes writes a version 1.0 .npy file as numpy.save does: header padded to a multiple of 64 bytes. */
function npyBytes(descr: string, shape: [number, number], values: Buffer, fortran = false): Buffer {
  let header = `{'descr': '${descr}', 'fortran_order': ${fortran ? 'True' : 'False'}, 'shape': (${shape[0]}, ${shape[1]}), }`;
  header += ' '.repeat(64 - ((10 + header.length + 1) % 64)) + '\n';
  const prefix = Buffer.alloc(10);
  Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]).copy(prefix);
  prefix.writeUInt16LE(header.length, 8);
  return Buffer.concat([prefix, Buffer.from(header, 'latin1'), values]);
}

function floats(values: number[]): Buffer {
  return Buffer.from(new Float32Array(values).buffer);
}

describe('readFvecs / readIvecs', () => {
  it('reads records into one matrix, up to a limit', () => {
    const file = join(tempDir(), 'base.fvecs');
    writeFileSync(file, vecsBytes([[1, 2, 3], [4, 5, 6], [7, 8, 9]], 'f'));
    expect(readFvecs(file)).toMatchObject({ rows: 3, dim: 3 });
    expect(Array.from(readFvecs(file).data)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(Array.from(readFvecs(file, 2).data)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('reads ground-truth ids', () => {
    const file = join(tempDir(), 'gt.ivecs');
    writeFileSync(file, vecsBytes([[5, 1], [0, 2]], 'i'));
    expect(Array.from(readIvecs(file).data)).toEqual([5, 1, 0, 2]);
  });

  it('names the file when records do not line up', () => {
    const file = join(tempDir(), 'bad.fvecs');
    writeFileSync(file, Buffer.concat([vecsBytes([[1, 2]], 'f'), Buffer.from([1, 2, 3])]));
    expect(() => readFvecs(file)).toThrow(/bad\.fvecs: 15 bytes is not a whole number of 12-byte records of dimension 2/);
  });

  it('names a record whose dimension differs', () => {
    const file = join(tempDir(), 'mixed.fvecs');
    const records = vecsBytes([[1, 2], [3, 4]], 'f');
    records.writeInt32LE(3, 12);
    writeFileSync(file, records);
    expect(() => readFvecs(file)).toThrow(/record 1 has dimension 3, the first has 2/);
  });
});

describe('short reads', () => {
  it('reads a whole .fvecs file when each read returns only a few bytes', () => {
    const file = join(tempDir(), 'base.fvecs');
    writeFileSync(file, vecsBytes([[1, 2, 3], [4, 5, 6], [7, 8, 9]], 'f'));
    reads.cap = 5;
    expect(Array.from(readFvecs(file).data)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('reads a whole .npy file when each read returns only a few bytes', () => {
    const file = join(tempDir(), 'v.npy');
    writeFileSync(file, npyBytes('<f4', [2, 3], floats([1, 2, 3, 4, 5, 6.5])));
    reads.cap = 7;
    expect(Array.from(readNpyFloat32(file).data)).toEqual([1, 2, 3, 4, 5, 6.5]);
  });

  it('names the file when a read comes back empty, rather than reading zeros as "dimension 0"', () => {
    const file = join(tempDir(), 'base.fvecs');
    writeFileSync(file, vecsBytes([[1, 2, 3]], 'f'));
    reads.cap = 0;
    expect(() => readFvecs(file)).toThrow(/base\.fvecs: the file ended after 0 of the 4 bytes read from byte 0/);
  });
});

describe('npy', () => {
  it('reads a float32 matrix', () => {
    const file = join(tempDir(), 'v.npy');
    writeFileSync(file, npyBytes('<f4', [2, 3], floats([1, 2, 3, 4, 5, 6.5])));
    const matrix = readNpyFloat32(file);
    expect(matrix).toMatchObject({ rows: 2, dim: 3 });
    expect(Array.from(matrix.data)).toEqual([1, 2, 3, 4, 5, 6.5]);
  });

  it('reads int64 ids into int32', () => {
    const file = join(tempDir(), 'gt.npy');
    writeFileSync(file, npyBytes('<i8', [1, 3], Buffer.from(new BigInt64Array([7n, 0n, 42n]).buffer)));
    expect(Array.from(readNpyIds(file).data)).toEqual([7, 0, 42]);
  });

  it('reads only the header and the rows it keeps when given a limit', () => {
    const file = join(tempDir(), 'big.npy');
    const values = Array.from({ length: 1000 * 4 }, (_, i) => i);
    writeFileSync(file, npyBytes('<f4', [1000, 4], floats(values)));
    reads.bytes = 0;
    const matrix = readNpyFloat32(file, 10);
    expect(matrix).toMatchObject({ rows: 10, dim: 4 });
    expect(Array.from(matrix.data)).toEqual(values.slice(0, 40));
    // 128 header bytes and 10 rows of 16 bytes, out of a 16,128-byte file.
    expect(reads.bytes).toBeLessThanOrEqual(12 + 128 + 160);
  });

  it('refuses int64 ids that do not fit in 32 bits, naming the id and where it is', () => {
    const file = join(tempDir(), 'gt.npy');
    writeFileSync(file, npyBytes('<i8', [2, 2], Buffer.from(new BigInt64Array([7n, 0n, 42n, 2n ** 31n]).buffer)));
    expect(() => readNpyIds(file)).toThrow(/gt\.npy: id 2147483648 \(row 1, column 1\) is outside the 32-bit range of vecstress point ids/);
  });

  it('refuses other dtypes, Fortran order, other ranks and wrong sizes, naming the file', () => {
    const dir = tempDir();
    const write = (name: string, bytes: Buffer): string => {
      writeFileSync(join(dir, name), bytes);
      return join(dir, name);
    };
    expect(() => readNpyFloat32(write('f8.npy', npyBytes('<f8', [1, 1], Buffer.alloc(8))))).toThrow(/f8\.npy: dtype <f8 is not supported here; expected <f4/);
    expect(() => readNpyFloat32(write('fo.npy', npyBytes('<f4', [1, 1], floats([1]), true)))).toThrow(/fo\.npy: Fortran-ordered/);
    expect(() => readNpyFloat32(write('short.npy', npyBytes('<f4', [2, 2], floats([1, 2]))))).toThrow(/short\.npy: 8 data bytes, expected 16/);
    expect(() => readNpyFloat32(write('text.npy', Buffer.from('hello world')))).toThrow(/text\.npy: not an \.npy file/);
  });
});

describe('importDataset', () => {
  const base = Array.from({ length: 30 }, (_, i) => [Math.cos(i), Math.sin(i), (i % 7) / 7, 1]);

  it('imports .fvecs with queries and uses the given truth when it still holds', () => {
    const dir = tempDir();
    const src = tempDir();
    writeFileSync(join(src, 'base.fvecs'), vecsBytes(base, 'f'));
    writeFileSync(join(src, 'query.fvecs'), vecsBytes(base.slice(0, 2), 'f'));
    const truth = [Array.from({ length: 12 }, (_, i) => i), Array.from({ length: 12 }, (_, i) => 29 - i)];
    writeFileSync(join(src, 'gt.ivecs'), vecsBytes(truth, 'i'));
    const result = importDataset({
      dir, collection: 'sift', vectors: join(src, 'base.fvecs'), queries: join(src, 'query.fvecs'), truth: join(src, 'gt.ivecs'),
      distance: 'Euclid', pattern: 'similarity_search', seed: 1,
    });
    expect(result.entry).toMatchObject({ points: 30, queries: 2, vectorSize: 4, source: { kind: 'imported', truthFrom: 'file' } });
    expect(loadQuerySet('sift', { dir }).queries.map((q) => q.truth)).toEqual(truth.map((row) => row.slice(0, 10)));
    expect(loadCollectionData('sift', { dir }).payloads).toHaveLength(30);
  });

  it('holds out queries from .npy and computes the truth exactly when none is given', () => {
    const dir = tempDir();
    const src = tempDir();
    writeFileSync(join(src, 'base.npy'), npyBytes('<f4', [30, 4], floats(base.flat())));
    const result = importDataset({ dir, collection: 'mine', vectors: join(src, 'base.npy'), maxQueries: 5, distance: 'Cosine', pattern: 'code_search', seed: 1 });
    expect(result.entry).toMatchObject({ points: 25, queries: 5, source: { truthFrom: 'computed' } });
    const set = loadQuerySet('mine', { dir });
    expect(set.queries.every((q) => q.filter?.key === 'language')).toBe(true);
    expect(set.queries[0]!.truth.every((id) => id < 25)).toBe(true);
  });

  it('refuses vectors whose size differs from the mix, naming both', () => {
    const src = tempDir();
    writeFileSync(join(src, 'base.fvecs'), vecsBytes(base, 'f'));
    expect(() =>
      importDataset({ dir: tempDir(), collection: 'mixtral', vectors: join(src, 'base.fvecs'), distance: 'Cosine', pattern: 'similarity_search', seed: 1, expectedDim: 1024 }),
    ).toThrow(/base\.fvecs: vectors have dimension 4, but the mix gives collection "mixtral" vectorSize 1024/);
  });

  it('refuses an unknown file type', () => {
    expect(() => importDataset({ dir: tempDir(), collection: 'x', vectors: 'data.bvecs', distance: 'Cosine', pattern: 'similarity_search', seed: 1 })).toThrow(
      /data\.bvecs: unknown vector file type "\.bvecs"; expected \.fvecs or \.npy/,
    );
  });
});
