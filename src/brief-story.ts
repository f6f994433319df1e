/**
 * Briefing a stored story: its articles, as stored, through the same pipeline as the
 * one-shot `brief` (annotation, analysis, cited summary), as one story that keeps its
 * stored id. The one way a stored story is briefed: `crossread brief --story`, the
 * library's `briefStoredStory` and the web app's briefing worker (src/serve/tasks.ts)
 * all call `briefStored`, so their briefings are the same object.
 */
import type { Article } from './types.js';
import type { Briefing } from './briefing.js';
import { CrossreadError } from './errors.js';
import { briefArticles, type BriefOptions } from './brief.js';
import { toArticle, type Store } from './store/store.js';

/** Briefs `articles` (plain articles, see `toArticle`) as the one story `storyId`: the whole briefing envelope. */
export function briefStored(storyId: string, articles: Article[], opts: BriefOptions = {}): Briefing {
  return briefArticles(articles, [], { ...opts, asStory: storyId });
}

/** Briefs the stored story `id` (a merged-away id resolves to the story it went into). */
export async function briefStoredStory(store: Store, id: string, opts: BriefOptions = {}): Promise<{ briefing: Briefing; articles: Article[] }> {
  const story = await store.getStory(id);
  if (!story) throw CrossreadError.of('STORY_NOT_FOUND', id);
  const articles = story.articles.map(toArticle);
  return { briefing: briefStored(story.id, articles, opts), articles };
}
