/**
 * An engine as a conformance suite sees it: every method, nested ones included, may answer now or with a
 * promise. The suites await each call, so a networked implementation of the same interface passes them unchanged.
 */
export type Eventually<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => R | Promise<R> : T[K] extends object ? Eventually<T[K]> : T[K];
};
