'use client';

import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useState } from 'react';
import type { AlarmKind, AlarmState, Severity } from '@/lib/protocol';
import { Button } from '@/components/ui/button';
import { DataTableColumnToggle } from '@/components/ui/data-table';
import { Panel } from '@/components/ui/panel';
import type { AlarmQuery } from '@/lib/store/alarms-api';
import { AlarmsPageHeader } from '../alarms-page-header';
import { AlarmTimeline } from './alarm-timeline';
import { CsvExportButton } from './csv-export-button';
import { HistoryFilterBar, type HistoryFilters } from './history-filters';
import { HistoryTable, useHistoryTable } from './history-table';
import { DEFAULT_RANGE, rangeBounds } from './time-range';
import { useAlarmHistory } from './use-alarm-history';

const INITIAL: HistoryFilters = { range: DEFAULT_RANGE, state: '', severity: '', kind: '', location: '', q: '' };

function toQuery(f: HistoryFilters, now: number): AlarmQuery {
  return {
    ...rangeBounds(f.range, now),
    states: f.state ? [f.state as AlarmState] : undefined,
    severity: (f.severity || undefined) as Severity | undefined,
    kind: (f.kind || undefined) as AlarmKind | undefined,
    location_id: f.location || undefined,
    q: f.q.trim() || undefined,
  };
}

/** Alarm history and audit: every alarm of a range, filterable, a page at a time, each with its timeline; CSV export. */
export function AlarmHistoryView({ initialAlarm }: { initialAlarm?: string }) {
  const router = useRouter();
  const [filters, setFilters] = useState(INITIAL);
  const [query, setQuery] = useState<AlarmQuery>(() => toQuery(INITIAL, Date.now()));
  const [selected, setSelected] = useState<string | null>(initialAlarm ?? null);
  const history = useAlarmHistory(query);
  const table = useHistoryTable(history.rows);

  // Typing in the search waits for a pause; the range is fixed against the clock when the filters change.
  useEffect(() => {
    const timer = setTimeout(() => setQuery(toQuery(filters, Date.now())), 250);
    return () => clearTimeout(timer);
  }, [filters]);

  const select = useCallback(
    (alarmId: string) => {
      setSelected(alarmId);
      router.replace(`/alarms/history?alarm=${encodeURIComponent(alarmId)}`, { scroll: false });
    },
    [router],
  );

  const state = history.status === 'error' ? 'error' : history.rows.length > 0 ? 'ready' : history.status === 'loading' ? 'loading' : 'empty';

  return (
    <div className="flex flex-col gap-3 lg:h-full lg:min-h-0">
      <AlarmsPageHeader title="Alarm history">
        <CsvExportButton query={query} />
      </AlarmsPageHeader>
      <HistoryFilterBar filters={filters} onChange={setFilters} />
      <div className="grid gap-3 lg:min-h-0 lg:flex-1 lg:grid-cols-[minmax(0,2fr)_minmax(22rem,1fr)] lg:grid-rows-[minmax(0,1fr)]">
        <Panel
          title="Alarms"
          testId="alarm-history"
          state={state}
          emptyText="No alarm matches these filters in this range"
          errorText={history.error ?? undefined}
          actions={
            <>
              <span className="num text-sm text-fg-muted">
                {history.rows.length}
                {history.nextCursor ? '+' : ''} shown
              </span>
              <DataTableColumnToggle table={table} />
            </>
          }
          className="max-lg:max-h-[80dvh]"
        >
          <HistoryTable table={table} selectedId={selected} onSelect={select} />
          <div className="flex shrink-0 items-center justify-center gap-3 border-t border-line/60 p-3 text-sm text-fg-muted">
            {history.nextCursor ? (
              <Button size="sm" onClick={history.loadMore} disabled={history.status === 'loading'}>
                {history.status === 'loading' ? 'Loading…' : 'Load older alarms'}
              </Button>
            ) : (
              <span>End of the range</span>
            )}
          </div>
        </Panel>
        <Panel title="Timeline" testId="alarm-history-detail" state={selected ? 'ready' : 'empty'} emptyText="Pick an alarm to see who did what, and when" bodyClassName="overflow-y-auto">
          {selected ? <AlarmTimeline alarmId={selected} /> : null}
        </Panel>
      </div>
    </div>
  );
}
