import type { AlarmTransition } from '@/lib/store/alarms-api';

/** What a timeline entry says happened, in words a shift manager uses. */
export interface TransitionText {
  label: string;
  tone: 'raised' | 'repeat' | 'ack' | 'shelve' | 'escalate' | 'clear' | 'other';
  detail: string | null;
}

const STATE_WORDS: Record<string, string> = { unacked: 'unacknowledged', acked: 'acknowledged', cleared: 'cleared', cleared_unacked: 'cleared, unacknowledged' };

/** Names a transition (contract section 6: raised, each repeat, acknowledged, shelved, unshelved, escalated, cleared). */
export function describeTransition(t: AlarmTransition): TransitionText {
  const to = t.to.toLowerCase();
  const by = t.by_name ?? t.by;
  const quoted = (text: string | null) => (text ? `“${text}”` : null);
  if (to.includes('escalat')) return { label: t.count && t.count > 1 ? `Escalated (${t.count}×)` : 'Escalated', tone: 'escalate', detail: 'Still unacknowledged; managers alerted' };
  if (to.includes('unshelve')) return { label: by ? `Unshelved by ${by}` : 'Returned from the shelf', tone: 'shelve', detail: quoted(t.reason) };
  if (to.includes('shelve')) return { label: by ? `Shelved by ${by}` : 'Shelved', tone: 'shelve', detail: quoted(t.reason) };
  if (to.includes('repeat') || (t.from !== null && t.from === t.to)) {
    return { label: t.count ? `Repeated (${t.count}×)` : 'Repeated', tone: 'repeat', detail: null };
  }
  if (t.from === null || to === 'raised') return { label: 'Raised', tone: 'raised', detail: null };
  if (to === 'acked' || (to === 'cleared' && t.from === 'cleared_unacked')) {
    return { label: by ? `Acknowledged by ${by}` : 'Acknowledged', tone: 'ack', detail: quoted(t.note) };
  }
  if (to === 'cleared' || to === 'cleared_unacked') return { label: 'Cleared — returned to normal', tone: 'clear', detail: null };
  return { label: `${STATE_WORDS[t.from ?? ''] ?? t.from} → ${STATE_WORDS[to] ?? t.to}`, tone: 'other', detail: quoted(t.note ?? t.reason) };
}
