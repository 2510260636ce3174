import type { QdrantCollectionsData } from '../runfolder/sample-lines.ts';
import { differencingReader } from './differencing-reader.ts';
import { HttpStatusError, type HttpEndpoint } from './http.ts';
import { parseQdrantCollection, parseQdrantCollectionNames } from './parsers/qdrant-collection.ts';
import type { Reader } from './sampler.ts';

/**
 * qdrantCollectionsReader reads GET /collections/{name} for each collection of the run (or every
 * collection on the node when none are named). A collection the node does not have is reported
 * with status "absent", not as a failed reading: it is a finding about the target.
 */
export function qdrantCollectionsReader(source: string, endpoint: HttpEndpoint, collections: string[], intervalMs: number): Reader<'qdrant-collections'> {
  return differencingReader(
    { name: 'qdrant-collections', kind: 'qdrant-collections', source, intervalMs, requests: () => endpoint.requests() },
    async (signal) => {
      const names = collections.length > 0 ? collections : parseQdrantCollectionNames(await endpoint.json('/collections', signal));
      const data: QdrantCollectionsData = { collections: {} };
      for (const name of names) {
        try {
          data.collections[name] = parseQdrantCollection(await endpoint.json(`/collections/${encodeURIComponent(name)}`, signal));
        } catch (error) {
          if (!(error instanceof HttpStatusError && error.status === 404)) throw error;
          data.collections[name] = { status: 'absent', pointsCount: 0 };
        }
      }
      return data;
    },
    (current) => current,
  );
}
