'use client';

import { type ReactTable, type RowData, useTable } from '@tanstack/react-table';
import { type Virtualizer, useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import { cx } from './cx';
import { type DataColumn, type DataTableFeatures, dataTableFeatures } from './data-table-features';

/** A dashboard data table: TanStack Table with the dashboard's features, over rows of `T`. */
export type DataTableInstance<T extends RowData> = ReactTable<DataTableFeatures, T, Record<string, never>>;

export interface DataTableOptions<T extends RowData> {
  /** The rows, newest first for a feed. Change the array at most once per store flush: every new array rebuilds the row models. */
  data: readonly T[];
  /** Defined once, outside the component: a new array rebuilds every column and header. */
  columns: readonly DataColumn<T>[];
  /** A row's stable id: rows, sorting and the `data-id` attribute follow it. */
  getRowId: (row: T) => string;
  /** Text matched (ignoring case) against the columns that allow the global filter. */
  globalFilter?: string;
}

const NO_STATE = (): Record<string, never> => ({});

/**
 * A TanStack Table instance for `DataTable`. The component that owns it subscribes to none of the
 * table's state: sorting and column visibility re-render only the parts of the table that show them
 * (`table.Subscribe`), and the owner re-renders only when its own props (data, filter) change.
 */
export function useDataTable<T extends RowData>({ data, columns, getRowId, globalFilter = '' }: DataTableOptions<T>): DataTableInstance<T> {
  return useTable(
    {
      features: dataTableFeatures,
      data,
      columns: columns as DataColumn<T>[],
      getRowId,
      globalFilterFn: 'includesString',
      state: { globalFilter },
    },
    NO_STATE,
  );
}

interface DataTableProps<T extends RowData> {
  table: DataTableInstance<T>;
  label: string;
  rowTestId: string;
  /** A row's height; with `measureRows`, the estimate for rows not yet drawn. */
  rowHeight?: number;
  /** Rows as tall as their content (columns that `wrap`), measured as they are drawn; else each is `rowHeight` tall. */
  measureRows?: boolean;
  rowClassName?: (row: T) => string | undefined;
}

const SORT_ARROWS = { asc: '▲', desc: '▼' } as const;
/** Rows drawn beyond the visible ones, so a scroll does not show blank space for a frame. */
const OVERSCAN = 4;

/** Rows a table draws before it knows its height. */
const FIRST_SCREEN_ROWS = 24;

const alignOf = (align: 'left' | 'right' | undefined) => (align === 'right' ? 'justify-end text-right' : 'justify-start text-left');

/**
 * A virtualized table over TanStack Table's final row model (filtered, then sorted): only the rows in
 * view are in the DOM, however long the feed; a header click sorts. Rows are laid out on a CSS grid whose
 * tracks come from each column's `meta.width`.
 */
export function DataTable<T extends RowData>({ table, label, rowTestId, rowHeight = 36, measureRows = false, rowClassName }: DataTableProps<T>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // Here, beside the scroll box it measures: its layout effect runs after the box's ref is set.
  // The owner re-renders on every new `data` and filter, so the count is the final row model's.
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read in this render only
  const virtualizer = useVirtualizer({
    count: table.getRowModel().rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: OVERSCAN,
    // Before the box is measured (a page rendered on the server with rows, and its hydration), a first
    // screen's worth; the same on both sides, so hydration finds the rows the server drew.
    initialRect: { width: 0, height: rowHeight * FIRST_SCREEN_ROWS },
  });
  return (
    <div ref={scrollRef} className="min-h-0 flex-1 overflow-auto" role="region" aria-label={label} tabIndex={0}>
      <table.Subscribe selector={(s) => ({ sorting: s.sorting, columnVisibility: s.columnVisibility, globalFilter: s.globalFilter })}>
        {() => {
          const template = gridTemplate(table);
          return (
            <table className="grid w-full" aria-rowcount={table.getRowModel().rows.length}>
              <DataTableHead table={table} template={template} />
              <DataTableBody
                table={table}
                template={template}
                virtualizer={virtualizer}
                rowTestId={rowTestId}
                rowHeight={measureRows ? null : rowHeight}
                rowClassName={rowClassName}
              />
            </table>
          );
        }}
      </table.Subscribe>
    </div>
  );
}

function gridTemplate<T extends RowData>(table: DataTableInstance<T>): string {
  return table
    .getVisibleLeafColumns()
    .map((c) => c.columnDef.meta?.width ?? '1fr')
    .join(' ');
}

function DataTableHead<T extends RowData>({ table, template }: { table: DataTableInstance<T>; template: string }) {
  return (
    <thead className="sticky top-0 z-10 grid bg-panel shadow-[0_1px_0_var(--color-line)]">
      {table.getHeaderGroups().map((group) => (
        <tr key={group.id} className="grid" style={{ gridTemplateColumns: template }}>
          {group.headers.map((header) => {
            const sorted = header.column.getIsSorted();
            return (
              <th key={header.id} className="flex" aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}>
                <button
                  type="button"
                  onClick={header.column.getToggleSortingHandler()}
                  disabled={!header.column.getCanSort()}
                  className={cx(
                    'flex w-full items-center gap-1 px-2 py-2 text-xs font-semibold tracking-wider text-fg-muted uppercase hover:text-fg disabled:hover:text-fg-muted',
                    alignOf(header.column.columnDef.meta?.align),
                  )}
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
  );
}

interface DataTableBodyProps<T extends RowData> {
  table: DataTableInstance<T>;
  template: string;
  virtualizer: Virtualizer<HTMLDivElement, Element>;
  rowTestId: string;
  /** Every row's height, or null for rows as tall as their content, measured by the virtualizer. */
  rowHeight: number | null;
  rowClassName?: (row: T) => string | undefined;
}

/**
 * Rows are keyed by position, not by id: when a live feed shifts every row down, the same DOM rows take
 * new content instead of being torn down and built again several times a second.
 */
function DataTableBody<T extends RowData>({ table, template, virtualizer, rowTestId, rowHeight, rowClassName }: DataTableBodyProps<T>) {
  const rows = table.getRowModel().rows;
  const measured = rowHeight === null;
  return (
    <tbody className="relative grid" style={{ height: virtualizer.getTotalSize() }}>
      {virtualizer.getVirtualItems().map((item) => {
        const row = rows[item.index];
        if (!row) return null;
        return (
          <tr
            key={item.index}
            ref={measured ? virtualizer.measureElement : undefined}
            data-testid={rowTestId}
            data-id={row.id}
            data-index={item.index}
            className={cx(
              'absolute grid w-full border-b border-line/60 hover:bg-raised/70',
              measured ? 'items-start' : 'items-center',
              rowClassName?.(row.original),
            )}
            style={{ gridTemplateColumns: template, transform: `translateY(${item.start}px)`, height: rowHeight ?? undefined }}
          >
            {row.getVisibleCells().map((cell) => {
              const meta = cell.column.columnDef.meta;
              return (
                <td key={cell.column.id} className={cx('min-w-0 px-2 text-sm', measured && 'py-2', meta?.wrap ? 'block break-words' : 'flex truncate', alignOf(meta?.align))}>
                  <table.FlexRender cell={cell} />
                </td>
              );
            })}
          </tr>
        );
      })}
    </tbody>
  );
}

/** A menu of the table's columns, each with a checkbox that shows or hides it. */
export function DataTableColumnToggle<T extends RowData>({ table }: { table: DataTableInstance<T> }) {
  return (
    <details className="relative">
      <summary className="flex h-8 cursor-pointer list-none items-center rounded-md border border-line-strong px-2 text-xs text-fg-muted hover:text-fg">Columns</summary>
      <table.Subscribe selector={(s) => s.columnVisibility}>
        {() => (
          <fieldset className="absolute right-0 z-20 mt-1 grid gap-1 rounded-md border border-line-strong bg-raised p-2 text-sm shadow-lg">
            <legend className="sr-only">Shown columns</legend>
            {table.getAllLeafColumns().map((column) => (
              <label key={column.id} className="flex items-center gap-2 whitespace-nowrap">
                <input type="checkbox" checked={column.getIsVisible()} disabled={!column.getCanHide()} onChange={column.getToggleVisibilityHandler()} />
                {typeof column.columnDef.header === 'string' ? column.columnDef.header : column.id}
              </label>
            ))}
          </fieldset>
        )}
      </table.Subscribe>
    </details>
  );
}
