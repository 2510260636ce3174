import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePorts } from '../src/lab/ports.ts';
import { mustSucceed } from './process.ts';
import { BENCH_PATH, BENCH_REQUEST_BODY, BENCH_RESPONSE_BODY } from './request.ts';

/** StaticEndpoint is a loopback nginx answering every request with one fixed body. */
export interface StaticEndpoint {
  url: string;
  server: string;
  responseBytes: number;
  stop(): Promise<void>;
}

/**
 * startStaticEndpoint starts Debian's nginx on a free 127.0.0.1 port, with its whole config, pid
 * and logs in a temp folder. One process (no master): the machine's other core is the load
 * generator's. Keep-alive connections are never closed by request count, as with a real cluster.
 */
export async function startStaticEndpoint(): Promise<StaticEndpoint> {
  const dir = mkdtempSync(join(tmpdir(), 'vecstress-bench-nginx-'));
  const [port] = await freePorts(1);
  const config = `daemon off;
master_process off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 8192; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  keepalive_requests 100000000;
  keepalive_timeout 60s;
  server {
    listen 127.0.0.1:${port};
    location / {
      default_type application/json;
      return 200 '${BENCH_RESPONSE_BODY}';
    }
  }
}
`;
  writeFileSync(join(dir, 'nginx.conf'), config);
  const version = (await mustSucceed('nginx', ['-v'], { timeoutMs: 5000 })).stderr.trim().replace('nginx version: ', '');
  const nginx = spawn('nginx', ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => nginx.on('close', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    nginx.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitUntilAnswering(url + BENCH_PATH);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, server: version, responseBytes: Buffer.byteLength(BENCH_RESPONSE_BODY), stop };
}

async function waitUntilAnswering(url: string): Promise<void> {
  const deadline = Date.now() + 5000;
  for (;;) {
    try {
      const response = await fetch(url, { method: 'POST', body: BENCH_REQUEST_BODY, headers: { 'content-type': 'application/json' } });
      if (response.ok && (await response.text()) === BENCH_RESPONSE_BODY) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`nginx did not answer on ${url} within 5 s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
