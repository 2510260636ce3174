/**
 * abortable settles with the promise, or rejects as soon as the signal aborts: for clients whose
 * commands cannot be cancelled once sent (node-redis), so a blocked server never holds a sampler's
 * loop past its read timeout.
 */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => {});
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/**
 * withDeadline returns a signal that aborts after ms (with a TimeoutError) or as soon as parent
 * aborts; clear() releases its timer once the work is done. Not AbortSignal.any([AbortSignal.timeout(ms),
 * parent]): Node holds timeout signals weakly, and a composed one can be garbage-collected before
 * it fires, leaving the wait without an end.
 */
export function withDeadline(ms: number, parent?: AbortSignal): { signal: AbortSignal; clear(): void } {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException(`timed out after ${ms} ms`, 'TimeoutError')), ms);
  const onParentAbort = (): void => controller.abort(parent?.reason);
  if (parent?.aborted) onParentAbort();
  else parent?.addEventListener('abort', onParentAbort, { once: true });
  return {
    signal: controller.signal,
    clear() {
      clearTimeout(timer);
      parent?.removeEventListener('abort', onParentAbort);
    },
  };
}
