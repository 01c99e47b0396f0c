/**
 * A value now, or a promise of it. The embedded SQLite ledger answers at once and a networked one with
 * promises; the alarm service chains both through these helpers, so on SQLite every change still
 * commits, mirrors and publishes in one synchronous step, as it did before PostgreSQL was an option.
 */
export type Maybe<T> = T | Promise<T>;

/** Whether an answer is still on its way. */
export function isPending<T>(value: Maybe<T>): value is Promise<T> {
  return value instanceof Promise;
}

/** Runs `next` with the value: at once when there is one, else once the promise resolves. */
export function andThen<T, R>(value: Maybe<T>, next: (value: T) => Maybe<R>): Maybe<R> {
  return isPending(value) ? value.then(next) : next(value);
}

/** Runs `work`, handing a failure (thrown now or rejected later) to `recover`. */
export function attempt<T>(work: () => Maybe<T>, recover: (err: unknown) => Maybe<T>): Maybe<T> {
  let result: Maybe<T>;
  try {
    result = work();
  } catch (err) {
    return recover(err);
  }
  return isPending(result) ? result.catch(recover) : result;
}

/** The answer as a promise, a synchronous failure included. */
export function settle<T>(work: () => Maybe<T>): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (err) {
    return Promise.reject(err);
  }
}
