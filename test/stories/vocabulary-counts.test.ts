import { describe, expect, it } from 'vitest';
import { Vocabulary } from '../../src/stories/vocabulary.js';
import type { ExtractedFeatures } from '../../src/stories/features.js';

function doc(terms: string[]): Pick<ExtractedFeatures, 'allTerms'> {
  return { allTerms: new Map(terms.map((t, i) => [t, 1 + i] as [string, number])) };
}

describe('Vocabulary.countTerms', () => {
  it("counts each term's documents in the order terms are first met, as a Map would", () => {
    const v = new Vocabulary(0, () => 0);
    const docs = [['storm', 'coast', 'wind'], ['wind', 'rain'], ['coast', 'storm', 'flood', 'rain'], []].map((t) => v.observeInterned(doc(t) as ExtractedFeatures));
    const expected = new Map<number, number>();
    for (const d of docs) for (const id of d.ids) expected.set(id, (expected.get(id) ?? 0) + 1);
    const got = v.countTerms(docs);
    expect(got).toEqual([...expected]);
    expect(Object.fromEntries(got.map(([id, n]) => [v.termName(id), n]))).toEqual({ storm: 2, coast: 2, wind: 2, rain: 2, flood: 1 });
    // Counting again starts from zero (the scratch array is shared with observeInterned).
    expect(v.countTerms(docs)).toEqual(got);
    expect(v.countTerms([])).toEqual([]);
  });
});
