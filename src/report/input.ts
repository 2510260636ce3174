import type { Summary, TimeseriesRow } from '../analysis/summary-types.ts';
import type { RunManifest } from '../runfolder/manifest.ts';

/**
 * ReportInput is everything a report is rendered from: what was asked for (run.json), what the
 * analysis concluded (summary.json) and the run second by second. Renderers read nothing else.
 */
export interface ReportInput {
  manifest: RunManifest;
  summary: Summary;
  timeseries: TimeseriesRow[];
}
