import type { AlarmTransition } from '@/lib/protocol';

/** What a timeline entry says happened, in words a shift manager uses. */
export interface TransitionText {
  label: string;
  tone: 'raised' | 'repeat' | 'ack' | 'shelve' | 'escalate' | 'clear';
  detail: string | null;
}

const clock = (iso: string) => new Date(iso).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false });
const quoted = (text: string | null) => (text ? `“${text}”` : null);
const person = (t: AlarmTransition) => (t.by === 'system' ? null : t.by_name || t.by);

/** Names one line of an alarm's audit trail (docs/protocol.md §11.3). */
export function describeTransition(t: AlarmTransition): TransitionText {
  const by = person(t);
  switch (t.action) {
    case 'raise':
      return { label: 'Raised', tone: 'raised', detail: null };
    case 'repeat':
      return { label: t.count ? `Repeated (now ${t.count}×)` : 'Repeated', tone: 'repeat', detail: null };
    case 'ack':
      return { label: by ? `Acknowledged by ${by}` : 'Acknowledged', tone: 'ack', detail: quoted(t.note) };
    case 'shelve':
      return {
        label: `${by ? `Shelved by ${by}` : 'Shelved'}${t.shelved_until ? ` until ${clock(t.shelved_until)}` : ''}`,
        tone: 'shelve',
        detail: quoted(t.reason),
      };
    case 'unshelve':
      return { label: by ? `Unshelved by ${by}` : 'Shelf expired — back on the list', tone: 'shelve', detail: quoted(t.reason) };
    case 'escalate':
      return { label: t.escalations && t.escalations > 1 ? `Escalated (${t.escalations}×)` : 'Escalated', tone: 'escalate', detail: 'Still unacknowledged; managers alerted' };
    case 'clear':
      return { label: 'Cleared — returned to normal', tone: 'clear', detail: t.to === 'cleared_unacked' ? 'Not acknowledged yet' : null };
  }
}
