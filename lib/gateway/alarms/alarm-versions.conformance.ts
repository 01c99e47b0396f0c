import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Eventually } from '../eventually';
import { type AlarmLedger, type AuditEntry, AlarmConflict, NEW_ALARM } from './alarm-ledger';
import type { LedgerStorage } from './alarm-ledger.conformance';
import { type AlarmChange, acknowledgeAlarm, escalateAlarm, isRefusal, raiseAlarm, repeatAlarm } from './lifecycle';
import type { AlarmCondition } from './types';

type Ledger = Eventually<AlarmLedger>;

const T0 = Date.parse('2025-05-11T11:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();
const payout: AlarmCondition = { kind: 'payout_error', source_ref: 'jp-1', location_id: null, message: 'Raffle payout failed' };

function entry(change: AlarmChange, atMs: number, actor = 'system'): AuditEntry {
  return { from: change.from, action: change.action, actor, actorId: actor === 'system' ? null : actor, at: iso(atMs), note: null };
}

function ack(change: AlarmChange, by: string, atMs: number): AlarmChange {
  const result = acknowledgeAlarm(change.alarm, by, undefined, iso(atMs));
  if (isRefusal(result)) throw new Error('the lifecycle refused an acknowledgement the test expects');
  return result;
}

/**
 * The "one winner" guarantee of `AlarmLedger`: commits that name the version their change was decided on.
 * Run by `alarmLedgerConformance` for every implementation.
 */
export function alarmVersionConformance(makeStorage: () => LedgerStorage | Promise<LedgerStorage>): void {
  describe('AlarmLedger conformance: versions', () => {
    let storage: LedgerStorage;
    let ledger: Ledger;
    beforeEach(async () => {
      storage = await makeStorage();
      ledger = await storage.open();
    });
    afterEach(async () => {
      await ledger.close();
      await storage.dispose?.();
    });

    it('counts one version per commit, and stores a change decided on the current version', async () => {
      const raised = raiseAlarm('alm-1', payout, iso(T0));
      await ledger.commit(raised.alarm, entry(raised, T0), NEW_ALARM);
      expect(await ledger.findStored('alm-1')).toEqual({ alarm: raised.alarm, version: 1 });
      const acked = ack(raised, 'Maya Chen', T0 + 1000);
      await ledger.commit(acked.alarm, entry(acked, T0 + 1000, 'Maya Chen'), 1);
      expect(await ledger.findStored('alm-1')).toEqual({ alarm: acked.alarm, version: 2 });
      expect(await ledger.findActive('payout_error', 'jp-1')).toEqual({ alarm: acked.alarm, version: 2 });
      expect(await ledger.loadOpenStored()).toEqual([{ alarm: acked.alarm, version: 2 }]);
      expect(await ledger.findStored('alm-none')).toBeUndefined();
      expect(await ledger.findActive('payout_error', 'jp-2')).toBeUndefined();
    });

    it('refuses the second of two changes decided on the same version, storing nothing of it', async () => {
      const raised = raiseAlarm('alm-1', payout, iso(T0));
      await ledger.commit(raised.alarm, entry(raised, T0), NEW_ALARM);
      const byMaya = ack(raised, 'Maya Chen', T0 + 1000);
      const bySam = ack(raised, 'Sam Ortiz', T0 + 1000);
      await ledger.commit(byMaya.alarm, entry(byMaya, T0 + 1000, 'Maya Chen'), 1);
      await expect((async () => ledger.commit(bySam.alarm, entry(bySam, T0 + 1000, 'Sam Ortiz'), 1))()).rejects.toBeInstanceOf(AlarmConflict);
      expect(await ledger.find('alm-1')).toMatchObject({ acked_by: 'Maya Chen' });
      expect((await ledger.history.transitions('alm-1')).map((t) => t.by_name)).toEqual(['system', 'Maya Chen']);
      const escalated = escalateAlarm(raised.alarm)!;
      await expect((async () => ledger.commit(escalated.alarm, entry(escalated, T0 + 2000), 1))()).rejects.toBeInstanceOf(AlarmConflict);
    });

    it('refuses a raise whose id exists or whose condition is already active', async () => {
      const raised = raiseAlarm('alm-1', payout, iso(T0));
      await ledger.commit(raised.alarm, entry(raised, T0), NEW_ALARM);
      const again = raiseAlarm('alm-2', payout, iso(T0 + 1000));
      await expect((async () => ledger.commit(again.alarm, entry(again, T0 + 1000), NEW_ALARM))()).rejects.toBeInstanceOf(AlarmConflict);
      const sameId = raiseAlarm('alm-1', { ...payout, source_ref: 'jp-9' }, iso(T0 + 1000));
      await expect((async () => ledger.commit(sameId.alarm, entry(sameId, T0 + 1000), NEW_ALARM))()).rejects.toBeInstanceOf(AlarmConflict);
      expect(await ledger.find('alm-2')).toBeUndefined();
      expect(await ledger.find('alm-1')).toEqual(raised.alarm);
    });

    it('keeps the rest of a transaction when one of its changes is refused', async () => {
      const raised = raiseAlarm('alm-1', payout, iso(T0));
      await ledger.commit(raised.alarm, entry(raised, T0), NEW_ALARM);
      const other = raiseAlarm('alm-2', { ...payout, source_ref: 'jp-2' }, iso(T0));
      const stale = repeatAlarm(raised.alarm, payout);
      const refused: unknown[] = [];
      const tryCommit = (change: AlarmChange, expected: number) => {
        try {
          const id = ledger.commit(change.alarm, entry(change, T0 + 1000), expected);
          return id instanceof Promise ? id.catch((err: unknown) => refused.push(err)) : id;
        } catch (err) {
          return refused.push(err);
        }
      };
      await ledger.transaction(() => {
        const results = [tryCommit(stale, 7), tryCommit(other, NEW_ALARM)];
        return results.some((r) => r instanceof Promise) ? Promise.all(results) : results;
      });
      expect(refused).toHaveLength(1);
      expect(refused[0]).toBeInstanceOf(AlarmConflict);
      expect(await ledger.findStored('alm-2')).toEqual({ alarm: other.alarm, version: 1 });
      expect(await ledger.findStored('alm-1')).toEqual({ alarm: raised.alarm, version: 1 });
    });
  });
}
