/** What a route shows while its code loads: the panel grid, empty; a named status, as a loading panel is. */
export function PageSkeleton({ panels = 6 }: { panels?: number }) {
  return (
    <div className="grid h-full grid-cols-1 gap-3 p-3 md:grid-cols-2 xl:grid-cols-3" role="status" aria-busy="true" aria-label="Loading">
      {Array.from({ length: panels }, (_, i) => (
        <div key={i} className="h-64 animate-pulse rounded-lg border border-line bg-panel" />
      ))}
    </div>
  );
}
