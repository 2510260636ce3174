// Reading and writing a collection's files. Float32 matrices are stored little-endian, which is
// the memory order of every machine this runs on; a big-endian host is refused rather than misread.

import { createHash } from 'node:crypto';
import { endianness } from 'node:os';
import { mkdirSync, readFileSync, readSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { displayPath } from '../config/paths.ts';
import type { FileEntry } from './manifest.ts';

function requireLittleEndian(): void {
  if (endianness() !== 'LE') throw new Error('vecstress datasets are little-endian float32; this host is big-endian');
}

/** writeCollectionFile writes one file atomically (temporary name, then rename) and returns its entry. */
export function writeCollectionFile(dir: string, name: string, bytes: Uint8Array): FileEntry {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, bytes);
  renameSync(temporary, file);
  return { bytes: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') };
}

export function float32Bytes(matrix: Float32Array): Uint8Array {
  requireLittleEndian();
  return new Uint8Array(matrix.buffer, matrix.byteOffset, matrix.byteLength);
}

export function ndjsonBytes(lines: readonly unknown[]): Uint8Array {
  return Buffer.from(lines.map((line) => `${JSON.stringify(line)}\n`).join(''));
}

/** readFloat32Matrix reads rows × dim float32 values and checks the size against the manifest. */
export function readFloat32Matrix(file: string, rows: number, dim: number): Float32Array {
  requireLittleEndian();
  const bytes = readFileSync(file);
  const expected = rows * dim * 4;
  if (bytes.byteLength !== expected) {
    throw new Error(`${displayPath(file)}: ${bytes.byteLength} bytes, expected ${expected} (${rows} rows × ${dim} float32); generate the datasets again`);
  }
  // A Float32Array view needs a 4-byte aligned offset; a pooled Buffer may not have one.
  return bytes.byteOffset % 4 === 0
    ? new Float32Array(bytes.buffer, bytes.byteOffset, rows * dim)
    : new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + expected));
}

/** readNdjson reads one JSON value per line and names the file and line of a bad one. */
export function readNdjson<T>(file: string): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line, i) => {
      try {
        return JSON.parse(line) as T;
      } catch (error) {
        throw new Error(`${displayPath(file)}:${i + 1}: not valid JSON (${(error as Error).message})`);
      }
    });
}

/**
 * readFully fills `target` from an open file, starting at byte `position`. One readSync may return
 * fewer bytes than asked (Linux stops at about 2 GiB a call), so it reads until the target is full;
 * a file that ends first is an error naming it, never a half-zeroed matrix.
 */
export function readFully<T extends Uint8Array>(fd: number, target: T, position: number, name: string): T {
  let filled = 0;
  while (filled < target.byteLength) {
    const read = readSync(fd, target, filled, target.byteLength - filled, position + filled);
    if (read === 0) throw new Error(`${name}: the file ended after ${filled} of the ${target.byteLength} bytes read from byte ${position}`);
    filled += read;
  }
  return target;
}
