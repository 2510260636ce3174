import { describe, expect, it } from 'vitest';
import { loadMix, loadProfile } from '../src/config/load.ts';
import { DEFAULT_MIX_FILE } from '../src/config/paths.ts';
import { SCENARIO_FAMILIES } from '../src/config/profile-schema.ts';
import { buildPlan } from '../src/plan/build.ts';
import type { CorpusHeader, CorpusRequest } from '../src/engine/corpus-protocol.ts';
import { SCENARIOS, scenarioFor } from './index.ts';
import { buildCorpus } from './lib/corpus.ts';
import type { ScenarioQuery } from './lib/types.ts';

const mix = loadMix(DEFAULT_MIX_FILE);

function planFor(profile: string, collections?: string[]) {
  return buildPlan({ profileName: profile, profile: loadProfile(profile).definition, mix, form: 'lab', seed: 7, ...(collections ? { collections } : {}) });
}

/** queriesFor makes n queries per collection whose vector's first value tells them apart. */
function queriesFor(plan: ReturnType<typeof planFor>, n: number): Map<string, ScenarioQuery[]> {
  return new Map(
    plan.mix.map((entry) => [
      entry.collection,
      Array.from({ length: n }, (_, i) => ({
        vector: Float32Array.from({ length: entry.vectorSize }, (_, d) => (d === 0 ? i : 0.1 + d / 3)),
        truth: Array.from({ length: 10 }, (_, t) => i * 100 + t),
        ...(entry.pattern === 'code_search' ? { filter: { key: 'language', value: ['go', 'rust'][i % 2]! } } : {}),
      })),
    ]),
  );
}

function split(lines: ReturnType<typeof buildCorpus>) {
  return { header: lines[0] as CorpusHeader, requests: lines.slice(1) as CorpusRequest[] };
}

describe('buildCorpus', () => {
  const plan = planFor('spike');
  const input = { plan, api: 'query' as const, queries: queriesFor(plan, 30), requestsPerCollection: 12 };

  it('lists every collection of the mix, in order, with its weight and response check', () => {
    const { header, requests } = split(buildCorpus(SCENARIOS.spike!, input));
    expect(header.collections.map((c) => [c.name, c.weight, c.check, c.requests])).toEqual(plan.mix.map((m) => [m.collection, m.weight, 'query', 12]));
    expect(requests).toHaveLength(9 * 12);
    expect(header.recallEvery).toBe(20);
    expect(JSON.stringify(header)).not.toMatch(/api-key/i);
  });

  it('builds Qdrant query bodies per pattern: a language filter for code_search, payloads for general_search', () => {
    const { requests } = split(buildCorpus(SCENARIOS.spike!, input));
    const body = (collection: string) => JSON.parse(requests.find((r) => r.collection === collection)!.body);
    expect(requests[0]!.path).toBe('/collections/mixtral/points/query');
    expect(body('mixtral')).toMatchObject({ limit: 10, with_payload: false });
    expect(body('mixtral').filter).toBeUndefined();
    expect(body('deepcoder').filter).toEqual({ must: [{ key: 'language', match: { value: expect.stringMatching(/^(go|rust)$/) } }] });
    expect(body('general')).toMatchObject({ with_payload: true });
    expect(body('general').query).toHaveLength(384);
  });

  it('writes vectors that parse back to the exact float32 values the ground truth used', () => {
    const { requests } = split(buildCorpus(SCENARIOS.spike!, input));
    const sent = JSON.parse(requests[0]!.body).query as number[];
    const index = sent[0]!;
    const original = input.queries.get('mixtral')![index]!.vector;
    expect(Float32Array.from(sent)).toEqual(Float32Array.from(original));
    expect(requests[0]!.truth).toEqual(input.queries.get('mixtral')![index]!.truth);
  });

  it('is repeatable from the seed, and another seed picks other queries', () => {
    const again = buildCorpus(SCENARIOS.spike!, input);
    expect(buildCorpus(SCENARIOS.spike!, input)).toEqual(again);
    const other = buildCorpus(SCENARIOS.spike!, { ...input, plan: { ...plan, seed: 8 } });
    expect(other).not.toEqual(again);
  });

  it('uses the legacy search API and the gateway API when asked', () => {
    const search = split(buildCorpus(SCENARIOS.spike!, { ...input, api: 'search' }));
    expect(search.requests[0]!.path).toBe('/collections/mixtral/points/search');
    expect(JSON.parse(search.requests[0]!.body).vector).toHaveLength(1024);
    expect(search.header.collections[0]!.check).toBe('search');
    const gateway = split(buildCorpus(SCENARIOS.spike!, { ...input, api: 'gateway' }));
    expect(gateway.requests[0]!.path).toBe('/api/v1/vectors/search');
    expect(JSON.parse(gateway.requests[0]!.body)).toMatchObject({ collection: 'mixtral', limit: 10 });
  });

  it('sends heavy batches for exhaustion, without ground truth', () => {
    const heavy = planFor('exhaustion');
    const { header, requests } = split(buildCorpus(SCENARIOS.exhaustion!, { plan: heavy, api: 'query', queries: queriesFor(heavy, 30), requestsPerCollection: 3 }));
    expect(requests[0]!.path).toBe('/collections/mixtral/points/query/batch');
    const body = JSON.parse(requests[0]!.body);
    expect(body.searches).toHaveLength(4);
    expect(body.searches[0]).toMatchObject({ limit: 100, with_payload: true, params: { hnsw_ef: 512 } });
    expect(header.collections[0]!.check).toBe('batch');
    expect(requests[0]!.truth).toBeUndefined();
  });

  it('refuses batches through the gateway, which has no batch search', () => {
    const heavy = planFor('exhaustion');
    expect(() => buildCorpus(SCENARIOS.exhaustion!, { plan: heavy, api: 'gateway', queries: queriesFor(heavy, 5), requestsPerCollection: 1 })).toThrow(/gateway API has no batch search/);
    expect(() => buildCorpus(SCENARIOS.exhaustion!, { plan: heavy, api: 'search', queries: queriesFor(heavy, 5), requestsPerCollection: 1 })).toThrow(/batches go through the query API/);
  });
});

describe('the scenario registry', () => {
  it('has one scenario per profile family, and falls back to baseline', () => {
    expect(Object.keys(SCENARIOS).sort()).toEqual([...SCENARIO_FAMILIES].sort());
    expect(scenarioFor('custom-profile').family).toBe('baseline');
  });
});
