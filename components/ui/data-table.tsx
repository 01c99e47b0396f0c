'use client';

import { useVirtualizer } from '@tanstack/react-virtual';
import { type ReactNode, useMemo, useRef, useState } from 'react';
import { cx } from './cx';
import { type TableSort, nextSort, sortRows } from './table-sort';

/** One column: its header, how a row's cell is drawn, its CSS grid track and, if it sorts, by what. */
export interface DataColumn<T> {
  id: string;
  header: string;
  cell: (row: T) => ReactNode;
  width: string;
  align?: 'left' | 'right';
  /** The value the column sorts by; numbers sort high first. Without it the header does not sort. */
  sortValue?: (row: T) => number | string;
}

export interface DataTableProps<T> {
  rows: readonly T[];
  columns: readonly DataColumn<T>[];
  /** The row's id, written to `data-id`. */
  rowId: (row: T) => string;
  label: string;
  rowTestId: string;
  rowHeight?: number;
  rowClassName?: (row: T) => string | undefined;
}

const SORT_ARROWS = { asc: '▲', desc: '▼' } as const;
/** Rows drawn beyond the visible ones, so a scroll does not show blank space for a frame. */
const OVERSCAN = 4;

/**
 * A virtualized table, sortable by clicking a header: only the rows in view are in the DOM, however long the feed.
 * Rows are drawn by position, not by id: when a live feed shifts every row down, the same DOM rows take new
 * content instead of being torn down and built again several times a second.
 */
export function DataTable<T>({ rows, columns, rowId, label, rowTestId, rowHeight = 36, rowClassName }: DataTableProps<T>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [sort, setSort] = useState<TableSort>(null);
  const sortColumn = sort ? columns.find((c) => c.id === sort.columnId) : undefined;
  const shown = useMemo(() => sortRows(rows, sortColumn?.sortValue, sort?.desc ?? false), [rows, sortColumn, sort]);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read in this render only
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: OVERSCAN,
  });
  const template = columns.map((c) => c.width).join(' ');
  const alignOf = (column: DataColumn<T>) => (column.align === 'right' ? 'justify-end text-right' : 'justify-start text-left');

  return (
    <div ref={scrollRef} className="min-h-0 flex-1 overflow-auto" role="region" aria-label={label} tabIndex={0}>
      <table className="grid w-full" aria-rowcount={shown.length}>
        <thead className="sticky top-0 z-10 grid bg-panel shadow-[0_1px_0_var(--color-line)]">
          <tr className="grid" style={{ gridTemplateColumns: template }}>
            {columns.map((column) => {
              const sorted = sort?.columnId === column.id ? (sort.desc ? 'desc' : 'asc') : null;
              const numeric = column.sortValue && rows.length > 0 ? typeof column.sortValue(rows[0]) === 'number' : false;
              return (
                <th key={column.id} className="flex" aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}>
                  <button
                    type="button"
                    onClick={() => setSort((s) => nextSort(s, column.id, numeric))}
                    disabled={!column.sortValue}
                    className={cx('flex w-full items-center gap-1 px-2 py-2 text-xs font-semibold tracking-wider text-fg-muted uppercase hover:text-fg disabled:hover:text-fg-muted', alignOf(column))}
                  >
                    {column.header}
                    <span aria-hidden className="text-[10px] text-accent">
                      {sorted ? SORT_ARROWS[sorted] : ''}
                    </span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody className="relative grid" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = shown[item.index];
            return (
              <tr
                key={item.index}
                data-testid={rowTestId}
                data-id={rowId(row)}
                data-index={item.index}
                className={cx('absolute grid w-full items-center border-b border-line/60 hover:bg-raised/70', rowClassName?.(row))}
                style={{ gridTemplateColumns: template, transform: `translateY(${item.start}px)`, height: rowHeight }}
              >
                {columns.map((column) => (
                  <td key={column.id} className={cx('flex min-w-0 truncate px-2 text-sm', alignOf(column))}>
                    {column.cell(row)}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
