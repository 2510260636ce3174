// NumPy's .npy format (numpy.org/doc/stable/reference/generated/numpy.lib.format.html): the magic
// "\x93NUMPY", a version, a little-endian header length (2 bytes in version 1, 4 in 2 and 3), a
// Python dict literal {'descr', 'fortran_order', 'shape'}, then the raw array. Only what datasets
// need is read: 2-D, C order, float32 vectors or int32/int64 ids.

import { readFileSync } from 'node:fs';
import { displayPath } from '../config/paths.ts';
import type { Matrix } from './fvecs.ts';

const MAGIC = Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]);

interface NpyHeader {
  descr: string;
  fortranOrder: boolean;
  shape: number[];
  dataOffset: number;
}

/** parseNpyHeader reads the header of an .npy file; `name` is used in error messages. */
export function parseNpyHeader(bytes: Uint8Array, name: string): NpyHeader {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.length < 10 || !buffer.subarray(0, 6).equals(MAGIC)) throw new Error(`${name}: not an .npy file (no \\x93NUMPY magic)`);
  const major = buffer[6]!;
  if (major < 1 || major > 3) throw new Error(`${name}: .npy version ${major} is not supported (1, 2 or 3)`);
  const lengthBytes = major === 1 ? 2 : 4;
  const headerLength = major === 1 ? buffer.readUInt16LE(8) : buffer.readUInt32LE(8);
  const start = 8 + lengthBytes;
  const text = buffer.subarray(start, start + headerLength).toString(major === 3 ? 'utf8' : 'latin1');
  const descr = /'descr'\s*:\s*'([^']+)'/.exec(text)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(text)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(text)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) throw new Error(`${name}: malformed .npy header ${JSON.stringify(text.trim())}`);
  const shape = shapeText
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map(Number);
  return { descr, fortranOrder: fortran === 'True', shape, dataOffset: start + headerLength };
}

function readMatrixBytes(file: string, accepted: readonly string[]): { header: NpyHeader; data: Uint8Array; rows: number; dim: number } {
  const name = displayPath(file);
  const bytes = readFileSync(file);
  const header = parseNpyHeader(bytes, name);
  if (!accepted.includes(header.descr)) throw new Error(`${name}: dtype ${header.descr} is not supported here; expected ${accepted.join(' or ')}`);
  if (header.fortranOrder) throw new Error(`${name}: Fortran-ordered arrays are not supported; save it with numpy.ascontiguousarray`);
  if (header.shape.length !== 2) throw new Error(`${name}: shape (${header.shape.join(', ')}) is not 2-D (rows, dimension)`);
  const [rows, dim] = header.shape as [number, number];
  const itemBytes = Number(header.descr.slice(2));
  const expected = rows * dim * itemBytes;
  const data = bytes.subarray(header.dataOffset);
  if (data.length !== expected) throw new Error(`${name}: ${data.length} data bytes, expected ${expected} for shape (${rows}, ${dim}) of ${header.descr}`);
  // Copy so the typed array starts on an aligned offset of its own buffer.
  return { header, data: Uint8Array.from(data), rows, dim };
}

/** readNpyFloat32 reads a 2-D little-endian float32 array. */
export function readNpyFloat32(file: string, limit?: number): Matrix<Float32Array> {
  const { data, rows, dim } = readMatrixBytes(file, ['<f4']);
  const kept = Math.min(rows, limit ?? Infinity);
  return { rows: kept, dim, data: new Float32Array(data.buffer, 0, kept * dim) };
}

/** readNpyIds reads a 2-D little-endian int32 or int64 array of point ids into int32. */
export function readNpyIds(file: string): Matrix<Int32Array> {
  const { header, data, rows, dim } = readMatrixBytes(file, ['<i4', '<i8']);
  if (header.descr === '<i4') return { rows, dim, data: new Int32Array(data.buffer, 0, rows * dim) };
  const wide = new BigInt64Array(data.buffer, 0, rows * dim);
  return { rows, dim, data: Int32Array.from(wide, (id) => Number(id)) };
}
