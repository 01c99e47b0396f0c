'use client';

import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';
// Values from the zod-free protocol modules keep the schemas out of the page bundle.
import { ROLES, type Role } from '@/lib/protocol/identity';
import { Button } from '@/components/ui/button';
import { cx } from '@/components/ui/cx';
import { returnPath } from '@/lib/store/return-path';
import type { SessionEnd } from '@/lib/store/slices/connection-slice';
import { useMonitor, useMonitorActions } from '@/lib/store/use-monitor';

const ROLE_HINT: Record<Role, string> = {
  operator: 'Floor: bets, wins, jackpots, alarms (view)',
  manager: 'Floor and markets; acknowledges alarms',
  sportsbook: 'Market liquidity only',
  admin: 'Everything',
};

interface DevLoginAnswer {
  token?: string;
  message?: string;
  error?: string;
}

/** Why the user is here, in words: the reason from the address, the gateway's own message when this page still has it. */
function endedText(reason: SessionEnd['reason'], message: string | undefined): string {
  if (reason === 'expired') return 'Your session expired. Sign in again.';
  if (reason === 'signed_out') return 'You signed out in another tab.';
  return `The gateway refused the token: ${message ?? 'it is not valid for this server'}. Sign in again.`;
}

/**
 * The development sign-in: a name and a role mint a token, kept for every tab of this browser until it
 * expires or the user signs out; afterwards the user lands on the page that sent them here.
 */
export function LoginForm({ reason, next }: { reason: SessionEnd['reason'] | null; next: string | null }) {
  const router = useRouter();
  const { signIn } = useMonitorActions();
  const ended = useMonitor((s) => s.session.ended);
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('operator');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const res = await fetch('/api/auth/dev-login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, role }) });
      const answer = (await res.json().catch(() => ({}))) as DevLoginAnswer;
      if (!res.ok || !answer.token) {
        setError(answer.message ?? (res.status === 404 ? 'The development login is switched off on this server.' : `Sign-in failed (${res.status}).`));
        return;
      }
      signIn(answer.token);
      router.replace(returnPath(next, role));
    } catch {
      setError('The server did not answer. Check that Floor Monitor is running.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} className="flex flex-col gap-5" aria-describedby={reason ? 'login-reason' : undefined}>
      {reason ? (
        <p id="login-reason" data-testid="login-reason" role="alert" className="rounded-md border border-warn/50 bg-warn/10 px-3 py-2 text-sm text-warn">
          {endedText(reason, ended?.reason === reason ? ended.message : undefined)}
        </p>
      ) : null}
      <label className="flex flex-col gap-1.5">
        <span className="text-sm font-semibold text-fg-muted">Name</span>
        <input
          name="name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
          maxLength={80}
          autoComplete="name"
          autoFocus
          placeholder="e.g. Dana Reyes"
          className="h-11 rounded-md border border-line-strong bg-room px-3 text-lg text-fg placeholder:text-fg-subtle"
        />
      </label>
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1.5 text-sm font-semibold text-fg-muted">Role</legend>
        <div className="grid grid-cols-2 gap-2">
          {ROLES.map((r) => (
            <label
              key={r}
              className={cx(
                'flex cursor-pointer flex-col rounded-md border px-3 py-2',
                role === r ? 'border-accent bg-accent/10' : 'border-line-strong bg-raised hover:border-fg-subtle',
              )}
            >
              <span className="flex items-center gap-2">
                <input type="radio" name="role" value={r} checked={role === r} onChange={() => setRole(r)} className="accent-(--color-accent)" />
                <span className="font-semibold capitalize">{r}</span>
              </span>
              <span className="mt-0.5 text-xs text-fg-muted">{ROLE_HINT[r]}</span>
            </label>
          ))}
        </div>
      </fieldset>
      {error ? (
        <p role="alert" className="text-sm font-semibold text-crit">
          {error}
        </p>
      ) : null}
      <Button type="submit" variant="primary" disabled={busy || !name.trim()} className="h-11 text-lg">
        {busy ? 'Signing in…' : 'Sign in'}
      </Button>
    </form>
  );
}
