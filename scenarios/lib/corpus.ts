import { COMMAND_LINE, ConfigError } from '../../src/config/errors.ts';
import { Mulberry32 } from '../../src/plan/mix.ts';
import { CORPUS_PROTOCOL_VERSION, type CorpusHeader, type CorpusLine, type CorpusRequest } from '../../src/engine/corpus-protocol.ts';
import type { Scenario, ScenarioInput, ScenarioQuery } from './types.ts';

/**
 * buildCorpus runs a scenario over each collection's queries and returns the corpus the engine
 * replays: a header (collections in the plan's mix order, with their weights and response check)
 * and the ready requests. Which queries are used is a seeded shuffle, so a run is repeatable.
 */
export function buildCorpus(scenario: Scenario, input: ScenarioInput): CorpusLine[] {
  const { plan } = input;
  if (input.api !== 'query' && plan.query.batch > 1) {
    const api = input.api === 'gateway' ? 'the gateway API has no batch search' : 'batches go through the query API (/points/query/batch)';
    throw ConfigError.single(COMMAND_LINE, '--api', `${api}, and profile "${plan.profile}" sends batches of ${plan.query.batch}; use --api query`);
  }
  const rng = new Mulberry32(plan.seed);
  const header: CorpusHeader = { type: 'corpus', protocol: CORPUS_PROTOCOL_VERSION, collections: [], headers: { 'content-type': 'application/json' }, recallEvery: scenario.recallEvery };
  const requests: CorpusRequest[] = [];
  for (const entry of plan.mix) {
    const queries = input.queries.get(entry.collection);
    if (!queries || queries.length === 0) throw new Error(`no queries for collection "${entry.collection}": generate the datasets (npm run setup)`);
    const order = shuffled(queries.length, rng);
    let check: CorpusHeader['collections'][number]['check'] = 'query';
    for (let i = 0; i < input.requestsPerCollection; i++) {
      const batch: ScenarioQuery[] = [];
      for (let j = 0; j < plan.query.batch; j++) batch.push(queries[order[(i * plan.query.batch + j) % order.length]!]!);
      const built = scenario.buildRequest(entry, batch, input);
      check = built.check;
      requests.push({ type: 'request', collection: entry.collection, ...built.request });
    }
    header.collections.push({ name: entry.collection, pattern: entry.pattern, weight: entry.weight, check, requests: input.requestsPerCollection });
  }
  return [header, ...requests];
}

/** shuffled returns 0..n-1 in a seeded Fisher–Yates order. */
function shuffled(n: number, rng: Mulberry32): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}
