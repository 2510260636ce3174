// The choices a run is made of, shared by the CLI, the scenarios and the engine adapters.

export const ENGINES = ['vecstress', 'autocannon'] as const;
export type EngineName = (typeof ENGINES)[number];

export const APIS = ['query', 'search', 'gateway'] as const;
/** query: Qdrant's universal query API; search: the legacy search API; gateway: the product's own API. */
export type TargetApi = (typeof APIS)[number];
