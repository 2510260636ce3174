import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SampleOutput, SamplerOutput } from '../sampler.ts';

// Test helpers for the sampler tests: recorded payloads, free ports, real servers that always stop.

const HERE = dirname(fileURLToPath(import.meta.url));

/** QDRANT_FIXTURES holds the real Qdrant 1.19.0 responses, shared with the Go engine's and the contract tests. */
const QDRANT_FIXTURES = join(HERE, '..', '..', '..', 'test', 'fixtures', 'qdrant-1.19.0');

/** fixture reads a recorded payload from src/samplers/testdata. */
export function fixture(name: string): string {
  return readFileSync(join(HERE, name), 'utf8');
}

export function fixtureJson(name: string): unknown {
  return JSON.parse(fixture(name));
}

/** qdrantFixture reads a real Qdrant 1.19.0 response from test/fixtures/qdrant-1.19.0. */
export function qdrantFixture(name: string): string {
  return readFileSync(join(QDRANT_FIXTURES, name), 'utf8');
}

export function qdrantFixtureJson(name: string): unknown {
  return JSON.parse(qdrantFixture(name));
}

/** freePort asks the kernel for a port free on 127.0.0.1 right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** waitFor polls until check returns a value (not undefined/false), or fails after timeoutMs naming what it waited for. */
export async function waitFor<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(50);
  }
}

/** ServerProcess is a real server started for a test; stop() ends it (SIGTERM, then SIGKILL). */
export interface ServerProcess {
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/**
 * startServer spawns a real server under `timeout`, so it ends by itself even if the test run
 * dies, and collects its output for failure messages.
 */
export function startServer(command: string, args: string[], lifetimeS = 120): ServerProcess {
  const child = spawn('timeout', ['-k', '2', String(lifetimeS), command, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(killer);
    },
  };
}

/** Collected is what samplers handed over during a test; `output` is where a single sampler sends it, unscrubbed. */
export interface Collected {
  lines: SampleOutput[];
  warnings: string[];
  sink: (line: SampleOutput) => void;
  warn: (message: string) => void;
  output: SamplerOutput;
}

export function collector(): Collected {
  const lines: SampleOutput[] = [];
  const warnings: string[] = [];
  const sink = (line: SampleOutput): void => void lines.push(line);
  const warn = (message: string): void => void warnings.push(message);
  return { lines, warnings, sink, warn, output: { sink, warn, scrub: (message) => message } };
}

/** RedisServer is a real redis-server on a free port of 127.0.0.1, without persistence. */
export interface RedisServer extends ServerProcess {
  port: number;
  url: string;
}

/**
 * startRedis starts Debian's redis-server for a test. DEBUG is enabled (Redis 7 refuses it by
 * default) so tests can inject DEBUG SLEEP; requirepass sets a password.
 */
export async function startRedis(options: { port?: number; password?: string } = {}): Promise<RedisServer> {
  const port = options.port ?? (await freePort());
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--enable-debug-command', 'yes'];
  if (options.password !== undefined) args.push('--requirepass', options.password);
  const server = startServer('redis-server', args);
  await waitFor(`redis-server on port ${port} (${server.output()})`, () => server.output().includes('Ready to accept connections'), 10_000);
  const auth = options.password === undefined ? '' : `:${encodeURIComponent(options.password)}@`;
  return { ...server, port, url: `redis://${auth}127.0.0.1:${port}` };
}

/** FixtureServer is a tiny HTTP server answering paths from a table, recording each request. */
export interface FixtureServer {
  url: string;
  requests: Array<{ path: string; headers: Record<string, string | string[] | undefined> }>;
  close(): Promise<void>;
}

export type FixtureAnswer = { status?: number; body: string; delayMs?: number } | undefined;

/** startFixtureServer answers each request with answer(path, nth time this path was asked); undefined is a 404. */
export async function startFixtureServer(answer: (path: string, nth: number) => FixtureAnswer): Promise<FixtureServer> {
  const { createServer } = await import('node:http');
  const requests: FixtureServer['requests'] = [];
  const counts = new Map<string, number>();
  const server = createServer((request, response) => {
    const path = request.url ?? '/';
    requests.push({ path, headers: request.headers });
    const nth = counts.get(path) ?? 0;
    counts.set(path, nth + 1);
    const reply = answer(path, nth) ?? { status: 404, body: '{"status":{"error":"Not found"},"time":0.00001}' };
    setTimeout(() => {
      if (response.destroyed) return;
      response.writeHead(reply.status ?? 200, { 'content-type': reply.body.startsWith('{') ? 'application/json' : 'text/plain; charset=utf-8' });
      response.end(reply.body);
    }, reply.delayMs ?? 0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    requests,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
