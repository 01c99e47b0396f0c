'use client';

import { useEffect, useRef, useState } from 'react';
import { FloorMap } from '@/components/floor/floor-map';
import { Button } from '@/components/ui/button';
import { AlarmDetailPane } from './alarm-detail-pane';
import { AlarmsPageHeader } from './alarms-page-header';
import { AlarmsPanel } from './alarms-panel';
import { ShortcutHelp } from './shortcut-help';
import { useAlarmConsole } from './use-alarm-console';

const typing = (target: EventTarget | null) =>
  target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;

/** The alarm console: the alarms to act on, the current one in full, and the floor they are about. */
export function AlarmsView({ initialSelected }: { initialSelected?: string }) {
  const view = useAlarmConsole(initialSelected);
  const [help, setHelp] = useState(false);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const reasonRef = useRef<HTMLInputElement>(null);
  const { select } = view;

  // A link to `/alarms?alarm=<id>` (a toast, the floor map) selects that alarm, also when already on this page.
  useEffect(() => {
    if (initialSelected) select(initialSelected);
  }, [initialSelected, select]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === '?' && !typing(e.target)) {
        e.preventDefault();
        setHelp(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const openField = (field: 'note' | 'shelve') =>
    // after the pane has drawn the newly current alarm
    requestAnimationFrame(() => (field === 'note' ? noteRef.current : reasonRef.current)?.focus());

  return (
    <div className="flex flex-col gap-3 lg:h-full lg:min-h-0">
      <AlarmsPageHeader title="Alarms">
        <Button size="sm" onClick={() => setHelp(true)} aria-haspopup="dialog" aria-keyshortcuts="?">
          Shortcuts <kbd className="font-mono text-xs text-fg-muted">?</kbd>
        </Button>
      </AlarmsPageHeader>
      <div className="grid gap-3 lg:min-h-0 lg:flex-1 lg:grid-cols-[minmax(0,2fr)_minmax(20rem,1fr)] lg:grid-rows-[minmax(0,1fr)]">
        <AlarmsPanel view={view} openField={openField} className="max-lg:h-[75dvh]" />
        {/* The selected alarm takes what it needs (up to 75 %, then it scrolls); the floor map the rest. */}
        <div className="grid min-h-0 gap-3 lg:grid-rows-[fit-content(75%)_minmax(0,1fr)]">
          <AlarmDetailPane view={view} noteRef={noteRef} reasonRef={reasonRef} />
          <FloorMap className="max-lg:h-96" />
        </div>
      </div>
      <ShortcutHelp open={help} onClose={() => setHelp(false)} />
    </div>
  );
}
