import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dot, dotMatrix, type Vec } from '../../src/stories/sparse.js';

const vec = fc
  .uniqueArray(fc.integer({ min: 0, max: 60 }), { maxLength: 25 })
  .chain((ids) => fc.tuple(fc.constant(ids.sort((a, b) => a - b)), fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: ids.length, maxLength: ids.length })))
  .map(([ids, w]): Vec => ({ ids: Int32Array.from(ids), w: Float64Array.from(w) }));

describe('dotMatrix', () => {
  it("holds dot's value for every pair, symmetric, with a zero diagonal", () => {
    fc.assert(
      fc.property(fc.array(vec, { maxLength: 8 }), (vecs) => {
        const n = vecs.length;
        const m = dotMatrix(vecs);
        expect(m.length).toBe(n * n);
        for (let a = 0; a < n; a++) {
          expect(m[a * n + a]).toBe(0);
          for (let b = a + 1; b < n; b++) {
            expect(m[a * n + b]).toBe(dot(vecs[a]!, vecs[b]!));
            expect(m[b * n + a]).toBe(m[a * n + b]);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it("stays dot's value, bit for bit, across calls whose ids grow, with exact zeros and -0 weights, and leaves no weight behind", () => {
    const v = (ids: number[], w: number[]): Vec => ({ ids: Int32Array.from(ids), w: Float64Array.from(w) });
    const calls: Vec[][] = [
      [v([1, 5, 9], [0.5, -0, 0.25]), v([5, 9, 12], [0.1, 0.3, 0.7]), v([], [])],
      // Ids far past the previous call's (the dense row grows), and back to small ones: a
      // weight left in the row by an earlier call would show in these sums.
      [v([3, 70_000, 200_000], [0.2, 0.6, 0.1]), v([1, 70_000, 200_000], [1, -0.5, 0.25]), v([0, 3], [0, 1e-300])],
      [v([1, 5, 9], [0.1, 0.2, 0.3]), v([3, 9], [0.3, 0.4]), v([0, 1, 5, 9, 70_000, 200_000], [1, 1, 1, 1, 1, 1])],
    ];
    for (const vecs of calls) {
      const n = vecs.length;
      const m = dotMatrix(vecs);
      for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) expect(Object.is(m[a * n + b], dot(vecs[a]!, vecs[b]!))).toBe(true);
    }
  });
});
