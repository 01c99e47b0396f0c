'use client';

import { useEffect, useRef } from 'react';
import type { AlarmAlert } from '@/lib/store/slices/alarms-slice';
import { Button } from '@/components/ui/button';
import { BellIcon, BellOffIcon } from '@/components/ui/icons';
import { useMonitor, useMonitorActions, useMonitorStoreApi } from '@/lib/store/use-monitor';
import { ALARM_SOUND_URL, playAlarm } from './beep';

function notify({ alarm, escalations }: AlarmAlert): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  const title = escalations > 0 ? `Critical alarm still unacknowledged (escalation ${escalations})` : 'Critical alarm';
  new Notification(title, { body: alarm.message, tag: alarm.alarm_id });
}

/**
 * The opt-in for critical-alarm alerts: the alarm sound and a browser notification for every new critical
 * alarm, repeated each time one escalates because nobody acknowledged it.
 * Switching it on is the user gesture browsers require before playing sound or asking permission.
 */
export function AlertToggle() {
  const on = useMonitor((s) => s.ui.notifyOptIn);
  const { setNotifyOptIn } = useMonitorActions();
  const store = useMonitorStoreApi();
  const audio = useRef<AudioContext | null>(null);
  const sound = useRef<HTMLAudioElement | null>(null);

  useEffect(
    () =>
      store.subscribe((state, prev) => {
        if (!state.ui.notifyOptIn || state.alarms.criticalAlerts === prev.alarms.criticalAlerts) return;
        const fresh = state.alarms.criticalAlerts.filter((a) => !prev.alarms.criticalAlerts.includes(a));
        if (fresh.length === 0) return;
        playAlarm(sound.current, audio.current);
        fresh.forEach(notify);
      }),
    [store],
  );

  const toggle = async () => {
    if (on) return setNotifyOptIn(false);
    // Both made during this click, the gesture that lets the page play sound later on its own.
    audio.current ??= typeof AudioContext === 'undefined' ? null : new AudioContext();
    await audio.current?.resume();
    if (!sound.current && typeof Audio !== 'undefined') {
      sound.current = new Audio(ALARM_SOUND_URL);
      sound.current.preload = 'auto';
    }
    if (typeof Notification !== 'undefined' && Notification.permission === 'default') await Notification.requestPermission();
    setNotifyOptIn(true);
  };

  return (
    <Button
      data-testid="alert-toggle"
      size="sm"
      variant={on ? 'primary' : 'secondary'}
      aria-pressed={on}
      title={on ? 'Critical alarms beep and show a notification' : 'Beep and notify me on new and escalated critical alarms'}
      onClick={() => void toggle()}
      className="h-9"
    >
      {on ? <BellIcon /> : <BellOffIcon />}
      {on ? 'Alerts on' : 'Alerts off'}
    </Button>
  );
}
