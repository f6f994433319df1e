/**
 * Story features: what the story clusterer knows about one article, computed once
 * per article when it arrives and stored with it so that nothing is re-annotated
 * when later articles are assigned.
 *
 * - `terms`: content stems with sublinear tf weights (1 + ln tf), boosted for
 *   names (capitalised words that do not open a sentence: the named entities of news
 *   text) and for words of the title. IDF is *not* applied here: it changes as the corpus grows, so it is
 *   applied at comparison time from the live document frequencies.
 * - `vocabulary`: every distinct content stem (for document frequencies); not stored.
 * - `minhash`: a MinHash signature of the word 5-shingles, for near-duplicate links
 *   and the lineage signal (copies of one wire report belong to one story).
 * - `day`: the article's publication date as days since 1970-01-01, or null when
 *   unknown (an undated article carries no time signal: its ingest date says
 *   nothing about when the events happened when an archive is ingested).
 *
 * Tokenisation is written by hand (a regular expression over letters and digits, a
 * look at the characters before each word for sentence openings, wink's stop-word
 * list as data, and wink's Porter stemmer memoised through `stem()` of
 * ../text/nlp.ts) rather than run through wink-nlp: grouping needs words,
 * capitalisation and stop-word flags only, and even a lean wink pipeline (no POS
 * tagger) ran at ~800 long news articles/s on this machine, the bottleneck of
 * ingest; this tokenizer runs ~3.3× faster (2,700–2,900 against 800–860 articles/s
 * over the Multi-News and WikiRef dev texts, same run). On the dev sets its stems
 * group as well as wink's lemmas did (B-cubed F1 within ±0.01, three shuffles each),
 * and better with name phrases. The one-shot `brief` groups with these same
 * features, so `brief` and the store group alike.
 */
import type { Article } from '../types.js';
import { loadJson } from '../data.js';
import { stem } from '../text/nlp.js';
import { MAX_WORD_CHARS } from '../ingest/words.js';
import { fnv1a } from '../random.js';

/** Number of hash functions of the MinHash signature. */
export const MINHASH_SIZE = 64;
/** Shingle length (words) for near-copy detection. */
export const SHINGLE = 5;
/** Terms kept per article: the most salient (by tf × idf when the article arrives). */
export const MAX_TERMS = 300;
/** Weight multipliers. */
export const ENTITY_BOOST = 2;
export const TITLE_BOOST = 1.5;
/**
 * Version of the feature extraction. Stores record it: features (and document
 * frequencies) made by another version are re-extracted from the stored text.
 */
export const FEATURES_VERSION = 2;

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

const MAX_CHARS = 200_000;

let stopWords: Set<string> | null = null;
function stops(): Set<string> {
  stopWords ??= new Set(loadJson<{ words: string[] }>('stories/stopwords.json').words);
  return stopWords;
}

/** Days since 1970-01-01 of an ISO date (`YYYY-MM-DD…`), or null. */
export function dayOf(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isFinite(t) ? Math.floor(t / 86_400_000) : null;
}

/**
 * Words: runs of letters and digits, joined by inner hyphens, dots, ampersands or
 * apostrophes (`al-Assad`, `U.S`, `AT&T`, `Trump's`).
 */
const WORD = /[\p{L}\p{N}]+(?:[-.&'’][\p{L}\p{N}]+)*/gu;
const UPPER_START = /^\p{Lu}/u;
/** Titles and abbreviations after which a full stop does not end a sentence. */
const ABBREVIATIONS = new Set(['mr', 'mrs', 'ms', 'dr', 'prof', 'sen', 'rep', 'gov', 'gen', 'lt', 'col', 'sgt', 'capt', 'cmdr', 'adm', 'maj', 'rev', 'st', 'jr', 'sr', 'no', 'vs', 'mt', 'ft', 'pres', 'supt', 'det', 'insp', 'atty', 'hon', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec']);
/** Contraction endings dropped from a word (`Trump's` → trump, `don't` → do). */
const CONTRACTION = /['’](?:s|t|re|ve|ll|d|m)$/;

/**
 * Lower-case word → its term ('' for stop words, numbers and fragments), memoised in
 * two generations: when the young map is full it becomes the old one, so the cache
 * stays bounded without forgetting the frequent words all at once.
 */
let termCache = new Map<string, string>();
let oldTermCache = new Map<string, string>();
const TERM_CACHE_MAX = 50_000;

/**
 * The term of a word as written (the cache is keyed by the surface form, so a word
 * seen before costs one lookup and no lower-casing): its Porter stem, or '' when it
 * carries no content.
 */
function termOf(surface: string): string {
  let t = termCache.get(surface);
  if (t !== undefined) return t;
  t = oldTermCache.get(surface);
  if (t !== undefined) {
    remember(surface, t);
    return t;
  }
  const lower = surface.toLowerCase();
  let base = lower.includes('’') ? lower.replace(/’/g, "'") : lower;
  const c = CONTRACTION.exec(base);
  if (c) {
    base = base.slice(0, c.index);
    if (c[0].endsWith('t') && base.endsWith('n')) base = base.slice(0, -1);
  }
  if (base.length < 2 || base.length > MAX_WORD_CHARS || stops().has(base) || !/\p{L}/u.test(base)) t = '';
  else t = base.includes('.') || base.includes('&') ? base : stem(base);
  if (t.length < 2) t = '';
  t = ownString(t);
  remember(surface, t);
  return t;
}

function remember(word: string, term: string): void {
  if (termCache.size >= TERM_CACHE_MAX) {
    oldTermCache = termCache;
    termCache = new Map();
  }
  termCache.set(ownString(word), term);
}

/**
 * A copy of `s` that does not keep a longer string alive. V8 represents a substring of
 * 13 or more characters (a regex match, a slice, a split) as a view into its parent,
 * so a long word kept as a cache key or an interned term would hold its whole article
 * text in memory (measured: ~40 KB per retained word). Strings kept for long (the term
 * cache, the clusterer's vocabulary) are copied through this: a concatenation then a
 * slice makes a fresh flat string of the word's length.
 */
export function ownString(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/** True when a character code ends a sentence or a line before a word (. ! ? : ; " ( [ newline, curly quotes, dashes). */
function isOpener(ch: number): boolean {
  return ch === 46 || ch === 33 || ch === 63 || ch === 58 || ch === 59 || ch === 34 || ch === 40 || ch === 91 || ch === 10 || ch === 0x201c || ch === 0x201d || ch === 0x2014 || ch === 0x2013;
}

/**
 * Reads the words of a text: pushes every word (lower case) to `words`, and adds each
 * content word's stem to `into` with `boost`, or `boost × entityBoost` when it is
 * capitalised without opening a sentence (a name).
 */
/** Word hashes of the text being read (grown as needed, reused between articles). */
let hashBuf = new Uint32Array(4096);

/**
 * FNV-1a hash of a word in lower case (equal to `fnv1a(word.toLowerCase())`), folding
 * ASCII capitals on the fly so the common case allocates no lower-case copy.
 */
function lowerHash(surface: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < surface.length; i++) {
    let c = surface.charCodeAt(i);
    if (c > 127) return fnv1a(surface.toLowerCase());
    if (c >= 65 && c <= 90) c += 32;
    h ^= c;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Reads the words of a text: records every word's lower-case hash (for the shingles)
 * when `hashes` is asked for, and adds each content word's stem to `into` with
 * `boost`, or `boost × entityBoost` when it is capitalised without opening a sentence
 * (a name). Returns the number of words.
 */
function readTerms(text: string, into: Map<string, number>, hashes: boolean, boost: number, entityBoost: number): number {
  const src = text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text;
  let prevEnd = 0;
  let n = 0;
  /** Term of the previous word when it was capitalised (for name phrases). */
  let prevName: string | null = null;
  let prevSurface = '';
  WORD.lastIndex = 0;
  for (let m = WORD.exec(src); m; m = WORD.exec(src)) {
    const surface = m[0];
    const start = m.index;
    // Does the word open a sentence or a line? Look at what separates it from the previous word.
    let opens = prevEnd === 0;
    let spaced = !opens;
    for (let i = prevEnd; i < start && !opens; i++) {
      const ch = src.charCodeAt(i);
      if (ch !== 32 && ch !== 0xa0) spaced = false;
      // A full stop right after a title or an abbreviation (`Mr.`, `U.S.`) opens nothing.
      if (ch === 46 && i === prevEnd && isAbbreviation(prevSurface)) continue;
      if (isOpener(ch)) opens = true;
    }
    prevEnd = start + surface.length;
    prevSurface = surface;
    if (hashes) {
      if (n >= hashBuf.length) {
        const grown = new Uint32Array(hashBuf.length * 2);
        grown.set(hashBuf);
        hashBuf = grown;
      }
      hashBuf[n] = lowerHash(surface);
    }
    n++;
    const term = termOf(surface);
    if (!term) {
      prevName = null;
      continue;
    }
    const c0 = surface.charCodeAt(0);
    const cap = c0 >= 65 && c0 <= 90 ? true : c0 > 127 ? UPPER_START.test(surface) : false;
    into.set(term, (into.get(term) ?? 0) + (cap && !opens ? boost * entityBoost : boost));
    // Name phrases: two capitalised content words side by side (`Stormy_Daniels`,
    // `new_york`) are one more term, far rarer than either word alone.
    if (cap) {
      if (prevName && spaced) {
        const phrase = `${prevName}_${term}`;
        into.set(phrase, (into.get(phrase) ?? 0) + boost);
      }
      prevName = term;
    } else prevName = null;
  }
  return n;
}

function isAbbreviation(surface: string): boolean {
  if (surface.length > 6) return false;
  const lower = surface.toLowerCase();
  return ABBREVIATIONS.has(lower) || lower.includes('.');
}

/** Extracts the clustering features of an article. */
export function extractFeatures(article: Pick<Article, 'title' | 'text' | 'published'>, opts: FeatureOptions = {}): ExtractedFeatures {
  const entityBoost = opts.entityBoost ?? ENTITY_BOOST;
  const raw = new Map<string, number>();
  const words = readTerms(article.text, raw, true, 1, entityBoost);
  const { signature, count } = minhashOfHashes(hashBuf, words);
  // Sublinear tf on the body counts (weights already carry the entity boost), in place.
  const allTerms = raw;
  for (const [t, c] of raw) allTerms.set(t, 1 + Math.log(c));
  if (article.title) {
    const titleTerms = new Map<string, number>();
    readTerms(article.title, titleTerms, false, opts.titleBoost ?? TITLE_BOOST, entityBoost);
    for (const [t, w] of titleTerms) allTerms.set(t, (allTerms.get(t) ?? 0) + w);
  }
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


/** A 32-bit integer mixer (murmur3 finaliser). */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** log2(MINHASH_SIZE): the top bits of a shingle's hash pick its bin. */
const BIN_BITS = Math.log2(MINHASH_SIZE);

/**
 * MinHash signature of the word SHINGLE-shingles of `words`, by one-permutation
 * hashing with rotation densification (Li, Owen & Zhang 2012; Shrivastava & Li 2014):
 * each shingle is hashed once, its top bits choose one of MINHASH_SIZE bins and the
 * bin keeps its smallest value; an empty bin borrows the value of the next non-empty
 * bin to its right, offset by the distance. The share of equal bins estimates the
 * Jaccard similarity as k independent permutations would, at 1/k of their cost
 * (hashing each shingle 64 times was most of feature extraction's time).
 */
export function minhash(words: readonly string[]): { signature: Uint32Array; count: number } {
  return minhashOfHashes(Uint32Array.from(words, fnv1a), words.length);
}

/** `minhash` over the first `n` word hashes (FNV-1a of each lower-case word). */
function minhashOfHashes(wordHashes: Uint32Array, n: number): { signature: Uint32Array; count: number } {
  const sig = new Uint32Array(MINHASH_SIZE).fill(0xffffffff);
  const seen = new Set<number>();
  const k = Math.min(SHINGLE, n);
  for (let i = 0; k > 0 && i + k <= n; i++) {
    let h = 0x9e3779b9;
    for (let j = 0; j < k; j++) h = Math.imul(h ^ (wordHashes[i + j] as number), 0x01000193);
    h = mix(h >>> 0);
    if (seen.has(h)) continue;
    seen.add(h);
    const bin = h >>> (32 - BIN_BITS);
    const v = mix((h ^ 0x5bd1e995) >>> 0);
    if (v < (sig[bin] as number)) sig[bin] = v;
  }
  if (seen.size === 0) return { signature: sig, count: 0 };
  const filled = sig.slice();
  for (let b = 0; b < MINHASH_SIZE; b++) {
    if (filled[b] !== 0xffffffff) continue;
    for (let d = 1; d < MINHASH_SIZE; d++) {
      const v = filled[(b + d) % MINHASH_SIZE] as number;
      if (v !== 0xffffffff) {
        sig[b] = mix((v + Math.imul(d, 0x632be5ab)) >>> 0);
        break;
      }
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

// ---- Precomputed features (computed by a parallel stage, used by the store) ----------

/**
 * Features computed before `Store.addArticles` (by the queue's read stage, in parallel)
 * with the `FEATURES_VERSION` of the code that computed them. A store uses them only
 * when that version is its own (`featuresOf`); otherwise it extracts them again.
 */
export interface PrecomputedFeatures {
  version: number;
  features: ExtractedFeatures;
}

/** The features of `article` (extracted by this code), as `PrecomputedFeatures`. */
export function precompute(article: Pick<Article, 'title' | 'text' | 'published'>): PrecomputedFeatures {
  return { version: FEATURES_VERSION, features: extractFeatures(article) };
}

/**
 * The features a store assigns `article` with: `pre`'s when it was computed by this
 * version of the extraction and is well formed, else extracted now. Both give the same
 * value: precomputed features must be `extractFeatures(article)`'s, which the caller
 * guarantees by computing them with `precompute` on the same article.
 */
export function featuresOf(article: Pick<Article, 'title' | 'text' | 'published'>, pre: PrecomputedFeatures | null | undefined): ExtractedFeatures {
  if (pre && pre.version === FEATURES_VERSION && pre.features.minhash.length === MINHASH_SIZE) return pre.features;
  return extractFeatures(article);
}

/**
 * The staged form of precomputed features (JSON-safe, compact, exact): `v` the
 * FEATURES_VERSION, `t` the terms in extraction order joined by newlines (a term never
 * holds one: words are letters, digits and inner `-.&'’`, phrases join two with `_`),
 * `w` their weights as little-endian float64 in base64 (exact, unlike encodeTerms'
 * 4 decimals: a store must assign with the very weights it would have extracted), `m`
 * the MinHash signature as little-endian uint32 in base64, `s` the shingle count, `d`
 * the day. Term order is kept: it is the order the clusterer meets new terms in.
 */
export interface EncodedFeatures {
  v: number;
  t: string;
  w: string;
  m: string;
  s: number;
  d: number | null;
}

/** Encodes precomputed features for staging (see `EncodedFeatures`). */
export function encodeFeatures(pre: PrecomputedFeatures): EncodedFeatures {
  const f = pre.features;
  const weights = Buffer.alloc(f.allTerms.size * 8);
  let i = 0;
  for (const w of f.allTerms.values()) weights.writeDoubleLE(w, 8 * i++);
  const sig = Buffer.alloc(f.minhash.length * 4);
  f.minhash.forEach((v, j) => sig.writeUInt32LE(v, 4 * j));
  return {
    v: pre.version,
    t: [...f.allTerms.keys()].join('\n'),
    w: weights.toString('base64'),
    m: sig.toString('base64'),
    s: f.shingles,
    d: f.day,
  };
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The bytes of `b` (little-endian values) as a typed array of their own. */
function littleEndian<T extends Float64Array | Uint32Array>(b: Buffer, Type: { new (n: number): T; readonly BYTES_PER_ELEMENT: number }): T {
  const n = b.length / Type.BYTES_PER_ELEMENT;
  const out = new Type(n);
  if (LITTLE_ENDIAN) new Uint8Array(out.buffer).set(b);
  else for (let i = 0; i < n; i++) out[i] = Type.BYTES_PER_ELEMENT === 8 ? b.readDoubleLE(8 * i) : b.readUInt32LE(4 * i);
  return out;
}

/**
 * Decodes staged features; null when `value` is not a well-formed `EncodedFeatures`
 * (an old or damaged staged row: the store then extracts the features itself). The
 * version is carried, not checked: `featuresOf` checks it.
 */
export function decodeFeatures(value: unknown): PrecomputedFeatures | null {
  if (typeof value !== 'object' || value === null) return null;
  const e = value as Partial<Record<keyof EncodedFeatures, unknown>>;
  if (!Number.isInteger(e.v) || typeof e.t !== 'string' || typeof e.w !== 'string' || typeof e.m !== 'string') return null;
  if (!Number.isInteger(e.s) || (e.s as number) < 0 || !(e.d === null || Number.isInteger(e.d))) return null;
  const terms = e.t === '' ? [] : e.t.split('\n');
  const weights = Buffer.from(e.w, 'base64');
  const sig = Buffer.from(e.m, 'base64');
  if (weights.length !== terms.length * 8 || sig.length !== MINHASH_SIZE * 4) return null;
  const allTerms = new Map<string, number>();
  // The weights as float64 (little-endian, as `encodeFeatures` writes them), read through an aligned copy.
  const w64 = littleEndian(weights, Float64Array);
  for (let i = 0; i < terms.length; i++) {
    const w = w64[i] as number;
    // Terms are not copied here (`ownString`): the vocabulary copies a term it keeps
    // when it first interns it, and this map lives for one batch.
    const t = terms[i] as string;
    if (!Number.isFinite(w) || t === '' || allTerms.has(t)) return null;
    allTerms.set(t, w);
  }
  const minhash = littleEndian(sig, Uint32Array);
  return { version: e.v as number, features: { allTerms, minhash, shingles: e.s as number, day: e.d as number | null } };
}
