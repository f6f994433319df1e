import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { extendedBcubed } from '../../src/eval/extended-bcubed.js';
import { clusterMetrics } from '../../src/eval/cluster-metrics.js';

/** item i → its clusters, from a list of comma-separated cluster sets. */
const multi = (sets: string[]): Map<string, string[]> => new Map(sets.map((s, i) => [`d${i}`, s.split(',')]));
const single = (labels: string[]): Map<string, string> => new Map(labels.map((l, i) => [`d${i}`, l]));

/**
 * Small cases worked by hand from Amigó et al. (2009), section 5: per pair,
 * precision min(|C∩C'|, |L∩L'|) / |C∩C'| over items sharing a predicted cluster (the
 * item itself included), recall min(…) / |L∩L'| over items sharing a gold label.
 */
const TABLE: Array<{ name: string; predicted: string[]; gold: string[]; precision: number; recall: number }> = [
  {
    // e alone: P = min(1,2)/1 = 1; R = min(1,2)/2 = 1/2.
    name: 'one item in two gold stories, predicted in one',
    predicted: ['1'],
    gold: ['A,B'],
    precision: 1,
    recall: 1 / 2,
  },
  {
    // P: every pair shares one cluster and at least one label → 1.
    // R(d0) = (min(1,2)/2 + min(1,1)/1)/2 = 3/4; R(d1) = (1 + 1)/2 = 1 → 7/8.
    name: 'an item of A and B with an item of A, predicted together',
    predicted: ['1', '1'],
    gold: ['A,B', 'A'],
    precision: 1,
    recall: 7 / 8,
  },
  {
    // P(d0) = 1 (alone in 1); P(d1) = (1 + 0)/2; P(d2) = (1 + 0)/2 → 2/3.
    // R(d0) = (min(1,2)/2 + 0/1)/2 = 1/4 (d1 shares B); R(d1) = (1 + 0)/2; R(d2) = 1 → 7/12.
    name: 'overlapping item split from its partner, a wrong item joined',
    predicted: ['1', '2', '2'],
    gold: ['A,B', 'B', 'C'],
    precision: 2 / 3,
    recall: 7 / 12,
  },
  {
    // Two items of one gold story put together in two predicted clusters:
    // every pair: min(2,1)/2 = 1/2 for precision, min(2,1)/1 = 1 for recall.
    name: 'items together in more predicted clusters than gold ones',
    predicted: ['1,2', '1,2'],
    gold: ['A', 'A'],
    precision: 1 / 2,
    recall: 1,
  },
  {
    // Identical overlapping assignments: every pair min(k,k)/k = 1.
    name: 'identical overlapping clusterings',
    predicted: ['1,2', '2', '1'],
    gold: ['A,B', 'B', 'A'],
    precision: 1,
    recall: 1,
  },
  {
    // Ordinary B-cubed case of test/eval/cluster-metrics.test.ts: 11/15 both ways.
    name: 'single labels (ordinary B-cubed)',
    predicted: ['a', 'a', 'b', 'b', 'b'],
    gold: ['x', 'x', 'x', 'y', 'y'],
    precision: 11 / 15,
    recall: 11 / 15,
  },
];

/**
 * The overlapping example of Amigó et al. (2009), figures 16–21: seven items, gold
 * categories gray (g), black (k) and dashed (d), items 1–2 both gray and black. Each
 * predicted clustering below is one figure's; the values are worked by hand (e.g.
 * figure 17, precision of item 1: (2/3 + 2/3 + 1/2 + 1 + 1) / 5 = 23/30).
 */
const PAPER_GOLD = ['g,k', 'g,k', 'g', 'k', 'k', 'd', 'd'];
const PAPER: Array<{ name: string; predicted: string[]; precision: number; recall: number }> = [
  { name: 'figure 16: the gold clustering', predicted: ['A,B', 'A,B', 'A', 'B', 'B', 'C', 'C'], precision: 1, recall: 1 },
  { name: 'figure 17: a duplicated cluster', predicted: ['X,A,B', 'X,A,B', 'X,A', 'B', 'B', 'C', 'C'], precision: 181 / 210, recall: 1 },
  { name: 'figure 18: a cluster duplicated twice', predicted: ['Y,X,A,B', 'Y,X,A,B', 'Y,X,A', 'B', 'B', 'C', 'C'], precision: 17 / 21, recall: 1 },
  { name: 'figure 19: overlap removed', predicted: ['A', 'A', 'A', 'B', 'B', 'C', 'C'], precision: 1, recall: 24 / 35 },
  { name: 'figure 20: black split off', predicted: ['A,B', 'A,B', 'A', 'D', 'D', 'C', 'C'], precision: 1, recall: 26 / 35 },
  { name: 'figure 21: gray and black merged', predicted: ['A', 'A', 'A', 'A', 'A', 'B', 'B'], precision: 31 / 35, recall: 33 / 35 },
];

describe('extendedBcubed', () => {
  it.each(PAPER)('Amigó et al. $name', ({ predicted, precision, recall }) => {
    const m = extendedBcubed(multi(predicted), multi(PAPER_GOLD));
    expect(m.precision).toBeCloseTo(precision, 12);
    expect(m.recall).toBeCloseTo(recall, 12);
  });

  it.each(TABLE)('$name', ({ predicted, gold, precision, recall }) => {
    const m = extendedBcubed(multi(predicted), multi(gold));
    expect(m.precision).toBeCloseTo(precision, 12);
    expect(m.recall).toBeCloseTo(recall, 12);
    expect(m.f1).toBeCloseTo((2 * precision * recall) / (precision + recall), 12);
    expect(m.items).toBe(predicted.length);
  });

  it('counts items, clusters and items with several gold labels', () => {
    const m = extendedBcubed(multi(['1', '2', '2']), multi(['A,B', 'B', 'C,A']));
    expect(m).toMatchObject({ items: 3, predictedClusters: 2, goldClusters: 3, overlappingGold: 2 });
    // A label repeated on one item is one label.
    expect(extendedBcubed(multi(['1']), multi(['A,A']))).toMatchObject({ overlappingGold: 0, precision: 1, recall: 1 });
  });

  it('equals ordinary B-cubed when every item has one cluster and one label', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 })), { minLength: 1, maxLength: 60 }), (xs) => {
        const pred = xs.map(([p]) => `p${p}`);
        const gold = xs.map(([, g]) => `g${g}`);
        const ext = extendedBcubed(multi(pred), multi(gold));
        const ord = clusterMetrics(single(pred), single(gold)).bcubed;
        expect(ext.precision).toBeCloseTo(ord.precision, 12);
        expect(ext.recall).toBeCloseTo(ord.recall, 12);
        expect(ext.f1).toBeCloseTo(ord.f1, 12);
      }),
    );
  });

  it('is symmetric with overlaps, gives 1 for identical clusterings and stays in [0, 1]', () => {
    const sets = fc.uniqueArray(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 3 }).map((xs) => xs.join(','));
    fc.assert(
      fc.property(fc.array(fc.tuple(sets, sets), { minLength: 1, maxLength: 30 }), (xs) => {
        const a = multi(xs.map(([x]) => x));
        const b = multi(xs.map(([, y]) => y));
        const ab = extendedBcubed(a, b);
        const ba = extendedBcubed(b, a);
        expect(ab.precision).toBeCloseTo(ba.recall, 12);
        expect(ab.recall).toBeCloseTo(ba.precision, 12);
        for (const x of [ab.precision, ab.recall, ab.f1]) {
          expect(x).toBeGreaterThan(0);
          expect(x).toBeLessThanOrEqual(1 + 1e-12);
        }
        expect(extendedBcubed(a, a).f1).toBeCloseTo(1, 12);
      }),
    );
  });

  it('scores only items present on both sides and refuses an item without clusters', () => {
    expect(extendedBcubed(new Map([['d0', ['1']]]), multi(['A', 'A'])).items).toBe(1);
    expect(extendedBcubed(new Map(), multi(['A'])).f1).toBe(0);
    expect(() => extendedBcubed(new Map([['d0', []]]), multi(['A']))).toThrow('item "d0" has no predicted cluster');
  });
});
