/**
 * Centroid baseline, after MEAD (Radev, Jing, Styś & Tam 2004, "Centroid-based
 * summarization of multiple documents", Information Processing & Management 40).
 *
 * Score(s) = Wc·C(s) + Wp·P(s) + Wf·F(s), with MEAD's default weights 1, 1, 1:
 * - C: sum of the centroid values of the sentence's words, where the centroid is
 *   the cluster's average tf × idf per word, keeping words above a threshold
 *   (here: the top 10% by value, at least 20 words);
 * - P: position, (n − i + 1)/n · Cmax for the i-th of n sentences of an article;
 * - F: overlap (inner product of term counts) with the article's first sentence,
 *   scaled to at most Cmax.
 * MEAD's redundancy reranker then skips a sentence whose cosine with one already
 * chosen exceeds 0.7.
 */
import type { AnnotatedArticle, Sentence } from '../../types.js';
import { budgetOf, candidates, fillByRank, readingOrder, type SummarizeOptions } from '../common.js';
import { Idf, cosine, counts, tfidf, type SparseVector } from '../../text/similarity.js';

export function centroidSummary(docs: AnnotatedArticle[], opts: SummarizeOptions = {}): Sentence[] {
  const idf = new Idf(docs.map((d) => d.termFreq.keys()));
  const cent = new Map<string, number>();
  for (const d of docs) for (const [t, c] of d.termFreq) cent.set(t, (cent.get(t) ?? 0) + (c * idf.idf(t)) / docs.length);
  const values = [...cent.entries()].sort((a, b) => b[1] - a[1]);
  const keep = Math.max(20, Math.ceil(values.length * 0.1));
  const centroid = new Map(values.slice(0, keep));
  const cands = candidates(docs);
  const byArticle = new Map<string, AnnotatedArticle>(docs.map((d) => [d.article.id, d]));
  const raw = cands.map((s) => {
    let c = 0;
    for (const t of s.terms) c += centroid.get(t) ?? 0;
    return c;
  });
  const cmax = Math.max(1e-9, ...raw);
  const firstCounts = new Map<string, Map<string, number>>();
  for (const d of docs) firstCounts.set(d.article.id, counts(d.sentences[0]?.terms ?? []));
  const fRaw = cands.map((s) => {
    const f = firstCounts.get(s.articleId) as Map<string, number>;
    let x = 0;
    for (const [t, c] of counts(s.terms)) x += c * (f.get(t) ?? 0);
    return x;
  });
  const fmax = Math.max(1e-9, ...fRaw);
  const scored = cands.map((s, i) => {
    const n = byArticle.get(s.articleId)?.sentences.length ?? 1;
    const p = ((n - s.index) / n) * cmax;
    return { s, score: (raw[i] as number) + p + ((fRaw[i] as number) / fmax) * cmax };
  });
  scored.sort((a, b) => b.score - a.score);
  const sidf = new Idf(cands.map((s) => s.terms));
  const vec = new Map<Sentence, SparseVector>(cands.map((s) => [s, tfidf(s.terms, sidf)]));
  const chosen = fillByRank(scored.map((x) => x.s), budgetOf(opts), (s, sel) =>
    sel.some((x) => cosine(vec.get(s) as SparseVector, vec.get(x) as SparseVector) > 0.7),
  );
  return readingOrder(chosen, docs);
}
