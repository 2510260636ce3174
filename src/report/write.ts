import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RUN_FILES } from '../runfolder/manifest.ts';
import { loadVegaBundles } from './html/bundles.ts';
import { renderHtml } from './html/render.ts';
import type { ReportInput } from './input.ts';
import { renderJunit } from './junit.ts';
import { renderMarkdown } from './markdown.ts';
import { renderStepsCsv } from './steps-csv.ts';
import { renderTimeseriesCsv } from './timeseries-csv.ts';

export type { ReportInput } from './input.ts';

/**
 * renderReports renders every report file of a run folder, file name to content. Nothing in them
 * depends on when they are rendered, so rendering a recorded run again gives the same bytes.
 */
export function renderReports(input: ReportInput): Record<string, string> {
  return {
    [RUN_FILES.html]: renderHtml(input, loadVegaBundles()),
    [RUN_FILES.markdown]: renderMarkdown(input),
    [RUN_FILES.junit]: renderJunit(input.summary),
    [RUN_FILES.steps]: renderStepsCsv(input.summary),
    [RUN_FILES.timeseries]: renderTimeseriesCsv(input.timeseries),
    [RUN_FILES.summary]: `${JSON.stringify(input.summary, null, 2)}\n`,
  };
}

/** writeReports writes every report file into the run folder (made if need be) and returns their paths. */
export function writeReports(dir: string, input: ReportInput): string[] {
  mkdirSync(dir, { recursive: true });
  return Object.entries(renderReports(input)).map(([name, content]) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  });
}
