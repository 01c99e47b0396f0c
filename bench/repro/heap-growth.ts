/**
 * What holds on to the dashboard's heap growth: reads two or three heap snapshots saved by
 * `dashboard-heap.ts --save`, takes the objects that are in the later one but not in the first (with
 * three: allocated between the first two and still alive in the third), walks each one up its
 * shortest retainer path to the first object that was already there in the first snapshot, and prints
 * the retained bytes grouped by that path, largest first.
 *
 *   node --import tsx bench/repro/heap-growth.ts A.heapsnapshot B.heapsnapshot [C.heapsnapshot] [--top=40]
 */
import { readFileSync } from 'node:fs';
import { argValue, isEntryPoint, runAsScript } from '../lib/cli';

interface RawSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]]; edge_fields: string[]; edge_types: [string[], ...unknown[]] } };
  nodes: number[];
  edges: number[];
  strings: string[];
}

/** One snapshot as flat arrays: per node its type, name, id, size and retainers (on the shortest path from the roots first). */
interface Graph {
  count: number;
  type: string[];
  name: (i: number) => string;
  id: Float64Array;
  size: Float64Array;
  /** Distance from the GC roots, for picking the retainer a human would follow. */
  depth: Int32Array;
  /** The retainer with the smallest depth and the edge's name, per node. */
  parent: Int32Array;
  parentEdge: string[];
}

function load(file: string): Graph {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as RawSnapshot;
  const nf = raw.snapshot.meta.node_fields;
  const ef = raw.snapshot.meta.edge_fields;
  const width = nf.length;
  const ew = ef.length;
  const [tAt, nAt, idAt, sAt, ecAt] = ['type', 'name', 'id', 'self_size', 'edge_count'].map((f) => nf.indexOf(f));
  const [etAt, enAt, toAt] = ['type', 'name_or_index', 'to_node'].map((f) => ef.indexOf(f));
  const nodeTypes = raw.snapshot.meta.node_types[0];
  const edgeTypes = raw.snapshot.meta.edge_types[0];
  const count = raw.nodes.length / width;
  const id = new Float64Array(count);
  const size = new Float64Array(count);
  const type: string[] = new Array(count);
  const firstEdge = new Int32Array(count + 1);
  for (let i = 0, e = 0; i < count; i++) {
    type[i] = nodeTypes[raw.nodes[i * width + tAt]];
    id[i] = raw.nodes[i * width + idAt];
    size[i] = raw.nodes[i * width + sAt];
    firstEdge[i] = e;
    e += raw.nodes[i * width + ecAt] * ew;
    firstEdge[i + 1] = e;
  }
  // Breadth first from the root (node 0) over strong edges: each node's parent is a shortest-path retainer.
  const depth = new Int32Array(count).fill(-1);
  const parent = new Int32Array(count).fill(-1);
  const parentEdge: string[] = new Array(count);
  const queue = new Int32Array(count);
  let head = 0;
  let tail = 0;
  depth[0] = 0;
  queue[tail++] = 0;
  while (head < tail) {
    const from = queue[head++];
    for (let e = firstEdge[from]; e < firstEdge[from + 1]; e += ew) {
      const et = edgeTypes[raw.edges[e + etAt]];
      if (et === 'weak') continue;
      const to = raw.edges[e + toAt] / width;
      if (depth[to] !== -1) continue;
      depth[to] = depth[from] + 1;
      parent[to] = from;
      const n = raw.edges[e + enAt];
      parentEdge[to] = et === 'element' || et === 'hidden' ? `[${et === 'element' ? '#' : 'h'}]` : (raw.strings[n] ?? String(n));
      queue[tail++] = to;
    }
  }
  const name = (i: number) => {
    const t = type[i];
    const n = raw.strings[raw.nodes[i * width + nAt]];
    return t === 'object' || t === 'closure' || t === 'native' ? `${n}` : `(${t})`;
  };
  return { count, type, name, id, size, depth, parent, parentEdge };
}

const ids = (g: Graph) => new Set(g.id);

/** An object that was already there, named with the last steps of its own shortest path from the roots. */
function where(g: Graph, at: number, steps = 3): string {
  const up: string[] = [];
  let i = at;
  while (up.length < steps && g.parent[i] > 0) {
    up.push(`${g.name(g.parent[i]).slice(0, 24)}.${g.parentEdge[i]}`);
    i = g.parent[i];
  }
  return `${up.reverse().join(' ')} (${g.name(at).slice(0, 40)})`;
}

async function main() {
  const files = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const top = Number(argValue('top') ?? 40);
  if (files.length < 2) throw new Error('usage: heap-growth.ts A.heapsnapshot B.heapsnapshot [C.heapsnapshot]');
  const first = ids(load(files[0]));
  const graph = load(files[files.length - 1]);
  // With three snapshots, only what was allocated between the first two counts (and is still alive in the third).
  const between = files.length === 3 ? ids(load(files[1])) : null;
  const isNew = (i: number) => !first.has(graph.id[i]) && (between === null || between.has(graph.id[i]));
  const groups = new Map<string, { size: number; count: number }>();
  let total = 0;
  for (let i = 0; i < graph.count; i++) {
    if (!isNew(i) || graph.depth[i] < 0) continue;
    // Up the shortest retainer path to the first object the first snapshot already had.
    const path: string[] = [];
    let at = i;
    while (at > 0 && isNew(at) && path.length < 40) {
      path.push(graph.parentEdge[at]);
      at = graph.parent[at];
    }
    const tail = path.slice(-4).reverse().join('.');
    const key = `${where(graph, at)} .${tail} → ${graph.name(i)}`;
    const entry = groups.get(key) ?? { size: 0, count: 0 };
    entry.size += graph.size[i];
    entry.count += 1;
    groups.set(key, entry);
    total += graph.size[i];
  }
  console.log(`new and retained: ${(total / 2 ** 20).toFixed(2)} MB in ${[...groups.values()].reduce((s, e) => s + e.count, 0)} objects`);
  for (const [key, e] of [...groups].sort((a, b) => b[1].size - a[1].size).slice(0, top)) {
    console.log(`${(e.size / 1024).toFixed(1).padStart(9)} KB ${String(e.count).padStart(7)}  ${key}`);
  }
}

if (isEntryPoint(import.meta.url)) runAsScript(main);
