import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    include: ['lib/**/*.test.{ts,tsx}', 'components/**/*.test.{ts,tsx}', 'tests/**/*.test.ts', 'bench/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // GATEWAY_ENGINE=redis runs the test gateways on a Redis of each test file's own (tests/support/test-engines.ts).
    setupFiles: process.env.GATEWAY_ENGINE === 'redis' ? ['tests/support/redis-engine.setup.ts'] : [],
  },
});
