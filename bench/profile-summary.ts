/**
 * Where a CPU profile's time went (`node --cpu-prof` writes them; bench/pages.ts with BENCH_PROFILE):
 * self time by package or source file, and the functions with the most self time and the most total
 * time (their own plus everything they called), as shares of the busy time (idle left out).
 *
 *   node bench/profile-summary.ts <file.cpuprofile> [how many rows, default 25]
 */
import { readFileSync } from 'node:fs';

type Frame = { functionName: string; url: string; lineNumber: number };
type Node = { id: number; callFrame: Frame; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] };

const [file, rowsArg] = process.argv.slice(2);
if (!file) {
  console.error('Usage: node bench/profile-summary.ts <file.cpuprofile> [rows]');
  process.exit(2);
}
const rows = Number(rowsArg ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const selfMs = new Map<number, number>();
profile.samples.forEach((id, i) => selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));

const where = (f: Frame): string => {
  if (!f.url) return f.functionName ? `(${f.functionName})` : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(f.url)?.[1];
  if (pkg) return pkg;
  if (f.url.startsWith('node:')) return f.url;
  return f.url.replace(/^file:\/\/.*?\/(src|bench)\//, '$1/');
};
const label = (f: Frame) => `${f.functionName || '(anonymous)'} ${where(f)}:${f.lineNumber + 1}`;
const idle = (f: Frame) => f.functionName === '(idle)' || f.functionName === '(program)';

let busy = 0;
let idleMs = 0;
const byPlace = new Map<string, number>();
const bySelf = new Map<string, number>();
const byTotal = new Map<string, number>();
for (const [id, ms] of selfMs) {
  const frame = byId.get(id)!.callFrame;
  if (idle(frame)) {
    idleMs += ms;
    continue;
  }
  busy += ms;
  byPlace.set(where(frame), (byPlace.get(where(frame)) ?? 0) + ms);
  bySelf.set(label(frame), (bySelf.get(label(frame)) ?? 0) + ms);
  // Total time: each function on the stack once (recursion counted once).
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const name = label(byId.get(at)!.callFrame);
    if (seen.has(name)) continue;
    seen.add(name);
    byTotal.set(name, (byTotal.get(name) ?? 0) + ms);
  }
}

const table = (title: string, map: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [name, ms] of [...map].sort((a, b) => b[1] - a[1]).slice(0, rows)) console.log(`${((ms / busy) * 100).toFixed(1).padStart(5)}%  ${ms.toFixed(0).padStart(7)} ms  ${name}`);
};
console.log(`${file}: busy ${(busy / 1000).toFixed(1)} s, idle ${(idleMs / 1000).toFixed(1)} s`);
table('Self time by package or file', byPlace);
table('Functions by self time', bySelf);
table('Functions by total time (self and what they called)', byTotal);
