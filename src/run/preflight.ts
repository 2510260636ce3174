import type { TargetApi } from '../config/run-options.ts';
import { ExitCode } from '../exit-codes.ts';
import { redactUrl } from '../targets/redact.ts';
import { fetchTarget } from './target-fetch.ts';

const PREFLIGHT_TIMEOUT_MS = 3000;

/** TargetDownError means the target did not answer at all before the run: nothing was sent. */
export class TargetDownError extends Error {
  readonly exitCode = ExitCode.RunError;
}

/**
 * checkTargetAnswers makes one request to the target's health route before any load, so a target
 * that is down from the start is reported in one line instead of after a run full of errors.
 * Any HTTP answer counts as up (a 401 or 404 still proves something listens); only a refused
 * connection or a timeout counts as down.
 */
export async function checkTargetAnswers(url: string, api: TargetApi): Promise<void> {
  const route = api === 'gateway' ? '/api/v1/health' : '/readyz';
  try {
    const response = await fetchTarget(`${url}${route}`, { signal: AbortSignal.timeout(PREFLIGHT_TIMEOUT_MS) });
    await response.arrayBuffer();
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const why =
      (error as Error).name === 'TimeoutError'
        ? `no answer within ${PREFLIGHT_TIMEOUT_MS / 1000} s`
        : cause?.code === 'ECONNREFUSED'
          ? 'connection refused'
          : (cause?.code ?? cause?.message ?? (error as Error).message);
    throw new TargetDownError(`target ${redactUrl(url)} is down (${why} on ${route}); nothing was sent`);
  }
}
