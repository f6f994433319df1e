/**
 * Citation: every summary sentence cites every article that reports the same
 * content, not only the one it was extracted from.
 *
 * For each selected sentence and each other article of the story, the best
 * matching sentence of that article is found; the article is cited when the match
 * says the same thing: a high TF-IDF cosine, or most of the (idf-weighted) content
 * of the shorter sentence contained in the longer one (a rewrite that adds or drops
 * a clause). The matching sentence is kept as evidence, so a reader can open the
 * source at the place that reports it.
 */
import type { AnnotatedArticle, Sentence, SentenceRef } from '../types.js';
import { Idf, cosine, tfidf, type SparseVector } from '../text/similarity.js';

export interface CitationOptions {
  /** Cosine at or above which two sentences report the same content (default 0.5). */
  minCosine?: number;
  /** Weighted containment of the shorter sentence in the longer (default 0.7). */
  minContainment?: number;
  /** Fewest shared content terms for the containment rule (default 4). */
  minShared?: number;
}

export interface Citation {
  sources: string[];
  evidence: SentenceRef[];
}

export function ref(s: Sentence): SentenceRef {
  return { articleId: s.articleId, sentence: s.index, start: s.start, end: s.end };
}

/** Idf-weighted share of `a`'s distinct terms that also occur in `b`, and the count shared. */
function weightedContainment(a: Set<string>, b: Set<string>, idf: Idf): { share: number; shared: number } {
  let total = 0;
  let inside = 0;
  let shared = 0;
  for (const t of a) {
    const w = idf.idf(t);
    total += w;
    if (b.has(t)) {
      inside += w;
      shared++;
    }
  }
  return { share: total > 0 ? inside / total : 0, shared };
}

/** How strongly sentence `b` reports the content of sentence `a` (0…1), or 0 below the thresholds. */
export function reportsSame(
  a: Sentence,
  b: Sentence,
  va: SparseVector,
  vb: SparseVector,
  idf: Idf,
  opts: Required<CitationOptions>,
): number {
  const cos = cosine(va, vb);
  if (cos >= opts.minCosine) return cos;
  const ta = new Set(a.terms);
  const tb = new Set(b.terms);
  const [short, long] = ta.size <= tb.size ? [ta, tb] : [tb, ta];
  const { share, shared } = weightedContainment(short, long, idf);
  if (shared >= opts.minShared && share >= opts.minContainment) return Math.max(cos, share * 0.9);
  return 0;
}

/** Cites every article of `docs` that reports the content of each sentence of `selected`. */
export function cite(selected: Sentence[], docs: AnnotatedArticle[], options: CitationOptions = {}): Citation[] {
  const opts: Required<CitationOptions> = {
    minCosine: options.minCosine ?? 0.5,
    minContainment: options.minContainment ?? 0.7,
    minShared: options.minShared ?? 4,
  };
  const idf = new Idf();
  for (const d of docs) for (const s of d.sentences) idf.add(s.terms);
  const vectors = new Map<Sentence, SparseVector>();
  const vec = (s: Sentence): SparseVector => {
    let v = vectors.get(s);
    if (!v) {
      v = tfidf(s.terms, idf);
      vectors.set(s, v);
    }
    return v;
  };
  return selected.map((s) => {
    const sources = [s.articleId];
    const evidence = [ref(s)];
    for (const d of docs) {
      if (d.article.id === s.articleId) continue;
      let best: Sentence | null = null;
      let bestScore = 0;
      for (const t of d.sentences) {
        const score = reportsSame(s, t, vec(s), vec(t), idf, opts);
        if (score > bestScore) {
          bestScore = score;
          best = t;
        }
      }
      if (best) {
        sources.push(d.article.id);
        evidence.push(ref(best));
      }
    }
    return { sources, evidence };
  });
}
