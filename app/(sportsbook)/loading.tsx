import { PageSkeleton } from '@/components/ui/page-skeleton';

export default function SportsbookLoading() {
  return <PageSkeleton panels={3} />;
}
