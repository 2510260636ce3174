// The choices a run is made of, shared by the CLI, the scenarios and the engine adapters.

/** vecstress: vecstress's own Go engine (engine/), built on vegeta's attack library; autocannon: the pure-npm one. */
export const ENGINES = ['vecstress', 'autocannon'] as const;
export type EngineName = (typeof ENGINES)[number];
export const DEFAULT_ENGINE: EngineName = 'vecstress';

/**
 * ENGINE_ALIASES are engine names still accepted, with a notice: the Go engine was called
 * "vegeta" after the library it is built on, which made it look like the vegeta tool itself.
 */
export const ENGINE_ALIASES: Readonly<Record<string, EngineName>> = { vegeta: 'vecstress' };

/** lab: the quick form, scaled down for the embedded lab; full: the production sizes. */
export const FORMS = ['lab', 'full'] as const;
export type Form = (typeof FORMS)[number];
/** open: arrivals on schedule whatever the latency (arrival rate); closed: connections sending back to back. */
export const LOAD_MODELS = ['open', 'closed'] as const;
export type LoadModel = (typeof LOAD_MODELS)[number];

export const APIS = ['query', 'search', 'gateway'] as const;
/** query: Qdrant's universal query API; search: the legacy search API; gateway: the product's own API. */
export type TargetApi = (typeof APIS)[number];
