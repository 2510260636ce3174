/**
 * readPointCounts reads points_count of each collection (GET /collections/{name}), for the data
 * integrity check: a search load must not lose data. Returns undefined when the target does not
 * expose them (a gateway, a missing collection, no permission), which the analysis reports as
 * "not checked" rather than as a pass.
 */
export async function readPointCounts(url: string, collections: readonly string[], apiKey: string | undefined): Promise<Record<string, number> | undefined> {
  const counts: Record<string, number> = {};
  try {
    for (const name of collections) {
      const response = await fetch(`${url}/collections/${encodeURIComponent(name)}`, {
        headers: apiKey ? { 'api-key': apiKey } : {},
        signal: AbortSignal.timeout(5000),
      });
      if (!response.ok) return undefined;
      const body = (await response.json()) as { result?: { points_count?: number } };
      if (typeof body.result?.points_count !== 'number') return undefined;
      counts[name] = body.result.points_count;
    }
    return counts;
  } catch {
    return undefined;
  }
}
