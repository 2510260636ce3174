import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'scenarios/**/*.test.ts', 'test/**/*.test.ts'],
    // Integration tests start real processes (lab nodes, HAProxy, Redis, the engine) on a 2-core machine:
    // running their files in parallel would measure the machine, not the code.
    fileParallelism: false,
    testTimeout: 60_000,
    // A user's QDRANT_BIN would turn every test lab into real Qdrant; the tests that want a real
    // server find it themselves (test/helpers/qdrant-binary.ts).
    env: { QDRANT_BIN: '' },
    hookTimeout: 120_000,
  },
});
