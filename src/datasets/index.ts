// The datasets module's public surface: what the lab, the scenarios and the CLI use.

export { DEFAULT_DATASET, generateDatasets, type GenerateOptions, type GenerateResult } from './generate.ts';
export { importDataset, type ImportOptions, type ImportResult } from './import.ts';
export { collectionEntry, listCollections, loadCollectionData, loadQuerySet, type CollectionData, type QuerySet } from './load.ts';
export { DatasetMissingError, GROUND_TRUTH_K, readManifest, type CollectionManifest, type DatasetManifest } from './manifest.ts';
export { FILTER_FIELD, LANGUAGES, type Payload, type QueryFilter } from './payloads.ts';
export { countPoints, seedCollections, SeedError, type SeedOptions, type SeedProgress, type SeededCollection } from './seed.ts';
