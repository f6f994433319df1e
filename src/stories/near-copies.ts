/**
 * Near-copies and shared passages between articles: MinHash signatures of word
 * 5-shingles (./features.ts) banded for locality-sensitive hashing, so that an
 * article's candidates come from its bands' buckets, and the Jaccard / containment
 * estimates that decide a link.
 */
import { MINHASH_SIZE, jaccardEstimate, containmentEstimate, type StoryFeatures } from './features.js';
import { DEFAULT_CLUSTER_OPTIONS, type ClusterOptions } from './options.js';

/** A link between two articles sharing text. */
export interface TextLink {
  a: string;
  b: string;
  similarity: number;
  kind: 'duplicate' | 'shared';
}

type LinkThresholds = Pick<ClusterOptions, 'duplicateJaccard' | 'sharedContainment'>;

/** LSH banding of the MinHash signature: BANDS bands of ROWS values. */
const ROWS = 4;
const BANDS = MINHASH_SIZE / ROWS;
const EMPTY_BANDS = new Int32Array(0);

/** The LSH band keys of a MinHash signature (none for an empty signature). */
export function bandsOf(sig: Uint32Array): Int32Array {
  if (sig[0] === 0xffffffff) return EMPTY_BANDS;
  const out = new Int32Array(BANDS);
  for (let b = 0; b < BANDS; b++) {
    let h = Math.imul(b + 1, 0x9e3779b1) >>> 0;
    for (let r = 0; r < ROWS; r++) h = Math.imul(h ^ (sig[b * ROWS + r] as number), 0x01000193) >>> 0;
    // 30-bit keys (small integers to the JavaScript engine: no boxed number per key); the band
    // index is mixed in, and a rare collision only brings a candidate the Jaccard estimate rejects.
    out[b] = (h ^ Math.imul(b + 1, 0x85ebca6b)) & 0x3fffffff;
  }
  return out;
}

/** An article as the index holds it: its signature and its band keys (`bandsOf`). */
export interface Signed {
  id: string;
  bands: Int32Array;
  minhash: Uint32Array;
  shingles: number;
}

/** LSH buckets: band key → the article (or articles) with that band. */
export class NearCopyIndex<D extends Signed> {
  private readonly lsh = new Map<number, D | D[]>();

  add(d: D): void {
    for (const b of d.bands) {
      const bucket = this.lsh.get(b);
      if (!bucket) this.lsh.set(b, d);
      else if (Array.isArray(bucket)) bucket.push(d);
      else this.lsh.set(b, [bucket, d]);
    }
  }

  remove(d: D): void {
    for (const b of d.bands) {
      const bucket = this.lsh.get(b);
      if (!bucket) continue;
      if (!Array.isArray(bucket)) {
        if (bucket === d) this.lsh.delete(b);
        continue;
      }
      const i = bucket.indexOf(d);
      if (i >= 0) bucket.splice(i, 1);
      if (bucket.length === 1) this.lsh.set(b, bucket[0] as D);
      else if (bucket.length === 0) this.lsh.delete(b);
    }
  }

  /** Stored articles that are near-copies of `d` or share a passage with it, most similar first. */
  links(d: D, opts: LinkThresholds): Array<{ doc: D; similarity: number; kind: TextLink['kind'] }> {
    const seen = new Set<D>();
    const found: Array<{ doc: D; similarity: number; kind: TextLink['kind'] }> = [];
    for (const band of d.bands) {
      const bucket = this.lsh.get(band);
      if (!bucket) continue;
      for (const o of Array.isArray(bucket) ? bucket : [bucket]) {
        if (seen.has(o) || o.id === d.id) continue;
        seen.add(o);
        const j = jaccardEstimate(d.minhash, o.minhash);
        const c = containmentEstimate(j, d.shingles, o.shingles);
        if (j >= opts.duplicateJaccard) found.push({ doc: o, similarity: j, kind: 'duplicate' });
        else if (c >= opts.sharedContainment) found.push({ doc: o, similarity: j, kind: 'shared' });
      }
    }
    found.sort((a, b) => b.similarity - a.similarity || cmp(a.doc.id, b.doc.id));
    return found;
  }
}

/** Text links among articles by their MinHash signatures (all pairs; for one story's articles). */
export function linksBetween(
  docs: Array<{ id: string; features: Pick<StoryFeatures, 'minhash' | 'shingles'> }>,
  opts: LinkThresholds = DEFAULT_CLUSTER_OPTIONS,
): TextLink[] {
  const out: TextLink[] = [];
  for (let i = 0; i < docs.length; i++) {
    for (let j = i + 1; j < docs.length; j++) {
      const a = docs[i]!;
      const b = docs[j]!;
      const jac = jaccardEstimate(a.features.minhash, b.features.minhash);
      if (jac >= opts.duplicateJaccard) out.push({ a: a.id, b: b.id, similarity: jac, kind: 'duplicate' });
      else if (containmentEstimate(jac, a.features.shingles, b.features.shingles) >= opts.sharedContainment)
        out.push({ a: a.id, b: b.id, similarity: jac, kind: 'shared' });
    }
  }
  return out;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
