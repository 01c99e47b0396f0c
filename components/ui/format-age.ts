const two = (n: number) => (n < 10 ? `0${n}` : String(n));

/** The last second formatted: a live table shows many rows of the same second, re-rendered many times a second. */
let clockSecond = Number.NaN;
let clockText = '';

/** "23:14:05" in the viewer's time zone, 24-hour, as a control room reads clocks. */
export function formatClock(ms: number): string {
  const second = Math.floor(ms / 1000);
  if (second === clockSecond) return clockText;
  const d = new Date(ms);
  clockSecond = second;
  clockText = `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
  return clockText;
}

/** "23:14" in the viewer's time zone: a minute axis's label, asked for on every measure of the axis. */
export function formatMinute(ms: number): string {
  const d = new Date(ms);
  return `${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** "12 s", "3 min 5 s", "2 h 4 min": short enough for a badge or a panel strip. */
export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
}
