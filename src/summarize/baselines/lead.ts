/**
 * Lead baseline: the opening sentences of the first article, then of the next
 * ones if the first is too short. News puts the most important facts first (the
 * inverted pyramid), which makes the lead a strong single-document baseline; the
 * DUC evaluations used the lead of one document of each cluster as theirs
 * (Over, Dang & Harman 2007, "DUC in context").
 */
import type { AnnotatedArticle, Sentence } from '../../types.js';
import { budgetOf, candidates, fillByRank, type SummarizeOptions } from '../common.js';

export function lead(docs: AnnotatedArticle[], opts: SummarizeOptions = {}): Sentence[] {
  // Candidates keep article order and text order, which is exactly the lead order.
  return fillByRank(candidates(docs), budgetOf(opts));
}
