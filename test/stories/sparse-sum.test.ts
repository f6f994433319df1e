/**
 * The story centroid sums (`SparseSum`): in-place merges of sorted sparse vectors must
 * equal a plain map-based sum through any sequence of additions and removals.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { SparseSum } from '../../src/stories/sparse.js';

const vector = fc
  .uniqueArray(fc.integer({ min: 0, max: 300 }), { minLength: 0, maxLength: 40 })
  .chain((ids) => fc.tuple(fc.constant(ids.sort((a, b) => a - b)), fc.array(fc.float({ min: Math.fround(0.01), max: 10, noNaN: true }), { minLength: ids.length, maxLength: ids.length })));

describe('SparseSum', () => {
  it('adds and removes sparse vectors like a map-based reference', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(vector, fc.float({ min: Math.fround(0.1), max: 3, noNaN: true })), { minLength: 1, maxLength: 12 }), fc.array(fc.nat()), (adds, removals) => {
        const sum = new SparseSum();
        const ref = new Map<number, number>();
        const live: Array<[Int32Array, Float32Array, number]> = [];
        for (const [[ids, vals], scale] of adds) {
          const v: [Int32Array, Float32Array, number] = [Int32Array.from(ids), Float32Array.from(vals), scale];
          sum.add(v[0], v[1], scale, 1);
          live.push(v);
          v[0].forEach((t, k) => ref.set(t, (ref.get(t) ?? 0) + (v[1][k] as number) * scale));
        }
        for (const r of removals.slice(0, live.length - 1)) {
          const [v] = live.splice(r % live.length, 1) as [[Int32Array, Float32Array, number]];
          sum.add(v[0], v[1], v[2], -1);
          v[0].forEach((t, k) => ref.set(t, (ref.get(t) ?? 0) - (v[1][k] as number) * v[2]));
        }
        const want = [...ref].filter(([, x]) => x > 1e-6).sort((a, b) => a[0] - b[0]);
        const got: Array<[number, number]> = [];
        for (let i = 0; i < sum.size; i++) got.push([sum.ids[i] as number, sum.w[i] as number]);
        expect(got.map((g) => g[0])).toEqual(want.map((x) => x[0]));
        got.forEach(([t, x], i) => {
          expect(x).toBeCloseTo(want[i]![1], 4);
          expect(sum.get(t)).toBe(x);
        });
        // Ids strictly ascending.
        for (let i = 1; i < sum.size; i++) expect(sum.ids[i]! > sum.ids[i - 1]!).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
