import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The test build's compile-time flag (scripts/build.ts sets it through esbuild for the bundles).
  define: { __LUREWATCH_TEST__: 'true' },
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
