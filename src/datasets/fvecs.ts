// The ANN benchmarks' vector files (corpus-texmex.irisa.fr): each record is a little-endian int32
// dimension followed by that many values, float32 in .fvecs, int32 in .ivecs. Every record of a
// file has the same dimension.

import { closeSync, fstatSync, openSync } from 'node:fs';
import { displayPath } from '../config/paths.ts';
import { readFully } from './files.ts';

export interface Matrix<T extends Float32Array | Int32Array> {
  rows: number;
  dim: number;
  data: T;
}

/** readFvecs reads the first `limit` rows (default all) of an .fvecs file. */
export function readFvecs(file: string, limit?: number): Matrix<Float32Array> {
  const { rows, dim, values } = readRecords(file, limit);
  return { rows, dim, data: new Float32Array(values.buffer, values.byteOffset, rows * dim) };
}

/** readIvecs reads the first `limit` rows (default all) of an .ivecs file (ground-truth neighbour ids). */
export function readIvecs(file: string, limit?: number): Matrix<Int32Array> {
  const { rows, dim, values } = readRecords(file, limit);
  return { rows, dim, data: new Int32Array(values.buffer, values.byteOffset, rows * dim) };
}

function readRecords(file: string, limit: number | undefined): { rows: number; dim: number; values: Uint8Array } {
  const name = displayPath(file);
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size < 4) throw new Error(`${name}: empty or shorter than one record header`);
    const dim = readFully(fd, Buffer.alloc(4), 0, name).readInt32LE(0);
    if (dim <= 0 || dim > 1 << 16) throw new Error(`${name}: first record has dimension ${dim}; is this really an .fvecs/.ivecs file?`);
    const recordBytes = 4 + dim * 4;
    if (size % recordBytes !== 0) throw new Error(`${name}: ${size} bytes is not a whole number of ${recordBytes}-byte records of dimension ${dim}`);
    const rows = Math.min(size / recordBytes, limit ?? Infinity);
    const raw = readFully(fd, Buffer.alloc(rows * recordBytes), 0, name);
    // Copy the values out of the records into one aligned, contiguous matrix.
    const values = new Uint8Array(rows * dim * 4);
    for (let row = 0; row < rows; row++) {
      const at = row * recordBytes;
      const recordDim = raw.readInt32LE(at);
      if (recordDim !== dim) throw new Error(`${name}: record ${row} has dimension ${recordDim}, the first has ${dim}`);
      values.set(raw.subarray(at + 4, at + recordBytes), row * dim * 4);
    }
    return { rows, dim, values };
  } finally {
    closeSync(fd);
  }
}
