/**
 * Similarity measures shared by clustering, citation, lineage detection and
 * summarisation: sparse TF-IDF vectors with cosine similarity, Jaccard overlap of
 * sets, and word shingles for near-copy detection.
 *
 * Written by hand because they are a few lines each over crossread's own
 * annotations (stems computed once by ./nlp.ts); a library would re-tokenise.
 */

export type SparseVector = Map<string, number>;

/** Inverse document frequencies over a collection of term lists. */
export class Idf {
  readonly df = new Map<string, number>();
  docs = 0;

  constructor(documents: Iterable<Iterable<string>> = []) {
    for (const d of documents) this.add(d);
  }

  /** Adds one document (each distinct term counted once). */
  add(terms: Iterable<string>): void {
    this.docs++;
    for (const t of new Set(terms)) this.df.set(t, (this.df.get(t) ?? 0) + 1);
  }

  /** Smoothed idf: ln((1 + N) / (1 + df)) + 1, always > 0. */
  idf(term: string): number {
    return Math.log((1 + this.docs) / (1 + (this.df.get(term) ?? 0))) + 1;
  }
}

/** Term-frequency counts of a list of terms. */
export function counts(terms: Iterable<string>): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of terms) m.set(t, (m.get(t) ?? 0) + 1);
  return m;
}

/** L2-normalised TF-IDF vector (sublinear tf: 1 + ln tf). */
export function tfidf(terms: Iterable<string> | Map<string, number>, idf: Idf): SparseVector {
  const tf = terms instanceof Map ? terms : counts(terms);
  const v: SparseVector = new Map();
  let norm = 0;
  for (const [t, c] of tf) {
    if (c <= 0) continue;
    const w = (1 + Math.log(c)) * idf.idf(t);
    v.set(t, w);
    norm += w * w;
  }
  return normalizeVector(v, Math.sqrt(norm));
}

function normalizeVector(v: SparseVector, norm: number): SparseVector {
  if (norm > 0) for (const [t, w] of v) v.set(t, w / norm);
  return v;
}

/** Cosine similarity of two vectors (both assumed L2-normalised). */
export function cosine(a: SparseVector, b: SparseVector): number {
  if (a.size > b.size) [a, b] = [b, a];
  let s = 0;
  for (const [t, w] of a) {
    const x = b.get(t);
    if (x !== undefined) s += w * x;
  }
  return s;
}

/** Sum of several vectors, L2-normalised (a centroid direction). */
export function centroid(vectors: Iterable<SparseVector>): SparseVector {
  const sum: SparseVector = new Map();
  for (const v of vectors) for (const [t, w] of v) sum.set(t, (sum.get(t) ?? 0) + w);
  let norm = 0;
  for (const w of sum.values()) norm += w * w;
  return normalizeVector(sum, Math.sqrt(norm));
}

/** Jaccard similarity |A∩B| / |A∪B| (1 for two empty sets). */
export function jaccard<T>(a: Set<T>, b: Set<T>): number {
  if (a.size === 0 && b.size === 0) return 1;
  if (a.size > b.size) [a, b] = [b, a];
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

/** Containment |A∩B| / |A|: how much of A is found in B. */
export function containment<T>(a: Set<T>, b: Set<T>): number {
  if (a.size === 0) return 0;
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / a.size;
}

/** Contiguous word k-shingles (joined by a space). */
export function shingles(words: readonly string[], k: number): Set<string> {
  const out = new Set<string>();
  if (words.length < k) {
    if (words.length > 0) out.add(words.join(' '));
    return out;
  }
  for (let i = 0; i + k <= words.length; i++) out.add(words.slice(i, i + k).join(' '));
  return out;
}
