import type { Metadata } from 'next';
import { LoginForm } from '@/components/auth/login-form';

export const metadata: Metadata = { title: 'Sign in' };

/** The development sign-in page. */
export default async function LoginPage({ searchParams }: { searchParams: Promise<{ reason?: string }> }) {
  const { reason } = await searchParams;
  return (
    <main className="grid min-h-dvh place-items-center p-6">
      <div className="w-full max-w-md rounded-xl border border-line bg-panel p-8 shadow-2xl">
        <div className="mb-6 flex items-center gap-3">
          <span className="grid size-10 place-items-center rounded-md bg-accent text-lg font-black text-room" aria-hidden>
            FM
          </span>
          <div>
            <h1 className="text-2xl font-bold">Floor Monitor</h1>
            <p className="text-sm text-fg-muted">Development sign-in</p>
          </div>
        </div>
        <LoginForm expired={reason === 'expired'} />
      </div>
    </main>
  );
}
