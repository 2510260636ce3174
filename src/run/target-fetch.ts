import { decodedOrRaw } from '../targets/redact.ts';

/**
 * fetchTarget fetches from the target the way the engine reaches it: fetch refuses a URL with
 * credentials in it, so a user:password in the balancer's URL becomes Basic authorization.
 */
export function fetchTarget(url: string, init: RequestInit & { apiKey?: string } = {}): Promise<Response> {
  const parsed = new URL(url);
  const headers = new Headers(init.headers);
  if (parsed.username || parsed.password) {
    headers.set('authorization', `Basic ${Buffer.from(`${decodedOrRaw(parsed.username)}:${decodedOrRaw(parsed.password)}`).toString('base64')}`);
    parsed.username = '';
    parsed.password = '';
  }
  if (init.apiKey) headers.set('api-key', init.apiKey);
  const { apiKey: _apiKey, ...rest } = init;
  return fetch(parsed, { ...rest, headers });
}
