// The engine's input protocol, corpus.ndjson: the ready-made requests an engine replays, built in
// TypeScript by the scenarios (scenarios/) from the dataset's query vectors. The first line is the
// header, then one line per request. It is an input, not a run-folder file: the run folder keeps
// what the engine measured, not what it was fed. Changing what is sent means changing TypeScript,
// never Go.

export const CORPUS_PROTOCOL_VERSION = 1;

/** ResponseCheck names the shape a 2xx body must have to count as ok. */
export type ResponseCheck = 'query' | 'search' | 'batch' | 'gateway';

export interface CorpusCollection {
  name: string;
  pattern: string;
  /** Weight for the engine's smooth weighted round-robin, in this order. */
  weight: number;
  check: ResponseCheck;
  /** How many request lines follow for this collection. */
  requests: number;
}

export interface CorpusHeader {
  type: 'corpus';
  protocol: typeof CORPUS_PROTOCOL_VERSION;
  collections: CorpusCollection[];
  /** Headers sent with every request. The API key is never here: the engine reads it from its environment. */
  headers: Record<string, string>;
  /** One in how many ok responses with ground truth the engine checks for recall (0: never). */
  recallEvery: number;
}

export interface CorpusRequest {
  type: 'request';
  collection: string;
  method: 'GET' | 'POST' | 'PUT';
  /** Path and query string, appended to the target URL. */
  path: string;
  body: string;
  /** Exact top-k point ids for this query, when the dataset has ground truth. */
  truth?: Array<number | string>;
}

export type CorpusLine = CorpusHeader | CorpusRequest;
