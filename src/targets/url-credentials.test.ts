import { describe, expect, it } from 'vitest';
import { splitCredentials } from './url-credentials.ts';

const basic = (userPassword: string): string => `Basic ${Buffer.from(userPassword).toString('base64')}`;

describe('splitCredentials', () => {
  it('leaves a URL without credentials as it is, with no authorization', () => {
    const { url, authorization } = splitCredentials('http://127.0.0.1:8404/stats;csv');
    expect(url.toString()).toBe('http://127.0.0.1:8404/stats;csv');
    expect(authorization).toBeUndefined();
  });

  it('takes user and password out of the URL into a Basic authorization value', () => {
    const { url, authorization } = splitCredentials('http://admin:s3cret@lb.example:8404/stats;csv');
    expect(url.toString()).toBe('http://lb.example:8404/stats;csv');
    expect(authorization).toBe(basic('admin:s3cret'));
  });

  it('decodes percent-escapes, so a password holding "@" or ":" is sent as the user wrote it', () => {
    expect(splitCredentials('http://admin:p%40ss%3Aword@lb:80/').authorization).toBe(basic('admin:p@ss:word'));
  });

  it('sends a malformed escape as written rather than failing', () => {
    expect(splitCredentials('http://admin:100%zz@lb:80/').authorization).toBe(basic('admin:100%zz'));
  });

  it('sends a password alone with an empty user', () => {
    const { url, authorization } = splitCredentials('http://:only-password@lb:80/');
    expect(url.username).toBe('');
    expect(authorization).toBe(basic(':only-password'));
  });
});
