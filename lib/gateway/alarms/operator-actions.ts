import type { Alarm, SessionUser } from '../../protocol';
import { seesLocation } from '../../protocol';
import type { AlarmActionResult, AlarmActions, BulkAckResult } from '../types';
import { AlarmConflict, type AlarmLedger, type StoredAlarm } from './alarm-ledger';
import { acknowledgeAlarm, isRefusal, shelveAlarm, unshelveAlarm } from './lifecycle';
import { type Maybe, andThen, attempt } from './maybe';
import type { OpenAlarms } from './open-alarms';
import { type Actor, type Plan, plan } from './plans';

type Failure = Extract<AlarmActionResult, { ok: false }>;

/** What operator actions need from the alarm service's write side (`createAlarmChanges`). */
export interface OperatorActionDeps {
  ledger: AlarmLedger;
  alarms: OpenAlarms;
  now: () => number;
  inTurn<T>(work: () => Maybe<T>): Promise<T>;
  commitPlan(p: Plan): Maybe<Alarm>;
  refreshAlarm(alarmId: string): Maybe<void>;
  maxTries: number;
}

/**
 * `ack`, `shelve` and `unshelve` from the hub. Each is decided on the alarm as this node knows it and
 * committed on the version it was decided on; when another node changed the alarm first, the alarm is read
 * again and the action decided again on it, so a second acknowledgement is refused as `already_acknowledged`
 * whichever node it reached. The answer comes once the change is committed.
 */
export function createOperatorActions(deps: OperatorActionDeps): AlarmActions {
  const { ledger, alarms, now, inTurn } = deps;

  /** The alarm this user may act on: one outside the token's locations is as unknown to them as it is invisible. */
  function findFor(alarmId: string, user: Pick<SessionUser, 'locations'>): Maybe<StoredAlarm | undefined> {
    return andThen(alarms.get(alarmId) ?? ledger.findStored(alarmId), (found) => (found && seesLocation(user, found.alarm.location_id) ? found : undefined));
  }

  const notFound = (alarmId: string): Failure => ({ ok: false, code: 'alarm_not_found', message: `No alarm with id ${alarmId}` });
  const person = (user: SessionUser): Actor => ({ actor: user.name, actorId: user.user_id });

  function actOn(alarmId: string, user: SessionUser, decide: (current: StoredAlarm) => Plan | Failure, tries = deps.maxTries): Maybe<AlarmActionResult> {
    return andThen(findFor(alarmId, user), (current) => {
      if (!current) return notFound(alarmId);
      const decided = decide(current);
      if (!('change' in decided)) return decided;
      return attempt(
        () => andThen(deps.commitPlan(decided), (alarm): AlarmActionResult => ({ ok: true, alarm })),
        (err) => {
          if (!(err instanceof AlarmConflict) || tries <= 1) throw err;
          return andThen(deps.refreshAlarm(alarmId), () => actOn(alarmId, user, decide, tries - 1));
        },
      );
    });
  }

  function ack(alarmId: string, user: SessionUser, note?: string): Maybe<AlarmActionResult> {
    return actOn(alarmId, user, (current) => {
      const at = iso(now());
      const result = acknowledgeAlarm(current.alarm, user.name, note, at);
      return isRefusal(result) ? { ok: false, ...result } : plan(result, current.version, at, person(user), { note: note ?? null });
    });
  }

  function ackMany(alarmIds: string[], user: SessionUser, note?: string): Maybe<BulkAckResult> {
    const out: BulkAckResult = { alarms: [], failed: [] };
    const each = (alarmId: string) =>
      andThen(ack(alarmId, user, note), (result) => {
        if (result.ok) out.alarms.push(result.alarm);
        else out.failed.push({ alarm_id: alarmId, code: result.code });
      });
    const done = [...new Set(alarmIds)].reduce<Maybe<void>>((prev, alarmId) => andThen(prev, () => each(alarmId)), undefined);
    return andThen(done, () => out);
  }

  function shelve(alarmId: string, user: SessionUser, minutes: number, reason?: string): Maybe<AlarmActionResult> {
    // The hub validates `minutes` (positive, at most a week); a bad value here is a programming error.
    if (!Number.isFinite(minutes) || minutes <= 0) throw new RangeError(`shelve minutes must be positive, got ${minutes}`);
    return actOn(alarmId, user, (current) => {
      const atMs = now();
      const until = iso(atMs + minutes * 60_000);
      const result = shelveAlarm(current.alarm, until);
      if (isRefusal(result)) return { ok: false, ...result };
      return plan(result, current.version, iso(atMs), person(user), { note: null, reason: reason ?? null, shelvedUntil: until });
    });
  }

  function unshelve(alarmId: string, user: SessionUser): Maybe<AlarmActionResult> {
    return actOn(alarmId, user, (current) => {
      const change = unshelveAlarm(current.alarm, true);
      if (!change) return { ok: false, code: 'invalid_params', message: `Alarm ${alarmId} is not shelved` };
      return plan(change, current.version, iso(now()), person(user));
    });
  }

  return {
    ack: (alarmId, user, note) => inTurn(() => ack(alarmId, user, note)),
    ackMany: (alarmIds, user, note) => inTurn(() => ackMany(alarmIds, user, note)),
    shelve: (alarmId, user, minutes, reason) => inTurn(() => shelve(alarmId, user, minutes, reason)),
    unshelve: (alarmId, user) => inTurn(() => unshelve(alarmId, user)),
  };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
