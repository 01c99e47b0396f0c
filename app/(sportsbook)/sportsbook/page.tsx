import type { Metadata } from 'next';
import { connection } from 'next/server';
import { SportsbookView } from '@/components/markets/sportsbook-view';
import { loadConfig } from '@/lib/runtime/config';

export const metadata: Metadata = { title: 'Sportsbook' };

/** The trading screen for sportsbook staff, managers and admins, in the floor's `CURRENCY` (read per request, not at build). */
export default async function SportsbookPage() {
  await connection();
  return (
    <>
      <h1 className="sr-only">Sportsbook</h1>
      <SportsbookView currency={loadConfig().currency} />
    </>
  );
}
