import type { RunManifest } from '../runfolder/manifest.ts';
import type { Summary } from './summary-types.ts';

/** checkIntegrity compares each collection's points before and after the run: a search load must not lose data. */
export function checkIntegrity(manifest: RunManifest): Summary['integrity'] {
  const before = manifest.pointsBefore;
  const after = manifest.pointsAfter;
  if (!before || !after) return { checked: false, ok: null, before: before ?? {}, after: after ?? {}, changed: [] };
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const changed = names.filter((name) => before[name] !== after[name]).map((collection) => ({ collection, before: before[collection] ?? null, after: after[collection] ?? null }));
  return { checked: true, ok: changed.length === 0, before, after, changed };
}
