/**
 * No story of unlike members (issue 13 §1): a story grown by joins into a loose centroid,
 * each newcomer close to the mixed centroid but unlike its members, is re-grouped by
 * average link when its members' average pairwise cosine falls below `splitCohesion`.
 */
import { termFeatures, runStream, memberVocabulary } from '../helpers/term-stream.js';
import { describe, it, expect } from 'vitest';
import { StoryClusterer } from '../../src/stories/cluster.js';
import { mulberry32 } from '../../src/random.js';
import { splitIncoherent } from '../../src/stories/resplit.js';

/**
 * A hundred unrelated articles (so that the topic's words are not common in the corpus),
 * then two articles of each of `events` unrelated events on one broad topic: each has its
 * event's three terms and six draws from the topic's forty common words (as political news
 * shares "congress", "senate", "vote", "republicans"…, each article some of them).
 */
function topicStream(events: number, seed: number): Array<{ id: string; terms: Record<string, number> }> {
  const r = mulberry32(seed);
  const out: Array<{ id: string; terms: Record<string, number> }> = [];
  for (let i = 0; i < 100; i++) out.push({ id: `other${i}-0`, terms: { [`o${i}a`]: 1, [`o${i}b`]: 1, [`o${i}c`]: 1 } });
  for (let k = 0; k < 2; k++) {
    for (let e = 0; e < events; e++) {
      const terms: Record<string, number> = {};
      for (let j = 0; j < 3; j++) terms[`event${e}_${j}`] = 1;
      for (let j = 0; j < 6; j++) terms[`topic${Math.floor(r() * 40)}`] = 1;
      terms[`filler${e}_${k}`] = 1;
      out.push({ id: `e${e}-${k}`, terms });
    }
  }
  return out;
}

/** The number of events in each story. */
function eventsPerStory(c: StoryClusterer): number[] {
  return [...c.groups().values()].map((g) => new Set(g.map((id) => id.split('-')[0])).size).sort((a, b) => b - a);
}

describe('stories of unlike members', () => {
  // A join threshold low enough that the topic's common words chain the events into one
  // story; the small-story check (./small-loose.test.ts) off, to test this floor alone.
  const loose = { joinThreshold: 0.08, splitSmallCohesion: 0 };

  it('a story built by joins from unrelated events is re-grouped along the events', () => {
    const docs = topicStream(10, 3);
    // Without the cohesion check one story holds articles of most of the events (with
    // lone founders not revisited: revisiting them pulls some into their own event's story).
    expect(eventsPerStory(runStream(docs, { ...loose, splitCohesion: 0, revisitFloor: 0 }))[0]).toBeGreaterThanOrEqual(6);
    const c = runStream(docs, loose);
    expect(eventsPerStory(c)[0]).toBeLessThanOrEqual(3);
    // The two articles of most events end up together.
    const together = Array.from({ length: 10 }, (_, e) => c.storyOf(`e${e}-0`) === c.storyOf(`e${e}-1`)).filter(Boolean).length;
    expect(together).toBeGreaterThanOrEqual(7);
  });

  it('a loose story of one event whose members are alike on average stays whole', () => {
    // Twelve articles of one event: each has the event's names and a few of its many details.
    const r = mulberry32(7);
    const docs = Array.from({ length: 12 }, (_, k) => {
      const terms: Record<string, number> = { quake: 1, ankara: 1, rescue: 1 };
      for (let j = 0; j < 4; j++) terms[`detail${Math.floor(r() * 10)}`] = 1;
      terms[`filler${k}`] = 1;
      return { id: `q-${k}`, terms };
    });
    const c = runStream([...topicStream(0, 1), ...docs]);
    expect(new Set(docs.map((d) => c.storyOf(d.id))).size).toBe(1);
  });

  it('splitIncoherent: re-groups members below the floor by average link, keeps a cohesive set whole', () => {
    const { vocab, member } = memberVocabulary();
    // Two pairs, each pair alike (3 of 4 terms shared), the pairs unlike (1 of 4): average
    // pairwise cosine (2 × 0.75 + 4 × 0.25) / 6 ≈ 0.42.
    const two = [member(['a', 'b', 'c', 't']), member(['a', 'b', 'c', 'u']), member(['d', 'e', 'f', 't']), member(['d', 'e', 'f', 'u'])];
    expect(splitIncoherent(two, vocab, 0.3)).toBeNull();
    expect(splitIncoherent(two, vocab, 0.5)).toEqual([[0, 1], [2, 3]]);
    // A member alike to no group stays alone.
    const stray = [...two, member(['g', 'h', 'i', 'j'])];
    expect(splitIncoherent(stray, vocab, 0.5)).toEqual([[0, 1], [2, 3], [4]]);
    expect(splitIncoherent(two.slice(0, 2), vocab, 0.9)).toBeNull();
  });
});
