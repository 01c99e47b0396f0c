import { constructTable } from '@tanstack/react-table';
import { storeReactivityBindings } from '@tanstack/table-core/store-reactivity-bindings';
import { describe, expect, it } from 'vitest';
import { dataTableFeatures } from '@/components/ui/data-table-features';
import type { Alarm } from '@/lib/protocol';
import { historyColumns, historyRowId } from './history-table';

const alarm = (id: string, patch: Partial<Alarm>): Alarm => ({
  alarm_id: id, kind: 'device_offline', severity: 'medium', state: 'unacked', shelved_until: null, source_ref: id, location_id: null,
  message: id, count: 1, raised_at: '2026-01-01T10:00:00Z', acked_at: null, acked_by: null, cleared_at: null, note: null, ...patch,
});

// The API's order: newest raised first.
const rows = [
  alarm('a', { message: 'Terminal SLOT-A07 offline', raised_at: '2026-01-01T10:30:00Z', severity: 'low', state: 'cleared', acked_by: 'Hana', cleared_at: '2026-01-01T10:40:00Z' }),
  alarm('b', { message: 'Payout over limit at Table 4', raised_at: '2026-01-01T10:20:00Z', severity: 'critical', state: 'acked', acked_by: 'Ari' }),
  alarm('c', { message: 'Jackpot controller silent', raised_at: '2026-01-01T10:10:00Z', severity: 'high', state: 'unacked' }),
];

/** The history table as the view builds it, without React: the same features, columns and row ids. */
const features = { ...dataTableFeatures, coreReactivityFeature: storeReactivityBindings() };
function historyTable(sorting: { id: string; desc: boolean }[] = [], columnVisibility: Record<string, boolean> = {}) {
  return constructTable({ features, data: rows, columns: historyColumns, getRowId: historyRowId, state: { sorting, columnVisibility } });
}
const ids = (table: ReturnType<typeof historyTable>) => table.getRowModel().rows.map((r) => r.id);

describe('alarm history table columns', () => {
  it('keeps the API order (newest raised first) until a header sorts, each alarm under its own id', () => {
    expect(ids(historyTable())).toEqual(['a', 'b', 'c']);
  });

  it('sorts severity and state most urgent first on the first click', () => {
    const table = historyTable();
    expect(table.getColumn('severity')?.getFirstSortDir()).toBe('asc');
    expect(table.getColumn('state')?.getFirstSortDir()).toBe('asc');
    expect(ids(historyTable([{ id: 'severity', desc: false }]))).toEqual(['b', 'c', 'a']);
    expect(ids(historyTable([{ id: 'state', desc: false }]))).toEqual(['c', 'b', 'a']);
  });

  it('sorts by when an alarm was raised or cleared, and by message, who acked it', () => {
    expect(ids(historyTable([{ id: 'raised_at', desc: false }]))).toEqual(['c', 'b', 'a']);
    expect(ids(historyTable([{ id: 'message', desc: false }]))).toEqual(['c', 'b', 'a']);
    expect(ids(historyTable([{ id: 'acked', desc: false }]))).toEqual(['c', 'b', 'a']);
    expect(ids(historyTable([{ id: 'cleared_at', desc: true }]))).toEqual(['a', 'b', 'c']);
  });

  it('hides a column from the menu, and the message column wraps', () => {
    const table = historyTable([], { acked: false });
    expect(table.getVisibleLeafColumns().map((c) => c.id)).toEqual(['raised_at', 'severity', 'message', 'state', 'cleared_at']);
    expect(table.getColumn('message')?.columnDef.meta?.wrap).toBe(true);
  });
});
