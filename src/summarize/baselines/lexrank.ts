/**
 * LexRank (Erkan & Radev 2004, "LexRank: Graph-based lexical centrality as
 * salience in text summarization", JAIR 22). Sentences are nodes; an edge joins two
 * sentences whose idf-modified cosine is at least 0.1 (the paper's threshold
 * LexRank); sentence salience is the PageRank of this graph with damping 0.85.
 * Sentences are taken by salience, skipping one whose cosine with a chosen sentence
 * exceeds 0.5 (the paper used MEAD's reranker for redundancy).
 */
import type { AnnotatedArticle, Sentence } from '../../types.js';
import { budgetOf, candidates, fillByRank, readingOrder, type SummarizeOptions } from '../common.js';
import { Idf, cosine, tfidf, type SparseVector } from '../../text/similarity.js';
import { pagerank } from './graph.js';

export const LEXRANK_THRESHOLD = 0.1;

export function lexrank(docs: AnnotatedArticle[], opts: SummarizeOptions = {}): Sentence[] {
  const cands = candidates(docs);
  const n = cands.length;
  if (n === 0) return [];
  const idf = new Idf(docs.flatMap((d) => d.sentences.map((s) => s.terms)));
  const vecs: SparseVector[] = cands.map((s) => tfidf(s.terms, idf));
  const w = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const c = cosine(vecs[i] as SparseVector, vecs[j] as SparseVector);
      if (c >= LEXRANK_THRESHOLD) {
        w[i * n + j] = 1;
        w[j * n + i] = 1;
      }
    }
  }
  const score = pagerank(w, n, 0.85);
  const order = cands.map((s, i) => ({ s, i, v: score[i] as number })).sort((a, b) => b.v - a.v || a.i - b.i);
  const vecOf = new Map<Sentence, SparseVector>(cands.map((s, i) => [s, vecs[i] as SparseVector]));
  const chosen = fillByRank(order.map((x) => x.s), budgetOf(opts), (s, sel) =>
    sel.some((x) => cosine(vecOf.get(s) as SparseVector, vecOf.get(x) as SparseVector) > 0.5),
  );
  return readingOrder(chosen, docs);
}
