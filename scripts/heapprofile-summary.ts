/**
 * Summarises V8 sampling heap profiles (what a piece of code allocates) by allocating
 * function: self (allocated in the function itself) and total (in it and its callees),
 * largest self first, in KB per unit when `--per N` is given (e.g. the articles assigned).
 *
 *   npx tsx scripts/heapprofile-summary.ts FILE [--per N] [--top N] [--callers NAME]
 *
 * `--callers NAME` lists instead what NAME allocates itself by the chain of its three callers.
 * FILE holds one profile (`node --heap-prof` writes *.heapprofile) or a JSON array of
 * them (`bench/assign-profile.ts` with CROSSREAD_HEAP_PROFILE=FILE: one per assignment
 * call, the collected objects counted), summed.
 */
import { readFileSync } from 'node:fs';

interface HeapNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: HeapNode[];
}
interface HeapProfile {
  head: HeapNode;
}

function label(f: HeapNode['callFrame']): string {
  const name = f.functionName || '(anonymous)';
  if (!f.url) return name;
  const m = /(?:src|bench|node_modules)\/.*$/.exec(f.url);
  return `${name} ${m ? m[0] : f.url.replace(/^.*\//, '')}`;
}

export function summariseHeap(
  profiles: readonly HeapProfile[],
  callersOf?: string,
): { totalBytes: number; functions: Array<{ name: string; self: number; total: number }>; callers: Array<{ chain: string; bytes: number }> } {
  const self = new Map<string, number>();
  const chains = new Map<string, number>();
  const total = new Map<string, number>();
  let all = 0;
  // Depth-first with the names on the path, so that a recursive function counts once per byte.
  const walk = (n: HeapNode, path: string[]): number => {
    const name = label(n.callFrame);
    self.set(name, (self.get(name) ?? 0) + n.selfSize);
    all += n.selfSize;
    if (callersOf !== undefined && n.selfSize > 0 && (name === callersOf || name.startsWith(`${callersOf} `))) {
      const chain = path.slice(-3).reverse().join(' < ');
      chains.set(chain, (chains.get(chain) ?? 0) + n.selfSize);
    }
    let sub = n.selfSize;
    const inner = [...path, name];
    for (const c of n.children) sub += walk(c, inner);
    if (!path.includes(name)) total.set(name, (total.get(name) ?? 0) + sub);
    return sub;
  };
  for (const p of profiles) walk(p.head, []);
  const functions = [...total].map(([name, t]) => ({ name, self: self.get(name) ?? 0, total: t }));
  functions.sort((a, b) => b.self - a.self || b.total - a.total);
  const callers = [...chains].map(([chain, bytes]) => ({ chain, bytes })).sort((a, b) => b.bytes - a.bytes);
  return { totalBytes: all, functions, callers };
}

function main(argv: string[]): void {
  const file = argv[0];
  if (!file || file.startsWith('--')) {
    process.stderr.write('usage: npx tsx scripts/heapprofile-summary.ts FILE [--per N] [--top N]\n');
    process.exitCode = 2;
    return;
  }
  const opt = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const per = Number(opt('--per') ?? 1);
  const top = Number(opt('--top') ?? 40);
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as HeapProfile | HeapProfile[];
  const callersOf = opt('--callers');
  const s = summariseHeap(Array.isArray(parsed) ? parsed : [parsed], callersOf);
  const kb = (b: number): string => (b / 1024 / per).toFixed(1);
  if (callersOf !== undefined) {
    process.stdout.write(`${'KB'.padStart(9)}  allocated by ${callersOf} < its callers\n`);
    for (const c of s.callers.slice(0, top)) process.stdout.write(`${kb(c.bytes).padStart(9)}  ${c.chain}\n`);
    return;
  }
  process.stdout.write(`allocated ${kb(s.totalBytes)} KB${per !== 1 ? ` per unit (÷ ${per})` : ''}\n`);
  process.stdout.write(`${'self KB'.padStart(9)} ${'total KB'.padStart(9)}  function\n`);
  for (const f of s.functions.slice(0, top)) process.stdout.write(`${kb(f.self).padStart(9)} ${kb(f.total).padStart(9)}  ${f.name}\n`);
}

main(process.argv.slice(2));
