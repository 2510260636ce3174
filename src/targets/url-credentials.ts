import { decodedOrRaw } from './redact.ts';

/** UrlWithoutCredentials is a URL with its user:password taken out, and those as a Basic authorization value. */
export interface UrlWithoutCredentials {
  url: URL;
  /** "Basic <base64>", when the URL carried a user or a password. */
  authorization?: string;
}

/**
 * splitCredentials takes a URL's user:password out into a Basic authorization value: fetch and
 * undici refuse a URL that carries credentials, while a target's URLs (a balancer behind basic
 * auth, HAProxy's stats page) often do. Percent-escapes are decoded first, as a browser would
 * send them; a malformed escape is sent as written.
 */
export function splitCredentials(url: string): UrlWithoutCredentials {
  const parsed = new URL(url);
  if (!parsed.username && !parsed.password) return { url: parsed };
  const credentials = `${decodedOrRaw(parsed.username)}:${decodedOrRaw(parsed.password)}`;
  parsed.username = '';
  parsed.password = '';
  return { url: parsed, authorization: `Basic ${Buffer.from(credentials).toString('base64')}` };
}
