import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { fewestCoveringLabels, storyMixing } from '../../src/eval/story-mixing.js';

const sets = (xs: string[]): Set<string>[] => xs.map((x) => new Set(x.split(',')));

describe('fewestCoveringLabels', () => {
  it.each([
    { sets: ['A'], k: 1 },
    { sets: ['A', 'A', 'B'], k: 2 },
    // The article of A and B belongs to A: two stories cover all.
    { sets: ['A,B', 'A', 'C'], k: 2 },
    // Neither label of the shared article is otherwise present: one more.
    { sets: ['A,B', 'C', 'D'], k: 3 },
    // B covers both shared articles.
    { sets: ['A,B', 'B,C'], k: 1 },
    { sets: ['A,B', 'C,D', 'E'], k: 3 },
    { sets: [], k: 0 },
  ])('$sets → $k', ({ sets: s, k }) => {
    expect(fewestCoveringLabels(sets(s))).toBe(k);
  });

  it('is the number of distinct labels when every article has one, and never more than that with several', () => {
    fc.assert(
      fc.property(fc.array(fc.uniqueArray(fc.integer({ min: 0, max: 7 }), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 12 }), (xs) => {
        const s = xs.map((x) => new Set(x.map(String)));
        const union = new Set(xs.flat());
        const k = fewestCoveringLabels(s);
        expect(k).toBeLessThanOrEqual(union.size);
        expect(k).toBeGreaterThanOrEqual(1);
        const firsts = xs.map((x) => new Set([String(x[0])]));
        expect(fewestCoveringLabels(firsts)).toBe(new Set(xs.map((x) => x[0])).size);
      }),
    );
  });
});

describe('storyMixing', () => {
  it('counts predicted stories of more than two gold stories and the largest mix', () => {
    const predicted = new Map([
      ['a1', 's1'], ['a2', 's1'], ['a3', 's1'], // gold A, B, C → 3
      ['b1', 's2'], ['b2', 's2'], // A+B shared, D → 2
      ['c1', 's3'], ['c2', 's3'], ['c3', 's3'], ['c4', 's3'], // E, F, G, H → 4
      ['d1', 's4'], // not in gold: left out
    ]);
    const gold = new Map<string, string[]>([
      ['a1', ['A']], ['a2', ['B']], ['a3', ['C']],
      ['b1', ['A', 'B']], ['b2', ['D']],
      ['c1', ['E']], ['c2', ['F']], ['c3', ['G']], ['c4', ['H']],
    ]);
    expect(storyMixing(predicted, gold)).toEqual({ storiesOverTwoGold: 2, maxGoldInOneStory: 4 });
    expect(storyMixing(new Map([['a1', 's1'], ['a2', 's1']]), gold)).toEqual({ storiesOverTwoGold: 0, maxGoldInOneStory: 2 });
    expect(storyMixing(new Map(), gold)).toEqual({ storiesOverTwoGold: 0, maxGoldInOneStory: 0 });
  });
});
