'use client';

import { type ReactNode, createContext, useCallback, useContext, useEffect, useMemo } from 'react';
import type { Alarm } from '@/lib/protocol';
import { DataTable, type DataTableInstance, useDataTable } from '@/components/ui/data-table';
import { dataColumnHelper } from '@/components/ui/data-table-features';
import { formatSince, locationLabel } from '@/components/ui/format';
import { SeverityBadge, StateBadge } from '../alarm-badges';
import { SEVERITY_RANK, STATE_RANK } from '../sort-alarms';

/** Time of day, with the date beneath it (a shift crosses midnight). */
function When({ iso }: { iso: string | null }) {
  if (!iso) return <span className="text-fg-muted">—</span>;
  const d = new Date(iso);
  return (
    <span className="num block">
      {d.toLocaleTimeString('en-GB', { hour12: false })}
      <span className="block text-xs text-fg-muted">{d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short' })}</span>
    </span>
  );
}
const waited = (from: string, to: string | null) => (to ? formatSince(Date.parse(from), Date.parse(to)) : null);

/** The selected alarm and how to select one: the message cells read it, so the columns stay defined once. */
interface HistorySelection {
  selectedId: string | null;
  onSelect: (alarmId: string) => void;
}
const SelectionContext = createContext<HistorySelection>({ selectedId: null, onSelect: () => {} });

/** The alarm's message, a button that opens its timeline. */
function MessageCell({ alarm }: { alarm: Alarm }) {
  const { selectedId, onSelect } = useContext(SelectionContext);
  return (
    <button
      type="button"
      onClick={() => onSelect(alarm.alarm_id)}
      aria-pressed={alarm.alarm_id === selectedId}
      className="text-left font-medium break-words text-fg hover:text-accent hover:underline"
    >
      {alarm.message}
      {alarm.count > 1 ? <span className="ml-1 text-sm font-normal text-fg-muted">×{alarm.count}</span> : null}
      <span className="block text-xs font-normal text-fg-muted">{locationLabel(alarm.location_id)}</span>
    </button>
  );
}

function AckedCell({ alarm: a }: { alarm: Alarm }) {
  if (!a.acked_by) return <span className="text-fg-muted">—</span>;
  return (
    <span className="break-words">
      {a.acked_by}
      <span className="text-fg-muted"> after {waited(a.raised_at, a.acked_at)}</span>
      {a.note ? <span className="block text-sm text-fg-muted">“{a.note}”</span> : null}
    </span>
  );
}

const column = dataColumnHelper<Alarm>();

/** A badge column that sorts by `rank`, most urgent (rank 0) first on the first click. */
function rankColumn<K extends 'severity' | 'state'>(id: K, header: string, rank: Record<Alarm[K], number>, width: string, badge: (value: Alarm[K]) => ReactNode) {
  return column.accessor((a) => rank[a[id]], { id, header, sortFn: 'basic', sortDescFirst: false, meta: { width }, cell: (c) => badge(c.row.original[id]) });
}

/**
 * Columns of the history, defined once. A header click sorts the loaded alarms (severity most severe first,
 * state in lifecycle order); which alarms are loaded is the filters' and the API's (newest raised first).
 */
export const historyColumns = column.columns([
  column.accessor('raised_at', { header: 'Raised', sortFn: 'basic', meta: { width: '6.5rem' }, cell: (c) => <When iso={c.getValue()} /> }),
  rankColumn('severity', 'Severity', SEVERITY_RANK, '6.75rem', (severity) => <SeverityBadge severity={severity} />),
  column.accessor('message', {
    header: 'Alarm',
    sortFn: 'alphanumeric',
    meta: { width: 'minmax(12rem,2fr)', wrap: true },
    cell: (c) => <MessageCell alarm={c.row.original} />,
  }),
  rankColumn('state', 'State', STATE_RANK, '10.75rem', (state) => <StateBadge state={state} />),
  column.accessor((a) => a.acked_by ?? '', {
    id: 'acked',
    header: 'Acknowledged',
    sortFn: 'alphanumeric',
    meta: { width: 'minmax(10rem,1.5fr)', wrap: true },
    cell: (c) => <AckedCell alarm={c.row.original} />,
  }),
  column.accessor((a) => a.cleared_at ?? '', { id: 'cleared_at', header: 'Cleared', sortFn: 'basic', meta: { width: '6.5rem' }, cell: (c) => <When iso={c.row.original.cleared_at} /> }),
]);

export const historyRowId = (a: Alarm) => a.alarm_id;

/** Columns a narrower screen starts without, widest rule first (the column menu brings them back). */
const NARROW_HIDDEN: readonly [query: string, columns: readonly string[]][] = [
  ['(max-width: 639px)', ['severity', 'state', 'acked', 'cleared_at']],
  ['(max-width: 1023px)', ['acked', 'cleared_at']],
];

/**
 * The history's table over the alarms loaded so far; its owner puts the column menu where it likes. On a
 * narrow screen it starts with fewer columns, set once mounted so the server's HTML and hydration agree.
 */
export function useHistoryTable(rows: readonly Alarm[]): DataTableInstance<Alarm> {
  const table = useDataTable({ data: rows, columns: historyColumns, getRowId: historyRowId });
  useEffect(() => {
    const hidden = NARROW_HIDDEN.find(([query]) => window.matchMedia(query).matches)?.[1];
    if (hidden) table.setColumnVisibility(Object.fromEntries(hidden.map((id) => [id, false])));
  }, [table]);
  return table;
}

const SELECTED_ROW = 'bg-raised shadow-[inset_3px_0_0_var(--color-accent)]';

interface HistoryTableProps extends HistorySelection {
  table: DataTableInstance<Alarm>;
}

/** The history as a virtualized table: one row per alarm, as tall as its message and note; a row's message opens its timeline. */
export function HistoryTable({ table, selectedId, onSelect }: HistoryTableProps) {
  const selection = useMemo(() => ({ selectedId, onSelect }), [selectedId, onSelect]);
  const rowClassName = useCallback((a: Alarm) => (a.alarm_id === selectedId ? SELECTED_ROW : undefined), [selectedId]);
  return (
    <SelectionContext value={selection}>
      <DataTable table={table} label="Alarm history" rowTestId="history-row" rowHeight={60} measureRows rowClassName={rowClassName} />
    </SelectionContext>
  );
}
