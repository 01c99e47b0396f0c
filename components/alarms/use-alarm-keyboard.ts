'use client';

import type { KeyboardEvent } from 'react';
import type { Alarm } from '@/lib/protocol';

interface AlarmKeyboard {
  alarms: readonly Alarm[];
  selectedId: string | null;
  select: (alarmId: string) => void;
  acknowledge: (alarmId: string) => void;
}

/** Arrow keys (and Home/End) move the selection through the list; `a` acknowledges the selected alarm. */
export function useAlarmKeyboard({ alarms, selectedId, select, acknowledge }: AlarmKeyboard) {
  return (event: KeyboardEvent<HTMLElement>) => {
    if (event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement) return;
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const index = alarms.findIndex((a) => a.alarm_id === selectedId);
    const move = (to: number) => {
      const next = alarms[Math.max(0, Math.min(alarms.length - 1, to))];
      if (next) select(next.alarm_id);
      event.preventDefault();
    };
    if (event.key === 'ArrowDown') move(index + 1);
    else if (event.key === 'ArrowUp') move(index < 0 ? 0 : index - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(alarms.length - 1);
    else if (event.key === 'a' && selectedId) {
      event.preventDefault();
      acknowledge(selectedId);
    }
  };
}
