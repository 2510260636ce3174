import { Option, type Command } from 'commander';
import { DISTANCES, QUERY_PATTERNS, type Distance, type QueryPattern } from '../../config/mix-schema.ts';
import { COMMAND_LINE, ConfigError } from '../../config/errors.ts';
import { loadMix } from '../../config/load.ts';
import { DEFAULT_DATASETS_DIR, DEFAULT_MIX_FILE, displayPath } from '../../config/paths.ts';
import { DEFAULT_DATASET, generateDatasets } from '../../datasets/generate.ts';
import { importDataset, type ImportOptions } from '../../datasets/import.ts';
import { readManifestOrEmpty } from '../../datasets/manifest.ts';
import type { Context } from '../../context.ts';
import { ExitCode } from '../../exit-codes.ts';
import type { Registrar } from '../registrar.ts';
import { mixFileOption, parseIntegerOption, parseListOption, parseNumberOption } from '../options.ts';

interface GenerateFlags {
  dir: string;
  mix: string;
  seed: number;
  points?: number;
  size?: number;
  queries: number;
  collections?: string[];
  ifMissing?: boolean;
}

/** ImportFlags are importDataset's options as flags: the distance and pattern may come from the mix instead. */
type ImportFlags = Omit<ImportOptions, 'distance' | 'pattern'> & { mix: string; distance?: Distance; pattern?: QueryPattern };

export const register: Registrar = (program, ctx, setExitCode) => {
  const datasets: Command = program.command('datasets').description('generate, import and list the datasets the lab serves and the queries are drawn from');

  datasets
    .command('generate')
    .description('generate the synthetic datasets (seeded): vectors, payloads, queries and exact ground truth')
    .option('--dir <dir>', 'dataset folder', DEFAULT_DATASETS_DIR)
    .option('--mix <file>', 'collection mix file (collections and vector sizes)', DEFAULT_MIX_FILE)
    .option('--seed <n>', 'generator seed', parseIntegerOption, DEFAULT_DATASET.seed)
    .option('--points <n>', `points per collection (default ${DEFAULT_DATASET.points})`, parseIntegerOption)
    .option('--size <factor>', 'multiply the default points per collection', parseNumberOption)
    .option('--queries <n>', 'queries per collection', parseIntegerOption, DEFAULT_DATASET.queries)
    .option('--collections <list>', 'only these collections', parseListOption)
    .option('--if-missing', 'keep collections whose files already match these options (fast no-op when up to date)')
    .action((flags: GenerateFlags) => {
      const points = resolvePoints(flags);
      if (!(flags.queries > 0)) throw ConfigError.single(COMMAND_LINE, '--queries', `must be greater than 0, got ${flags.queries}`);
      const mixFile = mixFileOption(flags.mix, ctx);
      const mix = loadMix(mixFile);
      const unknown = (flags.collections ?? []).filter((name) => !(name in mix.collections));
      if (unknown.length > 0) throw ConfigError.single(COMMAND_LINE, '--collections', `unknown collection${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; ${displayPath(mixFile)} has ${Object.keys(mix.collections).join(', ')}`);
      const result = generateDatasets({
        mix,
        dir: flags.dir,
        seed: flags.seed,
        points,
        queries: flags.queries,
        ...(flags.collections ? { collections: flags.collections } : {}),
        ...(flags.ifMissing ? { ifMissing: true } : {}),
        onCollection: ({ collection, action, ms }) => {
          const size = mix.collections[collection]!.vectorSize;
          ctx.out(`${collection.padEnd(12)} ${action === 'kept' ? 'up to date' : `${points} points × ${size}, ${flags.queries} queries, generated in ${(ms / 1000).toFixed(1)} s`}\n`);
        },
      });
      ctx.out(`datasets in ${displayPath(result.dir)}: ${result.generated.length} generated, ${result.kept.length} up to date\n`);
      setExitCode(ExitCode.Passed);
    });

  datasets
    .command('import')
    .description('import a real dataset (.fvecs/.ivecs or .npy) as one collection')
    .requiredOption('--collection <name>', 'collection to fill')
    .requiredOption('--vectors <file>', 'base vectors: .fvecs or .npy (float32)')
    .option('--queries <file>', 'query vectors: .fvecs or .npy (default: hold out the last --max-queries base vectors)')
    .option('--truth <file>', 'exact neighbour ids per query: .ivecs or .npy')
    .option('--limit <n>', 'import only the first n base vectors', parseIntegerOption)
    .option('--max-queries <n>', 'queries to keep', parseIntegerOption)
    .addOption(new Option('--distance <distance>', "distance (default: the mix's, else Cosine)").choices([...DISTANCES]))
    .addOption(new Option('--pattern <pattern>', "query pattern (default: the mix's, else similarity_search)").choices([...QUERY_PATTERNS]))
    .option('--seed <n>', 'seed of the synthetic payloads', parseIntegerOption, DEFAULT_DATASET.seed)
    .option('--dir <dir>', 'dataset folder', DEFAULT_DATASETS_DIR)
    .option('--mix <file>', 'collection mix file', DEFAULT_MIX_FILE)
    .action((flags: ImportFlags) => {
      for (const [name, value] of [['--limit', flags.limit], ['--max-queries', flags.maxQueries]] as const) {
        if (value !== undefined && !(value > 0)) throw ConfigError.single(COMMAND_LINE, name, `must be greater than 0, got ${value}`);
      }
      const mixFile = mixFileOption(flags.mix, ctx);
      const inMix = loadMix(mixFile).collections[flags.collection];
      if (!inMix) ctx.err(`warning: collection "${flags.collection}" is not in ${displayPath(mixFile)}; stress runs will not send it load until it is added there\n`);
      let result;
      try {
        result = importDataset({
          dir: flags.dir,
          collection: flags.collection,
          vectors: flags.vectors,
          ...(flags.queries ? { queries: flags.queries } : {}),
          ...(flags.truth ? { truth: flags.truth } : {}),
          ...(flags.limit ? { limit: flags.limit } : {}),
          ...(flags.maxQueries ? { maxQueries: flags.maxQueries } : {}),
          distance: flags.distance ?? inMix?.distance ?? 'Cosine',
          pattern: flags.pattern ?? inMix?.pattern ?? 'similarity_search',
          seed: flags.seed,
          ...(inMix ? { expectedDim: inMix.vectorSize } : {}),
        });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw ConfigError.single(COMMAND_LINE, '', `file not found: ${(error as NodeJS.ErrnoException).path ?? ''}`);
        throw ConfigError.single(COMMAND_LINE, '', (error as Error).message);
      }
      const { points, queries, vectorSize } = result.entry;
      ctx.out(`${flags.collection}: ${points} points × ${vectorSize}, ${queries} queries; ${result.truthNote}\n`);
      setExitCode(ExitCode.Passed);
    });

  datasets
    .command('list')
    .description('list the collections of a dataset folder')
    .option('--dir <dir>', 'dataset folder', DEFAULT_DATASETS_DIR)
    .option('--json', 'print the manifest as JSON')
    .action((flags: { dir: string; json?: boolean }) => {
      printList(ctx, flags.dir, flags.json === true);
      setExitCode(ExitCode.Passed);
    });
};

function resolvePoints(flags: GenerateFlags): number {
  if (flags.points !== undefined && flags.size !== undefined) throw ConfigError.single(COMMAND_LINE, '--size', 'give either --points or --size, not both');
  if (flags.size !== undefined && !(flags.size > 0)) throw ConfigError.single(COMMAND_LINE, '--size', `must be greater than 0, got ${flags.size}`);
  const points = flags.points ?? Math.max(1, Math.round(DEFAULT_DATASET.points * (flags.size ?? 1)));
  if (!(points > 0)) throw ConfigError.single(COMMAND_LINE, '--points', `must be greater than 0, got ${points}`);
  return points;
}

function printList(ctx: Context, dir: string, json: boolean): void {
  const manifest = readManifestOrEmpty(dir);
  if (json) {
    ctx.out(`${JSON.stringify(manifest, null, 2)}\n`);
    return;
  }
  const entries = Object.entries(manifest.collections);
  if (entries.length === 0) {
    ctx.out(`no datasets in ${displayPath(dir)}; run \`vecstress datasets generate\`\n`);
    return;
  }
  for (const [name, entry] of entries) {
    ctx.out(`${name.padEnd(12)} ${entry.source.kind.padEnd(9)} ${entry.pattern.padEnd(17)} ${String(entry.points).padStart(7)} × ${String(entry.vectorSize).padEnd(5)} ${entry.distance.padEnd(9)} ${entry.queries} queries\n`);
  }
}
