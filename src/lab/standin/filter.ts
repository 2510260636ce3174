// Qdrant's payload filter (must / should / must_not over field conditions), compiled once per
// request into a predicate. The stand-in supports the conditions a search load uses: match value,
// any, except and text, range, is_empty, is_null, has_id and nested filters. Anything else is
// refused with a 400 rather than silently ignored, which would return wrong results.

import { HttpError } from '../http.ts';

export type PointId = number | string;
export type Predicate = (payload: Record<string, unknown>, id: PointId) => boolean;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function wrongInput(message: string): HttpError {
  return new HttpError(400, `Wrong input: ${message}`);
}

/** compileFilter turns a Qdrant filter into a predicate; undefined or null means "every point". */
export function compileFilter(filter: unknown): Predicate | undefined {
  if (filter === undefined || filter === null) return undefined;
  return compileClauses(filter, 'filter');
}

function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function compileClauses(filter: unknown, where: string): Predicate {
  if (!isObject(filter)) throw new HttpError(400, `Format error in JSON body: ${where} must be an object`);
  const must = asList(filter.must).map((c, i) => compileCondition(c, `${where}.must[${i}]`));
  const should = asList(filter.should).map((c, i) => compileCondition(c, `${where}.should[${i}]`));
  const mustNot = asList(filter.must_not).map((c, i) => compileCondition(c, `${where}.must_not[${i}]`));
  const minShould = filter.min_should;
  let atLeast: { conditions: Predicate[]; count: number } | undefined;
  if (minShould !== undefined && minShould !== null) {
    if (!isObject(minShould) || typeof minShould.min_count !== 'number') throw wrongInput(`${where}.min_should needs conditions and min_count`);
    atLeast = { conditions: asList(minShould.conditions).map((c, i) => compileCondition(c, `${where}.min_should.conditions[${i}]`)), count: minShould.min_count };
  }
  return (payload, id) =>
    must.every((p) => p(payload, id)) &&
    (should.length === 0 || should.some((p) => p(payload, id))) &&
    !mustNot.some((p) => p(payload, id)) &&
    (atLeast === undefined || atLeast.conditions.filter((p) => p(payload, id)).length >= atLeast.count);
}

function compileCondition(condition: unknown, where: string): Predicate {
  if (!isObject(condition)) throw new HttpError(400, `Format error in JSON body: ${where} must be an object`);
  if ('has_id' in condition) {
    const ids = new Set(asList(condition.has_id) as PointId[]);
    return (_, id) => ids.has(id);
  }
  if ('is_empty' in condition) {
    const key = fieldKey(condition.is_empty, `${where}.is_empty`);
    return (payload) => values(payload, key).filter((v) => v !== null).length === 0;
  }
  if ('is_null' in condition) {
    const key = fieldKey(condition.is_null, `${where}.is_null`);
    return (payload) => lookup(payload, key) === null;
  }
  if ('must' in condition || 'should' in condition || 'must_not' in condition || 'min_should' in condition) return compileClauses(condition, where);
  if ('nested' in condition) throw wrongInput(`${where}: nested conditions are not supported by the vecstress lab stand-in`);
  if (typeof condition.key !== 'string') throw wrongInput(`${where}: a field condition needs a "key"`);
  const key = condition.key;
  if (isObject(condition.match)) return compileMatch(key, condition.match, where);
  if (isObject(condition.range)) return compileRange(key, condition.range);
  const kinds = Object.keys(condition).filter((k) => k !== 'key');
  throw wrongInput(`${where}: condition ${kinds.join(', ') || '(none)'} on "${key}" is not supported by the vecstress lab stand-in (match and range are)`);
}

function fieldKey(value: unknown, where: string): string {
  if (isObject(value) && typeof value.key === 'string') return value.key;
  throw wrongInput(`${where} needs {"key": ...}`);
}

/** lookup follows a dotted key ("meta.lang") into nested payload objects. */
function lookup(payload: Json, key: string): unknown {
  let value: unknown = payload;
  for (const part of key.split('.')) {
    if (!isObject(value)) return undefined;
    value = value[part];
  }
  return value;
}

/** values flattens a payload field: an array field matches if any of its elements does, as in Qdrant. */
function values(payload: Json, key: string): unknown[] {
  const value = lookup(payload, key);
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function compileMatch(key: string, match: Json, where: string): Predicate {
  if ('value' in match) {
    const wanted = match.value;
    return (payload) => values(payload, key).some((v) => v === wanted);
  }
  if ('any' in match) {
    const wanted = new Set(asList(match.any));
    return (payload) => values(payload, key).some((v) => wanted.has(v));
  }
  if ('except' in match) {
    const unwanted = new Set(asList(match.except));
    return (payload) => values(payload, key).some((v) => !unwanted.has(v));
  }
  if ('text' in match && typeof match.text === 'string') {
    const text = match.text;
    return (payload) => values(payload, key).some((v) => typeof v === 'string' && v.includes(text));
  }
  throw wrongInput(`${where}.match on "${key}" must have value, any, except or text`);
}

function compileRange(key: string, range: Json): Predicate {
  const bound = (name: string): number | undefined => (typeof range[name] === 'number' ? (range[name] as number) : undefined);
  const [gt, gte, lt, lte] = [bound('gt'), bound('gte'), bound('lt'), bound('lte')];
  return (payload) =>
    values(payload, key).some(
      (v) => typeof v === 'number' && (gt === undefined || v > gt) && (gte === undefined || v >= gte) && (lt === undefined || v < lt) && (lte === undefined || v <= lte),
    );
}
