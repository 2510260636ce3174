import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { qdrantComponents } from './nodes.ts';

const stateDir = mkdtempSync(join(tmpdir(), 'vecstress-qdrant-nodes-'));
afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

describe('qdrantComponents', () => {
  const [first, second] = qdrantComponents('/opt/qdrant', stateDir, [7001, 7002, 7003, 7011, 7012, 7013]);

  it('starts the first peer with --uri and the others bootstrapping from it', () => {
    expect(first!.spec.args).toEqual(['--uri', 'http://127.0.0.1:7003']);
    expect(second!.spec.args).toEqual(['--bootstrap', 'http://127.0.0.1:7003', '--uri', 'http://127.0.0.1:7013']);
  });

  it('gives each node its own ports on loopback and its storage in the state folder, cluster mode on', () => {
    expect(second!.url).toBe('http://127.0.0.1:7011');
    expect(second!.spec.env).toMatchObject({
      QDRANT__SERVICE__HOST: '127.0.0.1',
      QDRANT__SERVICE__HTTP_PORT: '7011',
      QDRANT__SERVICE__GRPC_PORT: '7012',
      QDRANT__CLUSTER__ENABLED: 'true',
      QDRANT__CLUSTER__P2P__PORT: '7013',
      QDRANT__STORAGE__STORAGE_PATH: join(stateDir, 'qdrant', 'node1', 'storage'),
    });
    expect(second!.spec.cwd).toBe(join(stateDir, 'qdrant', 'node1'));
  });
});
