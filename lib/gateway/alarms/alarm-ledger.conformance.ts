import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Alarm } from '../../protocol';
import type { Eventually } from '../eventually';
import type { AlarmFilter, AlarmLedger, AuditEntry } from './alarm-ledger';
import { alarmVersionConformance } from './alarm-versions.conformance';
import { type AlarmChange, acknowledgeAlarm, escalateAlarm, isRefusal, raiseAlarm, repeatAlarm, returnToNormal, shelveAlarm } from './lifecycle';
import type { AlarmCondition } from './types';

type Ledger = Eventually<AlarmLedger>;

/** Fresh, empty storage for one test: `open` may be called again to reopen the same storage. */
export interface LedgerStorage {
  open(): Ledger | Promise<Ledger>;
  /** Removes the storage once every ledger opened on it is closed. */
  dispose?(): void | Promise<void>;
}

const T0 = Date.parse('2025-05-11T11:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();
const MIN = 60_000;

const T19: AlarmCondition = { kind: 'device_offline', source_ref: 'T-19', location_id: 'loc-a', message: 'Terminal T-19 offline' };
const payout: AlarmCondition = { kind: 'payout_error', source_ref: 'jp-1', location_id: null, message: 'Raffle 100% payout failed' };
const flood: AlarmCondition = { kind: 'flood', source_ref: 'loc-a', location_id: 'loc-a', message: 'Alarm flood' };
const at = (condition: AlarmCondition, sourceRef: string, locationId: string | null = condition.location_id) => ({ ...condition, source_ref: sourceRef, location_id: locationId });

type Who = Pick<AuditEntry, 'actor' | 'actorId'>;
const maya: Who = { actor: 'Maya Chen', actorId: 'user-maya' };
const system: Who = { actor: 'system', actorId: null };

function entry(change: AlarmChange, atMs: number, who: Who = system, detail: Partial<AuditEntry> = {}): AuditEntry {
  return { from: change.from, action: change.action, actor: who.actor, actorId: who.actorId, at: iso(atMs), note: null, ...detail };
}

/**
 * Transaction work that makes `commits` and then returns or throws: synchronously when the commits
 * answered at once, else once they settle, so a ledger whose transaction takes async work runs it too.
 */
function work(commits: () => unknown[], failure?: Error): () => unknown {
  return () => {
    const results = commits();
    const finish = () => {
      if (failure) throw failure;
      return 'done';
    };
    return results.some((r) => r instanceof Promise) ? Promise.all(results).then(finish) : finish();
  };
}

function accepted(result: AlarmChange | ReturnType<typeof acknowledgeAlarm> | null): AlarmChange {
  if (result === null || isRefusal(result)) throw new Error('the lifecycle refused a change the test expects');
  return result;
}

/**
 * The guarantees of `AlarmLedger` (see its doc comment), for any implementation. Every call is awaited,
 * so a ledger answering with promises passes unchanged (its `transaction` would take async work).
 */
export function alarmLedgerConformance(makeStorage: () => LedgerStorage | Promise<LedgerStorage>): void {
  describe('AlarmLedger conformance', () => {
    let storage: LedgerStorage;
    let opened: Ledger[] = [];
    const open = async () => {
      const ledger = await storage.open();
      opened.push(ledger);
      return ledger;
    };
    /** Commits a change and returns the alarm after it. */
    const apply = async (ledger: Ledger, change: AlarmChange, atMs: number, who = system, detail: Partial<AuditEntry> = {}): Promise<Alarm> => {
      await ledger.commit(change.alarm, entry(change, atMs, who, detail));
      return change.alarm;
    };

    beforeEach(async () => {
      storage = await makeStorage();
    });
    afterEach(async () => {
      for (const ledger of opened) await ledger.close();
      opened = [];
      await storage.dispose?.();
    });

    it('finds a committed alarm field for field, and nothing for an unknown id', async () => {
      const ledger = await open();
      const raised = raiseAlarm('alm-1', T19, iso(T0));
      await apply(ledger, raised, T0);
      expect(await ledger.find('alm-1')).toEqual(raised.alarm);
      expect(Object.keys((await ledger.find('alm-1'))!)).toEqual(Object.keys(raised.alarm));
      expect(await ledger.find('alm-none')).toBeUndefined();
      expect(await ledger.loadOpen()).toEqual([raised.alarm]);
    });

    it('stores a later commit of the same alarm as given', async () => {
      const ledger = await open();
      const raised = await apply(ledger, raiseAlarm('alm-1', T19, iso(T0)), T0);
      const repeated = await apply(ledger, repeatAlarm(raised, { ...T19, message: 'Terminal T-19 offline again' }), T0 + MIN);
      expect(await ledger.find('alm-1')).toEqual(repeated);
      expect(repeated.count).toBe(2);
    });

    it('appends one audit line per commit, with growing ids, never changing earlier lines', async () => {
      const ledger = await open();
      const ids: number[] = [];
      const commit = async (change: AlarmChange, atMs: number, who = system, detail: Partial<AuditEntry> = {}) => {
        ids.push(await ledger.commit(change.alarm, entry(change, atMs, who, detail)));
        return change.alarm;
      };
      let alarm = await commit(raiseAlarm('alm-p', payout, iso(T0)), T0);
      alarm = await commit(accepted(escalateAlarm(alarm)), T0 + 5 * MIN, system, { escalations: 1 });
      const early = await ledger.history.transitions('alm-p');
      alarm = await commit(repeatAlarm(alarm, payout), T0 + 6 * MIN);
      alarm = await commit(accepted(shelveAlarm(alarm, iso(T0 + 30 * MIN))), T0 + 7 * MIN, maya, { reason: 'vendor on site', shelvedUntil: iso(T0 + 30 * MIN) });
      alarm = await commit(accepted(acknowledgeAlarm(alarm, maya.actor, 'called vendor', iso(T0 + 8 * MIN))), T0 + 8 * MIN, maya, { note: 'called vendor' });
      await commit(accepted(returnToNormal(alarm, iso(T0 + 9 * MIN))), T0 + 9 * MIN);
      for (let i = 1; i < ids.length; i++) expect(ids[i]).toBeGreaterThan(ids[i - 1]);
      const trail = await ledger.history.transitions('alm-p');
      expect(trail.slice(0, early.length)).toEqual(early);
      expect(trail.map((t) => [t.action, t.from, t.to, t.by, t.count])).toEqual([
        ['raise', null, 'unacked', 'system', 1],
        ['escalate', 'unacked', 'unacked', 'system', 1],
        ['repeat', 'unacked', 'unacked', 'system', 2],
        ['shelve', 'unacked', 'unacked', 'user-maya', 2],
        ['ack', 'unacked', 'acked', 'user-maya', 2],
        ['clear', 'acked', 'cleared', 'system', 2],
      ]);
      expect(trail[1]).toMatchObject({ escalations: 1, at: iso(T0 + 5 * MIN) });
      expect(trail[3]).toMatchObject({ by_name: 'Maya Chen', reason: 'vendor on site', shelved_until: iso(T0 + 30 * MIN), note: null });
      expect(trail[4]).toMatchObject({ note: 'called vendor', reason: null, shelved_until: null, escalations: null });
      expect(await ledger.history.transitions('alm-none')).toEqual([]);
    });

    it('keeps every commit of a transaction when its work returns', async () => {
      const ledger = await open();
      const raises = [0, 1, 2].map((i) => raiseAlarm(`alm-${i}`, at(T19, `T-${i}`), iso(T0)));
      const result = await ledger.transaction(work(() => raises.map((r) => ledger.commit(r.alarm, entry(r, T0)))));
      expect(result).toBe('done');
      for (let i = 0; i < 3; i++) expect((await ledger.find(`alm-${i}`))?.source_ref).toBe(`T-${i}`);
      expect(await ledger.history.transitions('alm-2')).toHaveLength(1);
    });

    it('keeps none of a transaction when its work throws, and rethrows', async () => {
      const ledger = await open();
      const before = await apply(ledger, raiseAlarm('alm-1', T19, iso(T0)), T0);
      const raised = raiseAlarm('alm-2', payout, iso(T0 + MIN));
      const acked = accepted(acknowledgeAlarm(before, maya.actor, undefined, iso(T0 + MIN)));
      const failing = work(() => [ledger.commit(raised.alarm, entry(raised, T0 + MIN)), ledger.commit(acked.alarm, entry(acked, T0 + MIN, maya))], new Error('disk full'));
      await expect((async () => ledger.transaction(failing))()).rejects.toThrow('disk full');
      expect(await ledger.find('alm-2')).toBeUndefined();
      expect(await ledger.find('alm-1')).toEqual(before);
      expect(await ledger.history.transitions('alm-1')).toHaveLength(1);
      expect(await ledger.history.transitions('alm-2')).toEqual([]);
      expect(await ledger.loadOpen()).toEqual([before]);
    });

    it('refuses a second active alarm for one condition, storing nothing of it', async () => {
      const ledger = await open();
      const first = await apply(ledger, raiseAlarm('alm-1', T19, iso(T0)), T0);
      await expect(apply(ledger, raiseAlarm('alm-2', T19, iso(T0 + MIN)), T0 + MIN)).rejects.toThrow();
      expect(await ledger.find('alm-2')).toBeUndefined();
      expect(await ledger.history.transitions('alm-2')).toEqual([]);
      const acked = await apply(ledger, accepted(acknowledgeAlarm(first, maya.actor, undefined, iso(T0 + 2 * MIN))), T0 + 2 * MIN, maya);
      await apply(ledger, accepted(returnToNormal(acked, iso(T0 + 3 * MIN))), T0 + 3 * MIN);
      await apply(ledger, raiseAlarm('alm-3', T19, iso(T0 + 4 * MIN)), T0 + 4 * MIN);
      expect((await ledger.loadOpen()).map((a) => a.alarm_id)).toEqual(['alm-3']);
    });

    it('lets the first of two acknowledgements win: the second, decided on the committed alarm, is refused', async () => {
      const ledger = await open();
      await apply(ledger, raiseAlarm('alm-1', payout, iso(T0)), T0);
      const decide = async (by: string, atMs: number) => acknowledgeAlarm((await ledger.find('alm-1'))!, by, undefined, iso(atMs));
      const first = await decide('Maya Chen', T0 + MIN);
      await apply(ledger, accepted(first), T0 + MIN, maya);
      const second = await decide('Sam Ortiz', T0 + MIN);
      expect(isRefusal(second) && second.code).toBe('already_acknowledged');
      expect(await ledger.find('alm-1')).toMatchObject({ state: 'acked', acked_by: 'Maya Chen', acked_at: iso(T0 + MIN) });
      expect((await ledger.history.transitions('alm-1')).map((t) => t.action)).toEqual(['raise', 'ack']);
    });

    it('returns every alarm not cleared, and lists by state and by changed-since, newest raised first', async () => {
      const ledger = await open();
      const a = await apply(ledger, raiseAlarm('alm-a', at(T19, 'T-1'), iso(T0)), T0);
      const b = await apply(ledger, raiseAlarm('alm-b', at(T19, 'T-2'), iso(T0 + MIN)), T0 + MIN);
      const c = await apply(ledger, raiseAlarm('alm-c', at(T19, 'T-3'), iso(T0 + 2 * MIN)), T0 + 2 * MIN);
      const d = await apply(ledger, raiseAlarm('alm-d', payout, iso(T0 + 3 * MIN)), T0 + 3 * MIN);
      await apply(ledger, accepted(returnToNormal(b, iso(T0 + 10 * MIN))), T0 + 10 * MIN);
      const ackedA = await apply(ledger, accepted(acknowledgeAlarm(a, maya.actor, undefined, iso(T0 + 11 * MIN))), T0 + 11 * MIN, maya);
      await apply(ledger, accepted(returnToNormal(ackedA, iso(T0 + 12 * MIN))), T0 + 12 * MIN);
      await apply(ledger, accepted(acknowledgeAlarm(c, maya.actor, undefined, iso(T0 + 13 * MIN))), T0 + 13 * MIN, maya);
      const ids = (alarms: Alarm[]) => alarms.map((x) => x.alarm_id);
      expect(ids(await ledger.loadOpen()).sort()).toEqual(['alm-b', 'alm-c', 'alm-d']);
      expect(ids(await ledger.list({}))).toEqual(['alm-d', 'alm-c', 'alm-b', 'alm-a']);
      expect(ids(await ledger.list({ state: 'cleared' }))).toEqual(['alm-a']);
      expect(ids(await ledger.list({ state: 'cleared_unacked' }))).toEqual(['alm-b']);
      expect(ids(await ledger.list({ sinceMs: T0 + 11 * MIN }))).toEqual(['alm-c', 'alm-a']);
      expect(ids(await ledger.list({ state: 'acked', sinceMs: T0 + 11 * MIN }))).toEqual(['alm-c']);
      expect(ids(await ledger.list({ sinceMs: T0 + 3 * MIN }))).toContain(d.alarm_id);
    });

    it('gives the raises of located, non-flood alarms since a time, for flood windows', async () => {
      const ledger = await open();
      await apply(ledger, raiseAlarm('alm-old', at(T19, 'T-1'), iso(T0 - 20 * MIN)), T0 - 20 * MIN);
      await apply(ledger, raiseAlarm('alm-new', at(T19, 'T-2', 'loc-b'), iso(T0)), T0);
      await apply(ledger, raiseAlarm('alm-nowhere', payout, iso(T0)), T0);
      await apply(ledger, raiseAlarm('alm-flood', flood, iso(T0)), T0);
      expect(await ledger.recentRaises(T0 - 10 * MIN)).toEqual([{ location_id: 'loc-b', raised_at_ms: T0 }]);
    });

    it('pages the history newest raised first, after a position, narrowed by every filter', async () => {
      const ledger = await open();
      for (let i = 0; i < 5; i++) await apply(ledger, raiseAlarm(`alm-${i}`, at(T19, `T-${i}`, i % 2 ? 'loc-b' : 'loc-a'), iso(T0 + i * MIN)), T0 + i * MIN);
      await apply(ledger, raiseAlarm('alm-9', payout, iso(T0 + 2 * MIN)), T0 + 2 * MIN);
      const page = async (filter: Partial<AlarmFilter>) =>
        (await ledger.history.page({ locationIds: null, limit: 10, ...filter })).map((a) => a.alarm_id);
      expect(await page({})).toEqual(['alm-4', 'alm-3', 'alm-9', 'alm-2', 'alm-1', 'alm-0']);
      expect(await page({ limit: 2 })).toEqual(['alm-4', 'alm-3']);
      expect(await page({ limit: 2, after: { raisedAtMs: T0 + 3 * MIN, alarmId: 'alm-3' } })).toEqual(['alm-9', 'alm-2']);
      expect(await page({ after: { raisedAtMs: T0 + 2 * MIN, alarmId: 'alm-2' } })).toEqual(['alm-1', 'alm-0']);
      expect(await page({ locationIds: ['loc-b'] })).toEqual(['alm-3', 'alm-1']);
      expect(await page({ kinds: ['payout_error'] })).toEqual(['alm-9']);
      expect(await page({ severities: ['critical'] })).toEqual(['alm-9']);
      expect(await page({ states: ['cleared'] })).toEqual([]);
      expect(await page({ sinceMs: T0 + MIN, untilMs: T0 + 3 * MIN })).toEqual(['alm-9', 'alm-2', 'alm-1']);
      expect(await page({ q: 't-3' })).toEqual(['alm-3']);
      expect(await page({ q: '100%' })).toEqual(['alm-9']);
      expect(await page({ q: '_' })).toEqual([]);
    });

    it('counts the escalations of alarms still open, and when the last one was', async () => {
      const ledger = await open();
      const p = await apply(ledger, raiseAlarm('alm-p', payout, iso(T0)), T0);
      await apply(ledger, accepted(escalateAlarm(p)), T0 + 5 * MIN, system, { escalations: 1 });
      await apply(ledger, accepted(escalateAlarm(p)), T0 + 10 * MIN, system, { escalations: 2 });
      const q = await apply(ledger, raiseAlarm('alm-q', at(payout, 'jp-2'), iso(T0)), T0);
      await apply(ledger, accepted(escalateAlarm(q)), T0 + 5 * MIN, system, { escalations: 1 });
      const ackedQ = await apply(ledger, accepted(acknowledgeAlarm(q, maya.actor, undefined, iso(T0 + 6 * MIN))), T0 + 6 * MIN, maya);
      await apply(ledger, accepted(returnToNormal(ackedQ, iso(T0 + 7 * MIN))), T0 + 7 * MIN);
      expect(await ledger.history.escalations()).toEqual(new Map([['alm-p', { count: 2, lastAtMs: T0 + 10 * MIN }]]));
    });

    it('gives the stats rows of a range: its alarms, raises and repeats, acknowledgements and standing alarms', async () => {
      const ledger = await open();
      await apply(ledger, raiseAlarm('alm-old', at(T19, 'T-0'), iso(T0 - 25 * 60 * MIN)), T0 - 25 * 60 * MIN);
      const a = await apply(ledger, raiseAlarm('alm-a', at(T19, 'T-1'), iso(T0)), T0);
      const repeated = await apply(ledger, repeatAlarm(a, at(T19, 'T-1')), T0 + MIN);
      await apply(ledger, accepted(acknowledgeAlarm(repeated, maya.actor, undefined, iso(T0 + 2 * MIN))), T0 + 2 * MIN, maya);
      await apply(ledger, raiseAlarm('alm-b', at(T19, 'T-2', 'loc-b'), iso(T0 + 3 * MIN)), T0 + 3 * MIN);
      const rows = await ledger.history.statsRows(T0, T0 + 60 * MIN, null);
      expect(rows.alarms.map((r) => r.source_ref)).toEqual(['T-1', 'T-2']);
      expect(rows.raises.map((r) => [r.source_ref, r.at])).toEqual([['T-1', iso(T0)], ['T-1', iso(T0 + MIN)], ['T-2', iso(T0 + 3 * MIN)]]);
      expect(rows.acknowledged).toBe(1);
      expect(rows.standing).toBe(1);
      const local = await ledger.history.statsRows(T0, T0 + 60 * MIN, ['loc-b']);
      expect([local.alarms.length, local.raises.length, local.acknowledged, local.standing]).toEqual([1, 1, 0, 0]);
    });

    it('reads back everything after being opened again on the same storage', async () => {
      const first = await open();
      const p = await apply(first, raiseAlarm('alm-p', payout, iso(T0)), T0);
      await apply(first, accepted(escalateAlarm(p)), T0 + 5 * MIN, system, { escalations: 1 });
      const late = raiseAlarm('alm-t', T19, iso(T0 + MIN));
      await first.transaction(work(() => [first.commit(late.alarm, entry(late, T0 + MIN))]));
      const snapshot = { open: await first.loadOpen(), list: await first.list({}), trail: await first.history.transitions('alm-p'), escalations: await first.history.escalations() };
      await first.close();
      opened = opened.filter((l) => l !== first);
      const again = await open();
      expect(await again.loadOpen()).toEqual(snapshot.open);
      expect(await again.list({})).toEqual(snapshot.list);
      expect(await again.history.transitions('alm-p')).toEqual(snapshot.trail);
      expect(await again.history.escalations()).toEqual(snapshot.escalations);
      expect(await again.find('alm-t')).toMatchObject({ kind: 'device_offline', state: 'unacked' });
    });
  });
  alarmVersionConformance(makeStorage);
}
