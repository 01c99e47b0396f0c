import type { Alarm, AlarmKind } from '../../protocol';
import { AlarmConflict, type AlarmLedger, type AuditEntry, NEW_ALARM } from './alarm-ledger';
import { newAlarmId } from './alarm-id';
import { type AlarmChange, raiseAlarm, repeatAlarm, returnToNormal } from './lifecycle';
import { type Maybe, andThen, attempt, isPending } from './maybe';
import { type AlarmView, BatchView } from './open-alarms';
import type { AlarmCondition } from './types';

/** Who made a change: a display name and user id, or the system. */
export type Actor = { actor: string; actorId: string | null };
export const SYSTEM: Actor = { actor: 'system', actorId: null };
export type AuditDetail = Pick<AuditEntry, 'note' | 'reason' | 'shelvedUntil' | 'escalations'>;

/** A change decided on an alarm at a version (its precondition), with who made it and what the audit line adds. */
export interface Plan {
  change: AlarmChange;
  expected: number;
  at: string;
  who: Actor;
  detail: AuditDetail;
}

export function plan(change: AlarmChange, expected: number, at: string, who: Actor = SYSTEM, detail: AuditDetail = { note: null }): Plan {
  return { change, expected, at, who, detail };
}

/** A condition reported at `atMs`: a repeat of its active alarm in the view, else a new alarm. */
export function decideRaise(view: AlarmView, condition: AlarmCondition, atMs: number): Plan {
  const at = new Date(atMs).toISOString();
  const current = view.active(condition.kind, condition.source_ref);
  if (current) return plan(repeatAlarm(current.alarm, condition), current.version, at);
  return plan(raiseAlarm(newAlarmId(atMs), condition, at), NEW_ALARM, at);
}

/** A condition back to normal at `at`: its active alarm in the view returns to normal, if there is anything to change. */
export function decideClear(view: AlarmView, kind: AlarmKind, sourceRef: string, at: string): Plan | null {
  const current = view.active(kind, sourceRef);
  const change = current && returnToNormal(current.alarm, at);
  return change ? plan(change, current.version, at) : null;
}

/** The audit line of a planned change. */
export function entryOf(p: Plan): AuditEntry {
  return { from: p.change.from, action: p.change.action, actor: p.who.actor, actorId: p.who.actorId, at: p.at, ...p.detail };
}

/** A change planned into a batch, with how to make it again on its own if another node changed the alarm first. */
export interface Planned extends Plan {
  redo: () => Maybe<Alarm | null>;
  lost: boolean;
  resolve(alarm: Alarm | null): void;
  reject(err: unknown): void;
}

/**
 * The changes of one ingest batch: decided one after the other on the batch's own view (so a second raise
 * of a condition in the batch repeats the first), committed together in one transaction afterwards. A change
 * whose precondition no longer holds at commit is marked lost and the rest still commit.
 */
export class PlannedBatch {
  readonly view: BatchView;
  readonly planned: Planned[] = [];

  constructor(base: AlarmView) {
    this.view = new BatchView(base);
  }

  /** Adds a change (none: nothing to do); the promise settles once the batch has committed it. */
  plan(p: Plan | null, redo: () => Maybe<Alarm | null>): Promise<Alarm | null> {
    if (!p) return Promise.resolve(null);
    this.view.put(p.change.alarm, p.expected + 1);
    let resolve!: (alarm: Alarm | null) => void;
    let reject!: (err: unknown) => void;
    const promise = new Promise<Alarm | null>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // Sources leave these promises; the batch's own promise carries a failure to the caller.
    promise.catch(() => {});
    this.planned.push({ ...p, redo, lost: false, resolve, reject });
    return promise;
  }

  /** Commits every planned change in one transaction, in order; refused ones are marked lost. */
  commit(ledger: AlarmLedger): Maybe<void> {
    return ledger.transaction(() => {
      const outcomes = this.planned.map((p) =>
        attempt<unknown>(
          () => ledger.commit(p.change.alarm, entryOf(p), p.expected),
          (err) => {
            if (!(err instanceof AlarmConflict)) throw err;
            p.lost = true;
          },
        ),
      );
      return outcomes.some(isPending) ? andThen(Promise.all(outcomes), () => undefined) : undefined;
    });
  }

  /** The batch failed: none of its changes is kept. */
  fail(err: unknown): void {
    for (const p of this.planned) p.reject(err);
  }
}
