/**
 * Maximal Marginal Relevance (Carbonell & Goldstein 1998, "The use of MMR,
 * diversity-based reranking for reordering documents and producing summaries",
 * SIGIR). With no user query, the query is the cluster's TF-IDF centroid; each step
 * takes the sentence maximising λ·sim(s, q) − (1 − λ)·max sim(s, chosen), λ = 0.7,
 * with TF-IDF cosine as similarity.
 */
import type { AnnotatedArticle, Sentence } from '../../types.js';
import { budgetOf, candidates, rawWords, readingOrder, sameSentenceKey, type SummarizeOptions } from '../common.js';
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
  const used = new Uint8Array(cands.length);
  const keys = new Set<string>();
  const chosen: Sentence[] = [];
  let words = 0;
  while (chosen.length < budget.sentences && words < budget.words) {
    let best = -1;
    let bestScore = -Infinity;
    for (let i = 0; i < cands.length; i++) {
      if (used[i]) continue;
      const s = cands[i] as Sentence;
      if (!budget.overrun && words + rawWords(s) > budget.words) continue;
      const score = lambda * (rel[i] as number) - (1 - lambda) * (maxSim[i] as number);
      if (score > bestScore) {
        bestScore = score;
        best = i;
      }
    }
    if (best < 0) break;
    used[best] = 1;
    const s = cands[best] as Sentence;
    const key = sameSentenceKey(s);
    if (keys.has(key)) continue;
    keys.add(key);
    chosen.push(s);
    words += rawWords(s);
    const v = vecs[best] as SparseVector;
    for (let i = 0; i < cands.length; i++) if (!used[i]) maxSim[i] = Math.max(maxSim[i] as number, cosine(vecs[i] as SparseVector, v));
  }
  return readingOrder(chosen, docs);
}
