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

export const APIS = ['query', 'search', 'gateway'] as const;
/** query: Qdrant's universal query API; search: the legacy search API; gateway: the product's own API. */
export type TargetApi = (typeof APIS)[number];
