import path from 'node:path';
import { defineConfig } from 'vitest/config';

const root = path.resolve(import.meta.dirname, '..', '..');

/**
 * The reliability suite alone (`npm run test:reliability`): one file at a time, so no check's load
 * disturbs another's figures (event-loop lag above all), and the figures table printed at the end.
 * The normal unit run includes the same files at the reduced scale.
 */
export default defineConfig({
  root,
  resolve: { alias: { '@': root } },
  test: {
    include: ['tests/reliability/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 600_000,
    globalSetup: ['tests/reliability/support/global-setup.ts'],
  },
});
