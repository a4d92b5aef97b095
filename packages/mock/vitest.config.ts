import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The fuzz suite sends thousands of requests and weighs the heap; the CLI tests start processes. One file at
    // a time keeps their timings and measurements meaningful on a 2-core machine.
    fileParallelism: false,
    // The fuzz suite collects garbage before it weighs the heap, so the figure is what the mock kept.
    execArgv: ['--expose-gc'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
