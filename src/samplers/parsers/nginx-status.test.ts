import { describe, expect, it } from 'vitest';
import { fixture } from '../testdata/helpers.ts';
import { parseNginxStatus } from './nginx-status.ts';

describe('parseNginxStatus', () => {
  it('reads real nginx 1.22 stub_status', () => {
    expect(parseNginxStatus(fixture('nginx-1.22-stub-status.txt'))).toEqual({ activeConnections: 1, accepts: 6, handled: 6, requests: 6 });
  });

  it('refuses another page', () => {
    expect(() => parseNginxStatus('<html>Welcome to nginx!</html>')).toThrow(/not an nginx stub_status page/);
  });
});
