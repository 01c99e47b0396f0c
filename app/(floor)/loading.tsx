import { PageSkeleton } from '@/components/ui/page-skeleton';

export default function FloorLoading() {
  return <PageSkeleton panels={6} />;
}
