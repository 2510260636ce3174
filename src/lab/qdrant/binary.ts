// Finding a real Qdrant server binary for the lab: a path from --qdrant-bin or $QDRANT_BIN, either
// the server itself or its .xz (as Qdrant's release archives and ../shared/bin/ ship it), checked by
// running `--version` before anything starts.

import { execFile } from 'node:child_process';
import { chmodSync, createReadStream, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { COMMAND_LINE, ConfigError } from '../../config/errors.ts';

const run = promisify(execFile);

/** QDRANT_BIN_FLAG names where the path came from, for error messages. */
const QDRANT_BIN_FLAG = '--qdrant-bin (or $QDRANT_BIN)';

function binaryError(message: string): ConfigError {
  return ConfigError.single(COMMAND_LINE, QDRANT_BIN_FLAG, message);
}

/**
 * resolveQdrantBinary returns the path of a runnable Qdrant server. An .xz is decompressed once
 * into `cacheDir` (named by the archive's checksum, so a new archive is never confused with an
 * old one) with the xz tool the set-up installs. The result must answer `--version` as Qdrant.
 */
export async function resolveQdrantBinary(path: string, cacheDir: string): Promise<{ path: string; version: string }> {
  if (!existsSync(path)) throw binaryError(`${path} does not exist; give the path of a Qdrant server binary (or its .xz)`);
  if (!statSync(path).isFile()) throw binaryError(`${path} is not a file`);
  const binary = path.endsWith('.xz') ? await decompressOnce(path, cacheDir) : path;
  let output: string;
  try {
    output = (await run(binary, ['--version'], { timeout: 15_000 })).stdout;
  } catch (error) {
    throw binaryError(`${path} does not run as a program (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); is it a Qdrant server binary for this machine?`);
  }
  const version = /^qdrant (\d+\.\d+\.\d+\S*)/m.exec(output)?.[1];
  if (!version) throw binaryError(`${path} is not a Qdrant server: \`--version\` printed ${JSON.stringify(output.trim().slice(0, 80))}`);
  return { path: binary, version };
}

async function decompressOnce(archive: string, cacheDir: string): Promise<string> {
  const digest = await sha256(archive);
  const target = join(cacheDir, `${basename(archive, '.xz')}-${digest.slice(0, 12)}`);
  if (existsSync(target)) return target;
  mkdirSync(cacheDir, { recursive: true });
  const temporary = `${target}.${process.pid}.tmp`;
  try {
    await run('sh', ['-c', 'xz -dc -- "$1" > "$2"', 'xz', archive, temporary], { timeout: 120_000 });
  } catch (error) {
    const { code, stderr } = error as { code?: string | number; stderr?: string };
    throw binaryError(`${archive} could not be decompressed with xz (${String(stderr ?? code).trim()}); is xz-utils installed (\`npm run setup\`) and is the file an .xz archive?`);
  }
  chmodSync(temporary, 0o755);
  renameSync(temporary, target);
  return target;
}

function sha256(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')))
      .on('error', reject);
  });
}
