/**
 * Independent lineages and background articles.
 *
 * Articles that copy or rewrite one report (the same wire story run by two
 * outlets) share sentences of their own narration. Two articles join one lineage
 * when at least one narrative sentence of 15+ words (or two of 10+ words) of one is
 * found, nearly word for word, in the other: at least 70% of its word 4-shingles,
 * compared after lower-casing and British/American spelling folding. Text inside
 * quotation marks is left out, because independent outlets quote the same
 * statement verbatim. Lineages are the connected groups; support for a summary
 * sentence is counted in lineages (src/brief.ts).
 *
 * Background: an article published much earlier than the rest of the story
 * (more than 21 days before the median date of the others), or sharing almost no
 * vocabulary with the others (TF-IDF cosine to their centroid below 0.05).
 *
 * Shingling is written here over the annotations' tokens (./text/similarity.ts has
 * the shingle helper): a MinHash library would re-tokenise and is not needed at
 * story sizes (tens of articles).
 */
import type { BackgroundArticle, Lineage } from '../briefing.js';
import type { AnnotatedArticle, Sentence } from '../types.js';
import { Idf, centroid, cosine, shingles, tfidf } from '../text/similarity.js';
import { lexicon } from './lexicon.js';

const SHINGLE = 4;
const MIN_SHARE = 0.7;
const LONG_SENTENCE = 15;
const SHORT_SENTENCE = 10;
/** Days before the others' median date after which an article is background. */
export const BACKGROUND_DAYS = 21;
const OFF_TOPIC_COSINE = 0.05;

interface NarrativeSentence {
  sentence: Sentence;
  words: number;
  shingles: Set<string>;
}

function narrative(doc: AnnotatedArticle, quoteRanges: Array<[number, number]>): NarrativeSentence[] {
  const spelling = lexicon().spelling;
  const out: NarrativeSentence[] = [];
  for (const s of doc.sentences) {
    const words: string[] = [];
    for (const t of s.tokens) {
      if (t.kind !== 'word' && t.kind !== 'number') continue;
      if (quoteRanges.some(([a, b]) => t.start >= a && t.start < b)) continue;
      words.push(spelling.get(t.norm) ?? t.norm);
    }
    if (words.length < SHORT_SENTENCE) continue;
    out.push({ sentence: s, words: words.length, shingles: shingles(words, SHINGLE) });
  }
  return out;
}

function share(a: Set<string>, b: Set<string>): number {
  if (a.size === 0) return 0;
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
  return n / a.size;
}

function excerpt(s: string, words = 14): string {
  const w = s.split(/\s+/);
  return w.length <= words ? s : `${w.slice(0, words).join(' ')} …`;
}

export interface LineageResult {
  lineages: Lineage[];
  background: BackgroundArticle[];
}

function days(a: string, b: string): number {
  return Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);
}

/** Groups the articles of a story into lineages and finds background articles. */
export function findLineages(docs: AnnotatedArticle[], quoteRanges: Map<string, Array<[number, number]>>): LineageResult {
  const sents = docs.map((d) => narrative(d, quoteRanges.get(d.article.id) ?? []));
  const all = sents.map((ss) => {
    const u = new Set<string>();
    for (const s of ss) for (const x of s.shingles) u.add(x);
    return u;
  });
  const parent = docs.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i] as number)));
  const evidence = new Map<number, string[]>();
  for (let i = 0; i < docs.length; i++) {
    for (let j = i + 1; j < docs.length; j++) {
      const shared: NarrativeSentence[] = [];
      for (const s of sents[i] as NarrativeSentence[]) if (share(s.shingles, all[j] as Set<string>) >= MIN_SHARE) shared.push(s);
      const long = shared.filter((s) => s.words >= LONG_SENTENCE);
      if (long.length === 0 && shared.length < 2) continue;
      parent[find(j)] = find(i);
      const a = docs[i]!.article.id;
      const b = docs[j]!.article.id;
      const first = (long[0] ?? shared[0]) as NarrativeSentence;
      const n = shared.length;
      const note = `${a} and ${b} share ${n} sentence${n === 1 ? '' : 's'} of narration, e.g. “${excerpt(first.sentence.text)}”`;
      const l = evidence.get(i) ?? [];
      l.push(note);
      evidence.set(i, l);
    }
  }
  const groups = new Map<number, number[]>();
  docs.forEach((_, i) => {
    const r = find(i);
    const l = groups.get(r) ?? [];
    l.push(i);
    groups.set(r, l);
  });
  const lineages: Lineage[] = [...groups.values()]
    .sort((a, b) => (a[0] as number) - (b[0] as number))
    .map((members, k) => {
      const notes = members.flatMap((i) => evidence.get(i) ?? []);
      return {
        id: `L${k + 1}`,
        articleIds: members.map((i) => docs[i]!.article.id),
        evidence: members.length === 1 ? 'no shared narration with the other articles' : `copies or rewrites of one report: ${notes.join('; ')}`,
      };
    });
  return { lineages, background: findBackground(docs) };
}

/** Articles much older than the rest of the story, or off-topic. */
export function findBackground(docs: AnnotatedArticle[]): BackgroundArticle[] {
  const out: BackgroundArticle[] = [];
  const dated = docs.filter((d) => d.article.published && !Number.isNaN(Date.parse(d.article.published)));
  for (const d of dated) {
    const others = dated.filter((o) => o !== d).map((o) => o.article.published as string).sort();
    if (others.length === 0) continue;
    const median = others[Math.floor((others.length - 1) / 2)] as string;
    const gap = days(d.article.published as string, median);
    if (gap > BACKGROUND_DAYS) {
      const span = others[0] === others[others.length - 1] ? others[0] : `${others[0]} to ${others[others.length - 1]}`;
      out.push({
        articleId: d.article.id,
        reason: `published ${d.article.published}, ${gap} days before the rest of the story (${span})`,
      });
    }
  }
  if (docs.length >= 3) {
    const idf = new Idf(docs.map((d) => d.termFreq.keys()));
    const vecs = docs.map((d) => tfidf(d.termFreq, idf));
    docs.forEach((d, i) => {
      if (out.some((b) => b.articleId === d.article.id)) return;
      const rest = centroid(vecs.filter((_, j) => j !== i));
      const sim = cosine(vecs[i]!, rest);
      if (sim < OFF_TOPIC_COSINE) {
        out.push({ articleId: d.article.id, reason: `off-topic: shares almost no vocabulary with the other articles (similarity ${sim.toFixed(2)})` });
      }
    });
  }
  return out;
}
