import { describe, expect, expectTypeOf, it } from 'vitest';
import { STRESS_FLAGS } from '../../test/helpers/stress-flags.ts';
import type { TargetApi } from '../config/run-options.ts';
import { resolveStressConfig } from '../config/stress.ts';
import type { ThresholdsDefinition } from '../config/thresholds-schema.ts';
import type { RunTarget, RunThresholds } from '../runfolder/manifest.ts';
import { startManifest } from './manifest.ts';
import { prepareStress } from './prepare.ts';
import { resolveTarget } from './target.ts';

const ENGINE = { version: '0.1.0', builtWith: { go: 'go1.26' } };
const AT = new Date('2026-11-24T09:00:00.000Z');

describe('run.json as the run starts', () => {
  it('takes types of its own: the config is checked against them here, where it is written', () => {
    // A schema edit that would change run.json fails to compile here instead of changing the format.
    expectTypeOf<ThresholdsDefinition>().toEqualTypeOf<RunThresholds>();
    expectTypeOf<TargetApi>().toEqualTypeOf<RunTarget['api']>();
  });

  it('records every endpoint of a remote target under its one name, credentials masked, and no API key', async () => {
    const config = prepareStress(resolveStressConfig(
      {
        ...STRESS_FLAGS,
        target: 'http://admin:lb-secret@lb.example:6333',
        nodes: ['http://10.0.0.11:6333'],
        redis: 'redis://:r3dis-secret@db.example:6379',
        haproxyStats: 'http://admin:stats-secret@lb.example:8404/stats;csv',
        prometheus: 'http://prom.example:9090',
        apiKey: 'the-api-key',
      },
      {},
    ));
    const target = await resolveTarget(config.target, config.api, () => undefined);
    const manifest = startManifest(config, target, '20261124-090000-spike', ENGINE, AT);

    expect(manifest.target).toEqual({
      kind: 'url',
      url: 'http://admin:***@lb.example:6333/',
      api: 'query',
      balancer: 'http://admin:***@lb.example:6333/',
      nodes: ['http://10.0.0.11:6333'],
      redis: 'redis://:***@db.example:6379',
      haproxyStats: 'http://admin:***@lb.example:8404/stats;csv',
      prometheus: 'http://prom.example:9090',
    });
    expect(manifest.startedAt).toBe('2026-11-24T09:00:00.000Z');
    expect(JSON.stringify(manifest)).not.toMatch(/the-api-key|secret/);
    expect(manifest.config.flags).not.toHaveProperty('apiKey');
  });
});
