import type { Command } from 'commander';
import { COMMAND_LINE, ConfigError } from '../../config/errors.ts';
import { DEFAULT_DATASETS_DIR } from '../../config/paths.ts';
import { DEFAULT_BATCH_SIZE, seedCollections, type SeedProgress } from '../../datasets/seed.ts';
import { redactUrl } from '../../targets/redact.ts';
import type { Context } from '../../context.ts';
import { ExitCode } from '../../exit-codes.ts';
import type { Registrar } from '../registrar.ts';
import { parseIntegerOption, parseListOption } from '../options.ts';

interface SeedFlags {
  target: string;
  apiKey?: string;
  dir: string;
  collections?: string[];
  batchSize: number;
  shards?: number;
  replication?: number;
  force?: boolean;
  recreate?: boolean;
}

export const register: Registrar = (program, ctx, setExitCode) => {
  const command: Command = program
    .command('seed')
    .description('create the collections and upload the dataset into any Qdrant (the lab or a real cluster), then verify the points counts')
    .requiredOption('-t, --target <url|lab>', 'Qdrant URL (a node or the balancer), or "lab" for the running lab')
    .option('--api-key <key>', "Qdrant API key (default: $VECSTRESS_API_KEY); sent as the api-key header")
    .option('--dir <dir>', 'dataset folder', DEFAULT_DATASETS_DIR)
    .option('--collections <list>', 'only these collections', parseListOption)
    .option('--batch-size <n>', 'points per upsert request', parseIntegerOption, DEFAULT_BATCH_SIZE)
    .option('--shards <n>', 'shard_number of created collections', parseIntegerOption)
    .option('--replication <n>', 'replication_factor of created collections', parseIntegerOption)
    .option('--force', 'upload even when a collection already holds the right number of points')
    .option('--recreate', 'delete and re-create a collection whose vector size or distance differs');

  command.action(async (flags: SeedFlags) => {
    for (const [name, value] of [['--batch-size', flags.batchSize], ['--shards', flags.shards], ['--replication', flags.replication]] as const) {
      if (value !== undefined && !(value > 0)) throw ConfigError.single(COMMAND_LINE, name, `must be greater than 0, got ${value}`);
    }
    const url = await resolveTarget(flags.target);
    const apiKey = flags.apiKey ?? ctx.env.VECSTRESS_API_KEY;
    ctx.out(`seeding ${redactUrl(url)} from ${flags.dir}\n`);
    const seeded = await seedCollections({
      url,
      ...(apiKey ? { apiKey } : {}),
      dir: flags.dir,
      batchSize: flags.batchSize,
      ...(flags.collections ? { collections: flags.collections } : {}),
      ...(flags.shards ? { shardNumber: flags.shards } : {}),
      ...(flags.replication ? { replicationFactor: flags.replication } : {}),
      ...(flags.force ? { force: true } : {}),
      ...(flags.recreate ? { recreate: true } : {}),
      onProgress: progressPrinter(ctx),
    });
    const uploaded = seeded.reduce((sum, c) => sum + c.uploaded, 0);
    ctx.out(`${seeded.length} collections verified, ${uploaded} points uploaded\n`);
    setExitCode(ExitCode.Passed);
  });
};

async function resolveTarget(target: string): Promise<string> {
  if (target === 'lab') {
    const { runningLab } = await import('../../lab/index.ts');
    const lab = runningLab();
    if (!lab) throw ConfigError.single(COMMAND_LINE, '--target', 'no lab is running; start one with `npm run lab -- up`');
    return lab.endpoints.balancer;
  }
  try {
    const url = new URL(target);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http');
  } catch {
    throw ConfigError.single(COMMAND_LINE, '--target', `"${redactUrl(target)}" is not an http(s) URL or "lab"`);
  }
  return target;
}

/** progressPrinter rewrites one line per collection on a terminal, and prints whole lines in logs. */
function progressPrinter(ctx: Context): (progress: SeedProgress) => void {
  return ({ collection, phase, uploaded, total }) => {
    const name = collection.padEnd(12);
    if (phase === 'uploading') {
      if (ctx.isTTY) ctx.out(`\r${name} uploading ${uploaded}/${total}`);
      return;
    }
    const text = phase === 'created' ? 'created' : phase === 'kept' ? `already holds ${total} points` : `verified: ${total} points`;
    ctx.out(`${ctx.isTTY && phase === 'verified' ? '\r' : ''}${name} ${text}\n`);
  };
}
