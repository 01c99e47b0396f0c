import { useState } from 'react';

/**
 * `value`, or the one this component returned before while `same` holds between them: a derived array
 * recomputed on every store change keeps its identity until its content changes, so a chart's memoized
 * selectors see new data only then.
 */
export function useSteady<T>(value: T, same: (kept: T, next: T) => boolean): T {
  const [kept, setKept] = useState(value);
  if (kept === value || same(kept, value)) return kept;
  setKept(value);
  return value;
}
