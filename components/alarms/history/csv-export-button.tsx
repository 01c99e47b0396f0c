'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { type AlarmQuery, fetchAlarmsCsv } from '@/lib/store/alarms-api';
import { useMonitor } from '@/lib/store/use-monitor';

/**
 * Downloads the history as CSV with the current filters. The API wants the bearer token in a header,
 * which a plain link cannot send: the file is fetched, then saved from a Blob.
 */
export function CsvExportButton({ query }: { query: AlarmQuery }) {
  const token = useMonitor((s) => s.session.token);
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const download = async () => {
    if (!token) return;
    setState({ busy: true, error: null });
    try {
      const blob = await fetchAlarmsCsv(token, query);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `alarms-${new Date().toISOString().slice(0, 16).replace(/[:T]/g, '-')}.csv`;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setState({ busy: false, error: null });
    } catch (e) {
      setState({ busy: false, error: e instanceof Error ? e.message : 'The export failed' });
    }
  };
  return (
    <>
      {state.error ? (
        <span role="alert" className="text-sm text-crit-fg">
          {state.error}
        </span>
      ) : null}
      <Button size="sm" onClick={() => void download()} disabled={state.busy || !token} data-testid="csv-export">
        {state.busy ? 'Preparing CSV…' : 'Download CSV'}
      </Button>
    </>
  );
}
