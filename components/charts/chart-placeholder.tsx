/**
 * What a chart's box shows while recharts loads: the charts come in their own chunk after the page
 * is interactive, so the first load carries no chart code.
 */
export function ChartPlaceholder({ className = 'min-h-0 flex-1' }: { className?: string }) {
  return <div aria-hidden="true" className={className} />;
}
