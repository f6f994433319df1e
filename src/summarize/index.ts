/**
 * Summarize stage: annotated articles of one story → the sentences of its summary,
 * in reading order. `brief()` calls `summarize` and then cites every sentence
 * (./cite.ts).
 *
 * The selection is crossread's summarizer (./crossread.ts): expected coverage of
 * what a reference summary says, with concept probabilities from ./concepts.ts
 * and only sentences that read correctly alone (./readable.ts). The classic
 * baselines it is measured against live in ./baselines and are run by
 * `crossread eval` (./systems.ts).
 */
import type { AnnotatedArticle, Sentence } from '../types.js';
import { crossreadSummary } from './crossread.js';
import { DEFAULT_WORDS, type SummarizeOptions } from './common.js';

export { DEFAULT_WORDS, type SummarizeOptions };

/** The summary of one story: whole sentences within the budget, no sentence twice, in reading order. */
export function summarize(docs: AnnotatedArticle[], opts: SummarizeOptions = {}): Sentence[] {
  return crossreadSummary(docs, opts);
}
