import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

export default defineConfig({
  // The test build's compile-time constants (scripts/build.ts sets them through esbuild for the bundles).
  define: { __LUREWATCH_TEST__: 'true', __LUREWATCH_VERSION__: JSON.stringify(version) },
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
