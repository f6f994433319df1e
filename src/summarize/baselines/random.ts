/**
 * Random baseline: candidate sentences in a seeded random order (the floor every
 * method must clear). The order depends only on the seed and the sentence ids, so
 * a run is reproducible.
 */
import type { AnnotatedArticle, Sentence } from '../../types.js';
import { budgetOf, candidates, fillByRank, readingOrder, type SummarizeOptions } from '../common.js';
import { fnv1a, mulberry32 } from '../../random.js';

export function random(docs: AnnotatedArticle[], opts: SummarizeOptions = {}): Sentence[] {
  const cands = candidates(docs);
  const rng = mulberry32((opts.seed ?? 1) ^ fnv1a(cands.map((s) => s.id).join('|')));
  const order = cands.map((s) => ({ s, r: rng() })).sort((a, b) => a.r - b.r).map((x) => x.s);
  return readingOrder(fillByRank(order, budgetOf(opts)), docs);
}
