import { describe, expect, it } from 'vitest';
import { runCli } from '../../../test/helpers/cli.ts';

describe('the command table', () => {
  it('offers exactly the listed commands, the main ones first', async () => {
    const { code, out } = await runCli(['--help']);
    expect(code).toBe(0);
    const commands = out
      .slice(out.indexOf('Commands:'), out.indexOf('Exit codes:'))
      .split('\n')
      .slice(1)
      .map((line) => line.trim().split(/\s/)[0])
      .filter(Boolean);
    expect(commands).toEqual(['stress', 'profiles', 'validate', 'compare', 'datasets', 'lab', 'report', 'seed', 'help']);
  });
});
