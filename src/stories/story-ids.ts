/**
 * Story ids, every scheme in one place:
 * - a stored story's id derives from the content hash of the article that founded it
 *   (`storyIdFor`), with -2, -3… when taken (`mintStoryId`), so ids are stable across
 *   writers and runs;
 * - a one-shot briefing's story id is a hash of its sorted article ids (`briefStoryId`);
 * - in memory, without a store, the clusterer numbers its stories (`counterStoryIds`).
 */
import { createHash } from 'node:crypto';

/** Makes the id of a new story from the id of its founding article. */
export type StoryIdFactory = (founder: string) => string;

/** Story id derived from the content hash of the article that founded it. */
export function storyIdFor(founderHash: string): string {
  return `s-${createHash('sha256').update(founderHash).digest('hex').slice(0, 12)}`;
}

/** The id for a story founded by an article with this content hash: `storyIdFor`, or with -2, -3… while `taken`. */
export function mintStoryId(founderHash: string, taken: (id: string) => boolean): string {
  const base = storyIdFor(founderHash);
  let id = base;
  for (let n = 2; taken(id); n++) id = `${base}-${n}`;
  return id;
}

/** Stable id of a one-shot briefing's story: a short hash of the sorted article ids. */
export function briefStoryId(articleIds: string[]): string {
  const h = createHash('sha256').update([...articleIds].sort().join('\n')).digest('hex');
  return `s-${h.slice(0, 10)}`;
}

/** Ids for a clusterer without a store: `story-<n>-<founder>`, numbered from 1. */
export function counterStoryIds(): StoryIdFactory {
  let n = 0;
  return (founder) => `story-${++n}-${founder}`;
}
