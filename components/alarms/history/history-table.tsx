'use client';

import { createColumnHelper, tableFeatures, useTable } from '@tanstack/react-table';
import { useMemo } from 'react';
import type { Alarm } from '@/lib/protocol';
import { cx } from '@/components/ui/cx';
import { formatSince, locationLabel } from '@/components/ui/format';
import { SeverityBadge, StateBadge } from '../alarm-badges';

const features = tableFeatures({});
const helper = createColumnHelper<typeof features, Alarm>();

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

const WIDTHS: Record<string, string> = {
  raised_at: 'w-24',
  severity: 'w-26 max-sm:hidden',
  state: 'w-36 max-sm:hidden',
  acked: 'w-52 max-lg:hidden',
  cleared_at: 'w-24 max-2xl:hidden',
};

interface HistoryTableProps {
  rows: Alarm[];
  selectedId: string | null;
  onSelect: (alarmId: string) => void;
}

/** The history as a table: one row per alarm, newest raised first (the API's order); a row opens its timeline. */
export function HistoryTable({ rows, selectedId, onSelect }: HistoryTableProps) {
  const columns = useMemo(
    () =>
      helper.columns([
        helper.accessor('raised_at', { header: 'Raised', cell: (info) => <When iso={info.getValue()} /> }),
        helper.accessor('severity', { header: 'Severity', cell: (info) => <SeverityBadge severity={info.getValue()} /> }),
        helper.accessor('message', {
          header: 'Alarm',
          cell: (info) => {
            const a = info.row.original;
            return (
              <button
                type="button"
                onClick={() => onSelect(a.alarm_id)}
                aria-pressed={a.alarm_id === selectedId}
                className="text-left font-medium break-words text-fg hover:text-accent hover:underline"
              >
                {info.getValue()}
                {a.count > 1 ? <span className="ml-1 text-sm font-normal text-fg-muted">×{a.count}</span> : null}
                <span className="block text-xs font-normal text-fg-muted">{locationLabel(a.location_id)}</span>
              </button>
            );
          },
        }),
        helper.accessor('state', { header: 'State', cell: (info) => <StateBadge state={info.getValue()} /> }),
        helper.display({
          id: 'acked',
          header: 'Acknowledged',
          cell: ({ row: { original: a } }) =>
            a.acked_by ? (
              <span className="break-words">
                {a.acked_by}
                <span className="text-fg-muted"> after {waited(a.raised_at, a.acked_at)}</span>
                {a.note ? <span className="block text-sm text-fg-muted">“{a.note}”</span> : null}
              </span>
            ) : (
              <span className="text-fg-muted">—</span>
            ),
        }),
        helper.accessor('cleared_at', { header: 'Cleared', cell: (info) => <When iso={info.getValue()} /> }),
      ]),
    [onSelect, selectedId],
  );
  const table = useTable({ features, columns, data: rows, getRowId: (row) => row.alarm_id });

  return (
    <table className="w-full table-fixed border-collapse text-sm" data-testid="alarm-history-table">
      <thead className="sticky top-0 z-10 bg-panel">
        {table.getHeaderGroups().map((group) => (
          <tr key={group.id} className="border-b border-line">
            {group.headers.map((header) => (
              <th key={header.id} scope="col" className={cx('px-2 py-2 text-left text-xs font-semibold tracking-wider text-fg-muted uppercase', WIDTHS[header.column.id])}>
                {header.isPlaceholder ? null : <table.FlexRender header={header} />}
              </th>
            ))}
          </tr>
        ))}
      </thead>
      <tbody>
        {table.getRowModel().rows.map((row) => (
          <tr
            key={row.id}
            data-testid="history-row"
            data-id={row.id}
            className={cx('border-b border-line/60 align-top', row.id === selectedId ? 'bg-raised shadow-[inset_3px_0_0_var(--color-accent)]' : 'hover:bg-raised/60')}
          >
            {row.getAllCells().map((cell) => (
              <td key={cell.id} className={cx('px-2 py-2', WIDTHS[cell.column.id])}>
                <table.FlexRender cell={cell} />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
