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
});
