import { describe, expect, it } from 'vitest';
import { establishedSocketInodes, parseProcessCpuTicks, parseProcessIo, parseRssBytes, parseSystemCpu, socketInode } from './proc.ts';

describe('/proc parsers', () => {
  it('reads utime + stime even when the command name holds spaces and parentheses', () => {
    const stat = '4242 (my (odd) name) S 1 4242 4242 0 -1 4194560 500 0 0 0 150 25 0 0 20 0 3 0 1000 1000000 200 18446744073709551615';
    expect(parseProcessCpuTicks(stat)).toBe(175);
  });

  it('reads VmRSS in bytes, and 0 for a process without one', () => {
    expect(parseRssBytes('Name:\tqdrant\nVmRSS:\t   26088 kB\nThreads:\t27\n')).toBe(26_088 * 1024);
    expect(parseRssBytes('Name:\tkthreadd\nThreads:\t1\n')).toBe(0);
  });

  it('reads rchar and wchar from /proc/<pid>/io', () => {
    expect(parseProcessIo('rchar: 6976\nwchar: 120\nsyscr: 10\nsyscw: 1\nread_bytes: 0\nwrite_bytes: 0\n')).toEqual({ readBytes: 6976, writeBytes: 120 });
    expect(() => parseProcessIo('syscr: 1\n')).toThrow(/no rchar/);
  });

  it('counts busy and total ticks of the machine, idle and iowait being idle', () => {
    expect(parseSystemCpu('cpu  100 5 50 800 40 0 5 0 0 0\ncpu0 50 2 25 400 20 0 3 0 0 0\n')).toEqual({ busy: 160, total: 1000 });
  });

  it('lists the inodes of established TCP sockets and reads socket fd links', () => {
    const table = [
      '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
      '   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1001 1 0 100 0 0 10 0',
      '   1: 0100007F:1F90 0100007F:D2F0 01 00000000:00000000 00:00000000 00000000     0        0 1002 1 0 20 4 30 10 -1',
      '   2: 0100007F:D2F0 0100007F:1F90 06 00000000:00000000 03:00000F9A 00000000     0        0 0 3 0',
    ].join('\n');
    expect([...establishedSocketInodes(table)]).toEqual(['1002']);
    expect(socketInode('socket:[1002]')).toBe('1002');
    expect(socketInode('/dev/null')).toBeUndefined();
  });
});
