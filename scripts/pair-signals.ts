/**
 * Which signals besides body text would tell two articles of one story from two of
 * different stories where the text is ambiguous? For every pair of documents of a
 * labelled file whose TF-IDF cosine (the clusterer's story features, IDF over the file)
 * lies in a band, the area under the ROC curve (same story against not) of:
 *
 *   cos      the cosine itself (the baseline, within the band)
 *   names    the part of the cosine carried by name phrases (`Stormy_Daniels`)
 *   rarest   the IDF of the rarest term the two share (an event-specific name)
 *   figures  shared figures (numbers of two or more digits, years excluded), IDF-weighted
 *   speakers shared quoted speakers ("…, said Smith" / "Smith said"), IDF-weighted
 *   years    Jaccard of the years mentioned (19xx/20xx), and minus the gap between the
 *            latest years mentioned, over the pairs where both mention one
 *
 * and the share of same-story pairs by year gap, with and without a shared figure or
 * speaker. 0.5 is chance.
 *
 *   node --import tsx scripts/pair-signals.ts ../shared/data/dev/multinews-val-sample.jsonl [lo hi]
 *
 * (default band 0.12–0.35; the join threshold is 0.17). The first gold label of each
 * document is used.
 */
import { readGold } from '../src/eval/clustering.js';
import { articleFromRecord } from '../src/ingest/index.js';
import { extractFeatures } from '../src/stories/features.js';
import { unitTfIdf } from './unit-tfidf.js';

interface Doc {
  label: string;
  terms: Map<string, number>;
  figures: Set<string>;
  years: Set<number>;
  speakers: Set<string>;
}

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: node --import tsx scripts/pair-signals.ts <labelled.jsonl> [lo hi]\n');
  process.exit(2);
}
const lo = Number(process.argv[3] ?? 0.12);
const hi = Number(process.argv[4] ?? 0.35);
if (!(lo < hi)) throw new Error(`the band must be two increasing numbers, got "${process.argv[3]}" "${process.argv[4]}"`);

const docs: Doc[] = [];
for (const d of await readGold(file)) {
  const { article } = articleFromRecord({ id: d.id, text: d.text, ...(d.title ? { title: d.title } : {}) }, d.id);
  if (!article) continue;
  const text = article.text;
  const figures = new Set<string>();
  for (const m of text.matchAll(/\d[\d,.]*\d|\d/g)) {
    const v = m[0].replace(/,/g, '');
    if (v.length >= 2 && !/^(19|20)\d\d$/.test(v)) figures.add(v);
  }
  const years = new Set<number>();
  for (const m of text.matchAll(/\b(19[5-9]\d|20[0-3]\d)\b/g)) years.add(Number(m[1]));
  const speakers = new Set<string>();
  for (const m of text.matchAll(/(?:said|says|told)\s+([A-Z][a-z]+(?:\s[A-Z][a-z]+)?)|([A-Z][a-z]+)\s(?:said|says|told)/g)) {
    const name = (m[1] ?? m[2] ?? '').split(' ').pop();
    if (name) speakers.add(name);
  }
  docs.push({ label: d.labels[0] as string, terms: extractFeatures(article).allTerms, figures, years, speakers });
}
const n = docs.length;
const dfOf = (sets: Iterable<Iterable<string>>): Map<string, number> => {
  const df = new Map<string, number>();
  for (const s of sets) for (const t of s) df.set(t, (df.get(t) ?? 0) + 1);
  return df;
};
const figureDf = dfOf(docs.map((d) => d.figures));
const speakerDf = dfOf(docs.map((d) => d.speakers));
const { idf, vectors: vecs } = unitTfIdf(docs.map((d) => d.terms));
const sharedIdf = (a: Set<string>, b: Set<string>, df: Map<string, number>): number => {
  let s = 0;
  for (const t of a) if (b.has(t)) s += Math.log(n / (df.get(t) ?? 1));
  return s;
};

interface Row {
  same: boolean;
  cos: number;
  names: number;
  rarest: number;
  figures: number;
  speakers: number;
  /** −1 when either mentions no year. */
  yearJaccard: number;
  yearGap: number;
}
const rows: Row[] = [];
for (let a = 0; a < n; a++) {
  for (let b = a + 1; b < n; b++) {
    let cos = 0;
    let names = 0;
    let rarest = 0;
    const va = vecs[a] as Map<string, number>;
    const vb = vecs[b] as Map<string, number>;
    for (const [t, x] of va) {
      const y = vb.get(t);
      if (y === undefined) continue;
      cos += x * y;
      if (t.includes('_')) names += x * y;
      rarest = Math.max(rarest, idf(t));
    }
    if (cos < lo || cos >= hi) continue;
    const da = docs[a] as Doc;
    const db = docs[b] as Doc;
    let inter = 0;
    for (const y of da.years) if (db.years.has(y)) inter++;
    const dated = da.years.size > 0 && db.years.size > 0;
    rows.push({
      same: da.label === db.label,
      cos,
      names,
      rarest,
      figures: sharedIdf(da.figures, db.figures, figureDf),
      speakers: sharedIdf(da.speakers, db.speakers, speakerDf),
      yearJaccard: dated ? inter / (da.years.size + db.years.size - inter) : -1,
      yearGap: dated ? Math.abs(Math.max(...da.years) - Math.max(...db.years)) : -1,
    });
  }
}

/** Area under the ROC curve of a score for the same-story label (ties count half). */
function auc(xs: ReadonlyArray<readonly [number, boolean]>): number {
  const s = [...xs].sort((p, q) => p[0] - q[0]);
  const pos = s.filter((x) => x[1]).length;
  const neg = s.length - pos;
  if (pos === 0 || neg === 0) return Number.NaN;
  let rankSum = 0;
  for (let i = 0; i < s.length; ) {
    let j = i;
    while (j < s.length && (s[j] as readonly [number, boolean])[0] === (s[i] as readonly [number, boolean])[0]) j++;
    const rank = (i + j + 1) / 2;
    for (let k = i; k < j; k++) if ((s[k] as readonly [number, boolean])[1]) rankSum += rank;
    i = j;
  }
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}
const f3 = (x: number): string => x.toFixed(3);
const share = (rs: Row[]): string => (rs.length ? `${((100 * rs.filter((r) => r.same).length) / rs.length).toFixed(0)}% same of ${rs.length}` : '–');
const out: string[] = [];
out.push(`${file}: ${n} documents kept; ${rows.length} pairs with cosine in [${lo}, ${hi}), ${share(rows)}`);
out.push(`AUC  cos ${f3(auc(rows.map((r) => [r.cos, r.same])))}  names ${f3(auc(rows.map((r) => [r.names, r.same])))}  rarest ${f3(auc(rows.map((r) => [r.rarest, r.same])))}  figures ${f3(auc(rows.map((r) => [r.figures, r.same])))}  speakers ${f3(auc(rows.map((r) => [r.speakers, r.same])))}`);
const dated = rows.filter((r) => r.yearGap >= 0);
out.push(`both mention a year: ${share(dated)}; AUC  year Jaccard ${f3(auc(dated.map((r) => [r.yearJaccard, r.same])))}  −gap ${f3(auc(dated.map((r) => [-r.yearGap, r.same])))}  cos (same pairs) ${f3(auc(dated.map((r) => [r.cos, r.same])))}`);
out.push(`  by gap between the latest years: ${[0, 1, 2].map((g) => `${g}: ${share(dated.filter((r) => r.yearGap === g))}`).join('; ')}; 3+: ${share(dated.filter((r) => r.yearGap >= 3))}`);
out.push(`a shared figure: ${share(rows.filter((r) => r.figures > 0))}; none: ${share(rows.filter((r) => r.figures === 0))}`);
out.push(`a shared speaker: ${share(rows.filter((r) => r.speakers > 0))}; none: ${share(rows.filter((r) => r.speakers === 0))}`);
process.stdout.write(`${out.join('\n')}\n`);
