// NumPy's .npy format (numpy.org/doc/stable/reference/generated/numpy.lib.format.html): the magic
// "\x93NUMPY", a version, a little-endian header length (2 bytes in version 1, 4 in 2 and 3), a
// Python dict literal {'descr', 'fortran_order', 'shape'}, then the raw array. Only what datasets
// need is read: 2-D, C order, float32 vectors or int32/int64 ids.

import { closeSync, fstatSync, openSync } from 'node:fs';
import { displayPath } from '../config/paths.ts';
import { readFully } from './files.ts';
import type { Matrix } from './fvecs.ts';

const MAGIC = Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]);
/** MAX_HEADER_BYTES bounds the header read; numpy writes a few hundred bytes at most. */
const MAX_HEADER_BYTES = 1 << 20;

interface NpyHeader {
  descr: string;
  fortranOrder: boolean;
  shape: number[];
  dataOffset: number;
}

/** npyPreamble checks the magic and version and finds the header text: it starts at `start`, `length` bytes long. */
function npyPreamble(buffer: Buffer, name: string): { major: number; start: number; length: number } {
  if (buffer.length < 10 || !buffer.subarray(0, 6).equals(MAGIC)) throw new Error(`${name}: not an .npy file (no \\x93NUMPY magic)`);
  const major = buffer[6]!;
  if (major < 1 || major > 3) throw new Error(`${name}: .npy version ${major} is not supported (1, 2 or 3)`);
  if (major === 1) return { major, start: 10, length: buffer.readUInt16LE(8) };
  if (buffer.length < 12) throw new Error(`${name}: not an .npy file (cut short in its preamble)`);
  return { major, start: 12, length: buffer.readUInt32LE(8) };
}

/** parseNpyHeader reads the header of an .npy file; `name` is used in error messages. */
export function parseNpyHeader(bytes: Uint8Array, name: string): NpyHeader {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const { major, start, length: headerLength } = npyPreamble(buffer, name);
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

/**
 * readMatrixBytes reads the header, then the data of only the first `limit` rows (at the header's
 * offset), into a buffer of its own so the typed array over it is aligned. A 30 GB file imported
 * with --limit 10000 costs 10,000 rows of memory, not the file.
 */
function readMatrixBytes(file: string, accepted: readonly string[], limit?: number): { header: NpyHeader; data: Uint8Array; rows: number; dim: number } {
  const name = displayPath(file);
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const preamble = npyPreamble(readFully(fd, Buffer.alloc(Math.min(size, 12)), 0, name), name);
    const headerEnd = preamble.start + preamble.length;
    if (headerEnd > size || headerEnd > MAX_HEADER_BYTES) throw new Error(`${name}: the .npy header is said to end at byte ${headerEnd}, in a file of ${size} bytes`);
    const header = parseNpyHeader(readFully(fd, Buffer.alloc(headerEnd), 0, name), name);
    if (!accepted.includes(header.descr)) throw new Error(`${name}: dtype ${header.descr} is not supported here; expected ${accepted.join(' or ')}`);
    if (header.fortranOrder) throw new Error(`${name}: Fortran-ordered arrays are not supported; save it with numpy.ascontiguousarray`);
    if (header.shape.length !== 2) throw new Error(`${name}: shape (${header.shape.join(', ')}) is not 2-D (rows, dimension)`);
    const [rows, dim] = header.shape as [number, number];
    const itemBytes = Number(header.descr.slice(2));
    const expected = rows * dim * itemBytes;
    const dataBytes = size - header.dataOffset;
    if (dataBytes !== expected) throw new Error(`${name}: ${dataBytes} data bytes, expected ${expected} for shape (${rows}, ${dim}) of ${header.descr}`);
    const kept = Math.min(rows, limit ?? Infinity);
    const data = readFully(fd, new Uint8Array(kept * dim * itemBytes), header.dataOffset, name);
    return { header, data, rows: kept, dim };
  } finally {
    closeSync(fd);
  }
}

/** readNpyFloat32 reads the first `limit` rows (default all) of a 2-D little-endian float32 array. */
export function readNpyFloat32(file: string, limit?: number): Matrix<Float32Array> {
  const { data, rows, dim } = readMatrixBytes(file, ['<f4'], limit);
  return { rows, dim, data: new Float32Array(data.buffer, data.byteOffset, rows * dim) };
}

const INT32_MAX = 2n ** 31n - 1n;
const INT32_MIN = -(2n ** 31n);

/**
 * readNpyIds reads a 2-D little-endian int32 or int64 array of point ids into int32. An int64 id
 * outside int32's range is refused: it would wrap into another, wrong id without a word.
 */
export function readNpyIds(file: string): Matrix<Int32Array> {
  const { header, data, rows, dim } = readMatrixBytes(file, ['<i4', '<i8']);
  if (header.descr === '<i4') return { rows, dim, data: new Int32Array(data.buffer, data.byteOffset, rows * dim) };
  const wide = new BigInt64Array(data.buffer, data.byteOffset, rows * dim);
  const ids = new Int32Array(rows * dim);
  for (let i = 0; i < wide.length; i++) {
    const id = wide[i]!;
    if (id > INT32_MAX || id < INT32_MIN) {
      throw new Error(`${displayPath(file)}: id ${id} (row ${Math.floor(i / dim)}, column ${i % dim}) is outside the 32-bit range of vecstress point ids`);
    }
    ids[i] = Number(id);
  }
  return { rows, dim, data: ids };
}
