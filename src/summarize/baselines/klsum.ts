/**
 * KLSum (Haghighi & Vanderwende 2009, "Exploring content models for
 * multi-document summarization", NAACL). Greedily adds the sentence whose addition
 * makes the summary's unigram distribution closest to the cluster's, i.e.
 * minimises KL(P_cluster ‖ P_summary), over content stems; P_summary is smoothed
 * (additive, 0.01 per term of the cluster vocabulary) so that the divergence is
 * finite. Stops when no sentence fits the budget.
 */
import type { AnnotatedArticle, Sentence } from '../../types.js';
import { budgetOf, candidates, fillGreedy, readingOrder, type SummarizeOptions } from '../common.js';

const SMOOTH = 0.01;

export function klsum(docs: AnnotatedArticle[], opts: SummarizeOptions = {}): Sentence[] {
  const cands = candidates(docs);
  const budget = budgetOf(opts);
  const vocab = new Map<string, number>();
  const pc: number[] = [];
  let total = 0;
  for (const d of docs) for (const [t, c] of d.termFreq) {
    let i = vocab.get(t);
    if (i === undefined) {
      i = pc.length;
      vocab.set(t, i);
      pc.push(0);
    }
    pc[i] = (pc[i] as number) + c;
    total += c;
  }
  const V = pc.length;
  if (V === 0 || total === 0) return [];
  for (let i = 0; i < V; i++) pc[i] = (pc[i] as number) / total;
  const termIdx = cands.map((s) => s.terms.map((t) => vocab.get(t)).filter((x): x is number => x !== undefined));
  const summary = new Float64Array(V);
  let summaryTotal = 0;
  // KL(Pc || Ps) = Σ pc·log pc − Σ pc·log ps; only the second part depends on the summary.
  const crossEntropy = (add: number[] | null): number => {
    const extra = new Map<number, number>();
    if (add) for (const i of add) extra.set(i, (extra.get(i) ?? 0) + 1);
    const denom = summaryTotal + (add?.length ?? 0) + SMOOTH * V;
    let h = 0;
    for (let i = 0; i < V; i++) {
      const c = (summary[i] as number) + (extra.get(i) ?? 0) + SMOOTH;
      h -= (pc[i] as number) * Math.log(c / denom);
    }
    return h;
  };
  // Lowest cross-entropy first: the gain is its negation.
  const chosen = fillGreedy(
    cands,
    budget,
    (i) => -crossEntropy(termIdx[i] as number[]),
    (best) => {
      for (const i of termIdx[best] as number[]) summary[i] = (summary[i] as number) + 1;
      summaryTotal += (termIdx[best] as number[]).length;
    },
  );
  return readingOrder(chosen, docs);
}
