import { afterAll } from 'vitest';
import { stopTestRedis } from './test-engines';

// With GATEWAY_ENGINE=redis each test file's gateways share one Redis, started on first use: stop it after the file.
afterAll(() => stopTestRedis());
