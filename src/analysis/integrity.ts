import type { RunManifest } from '../runfolder/manifest.ts';
import type { IntegrityChange, Summary, UncountedCollection } from './summary-types.ts';

/**
 * checkIntegrity compares each collection's points before and after the run: a search load must
 * not lose data. A collection counted before and gone after (HTTP 404) lost its points: a change,
 * to absent. One whose count could not be read otherwise is uncounted: no data, never a pass.
 */
export function checkIntegrity(manifest: RunManifest): Summary['integrity'] {
  const before = manifest.pointsBefore ?? {};
  const after = manifest.pointsAfter ?? {};
  const failedBefore = manifest.pointCountFailures?.before ?? {};
  const failedAfter = manifest.pointCountFailures?.after ?? {};
  const names = [...new Set([before, after, failedBefore, failedAfter].flatMap((record) => Object.keys(record)))].sort();
  const changed: IntegrityChange[] = [];
  const uncounted: UncountedCollection[] = [];
  let compared = 0;
  for (const collection of names) {
    const [was, is] = [before[collection], after[collection]];
    const gone = failedAfter[collection]?.code === 'not-found';
    if (was !== undefined && (is !== undefined || gone)) {
      compared += 1;
      if (was !== is) changed.push({ collection, before: was, after: is ?? null });
      continue;
    }
    const failure = failedBefore[collection] ? { when: 'before' as const, ...failedBefore[collection] } : failedAfter[collection] ? { when: 'after' as const, ...failedAfter[collection] } : undefined;
    // Counted on one side only, with no failure recorded: a folder from before failures were written.
    uncounted.push({ collection, when: failure?.when ?? (was === undefined ? 'before' : 'after'), error: failure?.error ?? 'not counted' });
  }
  const checked = compared > 0;
  const ok = changed.length > 0 ? false : checked && uncounted.length === 0 ? true : null;
  return { checked, ok, before, after, changed, uncounted };
}
