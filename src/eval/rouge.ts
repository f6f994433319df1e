/**
 * ROUGE with the semantics of the reference Perl script ROUGE-1.5.5 (Lin 2004,
 * "ROUGE: A Package for Automatic Evaluation of Summaries"), so that scores are
 * comparable with published DUC/TAC and Multi-News figures.
 *
 * Written by hand because the only npm ROUGE packages re-tokenise differently
 * (Unicode-aware, no summary-level LCS, Snowball stemming, no `-l` truncation) and
 * do not reproduce ROUGE-1.5.5's numbers; the test suite checks every line of
 * ../shared/data/rouge-vectors.jsonl to 1e-5.
 *
 * What ROUGE-1.5.5 does, and what each option means (its command-line flag in
 * brackets):
 *
 * - Input is SPL (one sentence per line). Empty lines are dropped. Text is read as
 *   bytes: only ASCII letters are lower-cased, and every other byte that is not
 *   [a-z0-9] (punctuation, every byte of a UTF-8 multi-byte character) becomes a
 *   space, so "café" → "caf", "U.S." → "u s", "3,000" → "3 000". Hyphens become
 *   separate "-" tokens, which are then dropped (only tokens starting with
 *   [a-z0-9$] are counted).
 * - `lengthLimitWords` [-l N]: only the first N words of each summary (peer and
 *   references alike) are read, where a word is a whitespace-separated token of the
 *   raw text *before* punctuation is removed ("U.S.-led" is one word, so truncation
 *   can keep more or fewer ROUGE tokens than N).
 * - `stem` [-m]: tokens longer than 3 characters are replaced by ROUGE's own Porter
 *   stem (./porter.ts), after a lookup in the WordNet exception table that
 *   ROUGE-1.5.5 loads from `WordNet-2.0.exc.db` (see `stemToken`).
 * - ROUGE-N [-n N computes ROUGE-1 … ROUGE-N]: clipped n-gram co-occurrence;
 *   R = hits / reference n-grams, P = hits / peer n-grams.
 * - ROUGE-L: summary-level LCS. For each reference sentence, the union of its
 *   LCS with every peer sentence is marked; a marked token is a hit only while
 *   both the reference and the peer still have an unused unigram of it (the
 *   1.4.1 clipping that keeps ROUGE-L ≤ ROUGE-1). R = hits / reference tokens,
 *   P = hits / peer tokens.
 * - ROUGE-SUx [-2 x -u]: skip bigrams with at most x words between the two words,
 *   plus unigrams (each token but the last, as in the Perl loop).
 * - `average` [-f A|B]: with several references, `model` (A) sums hits and counts
 *   over the references (model average); `best` (B) keeps the reference with the
 *   best recall.
 * - `alpha` [-p]: F = P·R / ((1−α)·P + α·R); α = 0.5 gives F1.
 * - Every R, P, F is rounded to 5 decimals as ROUGE prints it ("%7.5f"), and F is
 *   computed from the rounded R and P, exactly as the script does.
 */
import { rougePorterStem } from './porter.js';
import { loadJson } from '../data.js';

export type RougeMetric = 'ROUGE-1' | 'ROUGE-2' | 'ROUGE-3' | 'ROUGE-4' | 'ROUGE-L' | 'ROUGE-SU4' | `ROUGE-${string}`;

export interface Prf {
  R: number;
  P: number;
  F: number;
}

export type RougeScores = Record<string, Prf>;

export interface RougeOptions {
  /** [-m] stem tokens longer than 3 characters with ROUGE's Porter stemmer. Default true. */
  stem?: boolean;
  /** [-l N] read only the first N words of every summary. Default: no limit. */
  lengthLimitWords?: number | null;
  /** [-n N] compute ROUGE-1 … ROUGE-N. Default 2. Use `ngrams` to pick a set (e.g. [1, 2, 4]). */
  maxN?: number;
  /** Exactly which ROUGE-N to compute (overrides maxN). */
  ngrams?: number[];
  /** Compute ROUGE-L (summary-level LCS). Default true ([-x] turns it off). */
  lcs?: boolean;
  /** [-2 d -u] skip distance of ROUGE-SU; null for none. Default 4 (ROUGE-SU4). */
  skipDistance?: number | null;
  /** [-f A|B] model average ('model', A) or best reference ('best', B). Default 'model'. */
  average?: 'model' | 'best';
  /** [-p α] weight of precision in F. Default 0.5. */
  alpha?: number;
  /**
   * Read the texts as ROUGE-1.5.5 reads them from SEE (HTML) files, the format the
   * usual wrapper (pyrouge) writes: '&', '<' and '>' stand as the entities
   * `&amp;`, `&lt;`, `&gt;`, whose names ROUGE then counts as words ("Law & Order"
   * → law, amp, order). Default true, which is how published figures and the
   * reference vectors were computed; false reads plain SPL text.
   */
  seeEntities?: boolean;
}

/** The DUC 2004 task 2 setting: `-n 2 -2 4 -u -m -l 100 -f A` (ROUGE-1, -2, -L, -SU4). */
export const DUC2004_OPTIONS: RougeOptions = { stem: true, lengthLimitWords: 100, maxN: 2, skipDistance: 4, average: 'model' };

const ASCII_WS = /[\t\n\v\f\r ]+/;

/** Perl's `split(/\s+/, $s)`: a leading empty field is kept, trailing empty fields are dropped. */
function perlSplitWs(s: string): string[] {
  const parts = s.split(ASCII_WS);
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/**
 * Converts a JavaScript string to the byte string Perl sees (each UTF-8 byte one
 * character), so that lengths, lower-casing and punctuation removal behave as in
 * ROUGE-1.5.5 on UTF-8 input.
 */
function perlBytes(s: string): string {
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(s) ? s : Buffer.from(s, 'utf8').toString('latin1');
}

/** HTML escaping of a sentence written into a SEE file. */
function seeEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** SPL reading: one sentence per line, empty lines dropped, ASCII lower-casing (`tr/A-Z/a-z/`). */
function splLines(text: string, see: boolean): string[] {
  const out: string[] = [];
  for (const line of perlBytes(see ? seeEscape(text) : text).split('\n')) {
    if (line.length > 0) out.push(line.replace(/[A-Z]+/g, (x) => x.toLowerCase()));
  }
  return out;
}

/** ROUGE's `-l N` truncation, keeping sentence units (readText_LCS); readText joins them with spaces. */
function truncateWords(sentences: string[], limit: number | null | undefined): string[] {
  if (!limit || limit <= 0) return sentences;
  const out: string[] = [];
  let len = 0;
  for (const s of sentences) {
    const tokens = perlSplitWs(s);
    if (len + tokens.length < limit) {
      len += tokens.length;
      out.push(s);
    } else {
      out.push(tokens.slice(0, limit - len).join(' '));
      break;
    }
  }
  return out;
}

/** ROUGE's punctuation handling: hyphens split off, everything but [A-Za-z0-9-] becomes a space. */
function clean(s: string): string {
  return s.replace(/-/g, ' - ').replace(/[^A-Za-z0-9-]/g, ' ').trim().replace(/ +/g, ' ');
}

let exceptions: Map<string, string> | null = null;

/**
 * The WordNet exception table ROUGE-1.5.5 consults before stemming
 * (`WordNet-2.0.exc.db`): inflected form → base form, e.g. said → say,
 * children → child, better → good. Kept as data in data/rouge/wordnet-exceptions.json
 * (with WordNet's licence and how it was built).
 */
function exceptionTable(): Map<string, string> {
  if (!exceptions) {
    const raw = loadJson<{ exceptions: Record<string, string> }>('rouge/wordnet-exceptions.json');
    exceptions = new Map(Object.entries(raw.exceptions));
  }
  return exceptions;
}

const stemCache = new Map<string, string>();

/** ROUGE's MorphStem: the WordNet exception form if there is one, else ROUGE's Porter stem. */
export function stemToken(token: string): string {
  let s = stemCache.get(token);
  if (s === undefined) {
    s = exceptionTable().get(token) ?? rougePorterStem(token);
    if (stemCache.size > 200_000) stemCache.clear();
    stemCache.set(token, s);
  }
  return s;
}

/** Tokens of one cleaned unit: those starting with [a-z0-9$], stemmed when asked (tokens longer than 3). */
function tokensOf(unit: string, stem: boolean): string[] {
  const out: string[] = [];
  for (const t of perlSplitWs(unit)) {
    if (!/^[a-z0-9$]/.test(t)) continue;
    out.push(stem && t.length > 3 ? stemToken(t) : t);
  }
  return out;
}

/** A summary as ROUGE reads it: its sentences' tokens (after truncation, cleaning and stemming). */
export interface RougeText {
  sentences: string[][];
  tokens: string[];
}

/** Reads a summary given one sentence per line, as ROUGE-1.5.5 does with the given options. */
export function rougeText(text: string, opts: Pick<RougeOptions, 'stem' | 'lengthLimitWords' | 'seeEntities'> = {}): RougeText {
  const stem = opts.stem ?? true;
  const units = truncateWords(splLines(text, opts.seeEntities ?? true), opts.lengthLimitWords).map(clean);
  const sentences = units.map((u) => tokensOf(u, stem));
  return { sentences, tokens: sentences.flat() };
}

function countGrams(tokens: string[], n: number): { grams: Map<string, number>; total: number } {
  const grams = new Map<string, number>();
  let total = 0;
  for (let i = 0; i + n <= tokens.length; i++) {
    const g = n === 1 ? (tokens[i] as string) : tokens.slice(i, i + n).join(' ');
    grams.set(g, (grams.get(g) ?? 0) + 1);
    total++;
  }
  return { grams, total };
}

/** Skip bigrams with at most `d` words in between (d < 0: any gap), plus unigrams (ROUGE-SU). */
function countSkipGrams(tokens: string[], d: number, unigrams: boolean): { grams: Map<string, number>; total: number } {
  const grams = new Map<string, number>();
  let total = 0;
  const add = (g: string) => {
    grams.set(g, (grams.get(g) ?? 0) + 1);
    total++;
  };
  // As in ROUGE-1.5.5's createSkipBigram, the loop stops before the last token, so the
  // last token's unigram is not counted.
  for (let i = 0; i < tokens.length - 1; i++) {
    if (unigrams) add(tokens[i] as string);
    for (let j = i + 1; j < tokens.length && (d < 0 || j <= i + d + 1); j++) add(`${tokens[i]} ${tokens[j]}`);
  }
  return { grams, total };
}

function clippedHits(model: Map<string, number>, peer: Map<string, number>): number {
  let hit = 0;
  for (const [g, m] of model) {
    const p = peer.get(g);
    if (p !== undefined) hit += Math.min(p, m);
  }
  return hit;
}

/**
 * Rounds to 5 decimals like Perl's sprintf("%7.5f"): C printf rounds the exact
 * binary value, so exact ties (x·10⁵ ending in .5 exactly) go to the even digit,
 * where `toFixed` would round up.
 */
export function round5(x: number): number {
  const twice = x * 200000;
  if (Number.isInteger(twice) && Math.abs(twice) % 2 === 1) {
    const lo = (twice - 1) / 2;
    const n = lo % 2 === 0 ? lo : lo + 1;
    return n / 100000;
  }
  return Number(x.toFixed(5));
}

function prf(hit: number, modelCount: number, peerCount: number, alpha: number): Prf {
  const R = modelCount !== 0 ? round5(hit / modelCount) : 0;
  const P = peerCount !== 0 ? round5(hit / peerCount) : 0;
  const d = (1 - alpha) * P + alpha * R;
  const F = d > 0 ? round5((P * R) / d) : 0;
  return { R, P, F };
}

interface Counts {
  hit: number;
  model: number;
  peer: number;
}

/** Aggregates per-reference counts with scoring formula A (sum) or B (best recall). */
function aggregate(per: Array<Counts & { score: number }>, mode: 'model' | 'best'): Counts {
  if (mode === 'model') {
    return per.reduce((a, x) => ({ hit: a.hit + x.hit, model: a.model + x.model, peer: a.peer + x.peer }), { hit: 0, model: 0, peer: 0 });
  }
  let best: Counts = { hit: 0, model: 0, peer: 0 };
  let bestScore = -1;
  for (const x of per) {
    if (x.score > bestScore) {
      bestScore = x.score;
      best = x;
    }
  }
  return best;
}

function ngramCounts(peer: RougeText, models: RougeText[], n: number): Array<Counts & { score: number }> {
  const p = countGrams(peer.tokens, n);
  return models.map((m) => {
    const g = countGrams(m.tokens, n);
    const hit = clippedHits(g.grams, p.grams);
    // ngramScore rounds the per-model score with "%07.5f" before comparing (mode B).
    return { hit, model: g.total, peer: p.total, score: g.total ? round5(hit / g.total) : 0 };
  });
}

function skipCounts(peer: RougeText, models: RougeText[], d: number): Array<Counts & { score: number }> {
  const p = countSkipGrams(peer.tokens, d, true);
  return models.map((m) => {
    const g = countSkipGrams(m.tokens, d, true);
    const hit = clippedHits(g.grams, p.grams);
    return { hit, model: g.total, peer: p.total, score: g.total ? round5(hit / g.total) : 0 };
  });
}

/**
 * Marks, in `hitMask`, the reference tokens on one LCS of `model` and `peer`, with
 * ROUGE-1.5.5's tie-breaking (diagonal on equal tokens, then up when c[i-1][j] ≥
 * c[i][j-1], else left), walking back from the end.
 */
function markLcs(model: string[], peer: string[], hitMask: Uint8Array): void {
  const m = model.length;
  const n = peer.length;
  if (m === 0) return;
  const w = n + 1;
  const c = new Uint16Array((m + 1) * w);
  const b = new Uint8Array((m + 1) * w); // 1 diagonal, 2 up, 3 left
  for (let i = 1; i <= m; i++) {
    const mi = model[i - 1];
    for (let j = 1; j <= n; j++) {
      const k = i * w + j;
      if (mi === peer[j - 1]) {
        c[k] = (c[(i - 1) * w + j - 1] as number) + 1;
        b[k] = 1;
      } else if ((c[(i - 1) * w + j] as number) >= (c[k - 1] as number)) {
        c[k] = c[(i - 1) * w + j] as number;
        b[k] = 2;
      } else {
        c[k] = c[k - 1] as number;
        b[k] = 3;
      }
    }
  }
  let i = m;
  let j = n;
  while (i !== 0 && j !== 0) {
    const dir = b[i * w + j];
    if (dir === 1) {
      i--;
      j--;
      hitMask[i] = 1;
    } else if (dir === 2) i--;
    else j--;
  }
}

function lcsCounts(peer: RougeText, models: RougeText[]): Array<Counts & { score: number }> {
  const peerUni = countGrams(peer.tokens, 1);
  return models.map((model) => {
    const peer1 = new Map(peerUni.grams);
    const model1 = countGrams(model.tokens, 1).grams;
    let hit = 0;
    let base = 0;
    for (const ms of model.sentences) {
      const mask = new Uint8Array(ms.length);
      base += ms.length;
      for (const ps of peer.sentences) markLcs(ms, ps, mask);
      for (let j = 0; j < ms.length; j++) {
        if (mask[j] !== 1) continue;
        const t = ms[j] as string;
        const a = model1.get(t) ?? 0;
        const b = peer1.get(t) ?? 0;
        if (a > 0 && b > 0) {
          hit++;
          model1.set(t, a - 1);
          peer1.set(t, b - 1);
        }
      }
    }
    return { hit, model: base, peer: peerUni.total, score: base > 0 ? hit / base : 0 };
  });
}

/** The metrics computed for the given options, in order. */
export function rougeMetrics(opts: RougeOptions = {}): string[] {
  const ns = opts.ngrams ?? Array.from({ length: opts.maxN ?? 2 }, (_, i) => i + 1);
  const out = ns.map((n) => `ROUGE-${n}`);
  if (opts.lcs ?? true) out.push('ROUGE-L');
  const d = opts.skipDistance === undefined ? 4 : opts.skipDistance;
  if (d !== null) out.push(d < 0 ? 'ROUGE-SU*' : `ROUGE-SU${d}`);
  return out;
}

/** Scores already-read texts (see `rougeText`); lets callers read references once. */
export function rougeScoreTexts(peer: RougeText, models: RougeText[], opts: RougeOptions = {}): RougeScores {
  const mode = opts.average ?? 'model';
  const alpha = opts.alpha ?? 0.5;
  const out: RougeScores = {};
  const ns = opts.ngrams ?? Array.from({ length: opts.maxN ?? 2 }, (_, i) => i + 1);
  const score = (per: Array<Counts & { score: number }>): Prf => {
    const a = aggregate(per, mode);
    return prf(a.hit, a.model, a.peer, alpha);
  };
  for (const n of ns) out[`ROUGE-${n}`] = score(ngramCounts(peer, models, n));
  if (opts.lcs ?? true) out['ROUGE-L'] = score(lcsCounts(peer, models));
  const d = opts.skipDistance === undefined ? 4 : opts.skipDistance;
  if (d !== null) out[d < 0 ? 'ROUGE-SU*' : `ROUGE-SU${d}`] = score(skipCounts(peer, models, d));
  return out;
}

/**
 * ROUGE scores of one peer summary against its references, each given one
 * sentence per line, as ROUGE-1.5.5 would report them for a single evaluation.
 */
export function rouge(peer: string, references: string[], opts: RougeOptions = {}): RougeScores {
  const read = (t: string) => rougeText(t, opts);
  return rougeScoreTexts(read(peer), references.map(read), opts);
}
