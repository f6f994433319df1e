/**
 * `averageLink` (src/stories/resplit.ts) keeps each row's best partner instead of
 * scanning every pair at every join: it must join the same pairs in the same order as
 * the plain scan it replaced (kept here as the reference), ties included.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { averageLink } from '../../src/stories/resplit.js';

/** The former implementation: every live pair scanned at every join, the last best pair in scan order. */
function reference(sim: Float64Array, n: number, floor: number): number[][] {
  const groups: number[][] = Array.from({ length: n }, (_, i) => [i]);
  const link = sim.slice();
  const alive = new Uint8Array(n).fill(1);
  for (;;) {
    let pair: [number, number] | null = null;
    let top = floor;
    for (let i = 0; i < n; i++) {
      if (!alive[i]) continue;
      for (let j = i + 1; j < n; j++) {
        if (!alive[j]) continue;
        const s = (link[i * n + j] as number) / ((groups[i] as number[]).length * (groups[j] as number[]).length);
        if (s >= top) {
          pair = [i, j];
          top = s;
        }
      }
    }
    if (!pair) break;
    const [best, bestJ] = pair;
    (groups[best] as number[]).push(...(groups[bestJ] as number[]));
    groups[bestJ] = [];
    alive[bestJ] = 0;
    for (let k = 0; k < n; k++) {
      if (!alive[k] || k === best) continue;
      const v = (link[best * n + k] as number) + (link[bestJ * n + k] as number);
      link[best * n + k] = v;
      link[k * n + best] = v;
    }
  }
  return groups.filter((g) => g.length > 0);
}

/** A symmetric matrix with a zero diagonal from the upper triangle's values. */
function symmetric(n: number, upper: number[]): Float64Array {
  const m = new Float64Array(n * n);
  let k = 0;
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      const x = upper[k++ % upper.length] ?? 0;
      m[a * n + b] = x;
      m[b * n + a] = x;
    }
  }
  return m;
}

describe('averageLink', () => {
  it('joins the same groups as scanning every pair, with many ties (few distinct values)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 24 }), fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 300 }), fc.integer({ min: 0, max: 4 }), (n, xs, f) => {
        const sim = symmetric(n, xs.map((x) => x / 4));
        expect(averageLink(sim, n, f / 4)).toEqual(reference(sim, n, f / 4));
      }),
      { numRuns: 400 },
    );
  });

  it('joins the same groups as scanning every pair, with continuous similarities', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.array(fc.double({ min: -0.2, max: 1, noNaN: true }), { minLength: 1, maxLength: 800 }), fc.double({ min: 0, max: 0.5, noNaN: true }), (n, xs, floor) => {
        const sim = symmetric(n, xs);
        expect(averageLink(sim, n, floor)).toEqual(reference(sim, n, floor));
      }),
      { numRuns: 300 },
    );
  });

  it('gives one group per item when no pair reaches the floor, and one group when all are alike', () => {
    expect(averageLink(symmetric(4, [0.1]), 4, 0.5)).toEqual([[0], [1], [2], [3]]);
    expect(averageLink(symmetric(4, [0.9]), 4, 0.5).map((g) => [...g].sort())).toEqual([[0, 1, 2, 3]]);
  });
});
