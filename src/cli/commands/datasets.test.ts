import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test/helpers/cli.ts';

const root = mkdtempSync(join(tmpdir(), 'vecstress-datasets-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('vecstress datasets', () => {
  const dir = join(root, 'generated');

  it('generates the collections of the mix, then --if-missing keeps them', async () => {
    const first = await runCli(['datasets', 'generate', '--dir', dir, '--points', '40', '--queries', '3', '--collections', 'phi3,deepcoder']);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/phi3 +40 points × 512, 3 queries, generated in/);
    expect(first.out).toMatch(/2 generated, 0 up to date/);
    const again = await runCli(['datasets', 'generate', '--dir', dir, '--points', '40', '--queries', '3', '--collections', 'phi3,deepcoder', '--if-missing']);
    expect(again.out).toMatch(/0 generated, 2 up to date/);
    const list = await runCli(['datasets', 'list', '--dir', dir]);
    expect(list.out).toMatch(/deepcoder +generated code_search +40 × 768 +Cosine +3 queries/);
  });

  it('reports bad flags as config errors (exit 2)', async () => {
    const both = await runCli(['datasets', 'generate', '--dir', dir, '--points', '5', '--size', '0.5']);
    expect(both.code).toBe(2);
    expect(both.err).toMatch(/--size: give either --points or --size, not both/);
    const unknown = await runCli(['datasets', 'generate', '--dir', dir, '--collections', 'nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/--collections: unknown collection nope; mix\.yaml has mixtral/);
  });

  it('imports an .fvecs file and names a file of the wrong size', async () => {
    const file = join(root, 'base.fvecs');
    const records = Buffer.alloc(30 * (4 + 8 * 4));
    for (let row = 0; row < 30; row++) {
      records.writeInt32LE(8, row * 36);
      for (let i = 0; i < 8; i++) records.writeFloatLE(Math.sin(row * 8 + i), row * 36 + 4 + i * 4);
    }
    writeFileSync(file, records);
    const ok = await runCli(['datasets', 'import', '--dir', dir, '--collection', 'mine', '--vectors', file, '--max-queries', '5']);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/mine: 25 points × 8, 5 queries; ground truth computed exactly/);
    expect(ok.err).toMatch(/collection "mine" is not in .*mix\.yaml/);
    const wrong = await runCli(['datasets', 'import', '--dir', dir, '--collection', 'phi3', '--vectors', file]);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toMatch(/base\.fvecs: vectors have dimension 8, but the mix gives collection "phi3" vectorSize 512/);
    const missing = await runCli(['datasets', 'import', '--dir', dir, '--collection', 'x', '--vectors', join(root, 'absent.npy')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/file not found: .*absent\.npy/);
  });
});
