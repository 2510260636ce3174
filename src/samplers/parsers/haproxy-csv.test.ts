import { describe, expect, it } from 'vitest';
import { fixture } from '../testdata/helpers.ts';
import { isUp, parseHaproxyCsv } from './haproxy-csv.ts';

describe('parseHaproxyCsv', () => {
  it('returns the backend server rows of real HAProxy 2.6 stats, not frontends or backends', () => {
    expect(parseHaproxyCsv(fixture('haproxy-2.6.csv'))).toEqual([
      { backend: 'qdrant', name: 'node1', status: 'UP', sessionsCurrent: 0, sessionsTotal: 12, sessionRate: 12, queue: 0, http5xx: 0, checkStatus: 'L7OK' },
      { backend: 'qdrant', name: 'node2', status: 'DOWN', sessionsCurrent: 0, sessionsTotal: 0, sessionRate: 0, queue: 0, http5xx: 0, checkStatus: 'L4CON' },
    ]);
  });

  it('keeps quoted fields whole', () => {
    const csv = '# pxname,svname,status,type,check_status,stot\nbe,"node,1",UP,2,"L7 ""odd""",5\n';
    expect(parseHaproxyCsv(csv)[0]).toMatchObject({ name: 'node,1', checkStatus: 'L7 "odd"', sessionsTotal: 5 });
  });

  it('refuses text that is not HAProxy stats', () => {
    expect(() => parseHaproxyCsv('<html>login</html>')).toThrow(/not HAProxy stats CSV/);
  });
});

describe('isUp', () => {
  it('counts a server as taking traffic while UP, going down, or unchecked', () => {
    expect(['UP', 'UP 1/3', 'no check'].map(isUp)).toEqual([true, true, true]);
    expect(['DOWN', 'DOWN 1/2', 'MAINT', 'DRAIN', 'NOLB'].map(isUp)).toEqual([false, false, false, false, false]);
  });
});
