import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Generous: on a loaded 2-core machine an end-to-end test that takes 4 s alone took over 60.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'threads',
    // Test files share one module graph per worker: without this each file imports mathjs, vega and
    // the engine afresh, which took 57 of the unit tests' 106 s. No src/ module holds mutable state.
    isolate: false,
    // Vitest's default is one worker fewer than the cores: one worker on a 2-core machine, idle while
    // an end-to-end test waits on its child process.
    maxWorkers: Math.max(2, availableParallelism()),
    globalSetup: ['tests/e2e/build-once.ts'],
  },
});
