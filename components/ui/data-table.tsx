'use client';

import {
  type ReactTable,
  type Row,
  columnFilteringFeature,
  createFilteredRowModel,
  createSortedRowModel,
  filterFn_includesString,
  globalFilteringFeature,
  rowSortingFeature,
  sortFn_alphanumeric,
  sortFn_basic,
  tableFeatures,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import { cx } from './cx';

/** Per-column layout: a CSS grid track and alignment. */
export interface DataColumnMeta {
  width: string;
  align?: 'left' | 'right';
}

/** The features every dashboard table uses: click-to-sort headers and one filter box over all columns. */
export const dataTableFeatures = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  sortFns: { alphanumeric: sortFn_alphanumeric, basic: sortFn_basic },
  columnFilteringFeature,
  globalFilteringFeature,
  filteredRowModel: createFilteredRowModel(),
  filterFns: { includesString: filterFn_includesString },
  columnMeta: {} as DataColumnMeta,
});
export type DataTableFeatures = typeof dataTableFeatures;

export interface DataTableProps<TData extends object, TSelected> {
  table: ReactTable<DataTableFeatures, TData, TSelected>;
  label: string;
  rowTestId: string;
  rowHeight?: number;
  rowClassName?: (row: Row<DataTableFeatures, TData>) => string | undefined;
}

const SORT_ARROWS = { asc: '▲', desc: '▼' } as const;

/** A virtualized, sortable table: only the rows in view are in the DOM, however long the feed. */
export function DataTable<TData extends object, TSelected>({ table, label, rowTestId, rowHeight = 36, rowClassName }: DataTableProps<TData, TSelected>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const rows = table.getRowModel().rows;
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read in this render only
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    getItemKey: (index) => rows[index]?.id ?? index,
    overscan: 10,
  });
  const columns = table.getAllLeafColumns();
  const template = columns.map((c) => c.columnDef.meta?.width ?? 'minmax(0,1fr)').join(' ');
  const alignOf = (meta: DataColumnMeta | undefined) => (meta?.align === 'right' ? 'justify-end text-right' : 'justify-start text-left');

  return (
    <div ref={scrollRef} className="min-h-0 flex-1 overflow-auto" role="region" aria-label={label} tabIndex={0}>
      <table className="grid w-full" aria-rowcount={rows.length}>
        <thead className="sticky top-0 z-10 grid bg-panel shadow-[0_1px_0_var(--color-line)]">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id} className="grid" style={{ gridTemplateColumns: template }}>
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                const meta = header.column.columnDef.meta;
                return (
                  <th key={header.id} className="flex" aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}>
                    <button
                      type="button"
                      onClick={header.column.getToggleSortingHandler()}
                      disabled={!header.column.getCanSort()}
                      className={cx('flex w-full items-center gap-1 px-2 py-2 text-xs font-semibold tracking-wider text-fg-muted uppercase hover:text-fg disabled:hover:text-fg-muted', alignOf(meta))}
                    >
                      <table.FlexRender header={header} />
                      <span aria-hidden className="text-[10px] text-accent">
                        {sorted ? SORT_ARROWS[sorted] : ''}
                      </span>
                    </button>
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody className="relative grid" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index];
            return (
              <tr
                key={row.id}
                data-testid={rowTestId}
                data-id={row.id}
                data-index={item.index}
                className={cx('absolute grid w-full items-center border-b border-line/60 hover:bg-raised/70', rowClassName?.(row))}
                style={{ gridTemplateColumns: template, transform: `translateY(${item.start}px)`, height: rowHeight }}
              >
                {row.getAllCells().map((cell) => (
                  <td key={cell.id} className={cx('flex min-w-0 truncate px-2 text-sm', alignOf(cell.column.columnDef.meta))}>
                    <table.FlexRender cell={cell} />
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
