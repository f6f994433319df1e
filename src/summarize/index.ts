/**
 * Summarize stage: annotated articles of one story → selected sentences.
 * PROVISIONAL interim summarizer (centroid salience + MMR), to be replaced by the
 * crossread summarizer of the summary-quality work.
 */
import type { AnnotatedArticle, Sentence } from '../types.js';
import { Idf, centroid, cosine, tfidf, type SparseVector } from '../text/similarity.js';

export interface SummarizeOptions {
  /** Word budget (default 120). Ignored when `sentences` is set. */
  words?: number;
  /** Number of sentences. */
  sentences?: number;
}

export const DEFAULT_WORDS = 120;

export function sentenceIdf(docs: AnnotatedArticle[]): Idf {
  const idf = new Idf();
  for (const d of docs) for (const s of d.sentences) idf.add(s.terms);
  return idf;
}

export function summarize(docs: AnnotatedArticle[], opts: SummarizeOptions = {}): Sentence[] {
  const idf = sentenceIdf(docs);
  const all = docs.flatMap((d) => d.sentences).filter((s) => s.wordCount >= 6 && s.terms.length >= 3);
  const vec = new Map<Sentence, SparseVector>(all.map((s) => [s, tfidf(s.terms, idf)]));
  const c = centroid(vec.values());
  const chosen: Sentence[] = [];
  let words = 0;
  const budget = opts.sentences ? Infinity : (opts.words ?? DEFAULT_WORDS);
  const maxSentences = opts.sentences ?? Infinity;
  const remaining = new Set(all);
  while (remaining.size && chosen.length < maxSentences) {
    let best: Sentence | null = null;
    let bestScore = -Infinity;
    for (const s of remaining) {
      const v = vec.get(s) as SparseVector;
      const rel = cosine(v, c) + 0.1 / (1 + s.index);
      let red = 0;
      for (const x of chosen) red = Math.max(red, cosine(v, vec.get(x) as SparseVector));
      const score = 0.7 * rel - 0.3 * red;
      if (score > bestScore) { bestScore = score; best = s; }
    }
    if (!best) break;
    remaining.delete(best);
    if (words + best.wordCount > budget) continue;
    chosen.push(best);
    words += best.wordCount;
  }
  return chosen;
}
