/**
 * Local re-splitting of topic blobs (StoryClusterer `resplit`): a story grown from
 * several events that share common names splits along the events once its members are
 * weighed with IDF computed within the story; a coherent story does not split.
 */
import { termFeatures, runStream } from '../helpers/term-stream.js';
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { StoryClusterer } from '../../src/stories/cluster.js';

/** Sorted member lists of every story. */
function partition(c: StoryClusterer): string[][] {
  return [...c.groups().values()].map((g) => [...g].sort()).sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
}

/**
 * Articles of `events` events: every article carries the shared terms (as "president",
 * "white_house") and three of its event's four specific terms.
 */
function blob(events: number, perEvent: number, shared = 3): Array<{ id: string; terms: Record<string, number> }> {
  const out: Array<{ id: string; terms: Record<string, number> }> = [];
  for (let k = 0; k < perEvent; k++) {
    for (let e = 0; e < events; e++) {
      const terms: Record<string, number> = {};
      for (let s = 0; s < shared; s++) terms[`common${s}`] = 1;
      for (let j = 0; j < 4; j++) if ((j + k) % 4 !== 3) terms[`event${e}_term${j}`] = 1;
      terms[`filler${e}_${k}`] = 0.5;
      out.push({ id: `e${e}-${k}`, terms });
    }
  }
  return out;
}

describe('re-splitting a topic blob', () => {
  it('splits a story joined through shared common terms along its events', () => {
    const docs = blob(2, 6);
    // Without re-splitting, the shared terms hold all twelve articles in one story.
    const without = runStream(docs, { splitMinSize: 0 });
    expect(partition(without)).toHaveLength(1);
    const c = runStream(docs);
    const groups = partition(c);
    expect(groups).toHaveLength(2);
    for (const g of groups) expect(new Set(g.map((id) => id.split('-')[0])).size).toBe(1);
  });

  it('keeps together events whose articles are still alike under the corpus IDF (shared terms dominate)', () => {
    const docs = blob(2, 6).map((d) => ({ id: d.id, terms: Object.fromEntries(Object.entries(d.terms).map(([t, w]) => [t, t.startsWith('common') ? 2.5 : w])) }));
    expect(partition(runStream(docs))).toHaveLength(1);
  });

  it('keeps a coherent story whole (all members share their specific terms too)', () => {
    const docs = Array.from({ length: 14 }, (_, k) => {
      const terms: Record<string, number> = { volcano: 2, grindavik: 2, lava: 1.5, evacuation: 1, iceland: 1 };
      terms[`detail${k % 5}`] = 1;
      terms[`filler${k}`] = 0.5;
      return { id: `a${k}`, terms };
    });
    expect(partition(runStream(docs))).toHaveLength(1);
  });

  it('moves are reported, and every article stays in exactly one story (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 3 }), fc.integer({ min: 3, max: 8 }), fc.integer({ min: 2, max: 6 }), (events, perEvent, shared) => {
        const docs = blob(events, perEvent, shared);
        const c = new StoryClusterer({ backgroundDocs: 0 });
        const where = new Map<string, string>();
        for (const d of docs) {
          c.observe(Object.keys(d.terms));
          const ch = c.addBatch([{ id: d.id, features: termFeatures(d.terms) }]);
          for (const a of ch.assigned) where.set(a.articleId, a.storyId);
          for (const m of ch.merged) for (const [id, s] of where) if (s === m.from) where.set(id, m.into);
          for (const m of ch.moved) where.set(m.articleId, m.to);
        }
        const groups = c.groups();
        const seen = [...groups.values()].flat();
        expect(seen.sort()).toEqual(docs.map((d) => d.id).sort());
        // Replaying the reported changes gives the clusterer's own assignment.
        for (const d of docs) expect(where.get(d.id)).toBe(c.storyOf(d.id));
      }),
      { numRuns: 40 },
    );
  });
});
