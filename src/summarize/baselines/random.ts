/**
 * Random baseline: candidate sentences in a seeded random order (the floor every
 * method must clear). The order depends only on the seed and the sentence ids, so
 * a run is reproducible.
 */
import type { AnnotatedArticle, Sentence } from '../../types.js';
import { budgetOf, candidates, fillByRank, readingOrder, type SummarizeOptions } from '../common.js';

/** mulberry32: a small, well-distributed 32-bit PRNG (public domain, Tommy Ettinger). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a hash of a string (to derive a per-cluster seed). */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function random(docs: AnnotatedArticle[], opts: SummarizeOptions = {}): Sentence[] {
  const cands = candidates(docs);
  const rng = mulberry32((opts.seed ?? 1) ^ hash32(cands.map((s) => s.id).join('|')));
  const order = cands.map((s) => ({ s, r: rng() })).sort((a, b) => a.r - b.r).map((x) => x.s);
  return readingOrder(fillByRank(order, budgetOf(opts)), docs);
}
