import { constructTable } from '@tanstack/react-table';
import { storeReactivityBindings } from '@tanstack/table-core/store-reactivity-bindings';
import { describe, expect, it } from 'vitest';
import { dataTableFeatures } from '@/components/ui/data-table-features';
import type { BetRow } from '@/lib/store/slices/bets-slice';
import { betColumns, betRowId } from './bet-columns';

const bet = (over: Partial<BetRow>): BetRow => ({
  id: 'b-1', seq: 1, ts: 0, round_id: 'r', player_id: 'u3912', game_id: 'book-of-dead', device_id: 'SLOT-A07', location_id: 'loc-main', amount: 1, currency: 'EUR', ...over,
});

const rows = [
  bet({ id: 'a', player_id: 'u10', amount: 5, game_id: 'starburst', device_id: null }),
  bet({ id: 'b', player_id: 'u9', amount: 50, location_id: 'loc-high' }),
  bet({ id: 'c', player_id: 'u100', amount: 5, game_id: null, device_id: 'SLOT-B01' }),
];

/** The bets table as the panel builds it, without React: the same features, columns and row ids. */
const features = { ...dataTableFeatures, coreReactivityFeature: storeReactivityBindings() };
function betsTable(globalFilter = '', sorting: { id: string; desc: boolean }[] = []) {
  return constructTable({ features, data: rows, columns: betColumns, getRowId: betRowId, globalFilterFn: 'includesString', state: { globalFilter, sorting } });
}
const ids = (table: ReturnType<typeof betsTable>) => table.getRowModel().rows.map((r) => r.id);

describe('bets table columns', () => {
  it('keeps each bet under its own id', () => {
    expect(ids(betsTable())).toEqual(['a', 'b', 'c']);
  });

  it('finds the filter text in player, game or device, ignoring case', () => {
    expect(ids(betsTable('U10'))).toEqual(['a', 'c']);
    expect(ids(betsTable('Dead'))).toEqual(['b']);
    expect(ids(betsTable('slot-b0'))).toEqual(['c']);
  });

  it('does not look in the time, the location or the stake', () => {
    expect(ids(betsTable('main'))).toEqual([]);
    expect(ids(betsTable('50'))).toEqual([]);
  });

  it('sorts stakes high first on the first click, text from A, ties in feed order', () => {
    const table = betsTable();
    expect(table.getColumn('amount')?.getFirstSortDir()).toBe('desc');
    expect(table.getColumn('player_id')?.getFirstSortDir()).toBe('asc');
    expect(ids(betsTable('', [{ id: 'amount', desc: true }]))).toEqual(['b', 'a', 'c']);
    expect(ids(betsTable('', [{ id: 'player_id', desc: false }]))).toEqual(['b', 'a', 'c']);
  });

  it('draws a missing game or device as a dash, sorted after the named ones', () => {
    const table = betsTable('', [{ id: 'game', desc: false }]);
    expect(table.getRowModel().rows.map((r) => r.getValue('game'))).toEqual(['book-of-dead', 'starburst', '—']);
    expect(table.getRow('a').getValue('device')).toBe('—');
  });
});
