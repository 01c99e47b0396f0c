import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { leaseConformance } from './lease.conformance';
import { MemoryLease } from './memory-lease';

const logger = pino({ level: 'silent' });

describe('MemoryLease', () => {
  leaseConformance(() => new MemoryLease({ name: 'duty', logger, intervalMs: 20 }), 200);

  it('is held as soon as it starts: the one process is the whole floor', () => {
    const lease = new MemoryLease({ name: 'duty', logger });
    lease.start();
    expect(lease.token).toBe(1);
    void lease.close();
  });
});
