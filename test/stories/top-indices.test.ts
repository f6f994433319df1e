import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { topIndices } from '../../src/stories/sparse.js';

/** The definition: indices sorted by key descending, ties by smaller id, the first k. */
function reference(key: number[], ids: number[], k: number): number[] {
  return key
    .map((_, i) => i)
    .sort((a, b) => (key[b] as number) - (key[a] as number) || (ids[a] as number) - (ids[b] as number))
    .slice(0, Math.max(0, k));
}

describe('topIndices', () => {
  it('gives the k largest keys in order, ties to the smaller id (keys with many ties)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 80 }), fc.integer({ min: 0, max: 25 }), (raw, k) => {
        const key = Float64Array.from(raw, (x) => x / 4);
        // Distinct ids in a shuffled order, as term ids of a document are not sorted by weight.
        const ids = Int32Array.from(raw.map((_, i) => (i * 37) % 101));
        expect(topIndices(key, ids, k)).toEqual(reference([...key], [...ids], k));
      }),
      { numRuns: 400 },
    );
  });

  it('handles fewer entries than k, and k of zero', () => {
    expect(topIndices(Float64Array.of(0.5, 2, 1), Int32Array.of(3, 1, 2), 5)).toEqual([1, 2, 0]);
    expect(topIndices(Float64Array.of(0.5, 2), Int32Array.of(3, 1), 0)).toEqual([]);
  });
});
