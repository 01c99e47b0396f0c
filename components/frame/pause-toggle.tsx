'use client';

import { Button } from '@/components/ui/button';
import { PauseIcon, PlayIcon } from '@/components/ui/icons';
import { useMonitor, useMonitorActions } from '@/lib/store/use-monitor';

/** Freezes the live feeds for reading; alarms, pots and KPIs stay live. */
export function PauseToggle() {
  const paused = useMonitor((s) => s.ui.paused);
  const { setPaused } = useMonitorActions();
  return (
    <Button
      data-testid="pause-toggle"
      size="sm"
      variant={paused ? 'primary' : 'secondary'}
      aria-pressed={paused}
      title={paused ? 'Show the bets and wins that arrived while paused' : 'Freeze the bets and wins feeds to read them'}
      onClick={() => setPaused(!paused)}
      className="h-9"
    >
      {paused ? <PlayIcon /> : <PauseIcon />}
      {paused ? 'Resume feeds' : 'Pause feeds'}
    </Button>
  );
}
