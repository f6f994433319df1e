/**
 * A one-line headline for a story: the article title closest to what the story's
 * articles have in common (TF-IDF cosine to the story centroid), or, when no
 * article has a usable title, the summary's first sentence cut to a line.
 */
import type { AnnotatedArticle } from '../types.js';
import { Idf, centroid, cosine, tfidf } from '../text/similarity.js';
import { termsOf } from '../text/nlp.js';

const MAX_HEADLINE = 110;

export function cutLine(text: string, max = MAX_HEADLINE): string {
  const one = text.replace(/\s+/g, ' ').trim();
  if (one.length <= max) return one;
  const cut = one.slice(0, max - 1);
  const sp = cut.lastIndexOf(' ');
  return `${(sp > max / 2 ? cut.slice(0, sp) : cut).replace(/[,;:\-–—]$/, '')}…`;
}

export function headline(docs: AnnotatedArticle[], fallback: string | null): string {
  const idf = new Idf(docs.map((d) => d.termFreq.keys()));
  const c = centroid(docs.map((d) => tfidf(d.termFreq, idf)));
  let best: string | null = null;
  let bestScore = -1;
  for (const d of docs) {
    const t = d.article.title?.trim();
    if (!t || t.split(/\s+/).length < 3) continue;
    const score = cosine(tfidf(termsOf(t), idf), c);
    if (score > bestScore) {
      bestScore = score;
      best = t;
    }
  }
  if (best) return cutLine(best);
  return fallback ? cutLine(fallback) : 'Untitled story';
}
