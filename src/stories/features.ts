/**
 * Story features: what the story clusterer knows about one article, computed once
 * per article when it arrives and stored with it so that nothing is re-annotated
 * when later articles are assigned.
 *
 * - `terms`: content lemmas with sublinear tf weights (1 + ln tf), boosted for
 *   names (capitalised words that do not open a sentence: the named entities of news
 *   text) and for words of the title. IDF is *not* applied here: it changes as the corpus grows, so it is
 *   applied at comparison time from the live document frequencies.
 * - `vocabulary`: every distinct content lemma (for document frequencies); not stored.
 * - `minhash`: a MinHash signature of the word 5-shingles, for near-duplicate links
 *   and the lineage signal (copies of one wire report belong to one story).
 * - `day`: the article's publication date as days since 1970-01-01, or null when
 *   unknown (an undated article carries no time signal: its ingest date says
 *   nothing about when the events happened when an archive is ingested).
 *
 * Why a lean wink-nlp instance rather than `annotate()` (../text/nlp.ts): grouping
 * needs tokens, lemmas, capitalisation and stop-word flags only. wink's full pipeline
 * plus crossread's sentence refinement and Porter stems runs at ~200 long news
 * articles/s on this machine; an empty pipeline (no POS tagger) is ~4× faster, and
 * on the dev sets capitalisation marks names as well as the POS tagger's PROPN did
 * (B-cubed F1 within 0.007 on both). The one-shot `brief` groups with these same
 * features, so `brief` and the store group alike.
 */
import winkNLP from 'wink-nlp';
import type { ItsFunction, WinkMethods } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import type { Article } from '../types.js';

/** Number of hash functions of the MinHash signature. */
export const MINHASH_SIZE = 64;
/** Shingle length (words) for near-copy detection. */
export const SHINGLE = 5;
/** Terms kept per article: the most salient (by tf × idf when the article arrives). */
export const MAX_TERMS = 300;
/** Weight multipliers. */
export const ENTITY_BOOST = 2;
export const TITLE_BOOST = 1.5;

export interface StoryFeatures {
  /** Term → weight (sublinear tf × boosts), at most MAX_TERMS terms, no IDF applied. */
  terms: Map<string, number>;
  /** MinHash signature of the word 5-shingles (MINHASH_SIZE values). */
  minhash: Uint32Array;
  /** Number of distinct shingles (to turn Jaccard estimates into containment). */
  shingles: number;
  /** Days since the epoch of the article's date, or null when unknown. */
  day: number | null;
}

/** Features plus the full vocabulary (for document frequencies); what extraction returns. */
export interface ExtractedFeatures {
  /** Untruncated term weights; `select()` trims them to MAX_TERMS once IDF is known. */
  allTerms: Map<string, number>;
  minhash: Uint32Array;
  shingles: number;
  day: number | null;
}

export interface FeatureOptions {
  entityBoost?: number;
  titleBoost?: number;
}

let lean: WinkMethods | null = null;

/** A wink-nlp instance with an empty pipeline: tokens, types, stop words and lexicon lemmas only. */
function nlp(): WinkMethods {
  if (!lean) lean = winkNLP(model, []);
  return lean;
}

const HAS_ALNUM = /[\p{L}\p{N}]/u;
/** Tokens after which a capital letter says nothing (sentence ends, quotes, brackets, dashes). */
const SENTENCE_OPENERS = /^[.!?"“”'‘’:;(\[—–-]$/;
const MAX_CHARS = 200_000;

/** Days since 1970-01-01 of an ISO date (`YYYY-MM-DD…`), or null. */
export function dayOf(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isFinite(t) ? Math.floor(t / 86_400_000) : null;
}

/** Reads content lemmas of a text into `into`, with `boost` for plain words and `boost × ENTITY_BOOST` for proper nouns. */
function readTerms(text: string, into: Map<string, number>, boost: number, entityBoost: number): string[] {
  const n = nlp();
  const its = n.its;
  const doc = n.readDoc(text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text);
  const toks = doc.tokens();
  const lemmas = toks.out(its.lemma as unknown as ItsFunction<string>) as string[];
  const cases = toks.out(its.case) as string[];
  const types = toks.out(its.type) as string[];
  const stops = toks.out(its.stopWordFlag) as unknown as boolean[];
  const surface = toks.out() as string[];
  const words: string[] = [];
  for (let i = 0; i < surface.length; i++) {
    const s = surface[i] as string;
    const type = types[i];
    if (type !== 'word' && type !== 'number') continue;
    if (!HAS_ALNUM.test(s)) continue;
    words.push(s.toLowerCase());
    if (stops[i] || type === 'number' || s.length < 2) continue;
    const lemma = (lemmas[i] ?? s).toLowerCase().replace(/[’‘]/g, "'");
    // A name: capitalised, and not merely because it opens a sentence or a line.
    const prev = i > 0 ? (surface[i - 1] as string) : '.';
    const opens = SENTENCE_OPENERS.test(prev) || /\n/.test(prev);
    const w = (cases[i] === 'titleCase' || cases[i] === 'upperCase') && !opens ? boost * entityBoost : boost;
    into.set(lemma, (into.get(lemma) ?? 0) + w);
  }
  return words;
}

/** Extracts the clustering features of an article. */
export function extractFeatures(article: Pick<Article, 'title' | 'text' | 'published'>, opts: FeatureOptions = {}): ExtractedFeatures {
  const entityBoost = opts.entityBoost ?? ENTITY_BOOST;
  const raw = new Map<string, number>();
  const words = readTerms(article.text, raw, 1, entityBoost);
  // Sublinear tf on the body counts (weights already carry the entity boost).
  const allTerms = new Map<string, number>();
  for (const [t, c] of raw) allTerms.set(t, 1 + Math.log(c));
  if (article.title) {
    const titleTerms = new Map<string, number>();
    readTerms(article.title, titleTerms, opts.titleBoost ?? TITLE_BOOST, entityBoost);
    for (const [t, w] of titleTerms) allTerms.set(t, (allTerms.get(t) ?? 0) + w);
  }
  const { signature, count } = minhash(words);
  return { allTerms, minhash: signature, shingles: count, day: dayOf(article.published) };
}

/** Keeps the MAX_TERMS most salient terms under the given IDF. */
export function select(f: ExtractedFeatures, idf: (term: string) => number, max = MAX_TERMS): StoryFeatures {
  let terms = f.allTerms;
  if (terms.size > max) {
    const ranked = [...terms].map(([t, w]) => [t, w, w * idf(t)] as const);
    ranked.sort((a, b) => b[2] - a[2] || (a[0] < b[0] ? -1 : 1));
    terms = new Map(ranked.slice(0, max).map(([t, w]) => [t, w]));
  }
  return { terms, minhash: f.minhash, shingles: f.shingles, day: f.day };
}

// ---- MinHash over word shingles -------------------------------------------------
// Hand-written: a few lines over 32-bit integer hashing; the npm MinHash packages
// re-tokenise and use slower big-number permutations.

/** FNV-1a 32-bit hash of a string. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A 32-bit integer mixer (murmur3 finaliser). */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const SEEDS = Array.from({ length: MINHASH_SIZE }, (_, i) => mix(0x9e3779b9 + i * 0x632be5ab));

/** MinHash signature of the word SHINGLE-shingles of `words`. */
export function minhash(words: readonly string[]): { signature: Uint32Array; count: number } {
  const sig = new Uint32Array(MINHASH_SIZE).fill(0xffffffff);
  const wordHashes = words.map(fnv1a);
  const seen = new Set<number>();
  const k = Math.min(SHINGLE, wordHashes.length);
  for (let i = 0; k > 0 && i + k <= wordHashes.length; i++) {
    let h = 0;
    for (let j = 0; j < k; j++) h = mix((h ^ (wordHashes[i + j] as number)) >>> 0);
    if (seen.has(h)) continue;
    seen.add(h);
    for (let s = 0; s < MINHASH_SIZE; s++) {
      const v = mix((h ^ (SEEDS[s] as number)) >>> 0);
      if (v < (sig[s] as number)) sig[s] = v;
    }
  }
  return { signature: sig, count: seen.size };
}

/** Estimated Jaccard similarity of two shingle sets from their signatures (0 when either is empty). */
export function jaccardEstimate(a: Uint32Array, b: Uint32Array): number {
  if (a[0] === 0xffffffff || b[0] === 0xffffffff) return 0;
  let same = 0;
  for (let i = 0; i < MINHASH_SIZE; i++) if (a[i] === b[i]) same++;
  return same / MINHASH_SIZE;
}

/** Estimated containment of the smaller shingle set in the larger, from a Jaccard estimate and the set sizes. */
export function containmentEstimate(j: number, na: number, nb: number): number {
  if (j <= 0 || na === 0 || nb === 0) return 0;
  const inter = (j * (na + nb)) / (1 + j);
  return Math.min(1, inter / Math.min(na, nb));
}

// ---- Serialisation (for stores) ----------------------------------------------------

/** Compact text form of term weights: `term\tweight\n…` (weights to 4 decimals). */
export function encodeTerms(terms: Map<string, number>): string {
  let s = '';
  for (const [t, w] of terms) s += `${t.replace(/[\t\n]/g, ' ')}\t${Math.round(w * 1e4) / 1e4}\n`;
  return s;
}

export function decodeTerms(s: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const line of s.split('\n')) {
    if (!line) continue;
    const tab = line.lastIndexOf('\t');
    const w = Number(line.slice(tab + 1));
    if (tab > 0 && Number.isFinite(w)) m.set(line.slice(0, tab), w);
  }
  return m;
}

export function encodeMinhash(sig: Uint32Array): Buffer {
  return Buffer.from(sig.buffer, sig.byteOffset, sig.byteLength);
}

export function decodeMinhash(buf: Uint8Array): Uint32Array {
  const out = new Uint32Array(MINHASH_SIZE).fill(0xffffffff);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const n = Math.min(MINHASH_SIZE, Math.floor(buf.byteLength / 4));
  for (let i = 0; i < n; i++) out[i] = view.getUint32(i * 4, true);
  return out;
}
