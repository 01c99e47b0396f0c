'use client';

import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ISA_BOUND_PER_10_MIN, type TenMinuteCount } from './per-ten-minutes';

const hhmm = (ms: number) => new Date(ms).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false });
const AXIS = { fill: '#a7b3c2', fontSize: 12 };

/** Alarms raised per 10 minutes, with the ISA-18.2 bound drawn across: bars above it are flood. */
export function AlarmRateChart({ series }: { series: TenMinuteCount[] }) {
  const data = series.map((w) => ({ ...w, label: hhmm(w.start) }));
  // A round top, at least a little above the bound so the line never sits on the frame.
  const top = Math.ceil(Math.max(ISA_BOUND_PER_10_MIN + 2, ...series.map((w) => w.count)) / 5) * 5;
  return (
    <figure className="h-full min-h-56" aria-label={`Alarms per 10 minutes; the ISA-18.2 bound is ${ISA_BOUND_PER_10_MIN}`}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 16, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid stroke="#232d3a" vertical={false} />
          <XAxis dataKey="label" tick={AXIS} stroke="#334155" interval="preserveStartEnd" minTickGap={24} />
          <YAxis allowDecimals={false} tick={AXIS} stroke="#334155" width={36} domain={[0, top]} ticks={Array.from({ length: top / 5 + 1 }, (_, i) => i * 5)} />
          <Tooltip
            cursor={{ fill: 'rgba(92,184,255,0.08)' }}
            contentStyle={{ background: '#151c25', border: '1px solid #334155', color: '#e8eef5' }}
            formatter={(value) => [value, 'alarms raised']}
            labelFormatter={(label) => `10 min from ${label}`}
          />
          <ReferenceLine
            y={ISA_BOUND_PER_10_MIN}
            stroke="#f5b93e"
            strokeDasharray="6 4"
            label={{ value: `ISA-18.2 bound: ${ISA_BOUND_PER_10_MIN} per 10 min`, position: 'insideTopRight', fill: '#f5b93e', fontSize: 12 }}
          />
          <Bar dataKey="count" isAnimationActive={false} radius={[2, 2, 0, 0]}>
            {data.map((w) => (
              <Cell key={w.start} fill={w.count > ISA_BOUND_PER_10_MIN ? '#ff5c5c' : '#5cb8ff'} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
