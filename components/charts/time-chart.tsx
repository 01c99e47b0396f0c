'use client';

import { type PointerEvent, useState } from 'react';
import { formatClock } from '@/components/ui/format';
import { ChartTooltip } from './chart-tooltip';
import { areaPath, linePath } from './paths';
import { extentOf, linearScale, nearestIndex, paddedExtent, timeTicks, valueAxis } from './scale';
import { useElementSize } from './use-element-size';

/** One line of a chart: how to read its value from a point, and how to draw it. */
export interface ChartSeries<T> {
  name: string;
  /** A CSS colour, variables included. */
  color: string;
  value: (point: T) => number | null;
  /** Fills the area under the line at this opacity. */
  fillOpacity?: number;
}

export interface ValueAxis {
  format: (v: number) => string;
  /** Label column width, px. */
  width: number;
  /** Fixed ticks (and domain from the first to the last); otherwise round numbers from zero up. */
  ticks?: number[];
}

export interface TimeAxis {
  format: (t: number) => string;
  /** Least distance between two labels, px. */
  minGap: number;
  /** Least time between two ticks, ms: a minute for labels that show minutes. */
  minStep?: number;
}

interface TimeChartProps<T extends { t: number }> {
  label: string;
  data: readonly T[];
  series: readonly ChartSeries<T>[];
  /** Time range shown; the data's own range by default. */
  xDomain?: readonly [number, number];
  /** Axes with labels and horizontal grid lines; without, the chart is a sparkline fitted to its values. */
  yAxis?: ValueAxis;
  xAxis?: TimeAxis;
  /** Hold each value until the next point instead of drawing slopes. */
  step?: boolean;
  /** Moments marked with a dashed vertical line (a pot won), in `markerColor`. */
  markers?: readonly number[];
  markerColor?: string;
  formatValue: (v: number) => string;
  margin?: { top: number; right: number; bottom: number; left: number };
  className?: string;
}

const X_AXIS_HEIGHT = 18;
const ROW_PX = 26;
const subtle = { fill: 'var(--color-fg-subtle)' };

/**
 * A live time series drawn as plain SVG paths, sized to its box. It keeps nothing between renders
 * but the hovered moment, so a chart redrawn every second for hours holds no more memory than at first.
 */
export function TimeChart<T extends { t: number }>(props: TimeChartProps<T>) {
  const { label, data, series, yAxis, xAxis, step = false, markers = [], markerColor = 'var(--color-win)', formatValue } = props;
  const margin = props.margin ?? { top: 6, right: 6, bottom: 0, left: 0 };
  const [ref, { width, height }] = useElementSize<HTMLDivElement>();
  const [hoverT, setHoverT] = useState<number | null>(null);

  const left = margin.left + (yAxis?.width ?? 0);
  const right = width - margin.right;
  const top = margin.top;
  const bottom = height - margin.bottom - (xAxis ? X_AXIS_HEIGHT : 0);
  const drawable = right - left > 4 && bottom - top > 4 && data.length > 0;

  const xDomain: [number, number] = props.xDomain ? [props.xDomain[0], props.xDomain[1]] : [data[0]?.t ?? 0, data[data.length - 1]?.t ?? 1];
  const x = linearScale(xDomain, [left, right]);
  const extent = yAxis?.ticks ? null : extentOf(data, series.map((s) => s.value));
  const axis = yAxis?.ticks
    ? { domain: [yAxis.ticks[0], yAxis.ticks[yAxis.ticks.length - 1]] as [number, number], ticks: yAxis.ticks }
    : yAxis
      ? valueAxis(Math.min(extent![0], 0), Math.max(extent![1], 0), Math.max(1, Math.floor((bottom - top) / ROW_PX)))
      : { domain: paddedExtent(extent!), ticks: [] };
  const y = linearScale(axis.domain, [bottom, top]);
  const xTicks = xAxis ? timeTicks(xDomain[0], xDomain[1], right - left, xAxis.minGap, xAxis.minStep) : [];

  const hovered = hoverT === null ? -1 : nearestIndex(data, hoverT);
  const point = hovered >= 0 ? data[hovered] : null;
  const onPointerMove = (e: PointerEvent<SVGSVGElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    const px = e.clientX - box.left;
    setHoverT(xDomain[0] + ((px - left) / Math.max(1, right - left)) * (xDomain[1] - xDomain[0]));
  };

  return (
    <div ref={ref} className={`relative ${props.className ?? 'min-h-0 flex-1'}`}>
      {drawable ? (
        <svg role="img" aria-label={label} width={width} height={height} className="absolute inset-0 overflow-visible" onPointerMove={onPointerMove} onPointerLeave={() => setHoverT(null)}>
          {axis.ticks.map((v) => (
            <g key={v}>
              <line x1={left} x2={right} y1={y(v)} y2={y(v)} style={{ stroke: 'var(--color-line)' }} />
              <text x={left - 4} y={y(v)} fontSize={11} textAnchor="end" dominantBaseline="middle" style={subtle}>
                {yAxis?.format(v)}
              </text>
            </g>
          ))}
          {xAxis
            ? xTicks.map((t) => {
                const tx = x(t);
                const anchor = tx - left < 24 ? 'start' : right - tx < 24 ? 'end' : 'middle';
                return (
                  <text key={t} x={tx} y={bottom + 14} fontSize={11} textAnchor={anchor} style={subtle}>
                    {xAxis.format(t)}
                  </text>
                );
              })
            : null}
          {/* Keyed by position: two markers may share a moment, and a repeated key would leave lines behind. */}
          {markers
            .filter((t) => t >= xDomain[0] && t <= xDomain[1])
            .map((t, i) => (
              <line key={i} x1={x(t)} x2={x(t)} y1={top} y2={bottom} strokeDasharray="3 3" style={{ stroke: markerColor }} />
            ))}
          {series.map((s, i) => {
            const at = {
              x: (p: T) => x(p.t),
              y: (p: T) => {
                const v = s.value(p);
                return v === null ? null : y(v);
              },
            };
            return (
              <g key={i}>
                {s.fillOpacity ? <path d={areaPath(data, at, bottom, step)} style={{ fill: s.color, fillOpacity: s.fillOpacity }} /> : null}
                <path d={linePath(data, at, step)} fill="none" strokeWidth={2} strokeLinejoin="round" style={{ stroke: s.color }} />
              </g>
            );
          })}
          {point ? (
            <g>
              <line x1={x(point.t)} x2={x(point.t)} y1={top} y2={bottom} style={{ stroke: 'var(--color-line-strong)' }} />
              {series.map((s, i) => {
                const v = s.value(point);
                return v === null ? null : <circle key={i} cx={x(point.t)} cy={y(v)} r={3} style={{ fill: s.color }} />;
              })}
            </g>
          ) : null}
        </svg>
      ) : null}
      {drawable && point ? (
        <ChartTooltip
          title={formatClock(point.t)}
          x={x(point.t)}
          y={top}
          chartWidth={width}
          rows={series.flatMap((s) => {
            const v = s.value(point);
            return v === null ? [] : [{ name: s.name, value: formatValue(v), color: s.color }];
          })}
        />
      ) : null}
    </div>
  );
}
