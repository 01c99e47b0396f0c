import { describe, expect, it } from 'vitest';
import { PendingRequests } from './pending-requests';
import type { RequestResult } from './socket-types';
import { FakeClock } from './test-doubles';

describe('PendingRequests', () => {
  it('settles a request once: with its answer, an error frame as a failure, or a timeout', () => {
    const clock = new FakeClock();
    const pending = new PendingRequests(clock);
    const results: RequestResult[] = [];
    pending.add('r-1', (r) => results.push(r), 1000);
    pending.add('r-2', (r) => results.push(r), 1000);
    pending.add('r-3', (r) => results.push(r), 1000);
    expect(pending.answer('r-1', { type: 'pong', id: 'r-1', ts: 1 })).toBe(true);
    expect(pending.answer('r-1', { type: 'pong', id: 'r-1', ts: 2 })).toBe(false);
    pending.answer('r-2', { type: 'error', id: 'r-2', code: 'alarm_not_found', message: 'No such alarm' });
    clock.advance(1000);
    expect(pending.answer('r-3', { type: 'pong', id: 'r-3', ts: 3 })).toBe(false);
    expect(results).toEqual([
      { ok: true, frame: { type: 'pong', id: 'r-1', ts: 1 } },
      { ok: false, error: { code: 'alarm_not_found', message: 'No such alarm' } },
      { ok: false, error: { code: 'timeout', message: 'The gateway did not answer in time' } },
    ]);
  });

  it('fails every waiting request when the connection ends, and none of them times out after', () => {
    const clock = new FakeClock();
    const pending = new PendingRequests(clock);
    const results: RequestResult[] = [];
    pending.add('r-1', (r) => results.push(r), 1000);
    pending.add('r-2', (r) => results.push(r), 1000);
    pending.failAll('not_connected', 'Connection lost');
    clock.advance(5000);
    expect(results).toEqual([
      { ok: false, error: { code: 'not_connected', message: 'Connection lost' } },
      { ok: false, error: { code: 'not_connected', message: 'Connection lost' } },
    ]);
  });
});
