'use client';

import type { KeyboardEvent } from 'react';
import type { Alarm } from '@/lib/protocol';

interface AlarmKeyboard {
  order: readonly Alarm[];
  /** Makes an alarm current and moves focus to its row. */
  focusRow: (alarmId: string) => void;
  acknowledge: (alarmId: string) => void;
  unshelve: (alarmId: string) => void;
  check: (alarmId: string, range: boolean) => void;
  /** Makes the alarm current and puts the cursor in its note (`n`) or shelve reason (`s`). */
  openField: (alarmId: string, field: 'note' | 'shelve') => void;
}

/** The alarm whose row holds the focus: keys act on it, whatever was selected before. */
function focusedAlarmId(event: KeyboardEvent<HTMLElement>): string | null {
  const row = (event.target as HTMLElement).closest<HTMLElement>('[role="row"][data-id]');
  return row?.dataset.id ?? null;
}

/**
 * Keys of the alarm grid (listed in the shortcut help): arrows, Home and End move between rows;
 * `a` acknowledges, `u` unshelves, `x` or Space picks for a bulk acknowledgement, `n` and `s` open
 * the note and shelving of the focused row.
 */
export function useAlarmKeyboard({ order, focusRow, acknowledge, unshelve, check, openField }: AlarmKeyboard) {
  return (event: KeyboardEvent<HTMLElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const id = focusedAlarmId(event);
    if (!id) return;
    const index = order.findIndex((a) => a.alarm_id === id);
    const move = (to: number) => {
      const next = order[Math.max(0, Math.min(order.length - 1, to))];
      if (next) focusRow(next.alarm_id);
    };
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(index + 1),
      ArrowUp: () => move(index - 1),
      Home: () => move(0),
      End: () => move(order.length - 1),
      PageDown: () => move(index + 10),
      PageUp: () => move(index - 10),
      a: () => acknowledge(id),
      u: () => unshelve(id),
      x: () => check(id, event.shiftKey),
      ' ': () => check(id, event.shiftKey),
      n: () => openField(id, 'note'),
      s: () => openField(id, 'shelve'),
    };
    const run = keys[event.key];
    if (!run) return;
    event.preventDefault();
    run();
  };
}
