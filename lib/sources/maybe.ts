/**
 * A value now, or a promise of it. Stores in this process's memory answer at once, shared ones (Redis)
 * later; code on both paths stays synchronous until a store actually makes it wait, so the embedded
 * default applies what it receives in the same turn, as it always has.
 */
export type Maybe<T> = T | Promise<T>;

/** Whether the value has yet to arrive. */
export function isPending<T>(value: Maybe<T>): value is Promise<T> {
  return value instanceof Promise;
}

/** `fn` of the value (not named `then`: a module exporting `then` would be taken for a promise): at once when it is here, once it arrives otherwise. */
export function andThen<T, R>(value: Maybe<T>, fn: (value: T) => Maybe<R>): Maybe<R> {
  return isPending(value) ? value.then(fn) : fn(value);
}

/** Both values: at once when both are here, otherwise a promise of both. */
export function both<A, B>(a: Maybe<A>, b: Maybe<B>): Maybe<[A, B]> {
  return isPending(a) || isPending(b) ? Promise.all([a, b]) : [a, b];
}
