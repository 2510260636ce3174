// The one request all three tools send, and the one answer the endpoint gives: a Qdrant query of
// a 128-dimension vector, answered in the shape of Qdrant 1.19.0's query API (five points), so
// the engine's response check and Qdrant-time parsing run as in a real test.

export const BENCH_PATH = '/collections/bench/points/query';

export const BENCH_REQUEST_BODY = JSON.stringify({
  query: Array.from({ length: 128 }, (_, i) => Number(Math.sin(i + 1).toFixed(6))),
  limit: 5,
});

export const BENCH_RESPONSE_BODY = JSON.stringify({
  result: { points: [985, 275, 259, 141, 25].map((id, i) => ({ id, version: 6, score: Number((0.3 - i * 0.01).toFixed(8)) })) },
  status: 'ok',
  time: 0.000230085,
});
