import { afterEach, expect, it } from 'vitest';
import type { Lease, LeaseChange } from './lease';

/** A fresh lease of a name of its own, trying often enough that a free lease is won within the suite's `waitMs`. */
export type LeaseFactory = () => Lease | Promise<Lease>;

/** Polls `check` until it holds or `timeoutMs` passes. */
export async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A lease started with every change it announces recorded. */
export function watch(lease: Lease): LeaseChange[] {
  const changes: LeaseChange[] = [];
  lease.onChange((change) => changes.push(change));
  lease.start();
  return changes;
}

/**
 * What every `Lease` guarantees on its own (docs/architecture.md, "Leases"); the races between nodes are
 * tested where there are several. `waitMs` bounds how long a free lease may take to be won.
 */
export function leaseConformance(make: LeaseFactory, waitMs: number): void {
  const made: Lease[] = [];
  const lease = async () => {
    const l = await make();
    made.push(l);
    return l;
  };
  afterEach(async () => {
    for (const l of made.splice(0)) await l.close();
  });

  it('is won once started, with a fencing token it can read', async () => {
    const l = await lease();
    expect(l.token).toBeNull();
    const changes = watch(l);
    await until(() => changes.length > 0, waitMs);
    expect(changes).toEqual([{ held: true, token: expect.any(Number) }]);
    expect(l.token).toBe((changes[0] as { token: number }).token);
  });

  it('is won again after a release, with a greater token, and lost for good on close', async () => {
    const l = await lease();
    const changes = watch(l);
    await until(() => l.token !== null, waitMs);
    const first = l.token!;
    await l.release();
    expect(l.token).toBeNull();
    await until(() => l.token !== null, waitMs);
    expect(l.token!).toBeGreaterThan(first);
    await l.close();
    expect(l.token).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, waitMs));
    expect(changes.map((c) => (c.held ? 'held' : c.reason))).toEqual(['held', 'released', 'held', 'closed']);
  });

  it('tells every listener even when one throws, and stops telling one that left', async () => {
    const l = await lease();
    const heard: string[] = [];
    l.onChange(() => {
      throw new Error('listener bug');
    });
    const leave = l.onChange(() => heard.push('left early'));
    l.onChange((change) => heard.push(change.held ? 'held' : change.reason));
    leave();
    l.start();
    await until(() => heard.length > 0, waitMs);
    await l.close();
    expect(heard).toEqual(['held', 'closed']);
  });

  it('does nothing when started twice or closed twice', async () => {
    const l = await lease();
    const changes = watch(l);
    l.start();
    await until(() => changes.length > 0, waitMs);
    await l.close();
    await l.close();
    l.start();
    await new Promise((resolve) => setTimeout(resolve, waitMs));
    expect(changes.map((c) => c.held)).toEqual([true, false]);
  });
}
