import { readFileSync } from 'node:fs';
import { connect, createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../config/paths.ts';
import type { ErrorClass } from '../../runfolder/engine-lines.ts';
import type { ResponseCheck } from '../corpus-protocol.ts';
import { classifyStatus, classifyTransportError, readResponse, recallAt, type PointId } from './response-check.ts';

/** ResponseRules is test/vectors/response-check.json, the cases the Go engine's tests check too. */
interface ResponseRules {
  status: Array<{ status: number; class: ErrorClass | null }>;
  transport: Array<{ failure: string; class: ErrorClass; node: Array<{ code?: string; message: string }> }>;
  body: Array<{ comment: string; check: ResponseCheck; body?: string; bodyFile?: string; shapeOk: boolean; serverUs?: number; ids?: unknown[] }>;
  recall: Array<{ comment: string; truth: PointId[]; returned: unknown[]; recall: number }>;
}

const rules = JSON.parse(readFileSync(join(PROJECT_ROOT, 'test', 'vectors', 'response-check.json'), 'utf8')) as ResponseRules;
const qdrantFixture = (name: string): string => readFileSync(join(PROJECT_ROOT, 'test', 'fixtures', 'qdrant-1.19.0', name), 'utf8');

/** idOrNull is how the vector writes a returned id: null for an entry that is no point id. */
const idOrNull = (id: unknown): unknown => (typeof id === 'string' || typeof id === 'number' ? id : null);

describe('the shared response rules (the Go engine checks the same vector)', () => {
  it.each(rules.status)('classes status $status as $class', ({ status, class: want }) => {
    expect(classifyStatus(status)).toBe(want);
  });

  it.each(rules.transport)('classes a $failure as $class from its Node error code', ({ class: want, node }) => {
    for (const error of node) expect(classifyTransportError(error)).toBe(want);
  });

  it.each(rules.body)('reads a body: $comment ($check)', ({ check, body, bodyFile, shapeOk, serverUs, ids }) => {
    const reading = readResponse(check, body ?? qdrantFixture(bodyFile!));
    expect({ shapeOk: reading.shapeOk, serverUs: reading.serverUs }).toEqual({ shapeOk, serverUs });
    // ids are read for recall only from an ok response.
    if (shapeOk) expect(reading.ids?.map(idOrNull)).toEqual(ids);
  });

  it.each(rules.recall)('computes recall: $comment', ({ truth, returned, recall }) => {
    expect(recallAt(truth, returned)).toBe(recall);
  });
});

describe('classifyTransportError on real Node socket errors', () => {
  it('classes a connection to a port where nothing listens as refused', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    expect(classifyTransportError(await socketError(port))).toBe('refused');
  });

  it('classes a connection the server resets as reset', async () => {
    const server = createServer((socket) => socket.resetAndDestroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      expect(classifyTransportError(await socketError((server.address() as AddressInfo).port))).toBe('reset');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

/** socketError connects to port on 127.0.0.1, sends a request and resolves with the socket's error. */
function socketError(port: number): Promise<NodeJS.ErrnoException> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write('POST / HTTP/1.1\r\nhost: x\r\n\r\n'));
    socket.on('error', resolve);
    socket.on('close', () => reject(new Error('the socket closed without an error')));
  });
}
