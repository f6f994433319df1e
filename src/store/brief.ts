/**
 * Briefing a stored story: its articles, as stored, through the same pipeline as the
 * one-shot `brief` (annotation, analysis, cited summary), as one story that keeps its
 * stored id: everything `brief` gives, for a story of the corpus.
 */
import type { Article } from '../types.js';
import type { Briefing } from '../briefing.js';
import { CrossreadError } from '../errors.js';
import type { CliContext } from '../cli/context.js';
import type { BriefOptions } from '../brief.js';
import type { Store, StoredArticle } from './store.js';

/** Strips the store's bookkeeping from a stored article. */
export function toArticle(s: StoredArticle): Article {
  const { seq: _seq, storyId: _story, contentHash: _hash, ingestedAt: _at, related: _related, ...article } = s;
  return article;
}

/** Briefs the stored story `id` (a merged-away id resolves to the story it went into). */
export async function briefStoredStory(store: Store, id: string, opts: BriefOptions = {}): Promise<{ briefing: Briefing; articles: Article[] }> {
  const story = await store.getStory(id);
  if (!story) throw CrossreadError.of('STORY_NOT_FOUND', id);
  const { briefArticles } = await import('../brief.js');
  const articles = story.articles.map(toArticle);
  return { briefing: briefArticles(articles, [], { ...opts, asStory: story.id }), articles };
}

/** For `crossread brief --story ID [--db PATH]`: a function shaped like `briefWithArticles`. */
export function storyBriefer(
  ctx: CliContext,
  id: string,
  db: string | undefined,
): (inputs: string[], opts: BriefOptions) => Promise<{ briefing: Briefing; articles: Article[] }> {
  return async (inputs, opts) => {
    if (inputs.length > 0) throw CrossreadError.of('USAGE', 'give either inputs or --story, not both');
    const { openForCli } = await import('./cli.js');
    const store = await openForCli(ctx, db, 'read');
    try {
      return await briefStoredStory(store, id, opts);
    } finally {
      await store.close();
    }
  };
}
