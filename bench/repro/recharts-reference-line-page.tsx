// The page the ReferenceLine repro loads: one step-line chart with five reference lines, given a new
// sample `--updates` times, in the mode named by `?mode=`. Only react, react-dom and recharts.
//   inline: the lines are written out in the chart's render, as recharts' examples do
//   memo:   each line is a memoized component keyed by its x, so a new sample renders none of them
import { memo, useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { Line, LineChart, ReferenceLine, XAxis, YAxis } from 'recharts';

interface Point {
  t: number;
  v: number;
}

const params = new URLSearchParams(location.search);
const mode = params.get('mode') ?? 'memo';
const updates = Number(params.get('updates') ?? 300);
const CAP = 120;
const X_DOMAIN = ['dataMin', 'dataMax'] as const;
const Y_DOMAIN = ['auto', 'auto'] as const;
const MARKERS = [10_000, 60_000, 120_000, 180_000, 230_000];

const Marker = memo(function Marker({ x }: { x: number }) {
  return <ReferenceLine x={x} strokeDasharray="3 3" />;
});

function Chart({ data }: { data: Point[] }) {
  return (
    <LineChart data={data} width={400} height={120}>
      <XAxis dataKey="t" type="number" domain={X_DOMAIN} hide />
      <YAxis domain={Y_DOMAIN} hide />
      {mode === 'inline' ? MARKERS.map((x) => <ReferenceLine key={x} x={x} strokeDasharray="3 3" />) : MARKERS.map((x) => <Marker key={x} x={x} />)}
      <Line type="stepAfter" dataKey="v" dot={false} isAnimationActive={false} />
    </LineChart>
  );
}

const first = Array.from({ length: CAP }, (_, i) => ({ t: i * 2000, v: 1000 + i }));
let setData: (next: Point[]) => void = () => {};

function App() {
  const [data, set] = useState(first);
  useEffect(() => {
    setData = set;
  }, []);
  return <Chart data={data} />;
}

const result = window as unknown as { msPerUpdate?: number };
createRoot(document.getElementById('root')!).render(<App />);
// Each sample is rendered and committed synchronously, effects included (a sync render's passive
// effects run before `flushSync` returns), so the time measured is all a sample costs the main thread.
setTimeout(() => {
  let data = first;
  const started = performance.now();
  for (let i = 0; i < updates; i++) {
    const t = data[data.length - 1].t + 2000;
    data = [...data.slice(1), { t, v: 1000 + (i % 37) }];
    flushSync(() => setData(data));
  }
  result.msPerUpdate = (performance.now() - started) / updates;
}, 500);
