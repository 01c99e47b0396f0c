// The page the recharts repro loads: one LineChart fed in the page itself, ten updates a second,
// in the mode named by `?mode=`. Nothing of the dashboard is imported: only react, react-dom, recharts.
import { memo, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';

interface Point {
  t: number;
  v: number;
}

const mode = new URLSearchParams(location.search).get('mode') ?? 'advised';
/** Points kept, as the dashboard keeps a pot's last ten minutes sampled every 2 s. */
const CAP = 300;
const UPDATE_MS = 100;
const X_DOMAIN = ['dataMin', 'dataMax'] as const;
const money = (v: unknown) => `€${String(v)}`;

/** Advised: append to a bounded series (old points keep their identity), constants for every other prop. */
function advisedNext(prev: Point[], t: number): Point[] {
  const next = prev.length >= CAP ? prev.slice(prev.length - CAP + 1) : prev.slice();
  next.push({ t, v: 1000 + (t % 977) });
  return next;
}

/** Naive: every update a new array of new point objects, inline formatter, animation on. */
function naiveNext(prev: Point[], t: number): Point[] {
  const next = advisedNext(prev, t);
  return next.map((p) => ({ ...p }));
}

const Chart = memo(function Chart({ data }: { data: Point[] }) {
  const last = data[data.length - 1]?.t ?? 0;
  if (mode === 'naive') {
    return (
      <LineChart data={data} width={400} height={120}>
        <XAxis dataKey="t" type="number" domain={['dataMin', 'dataMax']} />
        <YAxis domain={['auto', 'auto']} />
        <Tooltip formatter={(v) => `€${String(v)}`} />
        <ReferenceLine x={last - 5000} strokeDasharray="3 3" />
        <Line type="stepAfter" dataKey={(p: Point) => p.v} dot={false} />
      </LineChart>
    );
  }
  return (
    <LineChart data={data} width={400} height={120}>
      <XAxis dataKey="t" type="number" domain={X_DOMAIN} />
      <YAxis domain={['auto', 'auto']} />
      <Tooltip formatter={money} isAnimationActive={false} />
      <ReferenceLine x={last - 5000} strokeDasharray="3 3" />
      <Line type="stepAfter" dataKey="v" dot={false} isAnimationActive={false} />
    </LineChart>
  );
});

function App() {
  const [data, setData] = useState<Point[]>([]);
  useEffect(() => {
    let t = 0;
    const id = setInterval(() => {
      t += 2000;
      setData((prev) => (mode === 'naive' ? naiveNext(prev, t) : advisedNext(prev, t)));
      (window as unknown as { updates: number }).updates = t / 2000;
    }, UPDATE_MS);
    return () => clearInterval(id);
  }, []);
  return (
    <>
      {Array.from({ length: 6 }, (_, i) => (
        <Chart key={i} data={data} />
      ))}
    </>
  );
}

createRoot(document.getElementById('root')!).render(<App />);
