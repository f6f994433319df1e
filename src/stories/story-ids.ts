/**
 * Story ids, every scheme in one place:
 * - a stored story's id derives from the content hash of the article that founded it
 *   (`storyIdFor`), with -2, -3… when taken (`mintStoryId`), so ids are stable across
 *   writers and runs; a part split off a story takes its first member's hash, always
 *   with a suffix (so an unsuffixed id names its founder: `foundedBy`);
 * - a one-shot briefing's story id is a hash of its sorted article ids (`briefStoryId`);
 * - in memory, without a store, the clusterer numbers its stories (`counterStoryIds`).
 */
import { createHash } from 'node:crypto';

/**
 * Makes the id of a new story from the id of an article: the one that founded it, or
 * for a part split off a story (`part`), its first member.
 */
export type StoryIdFactory = (founder: string, part?: boolean) => string;

/** Story id derived from the content hash of the article that founded it. */
export function storyIdFor(founderHash: string): string {
  return `s-${createHash('sha256').update(founderHash).digest('hex').slice(0, 12)}`;
}

/**
 * The id for a story founded by an article with this content hash: `storyIdFor`, or with
 * -2, -3… while `taken`. A part split off a story (`part`) always has a suffix, so a
 * story whose id is `storyIdFor` of its member's hash was founded by that member
 * (`foundedBy`): a restarted writer knows its lone founders without storing them.
 */
export function mintStoryId(founderHash: string, taken: (id: string) => boolean, part = false): string {
  const base = storyIdFor(founderHash);
  let n = part ? 2 : 1;
  let id = n === 1 ? base : `${base}-${n}`;
  while (taken(id)) id = `${base}-${++n}`;
  return id;
}

/** Whether a stored story was founded by the article with this content hash (its id is the unsuffixed `storyIdFor`; see `mintStoryId`). */
export function foundedBy(storyId: string, founderHash: string): boolean {
  return storyId === storyIdFor(founderHash);
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
