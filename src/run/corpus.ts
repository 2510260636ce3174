import { scenarioOfProfile } from '../../scenarios/index.ts';
import { buildCorpus } from '../../scenarios/lib/corpus.ts';
import type { ScenarioQuery } from '../../scenarios/lib/types.ts';
import type { PreparedStress } from './prepare.ts';
import { loadQuerySet } from '../datasets/index.ts';
import type { CorpusLine } from '../engine/corpus-protocol.ts';

/**
 * REQUESTS_PER_COLLECTION ready requests per collection are enough variety for caches and the
 * balancer to behave as under real traffic; each carries a whole vector as JSON, so the corpus is
 * about 8 MB for the nine collections (four times that with exhaustion's batches of 4).
 */
export const REQUESTS_PER_COLLECTION = 100;

/** runCorpus runs the profile's scenario over the dataset's query sets to build what the engine replays. */
export function runCorpus(config: PreparedStress, datasetDir: string | undefined): { corpus: CorpusLine[]; scenario: string } {
  const queries = new Map<string, ScenarioQuery[]>(
    config.plan.mix.map((entry) => [entry.collection, loadQuerySet(entry.collection, datasetDir ? { dir: datasetDir } : {}).queries]),
  );
  const scenario = scenarioOfProfile(config.plan.profile, config.profile.definition);
  const corpus = buildCorpus(scenario, { plan: config.plan, api: config.api, queries, requestsPerCollection: REQUESTS_PER_COLLECTION });
  return { corpus, scenario: scenario.family };
}
