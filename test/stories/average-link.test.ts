/**
 * The average-link join rule (`joinAverageLink`, off by default): an article that comes
 * close to a loose story's centroid but is on average unlike its members does not join it
 * (centroid chaining), while an article like the members still does.
 */
import { termFeatures } from '../helpers/term-stream.js';
import { describe, it, expect } from 'vitest';
import { StoryClusterer, type ClusterOptions } from '../../src/stories/cluster.js';
import { MINHASH_SIZE } from '../../src/stories/features.js';

/** Adds articles one by one and returns the clusterer with each article's similarity when placed. */
function run(docs: Array<{ id: string; terms: Record<string, number> }>, opts: Partial<ClusterOptions>): { c: StoryClusterer; sim: Map<string, number> } {
  const c = new StoryClusterer({ backgroundDocs: 0, splitMinSize: 0, refinePasses: 0, ...opts });
  // Every vocabulary counted first, so that IDF is the same whatever the option.
  for (const d of docs) c.observe(Object.keys(d.terms));
  const sim = new Map<string, number>();
  for (const d of docs) for (const a of c.addBatch([{ id: d.id, features: termFeatures(d.terms) }]).assigned) sim.set(a.articleId, a.similarity);
  return { c, sim };
}

// Two articles of different events that share a few terms form one loose story; a third
// event's article shares a little with each of them, and more with their sum.
const loose = [
  { id: 'a', terms: { senate: 1, vote: 1, budget: 1, tornado: 1, kansas: 1 } },
  { id: 'b', terms: { senate: 1, vote: 1, border: 1, separation: 1, children: 1 } },
  { id: 'x', terms: { senate: 1, budget: 1, border: 1, speech: 1, jobs: 1, factory: 1 } },
  // Unrelated articles, so that the shared terms are not in every document.
  ...Array.from({ length: 6 }, (_, k) => ({ id: `z${k}`, terms: { [`other${k}`]: 1, [`thing${k}`]: 1 } })),
];

describe('average-link join rule', () => {
  it('keeps an article out of a loose story it matches only through the centroid', () => {
    const off = run(loose, { joinAverageLink: 0 });
    expect(off.c.storyOf('b')).toBe(off.c.storyOf('a'));
    // Without the rule the third event joins through the centroid of the first two.
    expect(off.c.storyOf('x')).toBe(off.c.storyOf('a'));
    const on = run(loose, { joinAverageLink: 0.3 });
    expect(on.c.storyOf('b')).toBe(on.c.storyOf('a'));
    expect(on.c.storyOf('x')).not.toBe(on.c.storyOf('a'));
  });

  it('still lets an article like the members join', () => {
    const docs = [...loose.slice(0, 2), { id: 'y', terms: { senate: 1, vote: 1, budget: 1, border: 1, tornado: 1, children: 1 } }, ...loose.slice(3)];
    const on = run(docs, { joinAverageLink: 0.3 });
    expect(on.c.storyOf('y')).toBe(on.c.storyOf('a'));
  });
});
