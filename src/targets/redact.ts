// Target URLs often carry credentials (redis://:password@host, http://admin:secret@lb/stats;csv,
// ?api_key=...). Everything that reaches run.json, samples.ndjson, warnings or logs goes through here.

const SECRET_QUERY_KEY = /(key|token|secret|pass|auth|credential)/i;
const MASK = '***';

/**
 * redactUrl returns the URL with its password and any secret-looking query values masked:
 * "redis://:hunter2@db:6379" becomes "redis://:***@db:6379". The user name stays, so a reader can
 * tell which account was used; an unparseable string is masked wholesale rather than echoed.
 */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Not a URL, but it may still hold "user:pass@": strip anything that looks like userinfo.
    return url.replace(/\/\/[^/@\s]*@/, `//${MASK}@`);
  }
  const secretKeys = [...parsed.searchParams.keys()].filter((key) => SECRET_QUERY_KEY.test(key));
  // Nothing to mask: return the URL as written, so it still matches the same URL elsewhere.
  if (!parsed.password && secretKeys.length === 0) return url;
  if (parsed.password) parsed.password = MASK;
  for (const key of secretKeys) parsed.searchParams.set(key, MASK);
  // URL encodes "***" in the query as "%2A%2A%2A"; keep the mask readable.
  return parsed.toString().replaceAll('%2A%2A%2A', MASK);
}

/** secretsOfUrl lists the parts of a URL that must never be printed: its password and secret query values. */
export function secretsOfUrl(url: string): string[] {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return [];
  }
  const secrets = [parsed.password, decodeURIComponent(parsed.password)];
  for (const [key, value] of parsed.searchParams) {
    if (SECRET_QUERY_KEY.test(key)) secrets.push(value);
  }
  return secrets.filter((secret) => secret.length > 0);
}

/**
 * scrubber returns a function that masks every given secret in a message. Error messages from
 * clients (node-redis, undici) sometimes echo what they were given; this is the last line of defence
 * before a message is written or printed.
 */
export function scrubber(secrets: Iterable<string | undefined>): (message: string) => string {
  const known = [...new Set([...secrets].filter((s): s is string => s !== undefined && s.length >= 3))];
  // Longest first, so a secret containing another is masked whole.
  known.sort((a, b) => b.length - a.length);
  return (message) => known.reduce((text, secret) => text.replaceAll(secret, MASK), message);
}
