'use client';

import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { DataTable, DataTableColumnToggle, useDataTable } from '@/components/ui/data-table';
import { Panel } from '@/components/ui/panel';
import { usePanelState } from '@/lib/store/use-panel-state';
import { betColumns, betRowId } from './bet-columns';
import { useVisibleBets } from './use-visible-bets';

/** The live bets feed: newest first, bounded, sortable, filterable by player, game or device. */
export function BetsPanel({ className }: { className?: string }) {
  const { rows, held } = useVisibleBets();
  const [filter, setFilter] = useState('');
  const { state, stale } = usePanelState(['game'], rows.length > 0);
  // The feed's own array goes to the table as is: it changes once per store flush, never per render.
  const table = useDataTable({ data: rows, columns: betColumns, getRowId: betRowId, globalFilter: filter.trim() });
  const shown = table.getRowModel().rows.length;

  return (
    <Panel
      title="Live bets"
      testId="bets-panel"
      state={state}
      stale={stale}
      emptyText="No bets yet at this location"
      className={className}
      actions={
        <>
          {held > 0 ? <Badge tone="warn">{held} new while paused</Badge> : null}
          <span className="num text-xs text-fg-subtle" aria-live="off">
            {shown} shown
          </span>
          <input
            type="search"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            placeholder="Filter player, game, device"
            aria-label="Filter bets by player, game or device"
            className="h-8 w-52 rounded-md border border-line-strong bg-room px-2 text-sm text-fg placeholder:text-fg-subtle"
          />
          <DataTableColumnToggle table={table} />
        </>
      }
    >
      <DataTable table={table} label="Live bets" rowTestId="bet-row" rowHeight={34} />
    </Panel>
  );
}
