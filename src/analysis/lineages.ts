/**
 * Independent lineages and background articles.
 *
 * A lineage is a group of articles that copy or rewrite one report (the same wire
 * story run by two outlets). A narrative sentence of one article (10+ words) is
 * found in another when at least 70% of its word 4-shingles are there, compared
 * after lower-casing and British/American spelling folding. Left out of the
 * comparison: text inside quotation marks (independent outlets quote the same
 * statement verbatim) and page furniture (embeds, sign-up boxes, credits:
 * data/lexicon/page-furniture.json), which pages share without sharing a report.
 *
 * Two articles are copies only when they share substantial narration: at least two
 * sentences, which make up at least 20% of the shorter article's narration (or at
 * least four sentences and 100 words, a wire story reproduced inside a long
 * feature). One stock background sentence or paragraph reused by a day-2 story does
 * not make it a copy. One shared sentence is enough only when it is a long one (25+
 * words) among the first three sentences of one of the articles: a copied news lead
 * (stock background sits lower in a report). Two articles of the same outlet published on different days
 * are that outlet's follow-ups, not copies, unless most of the shorter one (60%) is
 * in the other. Lineages are grown by complete link: two groups merge only when
 * every article of one is a copy of every article of the other, so no chain of weak
 * links joins unrelated reports. Support for a summary sentence is counted in
 * lineages (src/brief.ts).
 *
 * Background: an article published much earlier than the rest of the story
 * (more than 21 days before the median date of the others), or sharing almost no
 * vocabulary with the others (TF-IDF cosine to their centroid below 0.05).
 *
 * Shingling is written here over the annotations' tokens, with shingles hashed to
 * integers: a MinHash library would re-tokenise, and the exact containment test is
 * affordable with the inverted index below even for stories of hundreds of articles.
 */
import type { BackgroundArticle, Lineage } from '../briefing.js';
import type { AnnotatedArticle, Sentence } from '../types.js';
import { Idf, tfidf } from '../text/similarity.js';
import { lexicon } from './lexicon.js';
import { UnionFind } from './pairs.js';
import { isPageFurniture } from '../text/furniture.js';

const SHINGLE = 4;
const MIN_SHARE = 0.7;
const LONG_SENTENCE = 15;
const SHORT_SENTENCE = 10;
/** Share of the shorter article's narration that two copies share, at least. */
export const MIN_TEXT_SHARE = 0.2;
/** Sentences two copies share, at least. */
const MIN_SHARED_SENTENCES = 2;
/** A wire story inside a long feature: this many shared sentences and words suffice. */
const LONG_COPY_SENTENCES = 4;
const LONG_COPY_WORDS = 100;
/** A copied news lead: one shared sentence this long, among the first sentences of one article. */
const LEAD_WORDS = 25;
const LEAD_SENTENCES = 3;
/** Same outlet, different days: copies only above this share (else follow-ups). */
const SAME_OUTLET_SHARE = 0.6;
/** Days before the others' median date after which an article is background. */
export const BACKGROUND_DAYS = 21;
const OFF_TOPIC_COSINE = 0.05;

export interface NarrativeSentence {
  sentence: Sentence;
  words: number;
  /** Position of the sentence in its article (0 = first). */
  position: number;
  /** Distinct word 4-shingles, each hashed to a 32-bit integer, sorted. */
  shingles: Uint32Array;
}

/** FNV-1a hash of a word. */
function hashWord(w: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < w.length; i++) {
    h ^= w.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Two FNV-1a hashes of a text (64 bits together), as a string. */
function textHash(t: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  return `${(h1 >>> 0).toString(36)}${(h2 >>> 0).toString(36)}`;
}

function hashedShingles(ids: number[], k: number): Uint32Array {
  const n = Math.max(0, ids.length - k + 1);
  const all = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    let h = 0x811c9dc5;
    for (let j = i; j < i + k; j++) h = Math.imul(h ^ (ids[j] as number), 0x01000193);
    all[i] = h >>> 0;
  }
  all.sort();
  let m = 0;
  for (let i = 0; i < n; i++) if (i === 0 || all[i] !== all[i - 1]) all[m++] = all[i] as number;
  return all.subarray(0, m);
}

/**
 * British → American spelling by word hash ("defence" → "defense"): folding on hashes
 * needs no string-keyed lookup per token (hashing a string key costs as much as FNV).
 */
let spellingHashes: Map<number, number> | null = null;
function spellingByHash(): Map<number, number> {
  if (!spellingHashes) {
    spellingHashes = new Map();
    for (const [from, to] of lexicon().spelling) spellingHashes.set(hashWord(from), hashWord(to));
  }
  return spellingHashes;
}

export function narrative(doc: AnnotatedArticle, quoteRanges: Array<[number, number]>): NarrativeSentence[] {
  const spelling = spellingByHash();
  const out: NarrativeSentence[] = [];
  const ranges = [...quoteRanges].sort((a, b) => a[0] - b[0]);
  let q = 0;
  for (const [position, s] of doc.sentences.entries()) {
    const ids: number[] = [];
    for (const t of s.tokens) {
      if (t.kind !== 'word' && t.kind !== 'number') continue;
      while (q < ranges.length && (ranges[q] as [number, number])[1] <= t.start) q++;
      const r = ranges[q];
      if (r && t.start >= r[0] && t.start < r[1]) continue;
      const h = hashWord(t.norm);
      ids.push(spelling.get(h) ?? h);
    }
    if (ids.length < SHORT_SENTENCE) continue;
    out.push({ sentence: s, words: ids.length, position, shingles: hashedShingles(ids, SHINGLE) });
  }
  return out;
}

/** Share of the shingles `a` found in the set `b`. */
function share(a: Uint32Array, b: Set<number>): number {
  if (a.length === 0) return 0;
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
  return n / a.length;
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

/** What two articles share: the sentences of each found in the other. */
export interface PairShare {
  a: number;
  b: number;
  /** Sentences of the one with more shared words found in the other. */
  sentences: number;
  /** Their words. */
  words: number;
  /** `words` over the narration words of the shorter article. */
  share: number;
  /** A long shared sentence, for the evidence. */
  example: string;
  /** A shared sentence of 25+ words that is among the first three of either article (its news lead). */
  lead: boolean;
}

/**
 * Groups the articles of a story into lineages and finds background articles.
 *
 * Bounded for large stories: articles with identical narration (copies of one text
 * stored under several ids) are one lineage at once and only one of them is compared;
 * the others are compared through an inverted index of shingles, probing for each
 * sentence only its rarest shingles when its shingles are found in many articles
 * (a sentence with 70% of its shingles in another article has one of its rarest
 * 30% + 1 there). The lineage evidence names the pairs that joined the articles (at
 * most three), so it does not grow with the square of a lineage's size.
 */
export function findLineages(docs: AnnotatedArticle[], quoteRanges: Map<string, Array<[number, number]>>): LineageResult {
  const sents = docs.map((d) => narrative(d, quoteRanges.get(d.article.id) ?? []));
  const uf = new UnionFind(docs.length);
  const evidence = new Map<number, string[]>();
  const note = (i: number, text: string) => {
    const l = evidence.get(i) ?? [];
    l.push(text);
    evidence.set(i, l);
  };
  // 1. Identical texts (one article stored under several ids): one representative.
  // (Only texts whose narration would link two articles by itself.)
  const fingerprint = docs.map((d, i) => {
    const ss = sents[i] as NarrativeSentence[];
    return ss.length >= MIN_SHARED_SENTENCES ? `${d.article.text.length}:${textHash(d.article.text)}` : '';
  });
  const firstWith = new Map<string, number>();
  const reps: number[] = [];
  fingerprint.forEach((f, i) => {
    const first = f ? firstWith.get(f) : undefined;
    if (first === undefined || docs[first]!.article.text !== docs[i]!.article.text) {
      if (f) firstWith.set(f, i);
      reps.push(i);
      return;
    }
    uf.union(first, i);
    note(first, `${docs[first]!.article.id} and ${docs[i]!.article.id} have the same text`);
  });
  const pairs = sharedNarration(docs, sents, reps);
  // 2. Copies: pairs sharing substantial narration (not a same-outlet follow-up).
  // Strongest first; ties by article ids, so the partition does not depend on input order.
  const idKey = (p: PairShare) => [docs[p.a]!.article.id, docs[p.b]!.article.id].sort().join('\u0000');
  const copies = pairs
    .filter((p) => isCopy(p, docs[p.a]!, docs[p.b]!))
    .map((p) => ({ p, key: idKey(p) }))
    .sort((x, y) => y.p.share - x.p.share || y.p.words - x.p.words || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0))
    .map((x) => x.p);
  const linked = new Set(copies.map((p) => p.a * docs.length + p.b));
  const isLinked = (x: number, y: number) => linked.has(Math.min(x, y) * docs.length + Math.max(x, y));
  // 3. Complete link over the representatives, strongest pairs first.
  const groupOf = new Map<number, number[]>(reps.map((i) => [i, [i]]));
  const rootOf = new Map<number, number>(reps.map((i) => [i, i]));
  for (const p of copies) {
    const ra = rootOf.get(p.a) as number;
    const rb = rootOf.get(p.b) as number;
    if (ra === rb) continue;
    const ga = groupOf.get(ra) as number[];
    const gb = groupOf.get(rb) as number[];
    if (!ga.every((x) => gb.every((y) => isLinked(x, y)))) continue;
    for (const y of gb) {
      ga.push(y);
      rootOf.set(y, ra);
    }
    groupOf.delete(rb);
    uf.union(p.a, p.b);
    const n = p.sentences;
    const what = p.lead && n === 1 ? 'share the news lead' : `share ${n} sentence${n === 1 ? '' : 's'} of narration (${Math.round(p.share * 100)}% of the shorter)`;
    note(p.a, `${docs[p.a]!.article.id} and ${docs[p.b]!.article.id} ${what}, e.g. “${excerpt(p.example)}”`);
  }
  const lineages: Lineage[] = uf
    .groups()
    .map((members, k) => {
      const notes = members.flatMap((i) => evidence.get(i) ?? []);
      return {
        id: `L${k + 1}`,
        articleIds: members.map((i) => docs[i]!.article.id),
        evidence:
          members.length === 1
            ? 'no substantial shared narration with the other articles'
            : `copies or rewrites of one report: ${notes.slice(0, 3).join('; ')}${notes.length > 3 ? `; and ${notes.length - 3} more links` : ''}`,
      };
    });
  return { lineages, background: findBackground(docs) };
}

/** Words of an article's comparable narration. */
function narrationWords(ss: NarrativeSentence[]): number {
  let n = 0;
  for (const s of ss) n += s.words;
  return n;
}

/** True when a pair shares enough narration to be copies of one report. */
export function isCopy(p: PairShare, a: AnnotatedArticle, b: AnnotatedArticle): boolean {
  const substantial =
    p.lead || (p.sentences >= MIN_SHARED_SENTENCES && (p.share >= MIN_TEXT_SHARE || (p.sentences >= LONG_COPY_SENTENCES && p.words >= LONG_COPY_WORDS)));
  if (!substantial) return false;
  const oa = a.article.outlet?.trim().toLowerCase();
  const ob = b.article.outlet?.trim().toLowerCase();
  const followUp = Boolean(oa && oa === ob && a.article.published && b.article.published && a.article.published !== b.article.published);
  return !followUp || p.share >= SAME_OUTLET_SHARE;
}

/**
 * For every pair of representatives sharing at least one narrative sentence: what
 * they share (the direction, a in b or b in a, with more shared words).
 */
export function sharedNarration(docs: AnnotatedArticle[], sents: NarrativeSentence[][], reps: number[]): PairShare[] {
  const allCache = new Map<number, Set<number>>();
  /** All shingles of article j (built when a candidate must be checked against it). */
  const all = (j: number): Set<number> => {
    let u = allCache.get(j);
    if (!u) {
      u = new Set<number>();
      for (const s of sents[j] as NarrativeSentence[]) for (const x of s.shingles) u.add(x);
      allCache.set(j, u);
    }
    return u;
  };
  // The article of each shingle, and the further articles of the few shared ones
  // (two maps: most shingles are in one article only, and need no list).
  const firstOf = new Map<number, number>();
  const moreOf = new Map<number, number[]>();
  for (const i of reps) {
    for (const s of sents[i] as NarrativeSentence[]) {
      for (const x of s.shingles) {
        const f = firstOf.get(x);
        if (f === undefined) firstOf.set(x, i);
        else if (f !== i) {
          const more = moreOf.get(x);
          if (!more) moreOf.set(x, [i]);
          else if (more[more.length - 1] !== i) more.push(i);
        }
      }
    }
  }
  const none: number[] = [];
  const mark = new Int32Array(docs.length).fill(-1);
  const count = new Int32Array(docs.length);
  let probe = 0;
  /** Sentences of i found in j, keyed i * n + j. */
  const found = new Map<number, NarrativeSentence[]>();
  const n = docs.length;
  // Page furniture is checked only for sentences found in another article (few).
  const furniture = new Map<NarrativeSentence, boolean>();
  const isFurniture = (s: NarrativeSentence) => {
    let f = furniture.get(s);
    if (f === undefined) furniture.set(s, (f = isPageFurniture(s.sentence.text)));
    return f;
  };
  for (const i of reps) {
    const add = (j: number, s: NarrativeSentence) => {
      if (isFurniture(s)) return;
      const key = i * n + j;
      const l = found.get(key);
      if (l) l.push(s);
      else found.set(key, [s]);
    };
    for (const s of sents[i] as NarrativeSentence[]) {
      const size = s.shingles.length;
      const need = Math.ceil(MIN_SHARE * size - 1e-9);
      let total = 0;
      for (const x of s.shingles) total += moreOf.get(x)?.length ?? 0;
      // Shared with no other article: nothing to count.
      if (total === 0) continue;
      probe++;
      const touched: number[] = [];
      const bump = (j: number) => {
        if (j === i) return;
        if (mark[j] !== probe) {
          mark[j] = probe;
          count[j] = 0;
          touched.push(j);
        }
        count[j]!++;
      };
      if (total <= 8 * size) {
        // Few articles per shingle (the usual story): count the shared shingles directly.
        for (const x of s.shingles) {
          const more = moreOf.get(x);
          if (!more) continue;
          bump(firstOf.get(x) as number);
          for (const j of more) bump(j);
        }
        for (const j of touched) if ((count[j] as number) >= need) add(j, s);
        continue;
      }
      // Shingles found in many articles (copies, boilerplate): probe only the rarest
      // |s| − need + 1, then check each candidate against j's shingles.
      const ordered = Array.from(s.shingles, (x) => [moreOf.get(x) ?? none, x] as const).sort((a, b) => a[0].length - b[0].length);
      for (const [more, x] of ordered.slice(0, size - need + 1)) {
        for (const j of [firstOf.get(x) as number, ...more]) {
          if (j === i || mark[j] === probe) continue;
          mark[j] = probe;
          if (share(s.shingles, all(j)) < MIN_SHARE) continue;
          add(j, s);
        }
      }
    }
  }
  const words = new Map<number, number>();
  const wordsOf = (i: number) => {
    let w = words.get(i);
    if (w === undefined) words.set(i, (w = narrationWords(sents[i] as NarrativeSentence[])));
    return w;
  };
  const out: PairShare[] = [];
  const done = new Set<number>();
  for (const key of found.keys()) {
    const i = Math.floor(key / n);
    const j = key % n;
    const a = Math.min(i, j);
    const b = Math.max(i, j);
    if (done.has(a * n + b)) continue;
    done.add(a * n + b);
    const ab = found.get(a * n + b) ?? [];
    const ba = found.get(b * n + a) ?? [];
    const wab = narrationWords(ab);
    const wba = narrationWords(ba);
    const best = wab > wba || (wab === wba && ab.length >= ba.length) ? ab : ba;
    const w = Math.max(wab, wba);
    const shorter = Math.max(1, Math.min(wordsOf(a), wordsOf(b)));
    const long = best.find((s) => s.words >= LONG_SENTENCE) ?? best[0];
    const lead = [...ab, ...ba].some((s) => s.words >= LEAD_WORDS && s.position < LEAD_SENTENCES);
    out.push({ a, b, sentences: best.length, words: w, share: Math.min(1, w / shorter), example: long?.sentence.text ?? '', lead });
  }
  return out.sort((x, y) => x.a - y.a || x.b - y.b);
}

/** Articles much older than the rest of the story, or off-topic. */
export function findBackground(docs: AnnotatedArticle[]): BackgroundArticle[] {
  const out: BackgroundArticle[] = [];
  const dated = docs.filter((d) => d.article.published && !Number.isNaN(Date.parse(d.article.published)));
  // The dates of "the others" are the sorted dates without one copy of the article's own.
  const sorted = dated.map((d) => d.article.published as string).sort();
  const firstAt = new Map<string, number>();
  sorted.forEach((x, i) => {
    if (!firstAt.has(x)) firstAt.set(x, i);
  });
  for (const d of dated) {
    const own = d.article.published as string;
    const p = firstAt.get(own) as number;
    const n = sorted.length - 1;
    if (n === 0) continue;
    const other = (k: number) => sorted[k < p ? k : k + 1] as string;
    const median = other(Math.floor((n - 1) / 2));
    const gap = days(own, median);
    if (gap > BACKGROUND_DAYS) {
      const lo = other(0);
      const hi = other(n - 1);
      const span = lo === hi ? lo : `${lo} to ${hi}`;
      out.push({
        articleId: d.article.id,
        reason: `published ${d.article.published}, ${gap} days before the rest of the story (${span})`,
      });
    }
  }
  if (docs.length >= 3) {
    // (The terms of a termFreq map are distinct already: counted straight into the Idf.)
    const idf = new Idf();
    for (const d of docs) {
      idf.docs++;
      for (const t of d.termFreq.keys()) idf.df.set(t, (idf.df.get(t) ?? 0) + 1);
    }
    const vecs = docs.map((d) => tfidf(d.termFreq, idf));
    // Each article against the sum of the others, without building that sum per article:
    // cos(v, S − v) = (v·S − 1) / |S − v|, with |S − v|² = |S|² − 2 v·S + 1 (|v| = 1).
    const sum = new Map<string, number>();
    for (const v of vecs) for (const [t, w] of v) sum.set(t, (sum.get(t) ?? 0) + w);
    let sumSq = 0;
    for (const w of sum.values()) sumSq += w * w;
    docs.forEach((d, i) => {
      if (out.some((b) => b.articleId === d.article.id)) return;
      const v = vecs[i]!;
      let dot = 0;
      for (const [t, w] of v) dot += w * (sum.get(t) ?? 0);
      const norm = Math.sqrt(Math.max(1e-12, sumSq - 2 * dot + 1));
      const sim = (dot - 1) / norm;
      if (sim < OFF_TOPIC_COSINE) {
        out.push({ articleId: d.article.id, reason: `off-topic: shares almost no vocabulary with the other articles (similarity ${sim.toFixed(2)})` });
      }
    });
  }
  return out;
}
