import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The overlay-check tests start node, and the orphan check parses every file of the three documents: well under
    // a second alone, but past vitest's 5 s default when turbo runs every package at once on two shared cores.
    testTimeout: 30_000,
  },
});
