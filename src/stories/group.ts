/**
 * One-shot story grouping for `brief`: the incremental clusterer (./cluster.ts) run
 * in memory over one batch, so that `brief` and the store group articles the same
 * way. The whole batch is counted in the document frequencies before any article is
 * assigned, so the grouping does not depend on IDF drift within the batch.
 */
import type { AnnotatedArticle, Article } from '../types.js';
import { extractFeatures } from './features.js';
import { StoryClusterer, type ClusterOptions } from './cluster.js';

/** Groups articles into stories; `ids[i]` is the story of `articles[i]` (story ids are 1-based counters). */
export function groupIds(articles: Array<Pick<Article, 'id' | 'title' | 'text' | 'published'>>, opts: Partial<ClusterOptions> = {}): string[] {
  const c = new StoryClusterer(opts);
  const extracted = articles.map((a) => extractFeatures(a));
  const terms = extracted.map((e) => c.observeInterned(e));
  // Unique keys even when ids repeat within the batch.
  const keys = articles.map((a, i) => `${i}#${a.id}`);
  c.addBatch(extracted.map((e, i) => ({ id: keys[i] as string, features: c.selectInterned(terms[i]!, e) })));
  return keys.map((k) => c.storyOf(k) as string);
}

/** Groups annotated articles into stories, each group in input order, groups by first article. */
export function groupArticles(docs: AnnotatedArticle[], opts: Partial<ClusterOptions> = {}): AnnotatedArticle[][] {
  const ids = groupIds(docs.map((d) => d.article), opts);
  const groups = new Map<string, AnnotatedArticle[]>();
  docs.forEach((d, i) => {
    const id = ids[i] as string;
    const g = groups.get(id) ?? [];
    g.push(d);
    groups.set(id, g);
  });
  return [...groups.values()];
}
