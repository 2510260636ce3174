import { array, number, object, string } from './json.ts';

/** parseRangeAnswer reads a query_range answer: {"status":"success","data":{"resultType":"matrix","result":[…]}}. */
export function parseRangeAnswer(body: unknown): Array<{ instance: string; t: number; value: number }> {
  const answer = object(body);
  if (answer?.status !== 'success') {
    throw new Error(`Prometheus answered ${string(answer?.errorType) ?? 'an error'}: ${string(answer?.error) ?? JSON.stringify(body).slice(0, 120)}`);
  }
  const data = object(answer.data);
  if (data?.resultType !== 'matrix') throw new Error(`expected a matrix result, got ${JSON.stringify(data?.resultType)}`);
  const points: Array<{ instance: string; t: number; value: number }> = [];
  for (const series of array(data.result) ?? []) {
    const instance = string(object(object(series)?.metric)?.instance) ?? 'unknown';
    for (const pair of array(object(series)?.values) ?? []) {
      const [seconds, text] = array(pair) ?? [];
      const value = Number(text);
      const at = number(seconds);
      // Prometheus writes NaN for 0/0 (an idle disk's rate ratio): no value, not a zero.
      if (at !== undefined && Number.isFinite(value)) points.push({ instance, t: Math.round(at * 1000), value });
    }
  }
  return points;
}
