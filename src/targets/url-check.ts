// One check for every URL vecstress is given, whether a flag or a target file's field says it:
// parsed as WHATWG URL parses it (the parser fetch uses), so what passes here is what is sent.

/** The schemes each kind of endpoint may use. */
export const HTTP_PROTOCOLS = ['http:', 'https:'] as const;
export const REDIS_PROTOCOLS = ['redis:', 'rediss:'] as const;

/**
 * urlProblem says what is wrong with a URL (undefined when nothing is): it must parse, use one of
 * the protocols and name a host. The message quotes the text and an example of a good one.
 */
export function urlProblem(text: string, protocols: readonly string[], example: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return `${JSON.stringify(text)} is not a URL; expected one such as "${example}"`;
  }
  if (!protocols.includes(parsed.protocol)) return `must be a ${protocols.map((p) => `${p}//`).join(' or ')} URL, such as "${example}", got ${JSON.stringify(text)}`;
  if (parsed.hostname === '') return `${JSON.stringify(text)} names no host; expected one such as "${example}"`;
  return undefined;
}

/** Query parameters whose name says they carry a credential. */
const SECRET_PARAMETER = /^(api[_-]?key|access[_-]?token|auth[_-]?token|token|password|passwd|pwd|secret|client[_-]?secret)$/i;

/**
 * literalSecretOf tells which secret a URL as written carries outside a ${ENV} reference: its
 * password or a secret-looking query parameter. The URL is parsed first, with each reference
 * replaced by a marker, so every spelling the parser accepts ("  http:\\u:p@h", "http:/u:p@h")
 * is seen as the parser sees it; undefined when it holds none (or does not parse).
 */
export function literalSecretOf(text: string, envReference: RegExp): string | undefined {
  const marker = 'vecstressenvreference';
  let parsed: URL;
  try {
    parsed = new URL(text.replace(envReference, marker));
  } catch {
    return undefined;
  }
  const literal = (value: string): boolean => value.split(marker).join('') !== '';
  if (literal(parsed.password)) return 'a password';
  for (const [name, value] of parsed.searchParams) {
    if (SECRET_PARAMETER.test(name) && literal(value)) return `a secret in its query parameter "${name}"`;
  }
  return undefined;
}
