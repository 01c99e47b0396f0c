'use client';

import { type RefObject, useState } from 'react';
import type { Alarm } from '@/lib/protocol';
import { Button } from '@/components/ui/button';

/** Shelving times offered; ISA-18.2 wants every shelf to expire. */
export const SHELVE_CHOICES = [
  { minutes: 15, label: '15 min' },
  { minutes: 60, label: '1 hour' },
  { minutes: 240, label: '4 hours' },
  { minutes: 480, label: '8 hours' },
] as const;

const COMMON_REASONS = ['Technician on the way', 'Known fault, repair booked', 'Device out of service', 'Nuisance alarm, reported to engineering'];

interface AlarmShelveFormProps {
  alarm: Alarm;
  denied: string | null;
  reasonRef: RefObject<HTMLInputElement | null>;
  onShelve: (alarm: Alarm, minutes: number, reason: string) => Promise<boolean>;
}

/** Shelve one alarm for a while, with the reason ISA-18.2 requires (kept in its audit trail). */
export function AlarmShelveForm({ alarm, denied, reasonRef, onShelve }: AlarmShelveFormProps) {
  const [reason, setReason] = useState('');
  const [minutes, setMinutes] = useState<number>(60);
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="flex flex-col gap-1.5 border-t border-line pt-2.5"
      aria-label="Shelve this alarm"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!reason.trim()) return;
        setBusy(true);
        if (await onShelve(alarm, minutes, reason.trim())) setReason('');
        setBusy(false);
      }}
    >
      <label htmlFor="shelve-reason" className="text-sm text-fg-muted">
        Shelve: reason (required)
      </label>
      <input
        id="shelve-reason"
        ref={reasonRef}
        required
        list="shelve-reasons"
        value={reason}
        disabled={Boolean(denied)}
        onChange={(e) => setReason(e.target.value)}
        maxLength={500}
        placeholder="Why it may be hidden for a while"
        className="h-8 rounded-md border border-line-strong bg-room px-2 text-fg placeholder:text-fg-subtle"
      />
      <datalist id="shelve-reasons">
        {COMMON_REASONS.map((r) => (
          <option key={r} value={r} />
        ))}
      </datalist>
      <div className="flex items-center gap-2">
        <label htmlFor="shelve-minutes" className="text-sm text-fg-muted">
          for
        </label>
        <select
          id="shelve-minutes"
          value={minutes}
          disabled={Boolean(denied)}
          onChange={(e) => setMinutes(Number(e.target.value))}
          className="h-8 rounded-md border border-line-strong bg-room px-2 text-fg"
        >
          {SHELVE_CHOICES.map((c) => (
            <option key={c.minutes} value={c.minutes}>
              {c.label}
            </option>
          ))}
        </select>
        <Button type="submit" size="sm" className="flex-1" disabled={Boolean(denied) || busy || !reason.trim()} title={denied ?? undefined}>
          {busy ? 'Shelving…' : 'Shelve'}
        </Button>
      </div>
    </form>
  );
}
