/**
 * Revisiting small candidate stories (`revisitStorySize`): an article that arrived
 * before the story it belongs to had taken shape stays alone under a greedy single
 * pass, although it would join that story had it arrived after it. An arriving article
 * that also matches such a singleton has the singleton re-examined by the batch's
 * refinement, so the grouping depends less on arrival order.
 */
import { describe, it, expect } from 'vitest';
import { termFeatures } from '../helpers/term-stream.js';
import { StoryClusterer, type ClusterOptions } from '../../src/stories/cluster.js';

const terms = (...ts: string[]): Record<string, number> => Object.fromEntries(ts.map((t) => [t, 1]));
// a and b are one event (three shared terms); c shares one term with each: alike to
// neither alone (cosine under the join threshold), alike to the two together.
const a = { id: 'a', terms: terms('a1', 'a2', 'a3', 'a4', 'a5', 'p1', 'p2', 'p3', 's1') };
const b = { id: 'b', terms: terms('b1', 'b2', 'b3', 'b4', 'b5', 'p1', 'p2', 'p3', 't1') };
const c = { id: 'c', terms: terms('c1', 's1', 't1') };
// Unrelated articles, so that the shared terms are not in every document.
const others = Array.from({ length: 8 }, (_, k) => ({ id: `z${k}`, terms: terms(`other${k}`, `thing${k}`) }));

function run(order: Array<{ id: string; terms: Record<string, number> }>, opts: Partial<ClusterOptions>): StoryClusterer {
  const cl = new StoryClusterer({ backgroundDocs: 0, ...opts });
  // Every vocabulary counted first: the same IDF whatever the order.
  for (const d of [...others, ...order]) cl.observe(Object.keys(d.terms));
  cl.addBatch(others.map((d) => ({ id: d.id, features: termFeatures(d.terms) })));
  for (const d of order) cl.addBatch([{ id: d.id, features: termFeatures(d.terms) }]);
  return cl;
}

describe('revisiting singleton candidates', () => {
  it('joins an early article to the story that formed after it, as a later arrival would', () => {
    // Arriving last, c joins the story of a and b.
    const late = run([a, b, c], {});
    expect(late.storyOf('b')).toBe(late.storyOf('a'));
    expect(late.storyOf('c')).toBe(late.storyOf('a'));
    // Arriving before b, c stays alone without the revisit …
    const before = run([a, c, b], { revisitFloor: 0 });
    expect(before.storyOf('b')).toBe(before.storyOf('a'));
    expect(before.storyOf('c')).not.toBe(before.storyOf('a'));
    // … and joins with it (the default).
    const now = run([a, c, b], {});
    expect(now.storyOf('b')).toBe(now.storyOf('a'));
    expect(now.storyOf('c')).toBe(now.storyOf('a'));
  });

  it('leaves an early article alone when the formed story is not alike to it', () => {
    const far = { id: 'c', terms: terms('c1', 'c2', 'c3', 's1', 't1') };
    const cl = run([a, far, b], {});
    expect(cl.storyOf('b')).toBe(cl.storyOf('a'));
    expect(cl.storyOf('c')).not.toBe(cl.storyOf('a'));
  });
});

describe('lone founders after a restart (a store restored into a new clusterer)', () => {
  // The first clusterer saw a start a story and c start one alone; a second one is
  // restored from its assignments (as a store loads them) and then sees b.
  function restarted(founded: (storyId: string, articleId: string) => boolean): StoryClusterer {
    const first = run([a, c], {});
    const second = new StoryClusterer({ backgroundDocs: 0 });
    for (const d of [...others, a, c, b]) second.observe(Object.keys(d.terms));
    for (const d of [...others, a, c]) {
      const storyId = first.storyOf(d.id) as string;
      second.restore(d.id, storyId, termFeatures(d.terms), founded(storyId, d.id));
    }
    second.addBatch([{ id: 'b', features: termFeatures(b.terms) }]);
    return second;
  }

  it('revisits a restored story that its only member founded, as the running clusterer would', () => {
    // The in-memory ids name the founder (story-<n>-<founder>); a store's ids derive from its hash.
    const cl = restarted((storyId, articleId) => storyId.endsWith(`-${articleId}`));
    expect(cl.storyOf('b')).toBe(cl.storyOf('a'));
    expect(cl.storyOf('c')).toBe(cl.storyOf('a'));
  });

  it('does not revisit a restored singleton not known to be its founder (a re-split part)', () => {
    const cl = restarted(() => false);
    expect(cl.storyOf('b')).toBe(cl.storyOf('a'));
    expect(cl.storyOf('c')).not.toBe(cl.storyOf('a'));
  });
});
