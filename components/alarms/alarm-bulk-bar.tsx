'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import type { AlarmConsole } from './use-alarm-console';

/**
 * Bulk acknowledgement: the picked alarms, or every alarm that has already returned to normal,
 * with one note for all (one `ack` with `alarm_ids`).
 */
export function AlarmBulkBar({ view }: { view: AlarmConsole }) {
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  if (view.deniedReason) {
    return (
      <p data-testid="alarms-view-only" className="border-b border-line bg-raised/50 px-3 py-2 text-sm text-fg-muted">
        View only: {view.deniedReason}.
      </p>
    );
  }
  const picked = view.checkedOnScreen.map((a) => a.alarm_id);
  const cleared = view.groups.attention.filter((a) => a.state === 'cleared_unacked').map((a) => a.alarm_id);
  const run = async (ids: string[]) => {
    setBusy(true);
    if (await view.acknowledgeMany(ids, note)) setNote('');
    setBusy(false);
  };

  return (
    <div data-testid="alarm-bulk-bar" className="flex flex-wrap items-center gap-2 border-b border-line bg-raised/50 px-3 py-2 text-sm">
      <label className="flex min-w-56 flex-1 items-center gap-2">
        <span className="whitespace-nowrap text-fg-muted">Note for all</span>
        <input
          value={note}
          onChange={(e) => setNote(e.target.value)}
          maxLength={2000}
          placeholder="Sent with a bulk acknowledgement"
          className="h-8 min-w-0 flex-1 rounded-md border border-line-strong bg-room px-2 text-fg placeholder:text-fg-subtle"
        />
      </label>
      <Button size="sm" variant={picked.length ? 'primary' : 'secondary'} disabled={busy || picked.length === 0} onClick={() => void run(picked)}>
        Acknowledge picked ({picked.length})
      </Button>
      <Button size="sm" disabled={busy || cleared.length === 0} onClick={() => void run(cleared)} title="Every alarm that returned to normal but was never acknowledged">
        Acknowledge all cleared ({cleared.length})
      </Button>
      {picked.length ? (
        <Button size="sm" variant="ghost" onClick={view.clearChecked}>
          Unpick all
        </Button>
      ) : null}
    </div>
  );
}
