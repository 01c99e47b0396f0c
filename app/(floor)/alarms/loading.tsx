import { PageSkeleton } from '@/components/ui/page-skeleton';

/**
 * The alarm screens' skeleton while their route loads. The floor's home has none: its page draws from the
 * store and waits on nothing, and without a loading boundary a page the server renders with data shows
 * its rows at the first paint instead of behind a skeleton revealed later.
 */
export default function AlarmsLoading() {
  return <PageSkeleton panels={6} />;
}
