import { describe, expect, it } from 'vitest';
import { decodedOrRaw, redactUrl, redactValue, scrubber, secretsOfUrl } from './redact.ts';

describe('redactUrl', () => {
  it('masks the password and keeps the user, host and path', () => {
    expect(redactUrl('redis://:hunter2@db:6379')).toBe('redis://:***@db:6379');
    expect(redactUrl('rediss://default:s3cr%40t@db.example.com:6380/0')).toBe('rediss://default:***@db.example.com:6380/0');
    expect(redactUrl('http://admin:pw@lb:8404/stats;csv')).toBe('http://admin:***@lb:8404/stats;csv');
  });

  it('masks secret-looking query values', () => {
    expect(redactUrl('http://prom:9090/api?api_key=abc&step=5&token=t0k')).toBe('http://prom:9090/api?api_key=***&step=5&token=***');
  });

  it('returns a URL without secrets exactly as written', () => {
    expect(redactUrl('http://127.0.0.1:6333')).toBe('http://127.0.0.1:6333');
    expect(redactUrl('http://user@host:1/x?step=5')).toBe('http://user@host:1/x?step=5');
  });

  it('masks what looks like credentials in a string that is not a URL', () => {
    expect(redactUrl('//admin:pw@lb')).toBe('//***@lb');
  });
});

describe('secretsOfUrl and scrubber', () => {
  it('lists the password (raw and decoded) and secret query values', () => {
    expect(secretsOfUrl('redis://u:p%40ss@h:1?auth_token=xyz')).toEqual(['p%40ss', 'p@ss', 'xyz']);
    expect(secretsOfUrl('http://h:1')).toEqual([]);
  });

  it('masks every known secret in a message, longest first', () => {
    const scrub = scrubber(['secret', 'secret-key-long', undefined]);
    expect(scrub('auth secret-key-long failed; secret again')).toBe('auth *** failed; *** again');
  });
});

describe('redactValue and decodedOrRaw', () => {
  it('masks each URL of a list, as --nodes gives them', () => {
    expect(redactValue(['http://a:pw1@n1:6333', 'http://n2:6333'])).toEqual(['http://a:***@n1:6333/', 'http://n2:6333']);
    expect(redactValue(3)).toBe(3);
  });

  it('keeps a malformed percent escape as written instead of throwing', () => {
    expect(decodedOrRaw('%zz')).toBe('%zz');
    expect(decodedOrRaw('p%40ss')).toBe('p@ss');
    expect(secretsOfUrl('redis://:%zz@h:6379')).toContain('%zz');
  });
});
