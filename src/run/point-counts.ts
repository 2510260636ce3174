import { fetchTarget } from './target-fetch.ts';

/**
 * readPointCounts counts the points of each collection exactly (POST /collections/{name}/points/count
 * with exact: true; the points_count of GET /collections/{name} is an estimate), for the data
 * integrity check: a search load must not lose data. Returns undefined when the target does not
 * answer it (a gateway, a missing collection, no permission), which the analysis reports as
 * "not checked" rather than as a pass.
 */
export async function readPointCounts(url: string, collections: readonly string[], apiKey: string | undefined): Promise<Record<string, number> | undefined> {
  const counts: Record<string, number> = {};
  try {
    for (const name of collections) {
      const response = await fetchTarget(`${url}/collections/${encodeURIComponent(name)}/points/count`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"exact":true}',
        ...(apiKey ? { apiKey } : {}),
        signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok) return undefined;
      const body = (await response.json()) as { result?: { count?: number } };
      if (typeof body.result?.count !== 'number') return undefined;
      counts[name] = body.result.count;
    }
    return counts;
  } catch {
    return undefined;
  }
}
