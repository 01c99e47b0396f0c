import type { DataColumn } from '@/components/ui/data-table';
import { formatClock, formatMoney, locationLabel } from '@/components/ui/format';
import type { BetRow } from '@/lib/store/slices/bets-slice';

const game = (row: BetRow) => row.game_id ?? '—';
const device = (row: BetRow) => row.device_id ?? '—';

/** Columns of the live bets table. */
export const betColumns: DataColumn<BetRow>[] = [
  { id: 'ts', header: 'Time', width: '4.75rem', sortValue: (r) => r.ts, cell: (r) => <span className="num text-fg-muted">{formatClock(r.ts)}</span> },
  { id: 'player_id', header: 'Player', width: 'minmax(4rem,0.8fr)', sortValue: (r) => r.player_id, cell: (r) => <span className="truncate font-medium">{r.player_id}</span> },
  { id: 'game', header: 'Game', width: 'minmax(5rem,1.3fr)', sortValue: game, cell: (r) => <span className="truncate">{game(r)}</span> },
  { id: 'device', header: 'Device', width: '5.75rem', sortValue: device, cell: (r) => <span className="num truncate text-fg-muted">{device(r)}</span> },
  {
    id: 'location',
    header: 'Location',
    width: 'minmax(4rem,0.8fr)',
    sortValue: (r) => locationLabel(r.location_id),
    cell: (r) => <span className="truncate text-fg-muted">{locationLabel(r.location_id)}</span>,
  },
  {
    id: 'amount',
    header: 'Stake',
    width: '6.5rem',
    align: 'right',
    sortValue: (r) => r.amount,
    cell: (r) => <span className="num text-base font-semibold">{formatMoney(r.amount, r.currency)}</span>,
  },
];

/** Whether a bet matches the filter box: player, game or device contains the text, ignoring case. */
export function matchesBetFilter(row: BetRow, filter: string): boolean {
  const needle = filter.trim().toLowerCase();
  if (!needle) return true;
  return [row.player_id, game(row), device(row)].some((v) => v.toLowerCase().includes(needle));
}
