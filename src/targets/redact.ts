// Target URLs often carry credentials (redis://:password@host, http://admin:secret@lb/stats;csv,
// ?api_key=...). Everything that reaches run.json, samples.ndjson, warnings or logs goes through here.

const SECRET_NAME = /(key|token|secret|pass|auth|credential)/i;
export const MASK = '***';

/** isSecretName says whether a flag, field or query key's name marks its value as a secret. */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/**
 * redactValue masks credentials in a flag's value: a URL's password, or each URL of a list
 * (--nodes). Other values pass through.
 */
export function redactValue(value: unknown): unknown {
  if (typeof value === 'string') return redactUrl(value);
  if (Array.isArray(value)) return value.map(redactValue);
  return value;
}

/** decodedOrRaw decodes a percent-encoded URL part; a malformed escape ("%zz") is kept as written. */
export function decodedOrRaw(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

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
  const secretKeys = [...parsed.searchParams.keys()].filter((key) => isSecretName(key));
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
  const secrets = [parsed.password, decodedOrRaw(parsed.password)];
  for (const [key, value] of parsed.searchParams) {
    if (isSecretName(key)) secrets.push(value);
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
