/**
 * Small loose stories (issue 13 §1): a few articles of different events on one broad
 * topic, joined near the join threshold, are re-grouped by average link at
 * `splitSmallCohesion`; a small story of one event stays whole.
 */
import { runStream, memberVocabulary } from '../helpers/term-stream.js';
import { describe, it, expect } from 'vitest';
import type { StoryClusterer } from '../../src/stories/cluster.js';
import { mulberry32 } from '../../src/random.js';
import { splitSmallLoose } from '../../src/stories/resplit.js';

/**
 * A hundred unrelated articles, then two articles of each of four events on one broad
 * topic: each has its event's name, three draws from the topic's twenty common words
 * and a word of its own.
 */
function topicStream(seed: number): Array<{ id: string; terms: Record<string, number> }> {
  const r = mulberry32(seed);
  const out: Array<{ id: string; terms: Record<string, number> }> = [];
  for (let i = 0; i < 100; i++) out.push({ id: `other${i}-0`, terms: { [`o${i}a`]: 1, [`o${i}b`]: 1, [`o${i}c`]: 1 } });
  for (let k = 0; k < 2; k++) {
    for (let e = 0; e < 4; e++) {
      const terms: Record<string, number> = { [`event${e}`]: 1 };
      for (let j = 0; j < 3; j++) terms[`topic${Math.floor(r() * 20)}`] = 1;
      terms[`filler${e}_${k}`] = 1;
      out.push({ id: `e${e}-${k}`, terms });
    }
  }
  return out;
}

/** The most events in one story. */
function mostEvents(c: StoryClusterer): number {
  return Math.max(...[...c.groups().values()].map((g) => new Set(g.map((id) => id.split('-')[0])).size));
}

describe('small loose stories', () => {
  it('a few articles of three or four events joined into one story are re-grouped', () => {
    for (const seed of [1, 2, 3]) {
      const docs = topicStream(seed);
      // Without the check, one story holds articles of three or more events.
      expect(mostEvents(runStream(docs, { joinThreshold: 0.17, splitSmallCohesion: 0 }))).toBeGreaterThanOrEqual(3);
      expect(mostEvents(runStream(docs, { joinThreshold: 0.17 }))).toBeLessThanOrEqual(2);
    }
  });

  it('a small story of one event whose articles share its names stays whole', () => {
    const r = mulberry32(5);
    const docs = Array.from({ length: 8 }, (_, k) => {
      const terms: Record<string, number> = { flood: 1, dhaka: 1 };
      for (let j = 0; j < 3; j++) terms[`detail${Math.floor(r() * 8)}`] = 1;
      terms[`filler${k}`] = 1;
      return { id: `f-${k}`, terms };
    });
    const c = runStream([...topicStream(1).slice(0, 100), ...docs]);
    expect(new Set(docs.map((d) => c.storyOf(d.id))).size).toBe(1);
  });

  it('splitSmallLoose: groups by average link, attaches a member alike on average, leaves a stray alone', () => {
    const { vocab, member } = memberVocabulary();
    // Two pairs (3 of 4 terms shared within, cosine 0.75; 0.125 across on average).
    const two = [member(['a', 'b', 'c', 't']), member(['a', 'b', 'c', 'u']), member(['d', 'e', 'f', 't']), member(['d', 'e', 'f', 'u'])];
    // Alike to the first pair on average (0.5 and 0.25), not enough for average link at 0.4.
    const near = member(['a', 'g', 'h', 't']);
    const stray = member(['p', 'q', 'r', 's']);
    expect(splitSmallLoose([...two, near, stray], vocab, 0.4, 0.14)).toEqual([[0, 1, 4], [2, 3], [5]]);
    // Attached only when alike on average at least the given floor.
    expect(splitSmallLoose([...two, near, stray], vocab, 0.4, 0.4)).toEqual([[0, 1], [2, 3], [4], [5]]);
    // Members alike on average (0.33) at least the level: kept whole.
    expect(splitSmallLoose(two, vocab, 0.3, 0.14)).toBeNull();
  });
});
