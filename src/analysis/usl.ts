import { levenbergMarquardt } from 'ml-levenberg-marquardt';
import type { CapacityModel } from './summary-types.ts';

// The Universal Scalability Law (Gunther): X(N) = λN / (1 + σ(N−1) + κN(N−1)), fitted by
// Levenberg–Marquardt least squares to (concurrency, throughput) points, as codahale/usl4j does.

/** USL_MIN_POINTS: three parameters want at least twice as many points to mean anything. */
export const USL_MIN_POINTS = 6;

export interface UslPoint {
  concurrency: number;
  throughputRps: number;
}

/** uslThroughput is the model's throughput at concurrency n. */
export function uslThroughput(sigma: number, kappa: number, lambda: number, n: number): number {
  return (lambda * n) / (1 + sigma * (n - 1) + kappa * n * (n - 1));
}

/** fitUsl fits the model to the points with traffic; fewer than USL_MIN_POINTS give no fit. */
export function fitUsl(allPoints: readonly UslPoint[]): CapacityModel {
  const points = allPoints.filter((p) => p.concurrency > 0 && p.throughputRps > 0);
  const unfitted = (code: CapacityModel['code']): CapacityModel => ({
    code,
    fitted: false,
    sigma: null,
    kappa: null,
    lambda: null,
    peakConcurrency: null,
    peakThroughputRps: null,
    rSquared: null,
    minPoints: USL_MIN_POINTS,
    points,
  });
  if (points.length < USL_MIN_POINTS) return unfitted('too-few-points');

  const x = points.map((p) => p.concurrency);
  const y = points.map((p) => p.throughputRps);
  const { parameterValues } = levenbergMarquardt(
    { x, y },
    ([sigma, kappa, lambda]) => (n) => uslThroughput(sigma!, kappa!, lambda!, n),
    {
      // Where usl4j starts; the law has no meaning for negative coefficients.
      initialValues: [0.1, 0.01, Math.max(...y.map((v, i) => v / x[i]!))],
      minValues: [0, 0, 0],
      // With damping 1.5 the reference fit does not converge; 1e-2 does (usl.test.ts checks it).
      damping: 1e-2,
      // The exact Jacobian: finite differences with the library's default step are too coarse for κ (~1e-4).
      jacobianFunction: ([sigma, kappa, lambda]) => (n) => {
        const d = 1 + sigma! * (n - 1) + kappa! * n * (n - 1);
        return [(-lambda! * n * (n - 1)) / (d * d), (-lambda! * n * n * (n - 1)) / (d * d), n / d];
      },
      maxIterations: 200,
    },
  );
  const [sigma, kappa, lambda] = parameterValues as [number, number, number];
  if (![sigma, kappa, lambda].every(Number.isFinite) || lambda <= 0) return unfitted('not-converged');

  const predicted = x.map((n) => uslThroughput(sigma, kappa, lambda, n));
  const mean = y.reduce((a, b) => a + b, 0) / y.length;
  const residual = y.reduce((sum, v, i) => sum + (v - predicted[i]!) ** 2, 0);
  const total = y.reduce((sum, v) => sum + (v - mean) ** 2, 0);
  const rSquared = total > 0 ? 1 - residual / total : null;
  // Without coherency delay (κ = 0) throughput only flattens out: there is no peak to report.
  const peakConcurrency = kappa > 0 && sigma < 1 ? Math.floor(Math.sqrt((1 - sigma) / kappa)) : null;
  const peakThroughputRps = peakConcurrency === null ? null : uslThroughput(sigma, kappa, lambda, peakConcurrency);
  return { code: 'fitted', fitted: true, sigma, kappa, lambda, peakConcurrency, peakThroughputRps, rSquared, minPoints: USL_MIN_POINTS, points };
}
