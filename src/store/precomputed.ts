/**
 * The content hashes and story features of the articles a batch will store: the precomputed ones given to
 * `addArticles` (see `AddOptions` in ./store.ts) when they are this code's version,
 * else extracted here. Shared by both backends.
 */
import type { Article } from '../types.js';
import { featuresOf, type ExtractedFeatures, type PrecomputedFeatures } from '../stories/features.js';
import type { AddOptions } from './store.js';
import { contentHash } from './content-hash.js';

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** The content hash of each article: the one given in `opts.contentHashes` (see `AddOptions`) when well formed, else computed here. */
export function contentHashesOf(articles: readonly Article[], opts: AddOptions | undefined): string[] {
  const given = opts?.contentHashes;
  if (given && given.length !== articles.length) {
    throw new RangeError(`addArticles: ${given.length} precomputed content hashes for ${articles.length} articles (they are given by position, one per article)`);
  }
  return articles.map((a, i) => {
    const h = given?.[i];
    return typeof h === 'string' && SHA256_HEX.test(h) ? h : contentHash(a.text);
  });
}

/** Adds its features to each article to store (`todo`: a subset of `articles`, as objects). */
export function withFeatures<T extends { article: Article }>(articles: readonly Article[], todo: T[], opts: AddOptions | undefined): Array<T & { features: ExtractedFeatures }> {
  const given = opts?.features;
  if (given && given.length !== articles.length) {
    throw new RangeError(`addArticles: ${given.length} precomputed feature sets for ${articles.length} articles (they are given by position, one per article)`);
  }
  let byArticle: Map<Article, PrecomputedFeatures> | null = null;
  if (given) {
    byArticle = new Map();
    articles.forEach((a, i) => {
      const f = given[i];
      if (f) byArticle!.set(a, f);
    });
  }
  return todo.map((x) => ({ ...x, features: featuresOf(x.article, byArticle?.get(x.article)) }));
}
