import type { Alarm } from '@/lib/protocol';
import { Badge, type Tone } from '@/components/ui/badge';

const SEVERITY_TONE: Record<Alarm['severity'], Tone> = { critical: 'crit', high: 'warn', medium: 'accent', low: 'neutral' };
const STATE_LABEL: Record<Alarm['state'], string> = { unacked: 'Unacked', cleared_unacked: 'Cleared · unacked', acked: 'Acked', cleared: 'Cleared' };
const STATE_TONE: Record<Alarm['state'], Tone> = { unacked: 'crit', cleared_unacked: 'warn', acked: 'neutral', cleared: 'live' };

export function SeverityBadge({ severity }: { severity: Alarm['severity'] }) {
  return (
    <Badge tone={SEVERITY_TONE[severity]} className="w-[4.75rem] justify-center">
      {severity}
    </Badge>
  );
}

export function StateBadge({ state }: { state: Alarm['state'] }) {
  return (
    <Badge tone={STATE_TONE[state]} data-testid="alarm-state">
      {STATE_LABEL[state]}
    </Badge>
  );
}
