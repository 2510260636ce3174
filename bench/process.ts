import { spawn } from 'node:child_process';

/** Finished is what a finished command wrote and how it ended. */
export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * runCommand runs a command to its end and returns its output. A command that runs past
 * timeoutMs is killed (SIGKILL) so the bench always ends; its code is then null.
 */
export function runCommand(command: string, args: readonly string[], options: { timeoutMs: number; cwd?: string; env?: NodeJS.ProcessEnv }): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`${command}: ${error.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') });
    });
  });
}

/** mustSucceed returns the output of a command that exited 0, or throws with its stderr. */
export async function mustSucceed(command: string, args: readonly string[], options: { timeoutMs: number; cwd?: string; env?: NodeJS.ProcessEnv }): Promise<Finished> {
  const finished = await runCommand(command, args, options);
  if (finished.code !== 0) throw new Error(`${command} ${args.join(' ')} exited ${finished.code}: ${finished.stderr.trim().slice(-500)}`);
  return finished;
}
