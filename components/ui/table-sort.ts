/** A table's sort: a column and a direction, or none (the feed's own order). */
export type TableSort = { columnId: string; desc: boolean } | null;

/**
 * The sort after a click on a column header: numbers start high, text starts at A; a second
 * click reverses, a third returns to the feed's order.
 */
export function nextSort(current: TableSort, columnId: string, numeric: boolean): TableSort {
  if (current?.columnId !== columnId) return { columnId, desc: numeric };
  if (current.desc === numeric) return { columnId, desc: !numeric };
  return null;
}

/** The rows in `value` order (stable); the same array when nothing is sorted. */
export function sortRows<T>(rows: readonly T[], value: ((row: T) => number | string) | undefined, desc: boolean): readonly T[] {
  if (!value) return rows;
  const keyed = rows.map((row, i) => ({ row, i, v: value(row) }));
  keyed.sort((a, b) => {
    const c = typeof a.v === 'number' && typeof b.v === 'number' ? a.v - b.v : String(a.v).localeCompare(String(b.v), 'en', { numeric: true });
    return (desc ? -c : c) || a.i - b.i;
  });
  return keyed.map((k) => k.row);
}
