'use client';

import { useEffect, useRef } from 'react';
import { Badge } from '@/components/ui/badge';
import { Panel } from '@/components/ui/panel';
import { useMonitor } from '@/lib/store/use-monitor';
import { usePanelState } from '@/lib/store/use-panel-state';
import { AlarmBulkBar } from './alarm-bulk-bar';
import { AlarmRow } from './alarm-row';
import { SECTIONS } from './alarm-sections';
import type { AlarmConsole } from './use-alarm-console';
import { useAlarmKeyboard } from './use-alarm-keyboard';

const EMPTY_TEXT: Record<(typeof SECTIONS)[number]['id'], string | null> = {
  attention: 'Nothing waits for acknowledgement',
  acked: null,
  shelved: null,
};

interface AlarmsPanelProps {
  view: AlarmConsole;
  /** Puts the cursor in the detail pane's note or shelve reason. */
  openField: (field: 'note' | 'shelve') => void;
  className?: string;
}

/**
 * Every open alarm as one grid in three sections (needs acknowledgement, acknowledged, shelved).
 * The current row is the grid's only tab stop; the buttons and boxes inside rows are reached by
 * pointer, and by the row's keys from the keyboard.
 */
export function AlarmsPanel({ view: c, openField, className }: AlarmsPanelProps) {
  const { groups, order, currentId, now, notes, checked, deniedReason } = c;
  const escalated = useMonitor((s) => s.alarms.escalations);
  const { state, stale } = usePanelState(['alerts'], order.length > 0);
  const grid = useRef<HTMLDivElement>(null);
  const focusWanted = useRef(false);

  const focusRow = (alarmId: string) => {
    focusWanted.current = true;
    c.select(alarmId);
  };
  // Focus follows the current row when the keys moved it, or when an ack moved it on from the focused row.
  const gridHasFocus = () => Boolean(grid.current?.contains(document.activeElement));
  useEffect(() => {
    if (!currentId) return;
    const row = document.getElementById(`alarm-${currentId}`);
    if (focusWanted.current || gridHasFocus()) row?.focus({ preventScroll: true });
    focusWanted.current = false;
    row?.scrollIntoView({ block: 'nearest' });
  }, [currentId]);

  const onKeyDown = useAlarmKeyboard({
    order,
    focusRow,
    acknowledge: c.acknowledge,
    unshelve: c.unshelve,
    check: (id, range) => !deniedReason && c.check(id, range),
    openField: (id, field) => {
      c.select(id);
      openField(field);
    },
  });

  const waiting = groups.attention.length;
  const critical = groups.attention.filter((a) => a.severity === 'critical').length;
  const escalatedCount = groups.attention.filter((a) => escalated[a.alarm_id]).length;

  return (
    <Panel
      title="Open alarms"
      testId="alarms-panel"
      state={state}
      stale={stale}
      emptyText="No open alarms — the floor is quiet"
      className={className}
      actions={
        <>
          <Badge tone={critical ? 'crit' : 'neutral'} data-testid="count-critical">
            {critical} critical
          </Badge>
          <Badge tone={waiting ? 'warn' : 'neutral'} data-testid="count-unacked">
            {waiting} unacked
          </Badge>
          {escalatedCount ? <Badge tone="crit">{escalatedCount} escalated</Badge> : null}
          <Badge data-testid="count-shelved">{groups.shelved.length} shelved</Badge>
        </>
      }
    >
      <AlarmBulkBar view={c} />
      <div ref={grid} role="grid" aria-label="Open alarms" aria-describedby="alarm-keys-hint" onKeyDown={onKeyDown} className="min-h-0 flex-1 overflow-y-auto">
        {SECTIONS.map((section) => {
          const rows = groups[section.id];
          if (rows.length === 0 && !EMPTY_TEXT[section.id]) return null;
          return (
            <div role="rowgroup" key={section.id} data-testid={`alarm-section-${section.id}`}>
              <div role="row" className="sticky top-0 z-10 border-b border-line bg-panel/95 px-3 py-1.5 backdrop-blur">
                <span role="columnheader" className="text-xs font-semibold tracking-wider text-fg-muted uppercase">
                  {section.title} · {rows.length}
                </span>
              </div>
              {rows.length === 0 ? (
                <div role="row">
                  <span role="gridcell" className="block px-3 py-3 text-sm text-fg-muted">
                    {EMPTY_TEXT[section.id]}
                  </span>
                </div>
              ) : (
                rows.map((a) => (
                    <AlarmRow
                      key={a.alarm_id}
                      alarm={a}
                      now={now}
                      shelved={section.id === 'shelved'}
                      current={a.alarm_id === currentId}
                      checked={checked.has(a.alarm_id)}
                      hasDraft={Boolean(notes[a.alarm_id]?.trim())}
                      deniedReason={deniedReason}
                      onSelect={c.select}
                      onCheck={c.check}
                      onAcknowledge={c.acknowledge}
                      onUnshelve={c.unshelve}
                    />
                ))
              )}
            </div>
          );
        })}
      </div>
      <p id="alarm-keys-hint" className="border-t border-line px-3 py-1.5 text-xs text-fg-muted">
        ↑ ↓ move · a acknowledge · x pick · n note · s shelve · u unshelve · ? all shortcuts
      </p>
    </Panel>
  );
}
