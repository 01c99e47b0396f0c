'use client';

import { createColumnHelper, tableFeatures, useTable } from '@tanstack/react-table';
import { useMemo } from 'react';
import type { Alarm } from '@/lib/protocol';
import { cx } from '@/components/ui/cx';
import { formatSince, locationLabel } from '@/components/ui/format';
import { SeverityBadge, StateBadge } from '../alarm-badges';

const features = tableFeatures({});
const helper = createColumnHelper<typeof features, Alarm>();

const dateTime = (iso: string | null) =>
  iso ? new Date(iso).toLocaleString('en-GB', { day: '2-digit', month: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }) : '—';
const waited = (from: string, to: string | null) => (to ? formatSince(Date.parse(from), Date.parse(to)) : null);

const WIDTHS: Record<string, string> = {
  raised_at: 'w-36',
  severity: 'w-24',
  location_id: 'w-32 max-md:hidden',
  state: 'w-40',
  acked: 'w-64 max-lg:hidden',
  cleared_at: 'w-36 max-xl:hidden',
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
        helper.accessor('raised_at', { header: 'Raised', cell: (info) => <span className="num whitespace-nowrap">{dateTime(info.getValue())}</span> }),
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
              </button>
            );
          },
        }),
        helper.accessor('location_id', { header: 'Location', cell: (info) => locationLabel(info.getValue()) }),
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
        helper.accessor('cleared_at', { header: 'Cleared', cell: (info) => <span className="num whitespace-nowrap">{dateTime(info.getValue())}</span> }),
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
