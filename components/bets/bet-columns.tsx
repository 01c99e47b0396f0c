import { createColumnHelper } from '@tanstack/react-table';
import type { BetRow } from '@/lib/store/slices/bets-slice';
import type { DataTableFeatures } from '@/components/ui/data-table';
import { formatClock, formatMoney, locationLabel } from '@/components/ui/format';

const column = createColumnHelper<DataTableFeatures, BetRow>();

/** Columns of the live bets table; the filter box searches player, game and device. */
export const betColumns = column.columns([
  column.accessor('ts', {
    header: 'Time',
    cell: (info) => <span className="num text-fg-muted">{formatClock(info.getValue())}</span>,
    sortFn: 'basic',
    meta: { width: '4.75rem' },
  }),
  column.accessor('player_id', {
    header: 'Player',
    cell: (info) => <span className="truncate font-medium">{info.getValue()}</span>,
    meta: { width: 'minmax(4rem,0.8fr)' },
  }),
  column.accessor((row) => row.game_id ?? '—', {
    id: 'game',
    header: 'Game',
    cell: (info) => <span className="truncate">{info.getValue()}</span>,
    meta: { width: 'minmax(5rem,1.3fr)' },
  }),
  column.accessor((row) => row.device_id ?? '—', {
    id: 'device',
    header: 'Device',
    cell: (info) => <span className="num truncate text-fg-muted">{info.getValue()}</span>,
    meta: { width: '5.75rem' },
  }),
  column.accessor((row) => locationLabel(row.location_id), {
    id: 'location',
    header: 'Location',
    cell: (info) => <span className="truncate text-fg-muted">{info.getValue()}</span>,
    meta: { width: 'minmax(4rem,0.8fr)' },
  }),
  column.accessor('amount', {
    header: 'Stake',
    cell: (info) => <span className="num text-base font-semibold">{formatMoney(info.getValue(), info.row.original.currency)}</span>,
    sortFn: 'basic',
    meta: { width: '6.5rem', align: 'right' },
  }),
]);

/** Columns the filter box looks in. */
export const BET_FILTER_COLUMNS = new Set(['player_id', 'game', 'device']);
