import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addClusterRows, fitLogistic, referenceConcepts, solve, type Rows } from '../../scripts/fit-concept-model.js';
import { CONCEPT_FEATURES } from '../../src/summarize/concepts.js';
import { story } from './fixture.js';

/** Park–Miller generator: deterministic synthetic data. */
function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 48271) % 2147483647;
    return s / 2147483647;
  };
}

describe('solve', () => {
  it('solves symmetric positive definite systems (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 3, maxLength: 3 }), { minLength: 3, maxLength: 3 }), fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 3, maxLength: 3 }), (B, x) => {
        // A = BᵀB + I is symmetric positive definite.
        const A = [0, 1, 2].map((i) => [0, 1, 2].map((j) => B.reduce((a, row) => a + row[i]! * row[j]!, 0) + (i === j ? 1 : 0)));
        const b = A.map((row) => row.reduce((a, v, j) => a + v * x[j]!, 0));
        const got = solve(A, b);
        got.forEach((v, j) => expect(v).toBeCloseTo(x[j]!, 6));
      }),
      { numRuns: 50 },
    );
  });
});

describe('fitLogistic', () => {
  it('recovers the coefficients that generated the labels', () => {
    const truth = [-1, 2, -0.5];
    const r = rng(7);
    const X: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 20000; i++) {
      const x = [1, r() * 2 - 1, r() * 4 - 2];
      const z = truth.reduce((a, b, j) => a + b * x[j]!, 0);
      X.push(x);
      y.push(r() < 1 / (1 + Math.exp(-z)) ? 1 : 0);
    }
    const { beta } = fitLogistic(X, y, X.map(() => 1), 0);
    beta.forEach((b, j) => expect(Math.abs(b - truth[j]!)).toBeLessThan(0.15));
  });
  it('weights count: a row of weight 2 is the same as the row twice', () => {
    const X = [[1, 0], [1, 1], [1, 1], [1, 0], [1, 1]];
    const y = [0, 1, 0, 1, 1];
    const twice = fitLogistic([...X, X[4]!], [...y, y[4]!], [1, 1, 1, 1, 1, 1], 0).beta;
    const weighted = fitLogistic(X, y, [1, 1, 1, 1, 2], 0).beta;
    weighted.forEach((b, j) => expect(b).toBeCloseTo(twice[j]!, 8));
  });
});

describe('training rows', () => {
  it('labels a story concept 1 when a reference holds it', () => {
    const rows = { bigram: { X: [], y: [], w: [] } as Rows, unigram: { X: [], y: [], w: [] } as Rows };
    addClusterRows(rows, { docs: story(), references: ['The governor declared a state of emergency after the floods.'] }, 1);
    expect(rows.bigram.X[0]?.length).toBe(CONCEPT_FEATURES.length);
    expect(rows.bigram.y.filter((v) => v === 1).length).toBeGreaterThan(2);
    // Each cluster weighs its given weight in all, per kind of concept.
    expect(rows.bigram.w.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(rows.unigram.w.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    const ref = referenceConcepts('The governor declared a state of emergency after the floods.');
    expect(ref.has('state of')).toBe(true);
    expect(ref.has('governor')).toBe(true);
  });
});
