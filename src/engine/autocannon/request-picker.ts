import { Mulberry32, SmoothWeightedRoundRobin } from '../../plan/mix.ts';
import type { CorpusCollection, CorpusHeader, CorpusLine, CorpusRequest } from '../corpus-protocol.ts';

export interface PickedRequest {
  collection: CorpusCollection;
  request: CorpusRequest;
}

/**
 * RequestPicker chooses each request as the Go engine does: the collection by smooth weighted
 * round-robin over the corpus header, the request within it by Mulberry32 from the plan's seed.
 */
export class RequestPicker {
  private readonly collections: CorpusCollection[];
  private readonly requests: CorpusRequest[][];
  private readonly roundRobin: SmoothWeightedRoundRobin;
  private readonly rng: Mulberry32;
  readonly headers: Record<string, string>;
  readonly recallEvery: number;

  constructor(corpus: readonly CorpusLine[], seed: number) {
    const header = corpus[0] as CorpusHeader | undefined;
    if (header?.type !== 'corpus') throw new Error('the corpus must start with its header line');
    this.collections = header.collections;
    this.requests = header.collections.map((c) => corpus.filter((l): l is CorpusRequest => l.type === 'request' && l.collection === c.name));
    this.roundRobin = new SmoothWeightedRoundRobin(header.collections.map((c) => c.weight));
    this.rng = new Mulberry32(seed);
    this.headers = header.headers;
    this.recallEvery = header.recallEvery;
  }

  next(): PickedRequest {
    const index = this.roundRobin.next();
    const requests = this.requests[index]!;
    return { collection: this.collections[index]!, request: requests[this.rng.nextInt(requests.length)]! };
  }
}
