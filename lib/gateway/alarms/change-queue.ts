import { type Maybe, isPending } from './maybe';

const ignore = () => {};

/**
 * Runs a node's alarm changes one at a time, in the order they were asked for, so each is decided on the
 * alarms as the previous one left them. A change that completes at once (the SQLite ledger) runs at once;
 * while one waits for its database, the next ones wait behind it.
 */
export class ChangeQueue {
  private busy: Promise<void> | null = null;

  /** Runs `task` now when nothing is waiting, else after everything asked for before it. */
  run<T>(task: () => Maybe<T>): Maybe<T> {
    const result = this.busy ? this.busy.then(task) : task();
    if (isPending(result)) this.hold(result);
    return result;
  }

  private hold(result: Promise<unknown>): void {
    const settled = result.then(ignore, ignore);
    this.busy = settled;
    void settled.then(() => {
      if (this.busy === settled) this.busy = null;
    });
  }
}
