import type { Logger } from '../../runtime/logger';
import type { Lease } from './lease';
import { MemoryLease } from './memory-lease';
import { type RedisLeaseClient, RedisLease } from './redis-lease';

/** What the leases of a node need: its Redis client when the floor shares one (`REDIS_URL`), else null. */
export interface LeaseDeps {
  redis: RedisLeaseClient | null;
  /** This gateway node, as `/api/health` names it. */
  nodeId: string;
  logger: Logger;
  /** Keeps floors (and tests) apart on one Redis; `floor` by default. */
  namespace?: string;
  /** Shorter timings for tests; 10 s and 2 s by default. */
  ttlMs?: number;
  intervalMs?: number;
}

/** The lease of a once-per-floor duty: on Redis when nodes share one, else the embedded one this process always holds. */
export function createLease(name: string, deps: LeaseDeps): Lease {
  const { redis, nodeId, logger, namespace, ttlMs, intervalMs } = deps;
  return redis ? new RedisLease(redis, { name, nodeId, logger, namespace, ttlMs, intervalMs }) : new MemoryLease({ name, logger, intervalMs });
}
