/**
 * One-shot story grouping for `brief`: groups a batch of annotated articles.
 * PROVISIONAL: single-link grouping on document TF-IDF cosine; to be replaced by
 * the stories stage's incremental clusterer run in memory.
 */
import type { AnnotatedArticle } from '../types.js';
import { Idf, cosine, tfidf } from '../text/similarity.js';

export function groupArticles(docs: AnnotatedArticle[], threshold = 0.15): AnnotatedArticle[][] {
  const idf = new Idf(docs.map((d) => d.termFreq.keys()));
  const vecs = docs.map((d) => tfidf(d.termFreq, idf));
  const parent = docs.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i] as number)));
  for (let i = 0; i < docs.length; i++)
    for (let j = i + 1; j < docs.length; j++)
      if (cosine(vecs[i]!, vecs[j]!) >= threshold) parent[find(i)] = find(j);
  const groups = new Map<number, AnnotatedArticle[]>();
  docs.forEach((d, i) => {
    const r = find(i);
    const g = groups.get(r) ?? [];
    g.push(d);
    groups.set(r, g);
  });
  return [...groups.values()];
}
