import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { clusterMetrics } from '../../src/eval/cluster-metrics.js';

const part = (labels: string[]): Map<string, string> => new Map(labels.map((l, i) => [`d${i}`, l]));

describe('clusterMetrics', () => {
  it('matches hand-computed values on a small example', () => {
    // gold: {0,1,2} {3,4}; predicted: {0,1} {2,3,4}
    const m = clusterMetrics(part(['a', 'a', 'b', 'b', 'b']), part(['x', 'x', 'x', 'y', 'y']));
    // B-cubed precision: d0,d1: 2/2; d2: 1/3; d3,d4: 2/3 → (1+1+1/3+2/3+2/3)/5 = 11/15
    expect(m.bcubed.precision).toBeCloseTo(11 / 15, 10);
    // recall: d0,d1: 2/3; d2: 1/3; d3,d4: 2/2 → (2/3+2/3+1/3+1+1)/5 = 11/15
    expect(m.bcubed.recall).toBeCloseTo(11 / 15, 10);
    // pairs: predicted {01},{23,24,34} = 4; gold {01,02,12},{34} = 4; common {01},{34} = 2
    expect(m.pairwise.precision).toBeCloseTo(0.5, 10);
    expect(m.pairwise.recall).toBeCloseTo(0.5, 10);
    // ARI: index 2, expected 4*4/10 = 1.6, max 4 → (2-1.6)/(4-1.6)
    expect(m.ari).toBeCloseTo(0.4 / 2.4, 10);
    expect(m).toMatchObject({ items: 5, predictedClusters: 2, goldClusters: 2 });
  });

  it('gives 1 for identical partitions, whatever the labels are called', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 40 }), (xs) => {
        const gold = part(xs.map((x) => `g${x}`));
        const pred = part(xs.map((x) => `story-${x * 7 + 1}`));
        const m = clusterMetrics(pred, gold);
        expect(m.bcubed.f1).toBeCloseTo(1, 12);
        expect(m.pairwise.f1).toBeCloseTo(1, 12);
        expect(m.ari).toBeCloseTo(1, 12);
      }),
    );
  });

  it('is symmetric: swapping predicted and gold swaps precision and recall', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 })), { minLength: 2, maxLength: 30 }), (xs) => {
        const a = part(xs.map(([x]) => String(x)));
        const b = part(xs.map(([, y]) => String(y)));
        const ab = clusterMetrics(a, b);
        const ba = clusterMetrics(b, a);
        expect(ab.bcubed.precision).toBeCloseTo(ba.bcubed.recall, 12);
        expect(ab.ari).toBeCloseTo(ba.ari, 12);
        expect(ab.bcubed.f1).toBeGreaterThanOrEqual(0);
        expect(ab.bcubed.f1).toBeLessThanOrEqual(1 + 1e-12);
      }),
    );
  });

  it('scores the trivial partitions as expected', () => {
    const gold = part(['a', 'a', 'b', 'b']);
    const one = clusterMetrics(part(['x', 'x', 'x', 'x']), gold);
    expect(one.bcubed.recall).toBe(1);
    expect(one.bcubed.precision).toBeCloseTo(0.5, 12);
    const singletons = clusterMetrics(part(['1', '2', '3', '4']), gold);
    expect(singletons.bcubed.precision).toBe(1);
    expect(singletons.bcubed.recall).toBeCloseTo(0.5, 12);
    expect(singletons.ari).toBeCloseTo(0, 12);
    // Items missing from the prediction are not counted.
    expect(clusterMetrics(new Map([['d0', 'x']]), gold).items).toBe(1);
  });
});
