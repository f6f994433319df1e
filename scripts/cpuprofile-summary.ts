/**
 * Summarises a V8 CPU profile (`node --cpu-prof --cpu-prof-dir=DIR …` writes DIR/*.cpuprofile)
 * by function: self time (the samples whose top frame is the function) and total time (the
 * samples with the function anywhere on the stack, each sample counted once per function),
 * largest self time first.
 *
 *   npx tsx scripts/cpuprofile-summary.ts DIR/x.cpuprofile [--windows FILE] [--under NAME] [--top N]
 *
 * `--windows FILE` keeps only the samples taken inside the time windows listed in FILE (a
 * JSON array of [start, end] in monotonic µs, the profile's clock; `bench/assign-profile.ts`
 * writes the assignment's with CROSSREAD_PROFILE_WINDOWS=FILE): an async call's samples
 * after its first await have no caller on the stack, so a window is how to keep them all.
 * `--under NAME` keeps only the samples with a function named NAME on the stack. The
 * header gives the profile's span and the kept samples' time. `--callers NAME` lists,
 * instead, the total time of NAME (function name) by the chain of its three callers. Time per sample
 * is the interval to the next sample (V8's `timeDeltas`), the last sample's is zero.
 */
import { readFileSync } from 'node:fs';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface FunctionTime {
  name: string;
  selfMs: number;
  totalMs: number;
}

export interface ProfileSummary {
  spanMs: number;
  keptMs: number;
  functions: FunctionTime[];
  /** With `callers`: the time of that function (on the stack) by its callers' chain. */
  callers: Array<{ chain: string; ms: number }>;
}

/** The name of a frame: function (or a special node's name) and where, short. */
function label(f: CallFrame): string {
  const name = f.functionName || '(anonymous)';
  if (!f.url) return name;
  const m = /(?:src|bench|node_modules)\/.*$/.exec(f.url);
  const where = m ? m[0] : f.url.replace(/^.*\//, '');
  return `${name} ${where}:${f.lineNumber + 1}`;
}

export function summarise(profile: CpuProfile, under?: string, windows?: ReadonlyArray<readonly [number, number]>, callersOf?: string): ProfileSummary {
  const byId = new Map<number, ProfileNode>();
  const parent = new Map<number, number>();
  for (const n of profile.nodes) byId.set(n.id, n);
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const chains = new Map<string, number>();
  const total = new Map<string, number>();
  let kept = 0;
  const stackCache = new Map<number, string[]>();
  const stackOf = (id: number): string[] => {
    const hit = stackCache.get(id);
    if (hit) return hit;
    const out: string[] = [];
    for (let x: number | undefined = id; x !== undefined; x = parent.get(x)) out.push(label(byId.get(x)!.callFrame));
    stackCache.set(id, out);
    return out;
  };
  const underCache = new Map<number, boolean>();
  const isUnder = (id: number): boolean => {
    if (under === undefined) return true;
    const hit = underCache.get(id);
    if (hit !== undefined) return hit;
    let found = false;
    for (let x: number | undefined = id; x !== undefined && !found; x = parent.get(x)) found = byId.get(x)!.callFrame.functionName === under;
    underCache.set(id, found);
    return found;
  };
  const inWindow = (at: number): boolean => windows === undefined || windows.some(([a, b]) => at >= a && at < b);
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i]!;
    at += profile.timeDeltas[i] ?? 0;
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    if (!inWindow(at) || !isUnder(id)) continue;
    kept += ms;
    const stack = stackOf(id);
    self.set(stack[0]!, (self.get(stack[0]!) ?? 0) + ms);
    for (const name of new Set(stack)) total.set(name, (total.get(name) ?? 0) + ms);
    if (callersOf !== undefined) {
      const k = stack.findIndex((l) => l === callersOf || l.startsWith(`${callersOf} `));
      if (k >= 0) {
        const chain = stack.slice(k + 1, k + 4).join(' < ');
        chains.set(chain, (chains.get(chain) ?? 0) + ms);
      }
    }
  }
  const functions = [...total].map(([name, totalMs]) => ({ name, selfMs: self.get(name) ?? 0, totalMs }));
  functions.sort((a, b) => b.selfMs - a.selfMs || b.totalMs - a.totalMs);
  const callers = [...chains].map(([chain, ms]) => ({ chain, ms })).sort((a, b) => b.ms - a.ms);
  return { spanMs: (profile.endTime - profile.startTime) / 1000, keptMs: kept, functions, callers };
}

function main(argv: string[]): void {
  const file = argv.find((a, i) => !a.startsWith('--') && !(i > 0 && argv[i - 1]!.startsWith('--')));
  if (!file) {
    process.stderr.write('usage: npx tsx scripts/cpuprofile-summary.ts FILE.cpuprofile [--under NAME] [--top N]\n');
    process.exitCode = 2;
    return;
  }
  const opt = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const under = opt('--under');
  const top = Number(opt('--top') ?? 40);
  const w = opt('--windows');
  const windows = w ? (JSON.parse(readFileSync(w, 'utf8')) as Array<[number, number]>) : undefined;
  const callersOf = opt('--callers');
  const s = summarise(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, under, windows, callersOf);
  const kept = [windows ? 'in the windows' : '', under ? `under ${under}` : ''].filter(Boolean).join(' ');
  process.stdout.write(`profile span ${(s.spanMs / 1000).toFixed(2)} s; samples${kept ? ` ${kept}` : ''} ${(s.keptMs / 1000).toFixed(2)} s\n`);
  if (callersOf !== undefined) {
    process.stdout.write(`${'ms'.padStart(9)}  ${callersOf} < its callers\n`);
    for (const c of s.callers.slice(0, top)) process.stdout.write(`${c.ms.toFixed(0).padStart(9)}  ${c.chain}\n`);
    return;
  }
  process.stdout.write(`${'self ms'.padStart(9)} ${'total ms'.padStart(9)}  function\n`);
  for (const f of s.functions.slice(0, top)) process.stdout.write(`${f.selfMs.toFixed(0).padStart(9)} ${f.totalMs.toFixed(0).padStart(9)}  ${f.name}\n`);
}

main(process.argv.slice(2));
