import type { Metadata } from 'next';
import { LoginForm } from '@/components/auth/login-form';

export const metadata: Metadata = { title: 'Sign in' };

type Reason = 'expired' | 'refused' | 'signed_out';
const REASONS: readonly string[] = ['expired', 'refused', 'signed_out'] satisfies Reason[];

/** The development sign-in page; `?next=` is the page to return to, `?reason=` why the last session ended. */
export default async function LoginPage({ searchParams }: { searchParams: Promise<{ reason?: string; next?: string }> }) {
  const { reason, next } = await searchParams;
  return (
    <main className="grid min-h-dvh place-items-center p-4 sm:p-6">
      <div className="w-full max-w-md rounded-xl border border-line bg-panel p-5 shadow-2xl sm:p-8">
        <div className="mb-6 flex items-center gap-3">
          <span className="grid size-10 place-items-center rounded-md bg-accent text-lg font-black text-room" aria-hidden>
            FM
          </span>
          <div>
            <h1 className="text-2xl font-bold">Floor Monitor</h1>
            <p className="text-sm text-fg-muted">Development sign-in</p>
          </div>
        </div>
        <LoginForm reason={reason && REASONS.includes(reason) ? (reason as Reason) : null} next={next ?? null} />
      </div>
    </main>
  );
}
