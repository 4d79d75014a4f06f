import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/** Test files that mock modules with vi.mock: they need a module graph of their own. */
const mocking = ['tests/unit/experiment/pipeline-walk.test.ts'];

export default defineConfig({
  test: {
    // Generous: on a loaded 2-core machine an end-to-end test that takes 4 s alone took over 60.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'threads',
    // Vitest's default is one worker fewer than the cores: one worker on a 2-core machine, idle while
    // an end-to-end test waits on its child process.
    maxWorkers: Math.max(2, availableParallelism()),
    globalSetup: ['tests/e2e/build-once.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'shared-modules',
          include: ['tests/**/*.test.ts'],
          exclude: mocking,
          // Test files share one module graph per worker: without this each file imports mathjs, vega and
          // the engine afresh, which took 57 of the unit tests' 106 s. No src/ module holds mutable state.
          isolate: false,
        },
      },
      // vi.mock replaces a module for the file that asks: in a shared graph other files' copies stay.
      { extends: true, test: { name: 'isolated', include: mocking, isolate: true } },
    ],
  },
});
