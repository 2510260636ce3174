import { splitCredentials } from '../targets/url-credentials.ts';

/**
 * fetchTarget fetches from the target the way the engine reaches it: a user:password in the
 * balancer's URL is sent as Basic authorization, the API key as the api-key header.
 */
export function fetchTarget(url: string, init: RequestInit & { apiKey?: string } = {}): Promise<Response> {
  const { url: bare, authorization } = splitCredentials(url);
  const headers = new Headers(init.headers);
  if (authorization) headers.set('authorization', authorization);
  if (init.apiKey) headers.set('api-key', init.apiKey);
  const { apiKey: _apiKey, ...rest } = init;
  return fetch(bare, { ...rest, headers });
}
