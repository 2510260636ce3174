import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** VegaBundles are the browser builds of vega, vega-lite and vega-embed, inlined into report.html in this order. */
export interface VegaBundles {
  vega: string;
  vegaLite: string;
  vegaEmbed: string;
}

let cached: VegaBundles | undefined;

/**
 * loadVegaBundles reads the three browser bundles from node_modules. Their paths are not in the
 * packages' exports, so each is found beside the package's resolved entry point (all three
 * packages keep it in their build/ folder, with the bundles). The trailing
 * sourceMappingURL comment is dropped: a browser's devtools would otherwise ask for a .map file
 * that is not there.
 */
export function loadVegaBundles(): VegaBundles {
  cached ??= {
    vega: read('vega', 'vega.min.js'),
    vegaLite: read('vega-lite', 'vega-lite.min.js'),
    vegaEmbed: read('vega-embed', 'vega-embed.min.js'),
  };
  return cached;
}

function read(pkg: string, file: string): string {
  // createRequire rather than import.meta.resolve: both find the same entry point (the packages'
  // "default" export), but vitest's module runner has no import.meta.resolve.
  const path = join(dirname(createRequire(import.meta.url).resolve(pkg)), file);
  const source = readFileSync(path, 'utf8').replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
  // A newer bundle holding "</script" would end its inline <script> element early.
  if (/<\/script/i.test(source)) throw new Error(`${path} contains "</script" and cannot be inlined into report.html`);
  return source;
}
