import type { Alarm, AlarmKind, PublishedEvent } from '../../protocol';
import type { Logger } from '../../runtime/logger';
import type { Publisher } from '../types';
import { AlarmConflict, type AlarmLedger, type StoredAlarm } from './alarm-ledger';
import { ChangeQueue } from './change-queue';
import { DueTimers } from './due-timers';
import { EscalationSchedule } from './escalation';
import type { FloodDetector, FloodLimits } from './flood-detector';
import { escalateAlarm, unshelveAlarm } from './lifecycle';
import { type Maybe, andThen, attempt, isPending, settle } from './maybe';
import { type AlarmView, OpenAlarms } from './open-alarms';
import { type Plan, type Planned, PlannedBatch, SYSTEM, decideClear, decideRaise, entryOf, plan } from './plans';
import { isActiveFlood, readRemoteChange } from './remote-change';
import type { AlarmCondition } from './types';

export interface AlarmChangeDeps {
  ledger: AlarmLedger;
  publisher: Publisher;
  logger: Logger;
  now: () => number;
  floods: FloodDetector;
  floodLimits: FloodLimits;
  escalateMs: number;
  /** Called after the open alarms changed, to set the gauges. */
  onOpenChanged(): void;
}

/** How often a change is decided again after another node changed the alarm first. */
export const MAX_TRIES = 3;

/**
 * The alarm service's write side. Every change is decided on the alarms as this node knows them, then
 * committed with the version it was decided on as its precondition, then mirrored in memory and timers and
 * broadcast on `alerts`. When another node changed the alarm first, the commit is refused: the alarm is
 * read again and the change decided again on it (an ack then finds it `already_acknowledged`, a raise finds
 * the other node's alarm and repeats it); a timer's change is just dropped. Changes run one at a time.
 */
export function createAlarmChanges(deps: AlarmChangeDeps) {
  const { ledger, publisher, logger, now, floods, floodLimits } = deps;
  const alarms = new OpenAlarms();
  const queue = new ChangeQueue();
  const shelving = new DueTimers(now, (id) => background(() => dueChange(id, decideUnshelve), 'unshelve failed'));
  const escalation = new EscalationSchedule(deps.escalateMs, now, (id) => background(() => dueChange(id, decideEscalation), 'escalation failed'));
  /** The batch whose work is running right now, if any: raises and clears inside it are planned into it. */
  let batchOpen: PlannedBatch | null = null;

  /** Keeps the timers in step with an alarm as it now is. */
  function follow(alarm: Alarm): void {
    if (alarm.shelved_until === null) shelving.disarm(alarm.alarm_id);
    else if (shelving.dueAt(alarm.alarm_id) !== Date.parse(alarm.shelved_until)) shelving.arm(alarm.alarm_id, Date.parse(alarm.shelved_until));
    escalation.follow(alarm);
  }

  /** Takes an alarm as stored (read again, or changed by another node) into memory and timers. */
  function track(stored: StoredAlarm): void {
    alarms.put(stored.alarm, stored.version);
    follow(alarms.get(stored.alarm.alarm_id)?.alarm ?? stored.alarm);
  }

  /** After a commit: memory and timers now; returns the broadcast, sent when the commit's batch is done. */
  function mirror(p: Plan): () => void {
    const { alarm, action, event } = p.change;
    const version = p.expected + 1;
    alarms.put(alarm, version);
    const escalations = action === 'escalate' ? escalation.record(alarm.alarm_id, Date.parse(p.at)) : 0;
    follow(alarm);
    const data = action === 'escalate' ? { ...alarm, escalations } : alarm;
    logger.debug({ alarm_id: alarm.alarm_id, action, state: alarm.state }, 'alarm change');
    return () => {
      try {
        // The version names the change on every node: `observe` orders changes by it.
        publisher.publish('alerts', event, data, { id: `${alarm.alarm_id}:${version}`, ts: p.at });
      } catch (err) {
        // The change is committed; a failed broadcast is repaired by the next snapshot.
        logger.error({ err, alarm_id: alarm.alarm_id, event }, 'alarm event not published');
      }
    };
  }

  function commitPlan(p: Plan): Maybe<Alarm> {
    return andThen(ledger.commit(p.change.alarm, entryOf(p), p.expected), () => {
      const send = mirror(p);
      deps.onOpenChanged();
      send();
      return p.change.alarm;
    });
  }

  const refreshAlarm = (alarmId: string): Maybe<void> => andThen(ledger.findStored(alarmId), (s) => (s ? track(s) : undefined));
  function refreshCondition(kind: AlarmKind, sourceRef: string, alarmId: string): Maybe<void> {
    return andThen(ledger.findActive(kind, sourceRef), (active) => {
      if (active) track(active);
      return active?.alarm.alarm_id === alarmId ? undefined : refreshAlarm(alarmId);
    });
  }

  /** Commits what `decide` makes of a condition now; after losing to another node, reads the condition again and decides again. */
  function changeCondition(kind: AlarmKind, sourceRef: string, decide: (view: AlarmView) => Plan | null, tries = MAX_TRIES): Maybe<Plan | null> {
    const p = decide(alarms);
    if (!p) return null;
    return attempt(
      () => andThen(commitPlan(p), () => p),
      (err) => {
        if (!(err instanceof AlarmConflict) || tries <= 1) throw err;
        return andThen(refreshCondition(kind, sourceRef, p.change.alarm.alarm_id), () => changeCondition(kind, sourceRef, decide, tries - 1));
      },
    );
  }

  const commitRaise = (condition: AlarmCondition, atMs = now()) =>
    changeCondition(condition.kind, condition.source_ref, (view) => decideRaise(view, condition, atMs)) as Maybe<Plan>;
  const commitClear = (kind: AlarmKind, sourceRef: string) => changeCondition(kind, sourceRef, (view) => decideClear(view, kind, sourceRef, iso(now())));

  function raiseNow(condition: AlarmCondition): Maybe<Alarm> {
    const atMs = now();
    return andThen(commitRaise(condition, atMs), (p) => andThen(p.change.action === 'raise' ? afterRaise(p.change.alarm, atMs) : undefined, () => p.change.alarm));
  }

  const clearNow = (kind: AlarmKind, sourceRef: string): Maybe<Alarm | null> => andThen(commitClear(kind, sourceRef), (p) => p?.change.alarm ?? null);

  /** Inside a batch: decides on the batch's view and plans the change; it commits with the batch. */
  function raiseInBatch(batch: PlannedBatch, condition: AlarmCondition): Promise<Alarm> {
    const atMs = now();
    const p = decideRaise(batch.view, condition, atMs);
    const committed = batch.plan(p, () => andThen(commitRaise(condition), (again) => again.change.alarm));
    if (p.change.action === 'raise') void afterRaise(p.change.alarm, atMs);
    return committed as Promise<Alarm>;
  }

  const raiseHere = (condition: AlarmCondition): Maybe<unknown> => (batchOpen ? raiseInBatch(batchOpen, condition) : raiseNow(condition));
  function clearHere(kind: AlarmKind, sourceRef: string): Maybe<Alarm | null> {
    const batch = batchOpen;
    if (!batch) return clearNow(kind, sourceRef);
    return batch.plan(decideClear(batch.view, kind, sourceRef, iso(now())), () => clearNow(kind, sourceRef));
  }

  /** A newly raised alarm counts towards its location's flood; floods that calmed down clear. */
  function afterRaise(raised: Alarm, atMs: number): Maybe<void> {
    const locationId = raised.location_id;
    const watched = raised.kind !== 'flood' && locationId !== null ? guarded(() => watchFlood(locationId, atMs), 'flood check failed') : undefined;
    return andThen(watched, () => guarded(checkFloodRecovery, 'flood recovery check failed'));
  }

  function watchFlood(locationId: string, atMs: number): Maybe<unknown> {
    if (!floods.record(locationId, atMs)) return undefined;
    const rate = floods.rate(locationId, atMs);
    const minutes = Math.round(floodLimits.windowMs / 60_000);
    return raiseHere({ kind: 'flood', source_ref: locationId, location_id: locationId, message: `Alarm flood: ${rate} new alarms here in ${minutes} minutes` });
  }

  function checkFloodRecovery(): Maybe<unknown> {
    return floods.recovered(now()).reduce<Maybe<unknown>>((prev, locationId) => andThen(prev, () => clearHere('flood', locationId)), undefined);
  }

  /** Logs a failure instead of passing it on: for work nobody waits for. */
  function guarded(work: () => Maybe<unknown>, what: string): Maybe<void> {
    return attempt(
      () => andThen(work(), () => undefined),
      (err) => logger.error({ err }, what),
    );
  }

  const background = (work: () => Maybe<unknown>, what: string) => void guarded(() => queue.run(work), what);

  /** A timer's change: after losing to another node it is dropped, and the alarm kept as it now is. */
  function dueChange(alarmId: string, decide: (current: StoredAlarm) => Plan | null): Maybe<void> {
    const current = alarms.get(alarmId);
    const p = current && decide(current);
    if (!p) return undefined;
    return attempt(
      () => andThen(commitPlan(p), () => undefined),
      (err) => {
        if (!(err instanceof AlarmConflict)) throw err;
        if (p.change.action !== 'escalate') return refreshAlarm(alarmId);
        // The other node may have escalated: take its count, so this one does not escalate the alarm twice.
        return andThen(ledger.history.escalations(), (counts) => {
          const done = counts.get(alarmId);
          if (done) escalation.restore(alarmId, done.count, done.lastAtMs);
          return refreshAlarm(alarmId);
        });
      },
    );
  }

  function decideUnshelve(current: StoredAlarm): Plan | null {
    const change = unshelveAlarm(current.alarm);
    return change && plan(change, current.version, iso(now()));
  }

  function decideEscalation(current: StoredAlarm): Plan | null {
    const change = escalateAlarm(current.alarm);
    const escalations = escalation.count(current.alarm.alarm_id) + 1;
    return change && plan(change, current.version, iso(now()), SYSTEM, { note: null, escalations });
  }

  /** Runs an operator's or a source's change in turn; a source's failure is logged here as well. */
  const inTurn = <T>(work: () => Maybe<T>): Promise<T> => settle(() => queue.run(work));
  const logged = <T>(promise: Promise<T>, what: string): Promise<T> => {
    promise.catch((err: unknown) => logger.error({ err }, what));
    return promise;
  };

  /** Another node's change, as broadcast on `alerts`: into memory and timers, unless this node already knows a later one. */
  function observe(event: PublishedEvent): void {
    const change = readRemoteChange(event);
    if (!change) return logger.warn({ id: event.id, channel: event.channel }, 'not an alarm change with a version: ignored');
    const { alarm, version } = change;
    const newer = (alarms.get(alarm.alarm_id)?.version ?? 0) < version;
    if (change.escalations !== null && newer) escalation.restore(alarm.alarm_id, change.escalations, Date.parse(event.ts));
    if (change.raised && alarm.kind !== 'flood' && alarm.location_id !== null) floods.seed(alarm.location_id, Date.parse(alarm.raised_at));
    if (isActiveFlood(alarm)) floods.markTripped(alarm.source_ref);
    track({ alarm, version });
    deps.onOpenChanged();
  }

  /** Memory and timers from the ledger, at start. */
  function load(): Maybe<void> {
    alarms.clear();
    shelving.close();
    escalation.clear();
    return andThen(ledger.history.escalations(), (counts) => {
      for (const [alarmId, e] of counts) escalation.restore(alarmId, e.count, e.lastAtMs);
      return andThen(ledger.loadOpenStored(), (open) => {
        for (const stored of open) {
          track(stored);
          if (isActiveFlood(stored.alarm)) floods.markTripped(stored.alarm.source_ref);
        }
        deps.onOpenChanged();
      });
    });
  }

  return {
    alarms,
    load,
    observe,
    raise: (condition: AlarmCondition): Promise<Alarm> =>
      batchOpen ? raiseInBatch(batchOpen, condition) : logged(inTurn(() => raiseNow(condition)), 'alarm raise failed'),
    clear: (kind: AlarmKind, sourceRef: string): Promise<Alarm | null> =>
      batchOpen ? settle(() => clearHere(kind, sourceRef)) : logged(inTurn(() => clearNow(kind, sourceRef)), 'alarm clear failed'),
    batch<T>(work: () => T): Promise<T> {
      return batchOpen ? settle(work) : inTurn(() => runBatch(work));
    },
    /** Runs an operator's change in turn with every other change of this node. */
    inTurn,
    /** Runs work in turn, at once when nothing waits and the ledger answers at once. */
    inOrder: <T>(work: () => Maybe<T>): Maybe<T> => queue.run(work),
    commitPlan,
    refreshAlarm,
    checkFloodRecovery: () => background(checkFloodRecovery, 'flood recovery check failed'),
    close() {
      shelving.close();
      escalation.clear();
    },
  };

  /** Runs a batch's work with its raises and clears planned into it, then commits them together. */
  function runBatch<T>(work: () => T): Maybe<T> {
    const batch = new PlannedBatch(alarms);
    batchOpen = batch;
    let result: T;
    try {
      result = work();
      if (isPending(result)) throw new TypeError('batch work must be synchronous: its changes are planned while it runs');
    } catch (err) {
      batch.fail(err);
      throw err;
    } finally {
      batchOpen = null;
    }
    if (batch.planned.length === 0) return result;
    return attempt(
      () => andThen(batch.commit(ledger), () => andThen(finishBatch(batch.planned), () => result)),
      (err) => {
        batch.fail(err);
        throw err;
      },
    );
  }

  /** After a batch committed: memory and timers, then every broadcast in order; changes that lost are decided again. */
  function finishBatch(planned: Planned[]): Maybe<void> {
    const sends = planned.filter((p) => !p.lost).map(mirror);
    deps.onOpenChanged();
    for (const send of sends) send();
    for (const p of planned) if (!p.lost) p.resolve(p.change.alarm);
    return planned
      .filter((p) => p.lost)
      .reduce<Maybe<void>>((prev, p) => andThen(prev, () => guarded(() => andThen(p.redo(), p.resolve), 'alarm change lost to another node not redone')), undefined);
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
