import { describe, expect, it } from 'vitest';
import { fitUsl, uslThroughput } from './usl.ts';

// The Cisco benchmark from Baron Schwartz's "Practical Scalability Analysis with the Universal
// Scalability Law", as codahale/usl4j's ModelTest.java lists it, with the book's fitted model.
const CISCO: Array<[number, number]> = [
  [1, 955.16], [2, 1878.91], [3, 2688.01], [4, 3548.68], [5, 4315.54], [6, 5130.43], [7, 5931.37], [8, 6531.08],
  [9, 7219.8], [10, 7867.61], [11, 8278.71], [12, 8646.7], [13, 9047.84], [14, 9426.55], [15, 9645.37], [16, 9897.24],
  [17, 10097.6], [18, 10240.5], [19, 10532.39], [20, 10798.52], [21, 11151.43], [22, 11518.63], [23, 11806], [24, 12089.37],
  [25, 12075.41], [26, 12177.29], [27, 12211.41], [28, 12158.93], [29, 12155.27], [30, 12118.04], [31, 12140.4], [32, 12074.39],
];
const BOOK = { sigma: 0.02671591, kappa: 7.690945e-4, lambda: 995.6486, peakConcurrency: 35, peakThroughput: 12341 };

describe('fitUsl', () => {
  it('reproduces the book’s coefficients for the Cisco data set within 5 %', () => {
    const model = fitUsl(CISCO.map(([concurrency, throughputRps]) => ({ concurrency, throughputRps })));
    expect(model.fitted).toBe(true);
    expect(Math.abs(model.sigma! / BOOK.sigma - 1)).toBeLessThan(0.05);
    expect(Math.abs(model.kappa! / BOOK.kappa - 1)).toBeLessThan(0.05);
    expect(Math.abs(model.lambda! / BOOK.lambda - 1)).toBeLessThan(0.05);
    expect(model.peakConcurrency).toBe(BOOK.peakConcurrency);
    expect(Math.abs(model.peakThroughputRps! / BOOK.peakThroughput - 1)).toBeLessThan(0.05);
    expect(model.rSquared).toBeGreaterThan(0.99);
  });

  it('recovers the coefficients of points drawn from a known model', () => {
    const points = [1, 2, 4, 8, 16, 32, 64].map((n) => ({ concurrency: n, throughputRps: uslThroughput(0.05, 0.002, 100, n) }));
    const model = fitUsl(points);
    expect(model.sigma).toBeCloseTo(0.05, 3);
    expect(model.kappa).toBeCloseTo(0.002, 4);
    expect(model.lambda).toBeCloseTo(100, 1);
    expect(model.peakConcurrency).toBe(Math.floor(Math.sqrt(0.95 / 0.002)));
  });

  it('reports no peak when throughput grows without coherency delay', () => {
    const points = [1, 2, 3, 4, 5, 6, 7].map((n) => ({ concurrency: n, throughputRps: 100 * n }));
    const model = fitUsl(points);
    expect(model.fitted).toBe(true);
    expect(model.kappa).toBeCloseTo(0, 6);
    expect(model.peakConcurrency).toBeNull();
  });

  it('does not fit fewer than 6 steps with traffic, and says why', () => {
    const model = fitUsl([1, 2, 3, 4, 5].map((n) => ({ concurrency: n, throughputRps: 100 * n })).concat({ concurrency: 6, throughputRps: 0 }));
    expect(model).toMatchObject({ code: 'too-few-points', fitted: false, sigma: null, peakConcurrency: null, minPoints: 6 });
    expect(model.points).toHaveLength(5);
  });
});
