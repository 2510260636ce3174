// The admin route every lab process (stand-in node, gateway) serves beside its API, on loopback:
//   GET    /_lab/faults   the faults in force
//   PUT    /_lab/faults   add faults: {latencyMs, errorRate, errorStatus, stallSeconds, cpuSeconds, cpuThreads, forSeconds}
//   DELETE /_lab/faults   clear them all
// It bypasses the faults themselves, so a stalled process can still be told to recover.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseFaultSpec, type Faults } from './faults.ts';
import { errorEnvelope, okEnvelope, parseJsonBody, readBody, sendJson } from './http.ts';

export const ADMIN_PREFIX = '/_lab/';
export const FAULTS_PATH = '/_lab/faults';

/** handleAdmin answers an admin request; the caller routes every path under ADMIN_PREFIX here. */
export async function handleAdmin(req: IncomingMessage, res: ServerResponse, faults: Faults, log: (line: string) => void): Promise<void> {
  const startedAt = performance.now();
  const path = (req.url ?? '/').split('?')[0];
  if (path !== FAULTS_PATH) {
    sendJson(res, 404, errorEnvelope(`unknown admin route ${path}; the lab serves ${FAULTS_PATH}`, startedAt));
    return;
  }
  switch (req.method) {
    case 'GET':
      sendJson(res, 200, okEnvelope(faults.state(), startedAt));
      return;
    case 'DELETE':
      log('faults cleared');
      sendJson(res, 200, okEnvelope(faults.clear(), startedAt));
      return;
    case 'PUT': {
      const body = await readBody(req, 64 * 1024);
      try {
        if (!body.ok) throw new Error('fault body larger than 64 KiB');
        const spec = parseFaultSpec(parseJsonBody(body.body));
        const state = faults.set(spec);
        log(`faults set: ${JSON.stringify(spec)}`);
        sendJson(res, 200, okEnvelope(state, startedAt));
      } catch (error) {
        sendJson(res, 400, errorEnvelope(`bad fault request: ${(error as Error).message}`, startedAt));
      }
      return;
    }
    default:
      sendJson(res, 405, errorEnvelope(`${req.method ?? ''} is not allowed on ${FAULTS_PATH}; use GET, PUT or DELETE`, startedAt));
  }
}
