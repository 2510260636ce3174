import type { PointCountFailure, PointCounts } from '../runfolder/manifest.ts';
import { fetchTarget } from './target-fetch.ts';

/**
 * readPointCounts counts the points of each collection exactly (POST /collections/{name}/points/count
 * with exact: true; the points_count of GET /collections/{name} is an estimate), for the data
 * integrity check: a search load must not lose data. Each collection is counted on its own, so one
 * that cannot be counted names itself: not-found (404: the collection is not there) or unreadable
 * (any other answer, or none). The analysis reads a collection gone after the run as lost data and
 * an unreadable count as no data, never as a pass.
 */
export async function readPointCounts(url: string, collections: readonly string[], apiKey: string | undefined): Promise<PointCounts> {
  const result: PointCounts = { counts: {}, failures: {} };
  for (const name of collections) {
    const counted = await countPoints(url, name, apiKey);
    if (typeof counted === 'number') result.counts[name] = counted;
    else result.failures[name] = counted;
  }
  return result;
}

async function countPoints(url: string, name: string, apiKey: string | undefined): Promise<number | PointCountFailure> {
  try {
    const response = await fetchTarget(`${url}/collections/${encodeURIComponent(name)}/points/count`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"exact":true}',
      ...(apiKey ? { apiKey } : {}),
      signal: AbortSignal.timeout(10_000),
    });
    if (response.status === 404) return { code: 'not-found', error: 'HTTP 404' };
    if (!response.ok) return { code: 'unreadable', error: `HTTP ${response.status}` };
    const body = (await response.json()) as { result?: { count?: number } };
    return typeof body.result?.count === 'number' ? body.result.count : { code: 'unreadable', error: 'the answer holds no result.count' };
  } catch (error) {
    return { code: 'unreadable', error: (error as Error).message };
  }
}
