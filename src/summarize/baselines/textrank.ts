/**
 * TextRank for sentence extraction (Mihalcea & Tarau 2004, "TextRank: Bringing
 * order into texts", EMNLP). Edge weight between two sentences is their word
 * overlap normalised by length, |{w : w ∈ Si ∧ w ∈ Sj}| / (log|Si| + log|Sj|), over
 * content stems; salience is weighted PageRank with damping 0.85. Sentences are
 * taken by salience; an exact repeat is skipped (TextRank has no redundancy step).
 */
import type { AnnotatedArticle, Sentence } from '../../types.js';
import { budgetOf, candidates, fillByRank, readingOrder, type SummarizeOptions } from '../common.js';
import { pagerank } from './graph.js';

export function textrank(docs: AnnotatedArticle[], opts: SummarizeOptions = {}): Sentence[] {
  const cands = candidates(docs);
  const n = cands.length;
  if (n === 0) return [];
  const sets = cands.map((s) => new Set(s.terms));
  const w = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const a = sets[i] as Set<string>;
    for (let j = i + 1; j < n; j++) {
      const b = sets[j] as Set<string>;
      let overlap = 0;
      for (const t of a) if (b.has(t)) overlap++;
      const denom = Math.log(a.size) + Math.log(b.size);
      if (overlap > 0 && denom > 0) {
        const v = overlap / denom;
        w[i * n + j] = v;
        w[j * n + i] = v;
      }
    }
  }
  const score = pagerank(w, n, 0.85);
  const order = cands.map((s, i) => ({ s, i, v: score[i] as number })).sort((a, b) => b.v - a.v || a.i - b.i);
  return readingOrder(fillByRank(order.map((x) => x.s), budgetOf(opts)), docs);
}
