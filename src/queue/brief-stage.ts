/**
 * The `brief` stage: the briefing of one changed story, made by the one function that
 * briefs a stored story (src/brief-story.ts) and kept in the store under the key the
 * web app looks for (src/kept-briefing.ts), so a web server answers the story page
 * without briefing it. A story briefed already in its current state is left alone.
 */
import type { Store } from '../store/store.js';
import { briefStoredStory } from '../brief-story.js';
import { keptBriefing, keptBriefingKey, type KeptSummaryOptions } from '../kept-briefing.js';

/** Briefs story `id` when its current state has no kept briefing; returns what was done. */
export async function briefChangedStory(store: Store, id: string, summary: KeptSummaryOptions = {}): Promise<'briefed' | 'kept-already' | 'gone'> {
  const state = await store.getStorySummary(id);
  if (!state) return 'gone';
  if (await store.getCachedBriefing(state.id, keptBriefingKey(state, summary))) return 'kept-already';
  let made;
  try {
    made = await briefStoredStory(store, state.id, summary);
  } catch (err) {
    if ((err as { code?: string }).code === 'STORY_NOT_FOUND') return 'gone'; // forgotten in between
    throw err;
  }
  // Kept under the state the articles were read in (the story may have changed since: it is then queued again).
  const story = await store.getStorySummary(state.id);
  if (!story || story.articleCount !== made.articles.length) return 'briefed';
  await store.putCachedBriefing(story.id, keptBriefing(story, made.briefing, summary));
  return 'briefed';
}
