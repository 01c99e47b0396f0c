/**
 * Instruments a page before any of its own scripts run (installed with `addInitScript`). Kept as
 * plain JavaScript text: the page runs it as is, with nothing of the bench's build in between.
 *
 * - frames: requestAnimationFrame intervals while measuring;
 * - long tasks: PerformanceObserver `longtask` entries while measuring;
 * - rows: every WebSocket message is timestamped as the page's main thread receives it (a listener
 *   added in the constructor runs before the page's own; the dashboard's socket lives in a worker, which
 *   hands the page each burst of frames in one message, received as one); a `game` event's `id` is remembered with
 *   that time. When an element `[data-testid="bet-row"]` with that `data-id` enters the DOM
 *   (MutationObserver), the probe works out which frame paints it: the page's animation frame callbacks are
 *   wrapped, so a row that enters the DOM inside one of them (or the microtasks right after it, where
 *   React commits an update made there) is painted by that frame, and any other by the next. The row's
 *   visible time is when that frame painted: the probe puts a small marker named for Element Timing in every
 *   frame, and the browser reports the paint of the frame that drew it. Each row is reported as
 *   [id, arrival, event time, visible, next frame]: arrival→visible is the page's own work; event time (the
 *   frame's `ts`, the wall clock of the same machine) →visible adds everything before, including frames
 *   queued behind a busy main thread, which the arrival time cannot see. "Next frame" is the probe's earlier
 *   measure, the first animation frame callback after the row entered the DOM: for a row added inside a
 *   frame callback (both pages add theirs there) that is the next frame's, one frame late on both sides;
 * - first row: the first animation frame callback after the page's first row is rendered (cold load; P4 takes
 *   the later of that and the first contentful paint).
 */
export const PAGE_PROBE = String.raw`(() => {
  if (window.__bench) return;
  const arrivals = new Map();
  const st = { measuring: false, frames: [], longtasks: [], rows: [], unmatched: 0, wsFrames: 0, wsBytes: 0, gameEvents: 0,
    firstRowAt: -1, liveRowAt: -1, seen: new Set(), pending: [], waiting: [], startedAt: 0 };
  // Which frame paints a row: the page's own frame callbacks are wrapped. A callback's microtasks run before the
  // next callback, so three hops after it are past the commit an update made there and its MutationObserver.
  let frameNo = 0, inFrame = false;
  const nativeRaf = window.requestAnimationFrame.bind(window);
  const leaveFrame = () => queueMicrotask(() => queueMicrotask(() => queueMicrotask(() => { inFrame = false; })));
  window.requestAnimationFrame = function (cb) {
    return nativeRaf((t) => { inFrame = true; try { cb(t); } finally { leaveFrame(); } });
  };
  // When a frame painted. The probe adds a small marker to every frame, named for Element Timing, and the browser
  // reports when the frame that drew it painted (\`paintTime\`; \`renderTime\`, its presentation, where that is
  // missing). A task posted from the frame's first callback stands in where the browser reports no marker: it runs
  // after the rendering update, but behind any task queued before it, so it can only be later than the paint.
  const painted = new Map(), taskAt = new Map();
  const record = (row, at) => { row[3] = at; if (st.measuring && st.rows.length < 200000) st.rows.push(row); };
  const settle = (upTo) => {
    while (st.waiting.length && st.waiting[0][0] <= upTo) {
      const [k, row] = st.waiting.shift();
      const at = painted.get(k) ?? taskAt.get(k);
      if (at !== undefined) record(row, at);
    }
  };
  const marking = typeof PerformanceObserver !== 'undefined' && (PerformanceObserver.supportedEntryTypes || []).includes('element');
  const frameEnd = new MessageChannel();
  frameEnd.port1.onmessage = (ev) => {
    taskAt.set(ev.data, performance.now());
    taskAt.delete(ev.data - 600);
    // Markers are reported after their frame is presented, a frame or two later.
    settle(marking ? ev.data - 30 : ev.data);
  };
  if (marking) {
    new PerformanceObserver((list) => {
      let upTo = 0;
      for (const e of list.getEntries()) {
        const k = Number(e.identifier.startsWith('probe-frame-') ? e.identifier.slice(12) : NaN);
        if (!(k > 0)) continue;
        painted.set(k, e.paintTime || e.renderTime);
        painted.delete(k - 600);
        if (k > upTo) upTo = k;
      }
      if (upTo) settle(upTo);
    }).observe({ type: 'element', buffered: false });
  }
  let markers = null;
  const mark = (k) => {
    if (!markers) {
      if (!document.body) return;
      markers = document.createElement('div');
      markers.setAttribute('aria-hidden', 'true');
      markers.style.cssText = 'position:fixed;right:0;bottom:0;width:6px;height:6px;overflow:hidden;contain:strict;font:6px/6px monospace;color:#888;pointer-events:none;z-index:2147483647';
      document.body.append(markers);
    }
    const m = document.createElement('div');
    m.setAttribute('elementtiming', 'probe-frame-' + k);
    m.textContent = '.';
    markers.prepend(m);
    // Kept until the browser has reported it: a marker removed first is never reported.
    if (markers.childElementCount > 20) markers.lastElementChild.remove();
  };
  let last = 0;
  const loop = (t) => {
    frameNo++;
    frameEnd.port2.postMessage(frameNo);
    if (marking) mark(frameNo);
    if (st.measuring && last && st.frames.length < 500000) st.frames.push(t - last);
    last = t;
    nativeRaf(loop);
  };
  nativeRaf(loop);
  try {
    new PerformanceObserver((list) => {
      if (st.measuring) for (const e of list.getEntries()) st.longtasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: false });
  } catch (e) {}
  const onFrame = (s, t) => {
    if (st.measuring) st.wsFrames++;
    if (typeof s !== 'string') return;
    if (st.measuring) st.wsBytes += s.length;
    if (s.indexOf('"channel":"game"') < 0 || s.indexOf('"type":"event"') < 0) return;
    st.gameEvents++;
    const at = s.indexOf('"id":"');
    if (at < 0) return;
    const tsAt = s.indexOf('"ts":"');
    const eventTime = tsAt < 0 ? NaN : Date.parse(s.slice(tsAt + 6, s.indexOf('"', tsAt + 6))) - performance.timeOrigin;
    arrivals.set(s.slice(at + 6, s.indexOf('"', at + 6)), [t, eventTime]);
  };
  const Native = window.WebSocket;
  class ProbedWebSocket extends Native {
    constructor(url, protocols) {
      super(url, protocols);
      this.addEventListener('message', (ev) => onFrame(ev.data, performance.now()));
    }
  }
  window.WebSocket = ProbedWebSocket;
  // The dashboard's socket lives in a worker (lib/store/worker-socket.ts), which hands the page each burst of frames.
  const NativeWorker = window.Worker;
  if (NativeWorker) {
    window.Worker = class extends NativeWorker {
      constructor(url, options) {
        super(url, options);
        this.addEventListener('message', (ev) => {
          const d = ev.data;
          if (!d || d.t !== 'frames') return;
          const t = performance.now();
          for (const frame of d.frames) onFrame(frame, t);
        });
      }
    };
  }
  // The probe's own memory stays small (it is inside the heap being measured): arrivals older than
  // 15 s will never become rows worth timing, and ids of rows already seen are only kept for a while.
  setInterval(() => {
    const old = performance.now() - 15000;
    for (const [k, v] of arrivals) { if (v[0] >= old) break; arrivals.delete(k); }
    if (st.seen.size > 20000) st.seen.clear();
  }, 1000);

  let scheduled = false;
  // The first rows are timed once one of them is rendered: a page streamed from the server may hold them
  // in a hidden part of the document for a while before it shows them.
  let firstRows = [];
  const flush = () => {
    const now = performance.now();
    scheduled = false;
    if (st.firstRowAt < 0 && firstRows.length) {
      if (firstRows.some((el) => el.isConnected && (!el.checkVisibility || el.checkVisibility()))) { st.firstRowAt = now; firstRows = []; }
      else { scheduled = true; nativeRaf(flush); }
    }
    // A live row: one of an event this page received on its socket (a page rendered with rows shows others first).
    if (st.liveRowAt < 0 && st.firstRowAt >= 0 && st.pending.some((p) => p[1])) st.liveRowAt = now;
    for (const [id, row] of st.pending) {
      if (row) row[4] = now;
      else if (st.measuring) st.unmatched++;
    }
    st.pending = [];
  };
  const onRow = (el) => {
    const id = el.getAttribute('data-id');
    if (!id || st.seen.has(id)) return;
    st.seen.add(id);
    if (st.firstRowAt < 0 && firstRows.length < 50) firstRows.push(el);
    const a = arrivals.get(id);
    const row = a ? [id, a[0], a[1], NaN, NaN] : null;
    st.pending.push([id, row]);
    if (row && st.waiting.length < 100000) st.waiting.push([inFrame ? frameNo : frameNo + 1, row]);
  };
  const SEL = '[data-testid="bet-row"]';
  const mo = new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes') { if (r.target.matches && r.target.matches(SEL)) onRow(r.target); continue; }
      for (const n of r.addedNodes) {
        if (n.nodeType !== 1) continue;
        if (n.matches(SEL)) onRow(n);
        else if (n.firstElementChild) n.querySelectorAll(SEL).forEach(onRow);
      }
    }
    if (st.pending.length && !scheduled) { scheduled = true; nativeRaf(flush); }
  });
  mo.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-id'] });

  window.__bench = {
    firstRowAt: () => st.firstRowAt,
    liveRowAt: () => st.liveRowAt,
    start() {
      st.frames = []; st.longtasks = []; st.rows = []; st.unmatched = 0; st.wsFrames = 0; st.wsBytes = 0;
      st.startedAt = performance.now(); st.measuring = true; last = 0;
    },
    stop() {
      st.measuring = false;
      return { seconds: (performance.now() - st.startedAt) / 1000, frames: st.frames, longtasks: st.longtasks, rows: st.rows,
        unmatched: st.unmatched, wsFrames: st.wsFrames, wsBytes: st.wsBytes };
    },
  };
})();`;

/** What `__bench.stop()` returns. */
export interface ProbeSample {
  seconds: number;
  frames: number[];
  longtasks: number[];
  /**
   * [event id, arrival, event time, visible, next frame], page clock (ms since navigation start); event time NaN
   * without `ts`; visible: the paint of the frame that painted the row; next frame: the first animation
   * frame callback after the row entered the DOM (NaN if the window closed first).
   */
  rows: [string, number, number, number, number][];
  unmatched: number;
  wsFrames: number;
  wsBytes: number;
}

/**
 * The P3 baseline: a bare page on the same `/v1/ws` with the same subscriptions as the dashboard, which
 * parses nothing. Once per animation frame it shows the frame count and puts the `game` events that came
 * since the last frame at the top of a list of `bet-row`s, newest first, keeping the newest `rows` (the
 * dashboard's own count of shown rows, so both pages show, and the probe times, the same newest events;
 * 1 by default). The probe measures it exactly as it measures the dashboard.
 * Served by `bench/baselines/static-page.ts` at `/bare?ws=<socket URL with token>&subs=<JSON>&rows=<n>`.
 */
export const BARE_PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>bare</title></head><body>
<h1>frames: <span id="count">0</span></h1><div id="rows"></div>
<script>
const query = new URLSearchParams(location.search);
const SUBS = JSON.parse(query.get('subs') || '[]');
const ROWS = Math.max(1, Number(query.get('rows')) || 1);
const ws = new WebSocket(query.get('ws'));
const count = document.getElementById('count');
const rows = document.getElementById('rows');
let n = 0, fresh = [], dirty = false;
ws.onmessage = (ev) => {
  const s = ev.data;
  n++; dirty = true;
  if (s.startsWith('{"type":"welcome"')) {
    SUBS.forEach((sub, i) => ws.send(JSON.stringify({ type: 'subscribe', id: 'b' + i, channel: sub.channel, params: sub.params })));
  } else if (s.indexOf('"channel":"game"') >= 0 && s.indexOf('"type":"event"') >= 0) {
    const at = s.indexOf('"id":"');
    fresh.push(s.slice(at + 6, s.indexOf('"', at + 6)));
    if (fresh.length > ROWS) fresh.splice(0, fresh.length - ROWS);
  }
};
const frame = () => {
  if (dirty) {
    dirty = false;
    count.textContent = String(n);
    if (fresh.length > 0) {
      const added = fresh.reverse().map((id) => {
        const row = document.createElement('div');
        row.setAttribute('data-testid', 'bet-row');
        row.setAttribute('data-id', id);
        row.textContent = id;
        return row;
      });
      rows.prepend(...added);
      while (rows.childElementCount > ROWS) rows.lastElementChild.remove();
      fresh = [];
    }
  }
  requestAnimationFrame(frame);
};
requestAnimationFrame(frame);
</script></body></html>`;

/** The bare page's address on the static server, for a gateway socket and a set of subscriptions. */
export function barePageUrl(staticBase: string, gatewayPort: number, token: string, subscriptions: { channel: string; params: object }[], rows = 1): string {
  const ws = `ws://127.0.0.1:${gatewayPort}/v1/ws?token=${encodeURIComponent(token)}`;
  return `${staticBase}/bare?ws=${encodeURIComponent(ws)}&subs=${encodeURIComponent(JSON.stringify(subscriptions))}&rows=${rows}`;
}
