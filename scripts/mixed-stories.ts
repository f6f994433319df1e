/**
 * Where do stories that mix events come from? Replays a labelled file as a shuffled
 * stream (batches of 16, as eval-cluster delivers it) through the in-memory clusterer
 * and prints every final story holding articles of more than two gold stories:
 *
 *   node --import tsx scripts/mixed-stories.ts ../shared/data/dev/multinews-val-sample.jsonl [--seed 1] [--join 0.2 …]
 *
 * For each such story: its size and gold stories; how it was built (members that
 * arrived by joining it, by a bridging merge of the story they joined, by refinement
 * or by a re-split, with the batch and the similarity at which each joined); the
 * pairwise similarity structure under the final corpus IDF (each member's nearest
 * other member and whether it is of the same gold story; the average cosine within
 * each gold story's members and across gold stories); and whether a re-split of the
 * final story (./src/stories/resplit.ts) would split it now, into which gold stories.
 * The summary line gives B-cubed F1 of the in-memory replay (close to eval-cluster's,
 * not equal: the store also skips same-content duplicates).
 *
 * Clusterer options can be given as `--<option> <number>` (e.g. `--joinAverageLink 0.1`).
 * `--seeds k`: seeds seed … seed+k−1, one summary line each and the spread over them (F1
 * mean, min–max; stories of more than two gold stories; most gold stories in one).
 * `--cohesion 1`: instead of the mixed stories, every story of three or more members
 * with its members' average pairwise cosine, size and number of gold stories, loosest
 * first (is a cohesion floor able to tell the mixed stories from the true ones?).
 * `--splits 1`: instead, the recall side: every gold story whose articles ended in
 * several predicted stories, each smaller part against the largest (sizes, the highest
 * and the average cosine across, whether the part's story holds other gold stories),
 * and the pairs of articles so separated by the band of the parts' highest cosine
 * (below 0.12 no text signal could join them; the join threshold is 0.17).
 */
import { basename } from 'node:path';
import { shuffle } from '../src/eval/clustering.js';
import { storyMixing, fewestCoveringLabels } from '../src/eval/story-mixing.js';
import { extendedBcubed } from '../src/eval/extended-bcubed.js';
import { StoryClusterer, DEFAULT_CLUSTER_OPTIONS, type ClusterOptions, type InternedFeatures } from '../src/stories/cluster.js';
import type { ExtractedFeatures } from '../src/stories/features.js';
import { dot } from '../src/stories/sparse.js';
import { splitSmallLoose, splitStory } from '../src/stories/resplit.js';
import { loadStream, type LabelledStream } from './fit-linking-model.js';

interface Arrival {
  batch: number;
  /** How the article entered the story it was first placed in. */
  how: 'founded' | 'joined';
  similarity: number;
  /** Later events: merges of its story, moves by refinement or re-split. */
  later: string[];
}

async function main(argv: string[]): Promise<void> {
  const file = argv[0];
  if (!file) {
    process.stderr.write('usage: node --import tsx scripts/mixed-stories.ts <labelled.jsonl> [--seed n] [--seeds k] [--cohesion 1] [--splits 1] [--<clusterOption> x …]\n');
    process.exit(2);
  }
  let seed = 1;
  let seeds = 0;
  let cohesion = false;
  let splits = false;
  const opts: Partial<ClusterOptions> = {};
  for (let i = 1; i < argv.length; i += 2) {
    const k = (argv[i] as string).replace(/^--/, '');
    const v = Number(argv[i + 1]);
    if (!Number.isFinite(v)) throw new Error(`--${k} needs a number, got "${argv[i + 1] ?? ''}"`);
    if (k === 'seed') seed = v;
    else if (k === 'seeds') seeds = v;
    else if (k === 'cohesion') cohesion = v > 0;
    else if (k === 'splits') splits = v > 0;
    else if (k in DEFAULT_CLUSTER_OPTIONS) (opts as Record<string, number>)[k] = v;
    else throw new Error(`unknown option --${k}`);
  }
  const s = await loadStream(file);
  if (seeds <= 0) {
    process.stdout.write(`${replaySeed(s, file, seed, opts, splits ? 'splits' : cohesion ? 'cohesion' : 'mixed').lines.join('\n')}\n`);
    return;
  }
  // Several seeds: one line each and the spread (as eval-cluster --seeds reports it).
  const runs = [];
  for (let k = 0; k < seeds; k++) {
    const r = replaySeed(s, file, seed + k, opts, 'summary');
    runs.push(r);
    process.stdout.write(`${r.lines[0]}\n`);
  }
  const f1 = runs.map((r) => r.f1);
  const mixed = runs.map((r) => r.mixed);
  process.stdout.write(
    `over seeds ${seed}…${seed + seeds - 1}: B-cubed F1 mean ${(f1.reduce((a, b) => a + b, 0) / f1.length).toFixed(3)} (${Math.min(...f1).toFixed(3)}–${Math.max(...f1).toFixed(3)}); ` +
      `${Math.min(...mixed)}–${Math.max(...mixed)} stories of more than two gold stories, at most ${Math.max(...runs.map((r) => r.maxGold))} gold stories in one\n`,
  );
}

/**
 * One replay of the stream shuffled by `seed`. `mode`: `mixed`, the summary line and the
 * mixed stories in detail; `cohesion`, the summary line and every story of three or more
 * members with its members' average pairwise cosine, size and gold stories (loosest
 * first); `splits`, the summary line and the gold stories split apart; `summary`, the
 * summary line only.
 */
function replaySeed(s: LabelledStream, file: string, seed: number, opts: Partial<ClusterOptions>, mode: 'mixed' | 'cohesion' | 'splits' | 'summary'): { lines: string[]; f1: number; mixed: number; maxGold: number } {
  const c = new StoryClusterer(opts);
  const interned = new Map<string, InternedFeatures>();
  const arrivals = new Map<string, Arrival>();
  const order = shuffle(s.docs, seed).filter((d) => s.features.has(d.id));
  const label = (id: string): string => (s.gold.get(id) ?? ['?']).join('+');
  for (let i = 0, batch = 1; i < order.length; i += 16, batch++) {
    const docs = order.slice(i, i + 16);
    const terms = docs.map((d) => c.observeInterned(s.features.get(d.id) as ExtractedFeatures));
    const items = docs.map((d, k) => ({ id: d.id, features: c.selectInterned(terms[k]!, s.features.get(d.id) as ExtractedFeatures) }));
    for (const it of items) interned.set(it.id, it.features);
    const before = c.groups();
    const sizeBefore = (id: string): number => before.get(id)?.length ?? 0;
    const ch = c.addBatch(items);
    for (const a of ch.assigned) arrivals.set(a.articleId, { batch, how: a.newStory ? 'founded' : 'joined', similarity: a.similarity, later: [] });
    const now = c.groups();
    for (const m of ch.merged) {
      for (const id of now.get(m.into) ?? []) {
        const a = arrivals.get(id);
        if (a && (before.get(m.from)?.includes(id) || ch.assigned.some((x) => x.articleId === id))) a.later.push(`b${batch} merge ${sizeBefore(m.from)}+${sizeBefore(m.into)}`);
      }
    }
    const splitTo = new Set(ch.split.flatMap((x) => x.into));
    for (const m of ch.moved) arrivals.get(m.articleId)?.later.push(`b${batch} ${splitTo.has(m.to) ? 'split off' : 'refined'} ${m.from}→${m.to}`);
  }
  const final = c.groups();
  const predicted = new Map<string, string>();
  for (const [sid, ids] of final) for (const id of ids) predicted.set(id, sid);
  for (const d of s.docs) if (!predicted.has(d.id)) predicted.set(d.id, `refused:${d.id}`);
  const b = extendedBcubed(new Map([...predicted].map(([id, x]) => [id, [x]])), s.gold);
  const mix = storyMixing(predicted, s.gold);
  const vec = (id: string) => c.vocabulary.weigh(interned.get(id) as InternedFeatures);
  const out: string[] = [];
  out.push(`${basename(file)} seed ${seed}: B-cubed F1 ${b.f1.toFixed(3)} (P ${b.precision.toFixed(3)} R ${b.recall.toFixed(3)}); ${mix.storiesOverTwoGold} stories of more than two gold stories, at most ${mix.maxGoldInOneStory}`);
  const result = { lines: out, f1: b.f1, mixed: mix.storiesOverTwoGold, maxGold: mix.maxGoldInOneStory };
  if (mode === 'summary') return result;
  if (mode === 'splits') {
    out.push(...splitGold(final, predicted, s, vec));
    return result;
  }
  if (mode === 'cohesion') {
    const rows: Array<[number, string]> = [];
    for (const [sid, ids] of final) {
      if (ids.length < 3) continue;
      const vs = ids.map(vec);
      let sum = 0;
      for (let i = 0; i < vs.length; i++) for (let j = i + 1; j < vs.length; j++) sum += dot(vs[i]!, vs[j]!);
      const avg = sum / ((ids.length * (ids.length - 1)) / 2);
      const k = fewestCoveringLabels(ids.map((id) => new Set(s.gold.get(id) ?? [])));
      rows.push([avg, `  ${avg.toFixed(3)}  ${String(ids.length).padStart(3)} articles  ${k} gold stor${k === 1 ? 'y' : 'ies'}  ${sid}`]);
    }
    rows.sort((x, y) => x[0] - y[0]);
    out.push('average pairwise cosine (final corpus IDF), size, gold stories, of every story of three or more:', ...rows.map((r) => r[1]));
    return result;
  }
  for (const [sid, ids] of final) {
    const k = fewestCoveringLabels(ids.map((id) => new Set(s.gold.get(id) ?? [])));
    if (k <= 2) continue;
    const labels = new Map<string, number>();
    for (const id of ids) labels.set(label(id), (labels.get(label(id)) ?? 0) + 1);
    out.push('', `story ${sid}: ${ids.length} articles, ${k} gold stories: ${[...labels].sort((x, y) => y[1] - x[1]).map(([l, n]) => `${l}×${n}`).join(', ')}`);
    const vs = ids.map(vec);
    const n = ids.length;
    const cos = (a: number, bb: number): number => dot(vs[a]!, vs[bb]!);
    // Built how: members by arrival.
    const byArrival = ids.map((id, i) => ({ id, i, a: arrivals.get(id) as Arrival })).sort((x, y) => x.a.batch - y.a.batch || x.id.localeCompare(y.id));
    let mergedIn = 0;
    let moved = 0;
    for (const { id, i, a } of byArrival) {
      let nn = -1;
      let nnSim = -1;
      for (let j = 0; j < n; j++) if (j !== i && cos(i, j) > nnSim) [nn, nnSim] = [j, cos(i, j)];
      let avg = 0;
      for (let j = 0; j < n; j++) if (j !== i) avg += cos(i, j);
      avg /= Math.max(1, n - 1);
      const same = nn >= 0 && label(ids[nn]!) === label(id);
      if (a.later.some((x) => x.includes('merge'))) mergedIn++;
      if (a.later.some((x) => x.includes('refined') || x.includes('split'))) moved++;
      out.push(
        `  b${String(a.batch).padStart(2)} ${a.how === 'founded' ? 'founded  ' : `joined ${a.similarity.toFixed(2)}`}  ${label(id).slice(0, 14).padEnd(14)} nearest ${nnSim.toFixed(2)} (${same ? 'same gold' : `other: ${label(ids[nn] ?? '').slice(0, 14)}`}), avg to story ${avg.toFixed(2)}${a.later.length ? `  [${a.later.join('; ')}]` : ''}`,
      );
    }
    // Similarity within and across gold stories.
    let wS = 0;
    let wK = 0;
    let xS = 0;
    let xK = 0;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        if (label(ids[i]!) === label(ids[j]!)) {
          wS += cos(i, j);
          wK++;
        } else {
          xS += cos(i, j);
          xK++;
        }
      }
    }
    out.push(`  built: ${byArrival.filter((x) => x.a.how === 'joined').length} joins, ${mergedIn} members came by a bridging merge, ${moved} moved in by refinement/re-split`);
    out.push(`  average cosine (final corpus IDF): within gold stories ${(wK ? wS / wK : 0).toFixed(3)} (${wK} pairs), across ${(xK ? xS / xK : 0).toFixed(3)} (${xK} pairs)`);
    const o = { ...DEFAULT_CLUSTER_OPTIONS, ...opts };
    const parts = n >= 2 ? splitStory(ids.map((id) => interned.get(id) as InternedFeatures), c.vocabulary, o) : null;
    out.push(
      parts
        ? `  a re-split now: ${parts.length} parts: ${parts.map((p) => `[${p.map((i) => label(ids[i]!).slice(0, 8)).join(' ')}]`).join(' ')}`
        : `  a re-split now: no split${n < o.splitMinSize || n > o.splitMaxSize ? ` (size ${n} is outside ${o.splitMinSize}–${o.splitMaxSize}: never examined)` : ''}`,
    );
    const feats = ids.map((id) => interned.get(id) as InternedFeatures);
    const all = (wS + xS) / Math.max(1, wK + xK);
    const loose = n >= 3 ? splitSmallLoose(feats, c.vocabulary, o.splitSmallCohesion, o.splitCohesion) : null;
    out.push(
      `  average pairwise cosine ${all.toFixed(3)}; small-loose re-grouping now: ${
        loose ? `${loose.length} parts: ${loose.map((p) => `[${p.map((i) => label(ids[i]!).slice(0, 8)).join(' ')}]`).join(' ')}` : 'no split'
      }`,
    );
  }
  return result;
}

/**
 * The gold stories whose (kept) articles ended in several predicted stories: each smaller
 * part against the largest, and the separated pairs by the band of the parts' highest
 * cosine (final corpus IDF).
 */
function splitGold(final: Map<string, string[]>, predicted: Map<string, string>, s: LabelledStream, vec: (id: string) => ReturnType<StoryClusterer['vocabulary']['weigh']>): string[] {
  const out: string[] = ['gold stories split apart: each smaller part against the largest (final corpus IDF):'];
  const byGold = new Map<string, string[]>();
  for (const id of s.features.keys()) {
    if (!final.has(predicted.get(id) ?? '')) continue;
    const g = (s.gold.get(id) ?? ['?'])[0] as string;
    byGold.set(g, [...(byGold.get(g) ?? []), id]);
  }
  const bands: Array<[number, number]> = [[0, 0.12], [0.12, 0.17], [0.17, 0.25], [0.25, 1.01]];
  const lost = bands.map(() => ({ pure: 0, mixed: 0 }));
  for (const [g, ids] of [...byGold].sort((x, y) => x[0].localeCompare(y[0]))) {
    const parts = new Map<string, string[]>();
    for (const id of ids) {
      const p = predicted.get(id) as string;
      parts.set(p, [...(parts.get(p) ?? []), id]);
    }
    if (parts.size < 2) continue;
    const ordered = [...parts.values()].sort((x, y) => y.length - x.length || (x[0] as string).localeCompare(y[0] as string));
    const main = ordered[0] as string[];
    for (const part of ordered.slice(1)) {
      let best = 0;
      let sum = 0;
      for (const a of part) {
        for (const b of main) {
          const x = dot(vec(a), vec(b));
          best = Math.max(best, x);
          sum += x;
        }
      }
      const others = (final.get(predicted.get(part[0] as string) as string) ?? []).filter((id) => (s.gold.get(id) ?? [])[0] !== g).length;
      const band = bands.findIndex(([lo, hi]) => best >= lo && best < hi);
      const slot = lost[band] as { pure: number; mixed: number };
      if (others > 0) slot.mixed += part.length * main.length;
      else slot.pure += part.length * main.length;
      out.push(`  ${g}: ${part.length} against ${main.length}: highest cosine ${best.toFixed(2)}, average ${(sum / (part.length * main.length)).toFixed(2)}; the part's story holds ${others} article${others === 1 ? '' : 's'} of other gold stories`);
    }
  }
  const total = lost.reduce((a, x) => a + x.pure + x.mixed, 0);
  out.push(`pairs of one gold story separated: ${total}; by the parts' highest cosine: ${bands.map(([lo, hi], i) => `${lo.toFixed(2)}–${Math.min(1, hi).toFixed(2)} ${(lost[i] as { pure: number }).pure + (lost[i] as { mixed: number }).mixed} (${(lost[i] as { mixed: number }).mixed} with the part in a story of other gold stories)`).join(', ')}`);
  return out;
}

await main(process.argv.slice(2));
