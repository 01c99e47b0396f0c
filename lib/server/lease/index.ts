export { type LeaseDeps, createLease } from './create-lease';
export { LEASE_INTERVAL_MS, LEASE_TTL_MS, type Lease, type LeaseChange, type LeaseLoss } from './lease';
export { MemoryLease, type MemoryLeaseOptions } from './memory-lease';
export { RedisLease, type RedisLeaseClient, type RedisLeaseOptions } from './redis-lease';
export { type Duty, type SingleDuty, runSingleDuty } from './single-duty';
