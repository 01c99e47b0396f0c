import { dataColumnHelper } from '@/components/ui/data-table-features';
import { ClockText } from '@/components/ui/clock-text';
import { formatMoney, locationLabel } from '@/components/ui/format';
import type { BetRow } from '@/lib/store/slices/bets-slice';

const column = dataColumnHelper<BetRow>();

/**
 * Columns of the live bets table, defined once for every render (TanStack Table keys its memoized
 * column and header models on this array). The filter box searches player, game and device only.
 */
export const betColumns = column.columns([
  column.accessor('ts', {
    header: 'Time',
    sortFn: 'basic',
    enableGlobalFilter: false,
    meta: { width: '4.75rem' },
    cell: (c) => (
      <span className="num text-fg-muted">
        <ClockText ms={c.getValue()} />
      </span>
    ),
  }),
  column.accessor('player_id', {
    header: 'Player',
    sortFn: 'alphanumeric',
    meta: { width: 'minmax(4rem,0.8fr)' },
    cell: (c) => <span className="truncate font-medium">{c.getValue()}</span>,
  }),
  column.accessor((r) => r.game_id ?? '—', {
    id: 'game',
    header: 'Game',
    sortFn: 'alphanumeric',
    meta: { width: 'minmax(5rem,1.3fr)' },
    cell: (c) => <span className="truncate">{c.getValue()}</span>,
  }),
  column.accessor((r) => r.device_id ?? '—', {
    id: 'device',
    header: 'Device',
    sortFn: 'alphanumeric',
    meta: { width: '5.75rem' },
    cell: (c) => <span className="num truncate text-fg-muted">{c.getValue()}</span>,
  }),
  column.accessor((r) => locationLabel(r.location_id), {
    id: 'location',
    header: 'Location',
    sortFn: 'alphanumeric',
    enableGlobalFilter: false,
    meta: { width: 'minmax(4rem,0.8fr)' },
    cell: (c) => <span className="truncate text-fg-muted">{c.getValue()}</span>,
  }),
  column.accessor('amount', {
    header: 'Stake',
    sortFn: 'basic',
    enableGlobalFilter: false,
    meta: { width: '6.5rem', align: 'right' },
    cell: (c) => <span className="num text-base font-semibold">{formatMoney(c.getValue(), c.row.original.currency)}</span>,
  }),
]);

/** A bet's id: rows keep it across updates, so sorting and the virtualizer follow the bet, not its position. */
export const betRowId = (row: BetRow) => row.id;
