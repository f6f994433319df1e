/**
 * How far can story grouping go on a labelled file? Upper bounds that explain an
 * eval-cluster score, independent of the clusterer:
 *
 *   npx tsx scripts/cluster-ceiling.ts ../shared/data/dev/multinews-val-sample.jsonl
 *
 * 1. Refused documents: every document ingest refuses (empty, boilerplate-only, …) is
 *    scored as a singleton, everything else grouped perfectly → the best B-cubed F1.
 * 2. Text-only linking with perfect precision: same-story pairs linked (single link)
 *    when the TF-IDF cosine of their story features is at least t, nothing else linked
 *    → the recall that text similarity alone can reach at each t.
 * 3. How many pairs in each cosine band are the same story (all pairs, and pairs
 *    sharing a rare name: df ≤ 4), i.e. how much a lower threshold would cost.
 * The features are the clusterer's own (`extractFeatures`); IDF is computed over the file.
 */
import { readGold } from '../src/eval/clustering.js';
import { articleFromRecord } from '../src/ingest/index.js';
import { extractFeatures } from '../src/stories/features.js';
import { clusterMetrics } from '../src/eval/cluster-metrics.js';
import { unitTfIdf } from './unit-tfidf.js';

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: npx tsx scripts/cluster-ceiling.ts <labelled.jsonl>\n');
  process.exit(2);
}
const docs = await readGold(file);
const several = docs.filter((d) => d.labels.length > 1);
if (several.length > 0) {
  // The bounds below use partition metrics (one gold story per document).
  process.stderr.write(`${file}: ${several.length} documents have several gold stories (e.g. "${several[0]?.id}"); this analysis needs one per document\n`);
  process.exit(2);
}
const docLabel = (d: (typeof docs)[number]): string => d.labels[0] as string;
const gold = new Map(docs.map((d) => [d.id, docLabel(d)]));
const kept: Array<{ id: string; label: string; terms: Map<string, number> }> = [];
const refusedOnly = new Map<string, string>();
for (const d of docs) {
  const { article } = articleFromRecord({ id: d.id, text: d.text, ...(d.title ? { title: d.title } : {}) }, d.id);
  if (!article) refusedOnly.set(d.id, `refused:${d.id}`);
  else {
    refusedOnly.set(d.id, docLabel(d));
    kept.push({ id: d.id, label: docLabel(d), terms: extractFeatures(article).allTerms });
  }
}
const f3 = (x: number) => x.toFixed(3);
const b = clusterMetrics(refusedOnly, gold).bcubed;
process.stdout.write(`${file}: ${docs.length} documents, ${docs.length - kept.length} refused by ingest\n`);
process.stdout.write(`1. refused as singletons, the rest perfect: B-cubed P ${f3(b.precision)} R ${f3(b.recall)} F1 ${f3(b.f1)}\n`);

// Unit TF-IDF vectors over the kept documents.
const { vectors: vecs, documentFrequency: df } = unitTfIdf(kept.map((k) => k.terms));
const n = kept.length;
const BANDS: Array<[number, number]> = [[0, 0.08], [0.08, 0.12], [0.12, 0.16], [0.16, 0.2], [0.2, 0.3], [0.3, 1.01]];
const bandStats = BANDS.map(() => ({ same: 0, diff: 0, rareSame: 0, rareDiff: 0 }));
const pairs: Array<[number, number, number]> = []; // same-story pairs: a, b, cosine
for (let a = 0; a < n; a++) {
  for (let c = a + 1; c < n; c++) {
    let cos = 0;
    let rare = false;
    for (const [t, x] of vecs[a] as Map<string, number>) {
      const y = (vecs[c] as Map<string, number>).get(t);
      if (y === undefined) continue;
      cos += x * y;
      if (t.includes('_') && (df.get(t) ?? 0) <= 4) rare = true;
    }
    const same = kept[a]?.label === kept[c]?.label;
    if (same) pairs.push([a, c, cos]);
    const s = bandStats[BANDS.findIndex(([lo, hi]) => cos >= lo && cos < hi)];
    if (!s) continue;
    if (same) s.same++;
    else s.diff++;
    if (rare && same) s.rareSame++;
    else if (rare) s.rareDiff++;
  }
}
process.stdout.write('2. same-story pairs linked when cosine ≥ t, nothing else (precision 1):\n');
for (const t of [0.08, 0.12, 0.16, 0.2, 0.25]) {
  const parent = kept.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i] as number)));
  for (const [a, c, cos] of pairs) if (cos >= t) parent[find(a)] = find(c);
  const pred = new Map(refusedOnly);
  kept.forEach((k, i) => pred.set(k.id, `c${find(i)}`));
  const m = clusterMetrics(pred, gold).bcubed;
  process.stdout.write(`   t = ${t.toFixed(2)}: B-cubed R ${f3(m.recall)} F1 ${f3(m.f1)}\n`);
}
process.stdout.write('3. share of same-story pairs per cosine band (all pairs | pairs sharing a rare name):\n');
BANDS.forEach(([lo, hi], i) => {
  const s = bandStats[i] as (typeof bandStats)[number];
  const share = (x: number, y: number) => (x + y ? `${((100 * x) / (x + y)).toFixed(1)}% of ${x + y}` : '–');
  process.stdout.write(`   ${lo.toFixed(2)}–${Math.min(hi, 1).toFixed(2)}: ${share(s.same, s.diff)} | ${share(s.rareSame, s.rareDiff)}\n`);
});
