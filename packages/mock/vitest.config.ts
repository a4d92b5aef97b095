import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The fuzz suite sends thousands of requests and weighs the heap; the CLI tests start processes. One file at
    // a time keeps their timings and measurements meaningful on a 2-core machine.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
