'use client';

export const SHELVE_CHOICES = [
  { minutes: 15, label: '15 min' },
  { minutes: 60, label: '1 hour' },
  { minutes: 240, label: '4 hours' },
] as const;

interface AlarmToolbarProps {
  note: string;
  onNote: (note: string) => void;
  shelveMinutes: number;
  onShelveMinutes: (minutes: number) => void;
  deniedReason: string | null;
}

/** The note sent with an acknowledgement and the shelving time, for the selected alarm. */
export function AlarmToolbar({ note, onNote, shelveMinutes, onShelveMinutes, deniedReason }: AlarmToolbarProps) {
  if (deniedReason) {
    return (
      <p data-testid="alarms-view-only" className="border-b border-line bg-raised/50 px-3 py-2 text-sm text-fg-muted">
        View only: {deniedReason}.
      </p>
    );
  }
  return (
    <div className="flex flex-wrap items-center gap-3 border-b border-line bg-raised/50 px-3 py-2 text-sm">
      <label className="flex min-w-64 flex-1 items-center gap-2">
        <span className="text-fg-muted">Note</span>
        <input
          value={note}
          onChange={(e) => onNote(e.target.value)}
          maxLength={2000}
          placeholder="Optional, sent with the acknowledgement"
          className="h-8 flex-1 rounded-md border border-line-strong bg-room px-2 text-fg placeholder:text-fg-subtle"
        />
      </label>
      <label className="flex items-center gap-2">
        <span className="text-fg-muted">Shelve for</span>
        <select
          value={shelveMinutes}
          onChange={(e) => onShelveMinutes(Number(e.target.value))}
          className="h-8 rounded-md border border-line-strong bg-room px-2 text-fg"
        >
          {SHELVE_CHOICES.map((c) => (
            <option key={c.minutes} value={c.minutes}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
      <span className="text-xs text-fg-subtle">↑ ↓ select · a acknowledge</span>
    </div>
  );
}
