export interface TooltipRow {
  name: string;
  value: string;
  color: string;
}

interface ChartTooltipProps {
  title: string;
  rows: TooltipRow[];
  /** Pointer position inside the chart, px; the box sits beside it, on whichever side has room. */
  x: number;
  y: number;
  chartWidth: number;
}

/** The box that names the hovered moment and every series' value at it. */
export function ChartTooltip({ title, rows, x, y, chartWidth }: ChartTooltipProps) {
  const left = x > chartWidth / 2;
  return (
    <div
      aria-hidden="true"
      className="pointer-events-none absolute z-10 rounded border border-line-strong bg-raised px-2 py-1 text-xs whitespace-nowrap text-fg shadow-lg"
      style={{ top: y, ...(left ? { right: chartWidth - x + 10 } : { left: x + 10 }) }}
    >
      <p className="num text-fg-muted">{title}</p>
      {rows.map((r, i) => (
        <p key={i} className="num" style={{ color: r.color }}>
          {r.name}: {r.value}
        </p>
      ))}
    </div>
  );
}
