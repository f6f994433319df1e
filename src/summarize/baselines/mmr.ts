/**
 * Maximal Marginal Relevance (Carbonell & Goldstein 1998, "The use of MMR,
 * diversity-based reranking for reordering documents and producing summaries",
 * SIGIR). With no user query, the query is the cluster's TF-IDF centroid; each step
 * takes the sentence maximising λ·sim(s, q) − (1 − λ)·max sim(s, chosen), λ = 0.7,
 * with TF-IDF cosine as similarity.
 */
import type { AnnotatedArticle, Sentence } from '../../types.js';
import { budgetOf, candidates, fillGreedy, readingOrder, type SummarizeOptions } from '../common.js';
import { Idf, centroid, cosine, tfidf, type SparseVector } from '../../text/similarity.js';

export const MMR_LAMBDA = 0.7;

export function mmr(docs: AnnotatedArticle[], opts: SummarizeOptions = {}, lambda = MMR_LAMBDA): Sentence[] {
  const cands = candidates(docs);
  const budget = budgetOf(opts);
  const idf = new Idf(docs.flatMap((d) => d.sentences.map((s) => s.terms)));
  const vecs = cands.map((s) => tfidf(s.terms, idf));
  const q = centroid(vecs);
  const rel = vecs.map((v) => cosine(v, q));
  const maxSim = new Float64Array(cands.length);
  const chosen = fillGreedy(
    cands,
    budget,
    (i) => lambda * (rel[i] as number) - (1 - lambda) * (maxSim[i] as number),
    (best) => {
      const v = vecs[best] as SparseVector;
      for (let i = 0; i < cands.length; i++) maxSim[i] = Math.max(maxSim[i] as number, cosine(vecs[i] as SparseVector, v));
    },
  );
  return readingOrder(chosen, docs);
}
