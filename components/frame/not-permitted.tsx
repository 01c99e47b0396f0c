import Link from 'next/link';

/** What a user sees on a screen their role may not open. */
export function NotPermitted({ role, home }: { role: string; home: string }) {
  return (
    <div data-testid="not-permitted" role="alert" className="mx-auto mt-16 max-w-lg rounded-lg border border-line bg-panel p-8 text-center">
      <h1 className="text-2xl font-bold">Not permitted for your role</h1>
      <p className="mt-3 text-fg-muted">
        Signed in as <strong className="text-fg">{role}</strong>, you cannot open this screen. Ask an administrator if you need access.
      </p>
      <Link href={home} className="mt-6 inline-block rounded-md bg-accent px-4 py-2 font-semibold text-room">
        Go to your home screen
      </Link>
    </div>
  );
}
