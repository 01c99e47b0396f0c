import { createClient } from 'redis';
import { afterAll, beforeAll, describe } from 'vitest';
import { type TestService, startRedis } from '../../tests/support/services';
import { dedupStoreConformance } from './dedup-store.conformance';
import { pairingStoreConformance } from './pairing-store.conformance';
import { RedisDedupStore } from './redis-dedup-store';
import { RedisPairingStore } from './redis-pairing-store';

/* The shared stores on a real Redis of the tests' own pass the same suites as the in-memory ones. */

let redis: TestService;
let client: ReturnType<typeof createClient>;
let store = 0;

beforeAll(async () => {
  redis = await startRedis();
  client = createClient({ url: redis.url });
  await client.connect();
}, 30_000);

afterAll(async () => {
  await client?.quit();
  await redis?.stop();
});

describe('RedisDedupStore', () => {
  // Each store gets a namespace of its own, as the ingest and each connector do, so the suite's stores start empty.
  dedupStoreConformance((windowMs) => new RedisDedupStore(client, { namespace: `suite-${++store}`, windowMs }));
});

describe('RedisPairingStore', () => {
  pairingStoreConformance(() => new RedisPairingStore(client, { namespace: `suite-${++store}` }));
});
