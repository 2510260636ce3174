import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PROFILES_DIR } from '../../config/paths.ts';
import { runCli, tempFiles } from '../../../test/helpers/cli.ts';

const spike = readFileSync(`${DEFAULT_PROFILES_DIR}/spike.yaml`, 'utf8');

/** stressWith runs `stress --dry-run` with a profile file whose text is edited by the given function. */
async function dryRunProfile(edit: (text: string) => string, extra: string[] = []) {
  const files = tempFiles({ 'custom.yaml': edit(spike) });
  return runCli(['stress', '--profile', files['custom.yaml']!, '--dry-run', ...extra]);
}

describe('stress --dry-run', () => {
  it('prints the spike plan of the lab form and sends nothing', async () => {
    const { code, out } = await runCli(['stress', '--profile', 'spike', '--dry-run']);
    expect(code).toBe(0);
    expect(out).toMatch(/lab form .* 60 s in all/);
    expect(out).toMatch(/spike\s+overload\s+24s\s+6s\s+800 req\/s \(200 conn\)\s+constant-arrival-rate/);
    expect(out).toContain('mixtral');
  });

  it('shows 600 s with the 2000-connection spike for 60 s in the full form', async () => {
    const { code, out } = await runCli(['stress', '--profile', 'spike', '--dry-run', '--form', 'full']);
    expect(code).toBe(0);
    expect(out).toMatch(/full form, open model, 600 s in all/);
    expect(out).toMatch(/spike\s+overload\s+240s\s+60s\s+8000 req\/s \(2000 conn\)/);
  });

  it('prints the plan as JSON with --json', async () => {
    const { code, out } = await runCli(['stress', '--profile', 'progressive', '--dry-run', '--json']);
    expect(code).toBe(0);
    const plan = JSON.parse(out);
    expect(plan.stages).toHaveLength(20);
    expect(plan.stages[0].executor).toBe('constant-arrival-rate');
  });

  it('drives connections with --model closed', async () => {
    const { out } = await runCli(['stress', '--profile', 'spike', '--dry-run', '--model', 'closed']);
    expect(out).toMatch(/spike\s+overload\s+24s\s+6s\s+200 VUs\s+constant-vus/);
  });

  it('renormalises the weights over --collections', async () => {
    const { code, out } = await runCli(['stress', '--profile', 'baseline', '--dry-run', '--json', '--collections', 'mixtral,general']);
    expect(code).toBe(0);
    const plan = JSON.parse(out);
    expect(plan.mix.map((m: { collection: string; share: number }) => [m.collection, m.share])).toEqual([
      ['mixtral', 0.8],
      ['general', 0.2],
    ]);
  });
});

describe('bad input exits 2 before any load, naming the file, the field and the problem', () => {
  it('an unknown profile lists the known ones', async () => {
    const { code, err } = await runCli(['stress', '--profile', 'spik', '--dry-run']);
    expect(code).toBe(2);
    expect(err).toContain('unknown profile "spik"; known profiles: baseline, concurrency, exhaustion, progressive, recovery, spike, stress, sustained');
  });

  it('weights that do not sum to 100', async () => {
    const files = tempFiles({ 'mix.yaml': 'collections:\n  a: { weight: 60, pattern: similarity_search, vectorSize: 8 }\n  b: { weight: 30, pattern: similarity_search, vectorSize: 8 }\n' });
    const { code, err } = await runCli(['stress', '--profile', 'spike', '--dry-run', '--mix', files['mix.yaml']!]);
    expect(code).toBe(2);
    expect(err).toMatch(/mix\.yaml:1: collections: weights must sum to 100, they sum to 90/);
  });

  it('an unknown collection in --collections', async () => {
    const { code, err } = await runCli(['stress', '--profile', 'spike', '--dry-run', '--collections', 'mixtral,mistral']);
    expect(code).toBe(2);
    expect(err).toMatch(/--collections: unknown collection "mistral"; known collections: mixtral, hermes/);
  });

  it('an unknown collection in the thresholds file', async () => {
    const files = tempFiles({ 't.yaml': 'global: { errorRate: 1% }\ncollections:\n  mistral: { errorRate: 2% }\n' });
    const { code, err } = await runCli(['stress', '--profile', 'spike', '--dry-run', '--thresholds', files['t.yaml']!]);
    expect(code).toBe(2);
    expect(err).toContain('collections.mistral: unknown collection "mistral"');
  });

  it.each([
    ['a zero duration', '0s', /stages\[1\]\.duration: must be a positive duration/],
    ['a negative duration', '-5s', /stages\[1\]\.duration: must be a positive duration/],
    ['an unknown unit', '210sec', /stages\[1\]\.duration: unknown unit "sec" in "210sec"; known units for a duration: us, µs, ms, s, m, h/],
    ['a missing unit', '210', /stages\[1\]\.duration: "210" has no unit/],
  ])('%s', async (_, duration, message) => {
    const { code, err } = await dryRunProfile((text) => text.replace('duration: 210s', `duration: ${duration}`));
    expect(code).toBe(2);
    expect(err).toMatch(/custom\.yaml:\d+: /);
    expect(err).toMatch(message);
  });

  it('an unknown key, such as the typo duraton, with a suggestion and its line', async () => {
    const { code, err } = await dryRunProfile((text) => text.replace('duration: 210s', 'duraton: 210s'));
    expect(code).toBe(2);
    const line = spike.split('\n').findIndex((l) => l.includes('duration: 210s')) + 1;
    expect(err).toContain(`custom.yaml:${line}: stages[1].duraton: unknown key "duraton" (did you mean "duration"?)`);
  });

  it('malformed YAML, with its line number', async () => {
    const { code, err } = await dryRunProfile((text) => text.replace('  - { name: spike,', '  - { name: spike,,'));
    expect(code).toBe(2);
    const line = spike.split('\n').findIndex((l) => l.includes('name: spike,')) + 1;
    expect(err).toMatch(new RegExp(`custom\\.yaml:${line}: malformed YAML`));
  });

  it.each([['0'], ['-1']])('--scale %s', async (scale) => {
    const { code, err } = await runCli(['stress', '--profile', 'spike', '--dry-run', `--scale=${scale}`]);
    expect(code).toBe(2);
    expect(err).toContain(`--scale: must be a number greater than 0 and at most 10000, got ${scale}`);
  });

  it('a --scale that is not a number', async () => {
    const { code, err } = await runCli(['stress', '--profile', 'spike', '--dry-run', '--scale', 'big']);
    expect(code).toBe(2);
    expect(err).toContain('"big" is not a number');
  });

  it('several problems at once are all reported', async () => {
    const { code, err } = await dryRunProfile((text) => text.replace('duration: 210s', 'duration: 0s').replace('model: open', 'model: opn'));
    expect(code).toBe(2);
    expect(err).toContain('model:');
    expect(err).toContain('stages[1].duration');
  });

  it('a missing file', async () => {
    const { code, err } = await runCli(['stress', '--profile', '/nonexistent/p.yaml', '--dry-run']);
    expect(code).toBe(2);
    expect(err).toContain('/nonexistent/p.yaml: file not found');
  });

  it('a target that is neither lab nor a URL', async () => {
    const { code, err } = await runCli(['stress', '--profile', 'spike', '--dry-run', '--target', 'localhost:6333']);
    expect(code).toBe(2);
    expect(err).toContain('--target: "localhost:6333" is neither "lab" nor an http(s) URL');
  });
});

describe('validate and profiles', () => {
  it('validates all eight profiles, the mix and the thresholds', async () => {
    const { code, out } = await runCli(['validate']);
    expect(code).toBe(0);
    for (const name of ['baseline', 'progressive', 'stress', 'concurrency', 'sustained', 'spike', 'exhaustion', 'recovery']) {
      expect(out).toContain(`ok  profiles/${name}`);
    }
  });

  it('lists each profile with a one-line description', async () => {
    const { code, out } = await runCli(['profiles']);
    expect(code).toBe(0);
    expect(out.trim().split('\n')).toHaveLength(8);
    expect(out).toMatch(/^spike\s+100 connections, a spike to 2000/m);
  });
});

describe('engine choice', () => {
  it('accepts --engine vecstress, its own Go engine, without a notice', async () => {
    const { code, err } = await runCli(['stress', '--profile', 'spike', '--dry-run', '--engine', 'vecstress']);
    expect(code).toBe(0);
    expect(err).toBe('');
  });

  it('accepts --engine vegeta as an alias of vecstress, with a one-line notice on stderr', async () => {
    const { code, err } = await runCli(['stress', '--profile', 'spike', '--dry-run', '--engine', 'vegeta']);
    expect(code).toBe(0);
    expect(err).toBe(`vecstress: --engine vegeta is now --engine vecstress: vecstress's own Go engine, built on vegeta's attack library ("vegeta" is kept as an alias)\n`);
  });

  it('refuses autocannon for an open-model profile, whose latencies it would distort', async () => {
    const { code, err } = await runCli(['stress', '--profile', 'spike', '--dry-run', '--engine', 'autocannon']);
    expect(code).toBe(2);
    expect(err).toContain('--engine: autocannon drives closed-model (connections) runs only');
  });

  it('accepts autocannon for the closed model', async () => {
    const { code } = await runCli(['stress', '--profile', 'spike', '--dry-run', '--engine', 'autocannon', '--model', 'closed']);
    expect(code).toBe(0);
  });

  it('refuses autocannon where users think between queries', async () => {
    const { code, err } = await runCli(['stress', '--profile', 'concurrency', '--dry-run', '--engine', 'autocannon']);
    expect(code).toBe(2);
    expect(err).toContain('has a think time');
  });
});

describe('--mix', () => {
  it('reads mix.yaml when given the old datasets/collections.yaml, with a one-line notice', async () => {
    const { code, err, out } = await runCli(['stress', '--profile', 'spike', '--dry-run', '--mix', 'datasets/collections.yaml']);
    expect(code).toBe(0);
    expect(err).toBe('vecstress: the mix file moved to mix.yaml; reading it instead of datasets/collections.yaml\n');
    expect(out).toContain('mixtral');
  });
});

describe('--baseline', () => {
  it('is checked before any load: a folder that is not a run is a usage error', async () => {
    const files = tempFiles({ 'note.txt': 'not a run' });
    const { code, err } = await runCli(['stress', '--profile', 'spike', '--baseline', files.dir]);
    expect(code).toBe(2);
    expect(err).toContain(files.dir);
  });
});

describe('flags checked before any load', () => {
  it.each([
    [['--timeout', '1500.5'], '--timeout: must be a whole number of milliseconds up to 60000'],
    [['--timeout', '90000'], '--timeout: must be a whole number of milliseconds up to 60000'],
    [['--sample-interval', '10'], '--sample-interval: must be at least 100 ms, got 10'],
    [['--metrics-port', '70000'], '--metrics-port: must be a port from 0 (any free port) to 65535, got 70000'],
    [['--json'], '--json: prints the plan as JSON and goes with --dry-run'],
    [['--collections', 'mixtral,hermes,mixtral'], '--collections: lists "mixtral" more than once'],
  ])('%j', async (args, message) => {
    const { code, err } = await runCli(['stress', '--profile', 'baseline', ...args]);
    expect(code).toBe(2);
    expect(err).toContain(message);
  });
});
