import { describe, expect, it } from 'vitest';
import { qdrantFixtureJson } from '../testdata/helpers.ts';
import { parseQdrantCluster } from './qdrant-cluster.ts';

describe('parseQdrantCluster', () => {
  it('reads a single node as disabled', () => {
    expect(parseQdrantCluster(qdrantFixtureJson('cluster.json'))).toEqual({ status: 'disabled', peers: 0 });
  });

  it('reads a leader and a follower of a real two-node cluster', () => {
    expect(parseQdrantCluster(qdrantFixtureJson('cluster-enabled.json'))).toEqual({
      status: 'enabled',
      peers: 2,
      leader: 5_360_766_983_662_355,
      role: 'Leader',
      pendingOperations: 0,
    });
    expect(parseQdrantCluster(qdrantFixtureJson('cluster-follower.json'))).toMatchObject({ status: 'enabled', peers: 2, role: 'Follower' });
  });

  it('refuses an answer that is not Qdrant cluster info', () => {
    expect(() => parseQdrantCluster({ result: { status: 'weird' } })).toThrow(/unexpected cluster status "weird"/);
    expect(() => parseQdrantCluster([])).toThrow(/no result object/);
  });
});
