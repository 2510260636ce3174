// The Prometheus text exposition format (version 0.0.4), as Qdrant's /metrics writes it:
//   name{label="value",...} value [timestamp]
// prom-client only writes this format, and the npm parsers of it are unmaintained, so the small
// grammar is read here: names, escaped label values (\\, \", \n), NaN and ±Inf values.

/** PromSample is one sample line: a metric name, its labels and its value. */
export interface PromSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*/;

/** parsePrometheusText parses every sample line; a line that is not one throws, naming its number. */
export function parsePrometheusText(text: string): PromSample[] {
  const samples: PromSample[] = [];
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!.trim();
    if (line === '' || line.startsWith('#')) continue;
    try {
      samples.push(parseLine(line));
    } catch (error) {
      throw new Error(`not Prometheus text at line ${index + 1}: ${(error as Error).message}: ${JSON.stringify(line.slice(0, 80))}`);
    }
  }
  return samples;
}

function parseLine(line: string): PromSample {
  const name = NAME.exec(line)?.[0];
  if (!name) throw new Error('expected a metric name');
  let rest = line.slice(name.length);
  const labels: Record<string, string> = {};
  if (rest.startsWith('{')) {
    rest = parseLabels(rest.slice(1), labels);
  }
  const [valueText] = rest.trim().split(/\s+/);
  const value = parseValue(valueText ?? '');
  return { name, labels, value };
}

/** parseLabels reads `a="x",b="y"}` into labels and returns what follows the closing brace. */
function parseLabels(text: string, labels: Record<string, string>): string {
  let rest = text.trimStart();
  while (!rest.startsWith('}')) {
    const name = LABEL_NAME.exec(rest)?.[0];
    if (!name) throw new Error('expected a label name');
    rest = rest.slice(name.length).trimStart();
    if (!rest.startsWith('=')) throw new Error(`expected ="..." after label ${name}`);
    rest = rest.slice(1).trimStart();
    if (!rest.startsWith('"')) throw new Error(`expected ="..." after label ${name}`);
    let value = '';
    let i = 1;
    for (; i < rest.length && rest[i] !== '"'; i++) {
      if (rest[i] === '\\') {
        i++;
        value += rest[i] === 'n' ? '\n' : (rest[i] ?? '');
      } else {
        value += rest[i];
      }
    }
    if (i >= rest.length) throw new Error(`unterminated value of label ${name}`);
    labels[name] = value;
    rest = rest.slice(i + 1).trimStart();
    if (rest.startsWith(',')) rest = rest.slice(1).trimStart();
    else if (!rest.startsWith('}')) throw new Error('expected "," or "}" between labels');
  }
  return rest.slice(1);
}

function parseValue(text: string): number {
  if (text === 'NaN') return Number.NaN;
  if (text === '+Inf' || text === 'Inf') return Number.POSITIVE_INFINITY;
  if (text === '-Inf') return Number.NEGATIVE_INFINITY;
  const value = Number(text);
  if (text === '' || Number.isNaN(value)) throw new Error(`"${text}" is not a sample value`);
  return value;
}

/**
 * MetricIndex looks samples up by name under the prefix the server writes them with. Qdrant lets
 * an operator prefix every name (service.metrics_prefix, e.g. "qdrant_"); the prefix is found from
 * the names themselves, so a prefixed and an unprefixed node read the same.
 */
export class MetricIndex {
  private readonly byName = new Map<string, PromSample[]>();

  constructor(samples: PromSample[], anchors: readonly string[]) {
    const prefix = findPrefix(samples, anchors);
    for (const sample of samples) {
      if (!sample.name.startsWith(prefix)) continue;
      const name = sample.name.slice(prefix.length);
      const list = this.byName.get(name);
      if (list) list.push(sample);
      else this.byName.set(name, [sample]);
    }
  }

  /** all returns the samples of a metric (name without prefix); empty when the server does not write it. */
  all(name: string): PromSample[] {
    return this.byName.get(name) ?? [];
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** value returns the first sample's value, or undefined when the metric is absent. */
  value(name: string): number | undefined {
    return this.byName.get(name)?.[0]?.value;
  }

  sum(name: string, where: (labels: Record<string, string>) => boolean = () => true): number {
    return this.all(name).reduce((total, sample) => (where(sample.labels) ? total + sample.value : total), 0);
  }
}

/** findPrefix returns what precedes the first anchor name found (e.g. "qdrant_" before "app_info"), or "". */
function findPrefix(samples: PromSample[], anchors: readonly string[]): string {
  for (const anchor of anchors) {
    const match = samples.find((sample) => sample.name.endsWith(anchor));
    if (match) return match.name.slice(0, match.name.length - anchor.length);
  }
  return '';
}
