import type { Logger } from '../../runtime/logger';
import type { Lease } from './lease';

/** Work that must run on one node of the floor at a time: an upstream connection, a timer. */
export interface Duty {
  /** Begins the work; `token` is the lease's fencing token for this hold, for writes a store can fence. */
  start(token: number): void | Promise<void>;
  /** Ends the work; after it settles, nothing of this start publishes any more. */
  stop(): void | Promise<void>;
}

/** A duty bound to its lease. */
export interface SingleDuty {
  /** Whether the duty runs on this node now (started, and not yet told to stop). */
  readonly running: boolean;
  /** Stops the duty (waiting for it), then releases the lease so another node takes it over at its next try. */
  close(): Promise<void>;
}

/**
 * Runs `duty` while this node holds `lease`, and starts the lease. Starts and stops are serialized: the
 * duty is never started twice without a stop between, and a stop waits for the start before it. A start
 * that fails is logged and undone with `stop()`, and the lease released, so this or another node tries
 * again with a new hold. Errors of the duty are logged, never thrown.
 */
export function runSingleDuty(lease: Lease, duty: Duty, logger: Logger): SingleDuty {
  const log = logger.child({ lease: lease.name });
  let wanted: number | null = null;
  let runningToken: number | null = null;
  let failedToken: number | null = null;
  let closed = false;
  let closing: Promise<void> | null = null;
  let queue: Promise<void> = Promise.resolve();

  /** Runs a step of the duty; false when it threw or rejected (logged). */
  const attempt = async (step: 'start' | 'stop', run: () => void | Promise<void>): Promise<boolean> => {
    try {
      await run();
      return true;
    } catch (err) {
      log.error({ err }, `the duty failed to ${step}`);
      return false;
    }
  };

  /** Brings the duty to what the lease says, one step at a time, until nothing is left to change. */
  const converge = async (): Promise<void> => {
    for (;;) {
      const target = closed ? null : wanted;
      if (runningToken !== null && runningToken !== target) {
        runningToken = null;
        if (await attempt('stop', () => duty.stop())) log.info('duty stopped');
      } else if (runningToken === null && target !== null && target !== failedToken) {
        runningToken = target;
        log.info({ token: target }, 'duty starting: this node holds the lease');
        if (await attempt('start', () => duty.start(target))) continue;
        failedToken = target;
        runningToken = null;
        await attempt('stop', () => duty.stop());
        if (!closed) await lease.release().catch((err: unknown) => log.warn({ err }, 'releasing the lease after a failed start failed'));
      } else return;
    }
  };
  const settle = (): Promise<void> => (queue = queue.then(converge).catch((err: unknown) => log.error({ err }, 'the duty runner failed')));

  const unsubscribe = lease.onChange((change) => {
    wanted = change.held ? change.token : null;
    void settle();
  });
  lease.start();
  if (lease.token !== null) {
    wanted = lease.token;
    void settle();
  }

  return {
    get running() {
      return runningToken !== null;
    },
    close() {
      closed = true;
      closing ??= settle().then(async () => {
        unsubscribe();
        await lease.close().catch((err: unknown) => log.warn({ err }, 'closing the lease failed'));
      });
      return closing;
    },
  };
}
