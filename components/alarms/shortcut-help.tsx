'use client';

import { useEffect, useRef } from 'react';
import { Button } from '@/components/ui/button';

const SHORTCUTS = [
  ['↑ ↓', 'Move to the previous or next alarm'],
  ['Home End', 'First or last alarm'],
  ['a', 'Acknowledge the focused alarm (with the note typed for it); moves on to the next one waiting'],
  ['n', 'Type a note for the focused alarm'],
  ['Ctrl+Enter', 'In the note: acknowledge with it'],
  ['s', 'Shelve the focused alarm (asks for a reason)'],
  ['u', 'Unshelve the focused alarm'],
  ['x or Space', 'Pick for a bulk acknowledgement; with Shift, everything since the last pick'],
  ['?', 'This help'],
] as const;

/** The keyboard shortcuts of the alarm console, as a modal dialog (`?` opens it, Escape closes it). */
export function ShortcutHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);

  return (
    <dialog
      ref={dialog}
      onClose={onClose}
      aria-labelledby="shortcut-help-title"
      className="m-auto w-[32rem] max-w-[calc(100vw-2rem)] rounded-lg border border-line-strong bg-panel p-0 text-fg backdrop:bg-black/60"
    >
      <div className="flex items-center justify-between border-b border-line px-4 py-3">
        <h2 id="shortcut-help-title" className="text-lg font-semibold">
          Keyboard shortcuts
        </h2>
        <Button size="sm" variant="ghost" onClick={onClose} aria-label="Close shortcut help">
          ✕
        </Button>
      </div>
      <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-2 px-4 py-3 text-sm">
        {SHORTCUTS.map(([keys, what]) => (
          <div key={keys} className="contents">
            <dt>
              <kbd className="rounded border border-line-strong bg-raised px-1.5 py-0.5 font-mono text-xs">{keys}</kbd>
            </dt>
            <dd className="text-fg-muted">{what}</dd>
          </div>
        ))}
      </dl>
      <p className="border-t border-line px-4 py-2 text-xs text-fg-muted">Keys act on the alarm whose row has the focus. Tab leaves the list.</p>
    </dialog>
  );
}
