'use client';

import { useRouter } from 'next/navigation';
import type { SessionUser } from '@/lib/protocol';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { useMonitorActions } from '@/lib/store/use-monitor';

/** Who is signed in, and the way out (which forgets the token). */
export function UserMenu({ user }: { user: SessionUser }) {
  const { signOut } = useMonitorActions();
  const router = useRouter();
  return (
    <div className="flex items-center gap-2" data-testid="user-menu">
      <span className="max-w-40 truncate text-sm font-semibold" data-testid="user-name">
        {user.name}
      </span>
      <Badge tone="accent" data-testid="user-role">
        {user.role}
      </Badge>
      <Button
        size="sm"
        variant="ghost"
        className="h-9"
        onClick={() => {
          signOut();
          router.replace('/login');
        }}
      >
        Sign out
      </Button>
    </div>
  );
}
