import type { AlarmKind, Severity } from '../../protocol';
import { SEVERITIES } from '../../protocol';
import type { AlarmCondition } from './types';

/**
 * The one place an alarm kind gets its severity. A payout error means a player was not paid and a flood
 * means the floor is failing faster than anyone can read, so both are critical; a lost device or upstream
 * blinds part of the floor (high); a casino alert is medium unless the casino says otherwise.
 */
export const SEVERITY_BY_KIND: Readonly<Record<AlarmKind, Severity>> = {
  device_offline: 'high',
  payout_error: 'critical',
  source_disconnected: 'high',
  casino_alert: 'medium',
  flood: 'critical',
};

/** The severity a new alarm gets: the condition's own when it carries one, else its kind's. */
export function severityFor(condition: Pick<AlarmCondition, 'kind' | 'severity'>): Severity {
  return condition.severity ?? SEVERITY_BY_KIND[condition.kind];
}

/** 0 for the most urgent severity; sorts critical before low. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** The more urgent of two severities, so a repeat can escalate an alarm but never quietly downgrade it. */
export function moreUrgent(a: Severity, b: Severity): Severity {
  return severityRank(a) <= severityRank(b) ? a : b;
}
