import { describe, expect, it } from 'vitest';
import { listProfileNames, loadMix, loadProfile } from '../config/load.ts';
import { DEFAULT_MIX_FILE } from '../config/paths.ts';
import { profileSchema } from '../config/profile-schema.ts';
import { buildPlan, MIN_SCALED_STAGE_SECONDS } from './build.ts';
import { totalArrivals } from './shape.ts';

const mix = loadMix(DEFAULT_MIX_FILE);

function profile(overrides: Record<string, unknown>) {
  return profileSchema.parse({
    description: 'test',
    model: 'open',
    ratePerConnection: 4,
    stages: [],
    lab: { loadScale: 0.1, timeScale: 0.1 },
    ...overrides,
  });
}

describe('buildPlan', () => {
  it('lays stages end to end and ramps from the previous target', () => {
    const plan = buildPlan({
      profileName: 't',
      form: 'full',
      mix,
      profile: profile({
        stages: [
          { name: 'up', duration: '30s', connections: 100, ramp: true },
          { name: 'hold', duration: '1m', connections: 100 },
          { name: 'more', duration: '10s', connections: 300, ramp: true },
        ],
      }),
    });
    expect(plan.stages.map((s) => [s.startSecond, s.durationSeconds, s.startTarget, s.endTarget, s.executor])).toEqual([
      [0, 30, 0, 400, 'ramping-arrival-rate'], // a first ramp starts from nothing
      [30, 60, 400, 400, 'constant-arrival-rate'],
      [90, 10, 400, 1200, 'ramping-arrival-rate'],
    ]);
    expect(plan.durationSeconds).toBe(100);
    // ½·30·400 + 60·400 + ½·10·(400+1200)
    expect(totalArrivals(plan)).toBe(6000 + 24000 + 8000);
  });

  it('expands a step series into one stage per step, each counting as a step', () => {
    const plan = buildPlan({
      profileName: 't',
      form: 'full',
      mix,
      profile: profile({ stages: [{ name: 'step', steps: { from: 100, to: 550, by: 150, duration: '20s' } }] }),
    });
    expect(plan.stages.map((s) => [s.name, s.role, s.startSecond, s.endConnections])).toEqual([
      ['step 1', 'step', 0, 100],
      ['step 2', 'step', 20, 250],
      ['step 3', 'step', 40, 400],
      ['step 4', 'step', 60, 550],
    ]);
  });

  it('scales the lab form from the same definition: loads by loadScale, durations by timeScale, with a floor', () => {
    const definition = profile({
      stages: [
        { name: 'short', duration: '5s', connections: 100 },
        { name: 'long', duration: '100s', connections: 2000 },
      ],
      lab: { loadScale: 0.1, timeScale: 0.1 },
    });
    const full = buildPlan({ profileName: 't', form: 'full', mix, profile: definition });
    const lab = buildPlan({ profileName: 't', form: 'lab', mix, profile: definition });
    expect(full.stages.map((s) => [s.durationSeconds, s.endConnections, s.endTarget])).toEqual([
      [5, 100, 400],
      [100, 2000, 8000],
    ]);
    expect(lab.stages.map((s) => [s.durationSeconds, s.endConnections, s.endTarget])).toEqual([
      [MIN_SCALED_STAGE_SECONDS, 10, 40], // 0.5 s would be too short to see a steady state
      [10, 200, 800],
    ]);
    expect(lab.scale).toEqual({ load: 0.1, time: 0.1 });
  });

  it('multiplies --scale and --time-scale into the form factors', () => {
    const definition = profile({ stages: [{ name: 'hold', duration: '100s', connections: 100 }] });
    const plan = buildPlan({ profileName: 't', form: 'lab', mix, profile: definition, scale: 2, timeScale: 3 });
    expect(plan.scale).toEqual({ load: 0.2, time: 0.30000000000000004 });
    expect(plan.stages[0]).toMatchObject({ durationSeconds: 30, endConnections: 20, endTarget: 80 });
  });

  it('drives the closed model in virtual users, with think time', () => {
    const plan = buildPlan({
      profileName: 't',
      form: 'full',
      mix,
      model: 'closed',
      profile: profile({ model: 'closed', thinkTime: '1s', stages: [{ name: 'up', duration: '10s', connections: 50, ramp: true }] }),
    });
    expect(plan).toMatchObject({ model: 'closed', unit: 'vus', thinkTimeMs: 1000 });
    expect(plan.stages[0]).toMatchObject({ startTarget: 0, endTarget: 50, executor: 'ramping-vus' });
    expect(plan.limits).toMatchObject({ maxConnections: 50, maxInFlight: 50 });
  });

  it('bounds requests in flight by about one second of peak arrivals in the open model', () => {
    const plan = buildPlan({ profileName: 't', form: 'full', mix, profile: profile({ stages: [{ name: 'h', duration: '10s', connections: 100 }] }) });
    expect(plan.limits).toEqual({ maxConnections: 100, maxInFlight: 400, timeoutMs: 10_000 });
  });

  it('renormalises the mix over the selected collections, keeping the mix order', () => {
    const plan = buildPlan({ profileName: 't', form: 'full', mix, collections: ['general', 'deepcoder'], profile: profile({ stages: [{ name: 'h', duration: '1s', connections: 1 }] }) });
    expect(plan.mix.map((m) => [m.collection, m.weight, m.share])).toEqual([
      ['general', 5, 1 / 3],
      ['deepcoder', 10, 2 / 3],
    ]);
  });
});

describe('the shipped profiles', () => {
  it.each(listProfileNames())('%s: the lab form finishes within 90 s and keeps the full form\'s shape', (name) => {
    const { definition } = loadProfile(name);
    const lab = buildPlan({ profileName: name, form: 'lab', mix, profile: definition });
    const full = buildPlan({ profileName: name, form: 'full', mix, profile: definition });
    expect(lab.durationSeconds).toBeLessThanOrEqual(90);
    expect(lab.stages.map((s) => [s.name, s.role, s.executor])).toEqual(full.stages.map((s) => [s.name, s.role, s.executor]));
  });

  it('ships 8 profiles, with an open-model progressive and spike', () => {
    expect(listProfileNames()).toHaveLength(8);
    expect(loadProfile('progressive').definition.model).toBe('open');
    expect(loadProfile('spike').definition.model).toBe('open');
  });
});

describe('buildPlan: the lab form sized to the lab', () => {
  const labCapacity = { rps: 400, measuredAt: '2026-12-04T00:00:00.000Z', machine: 'test' };
  const targets = (name: string, capacity?: typeof labCapacity) => {
    const plan = buildPlan({ profileName: name, profile: loadProfile(name).definition, mix, form: 'lab', ...(capacity ? { labCapacity: capacity } : {}) });
    return { plan, highest: Math.max(...plan.stages.map((s) => s.endTarget)), measured: plan.stages.filter((s) => s.role !== 'warmup').map((s) => s.endTarget) };
  };

  it('spans progressive from about 0.25× to 2× the capacity, stress to 2.5×, in the same steps as the full form', () => {
    const progressive = targets('progressive', labCapacity);
    expect(progressive.measured[0]).toBeCloseTo(0.25 * 400, -1);
    expect(progressive.highest).toBeCloseTo(2 * 400, -1);
    expect(progressive.plan.stages).toHaveLength(buildPlan({ profileName: 'progressive', profile: loadProfile('progressive').definition, mix, form: 'full' }).stages.length);
    const stress = targets('stress', labCapacity);
    expect(stress.highest).toBeCloseTo(2.5 * 400, -1);
    // Open load bends at about 0.7× the closed-loop capacity: three steps sit under that, so the
    // breaking point has good steps before it.
    expect(stress.measured.filter((t) => t < 0.7 * 400).length).toBeGreaterThanOrEqual(3);
  });

  it('overloads spike and recovery at about 2× from a baseline well under the capacity', () => {
    for (const name of ['spike', 'recovery']) {
      const { plan } = targets(name, labCapacity);
      const byRole = (role: string) => plan.stages.find((s) => s.role === role)!.endTarget;
      expect(byRole('overload')).toBeCloseTo(800, -1);
      expect(byRole('baseline')).toBeLessThan(0.5 * 400);
      expect(byRole('recovery')).toBe(byRole('baseline'));
    }
  });

  it('keeps baseline and sustained under the capacity, and follows the capacity it is given', () => {
    expect(targets('baseline', labCapacity).highest).toBeLessThan(400);
    expect(targets('sustained', labCapacity).highest).toBeLessThan(400);
    expect(targets('baseline', { ...labCapacity, rps: 800 }).highest).toBeCloseTo(2 * targets('baseline', labCapacity).highest, -1);
  });

  it('says when the capacity is unknown and falls back to the fixed lab scale; the full form ignores the capacity', () => {
    const unknown = targets('progressive');
    expect(unknown.plan.labSizing).toEqual({ kind: 'fixed', loadScale: 0.1, capacityUnknown: true });
    expect(unknown.plan.stages[0]!.endConnections).toBe(10);
    const full = buildPlan({ profileName: 'progressive', profile: loadProfile('progressive').definition, mix, form: 'full', labCapacity });
    expect(full.labSizing).toBeUndefined();
    expect(full.stages[0]!.endConnections).toBe(100);
  });
});
