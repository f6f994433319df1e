import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  containmentEstimate,
  dayOf,
  decodeFeatures,
  decodeMinhash,
  decodeTerms,
  encodeFeatures,
  featuresOf,
  FEATURES_VERSION,
  MINHASH_SIZE,
  precompute,
  encodeMinhash,
  encodeTerms,
  extractFeatures,
  jaccardEstimate,
  minhash,
  select,
} from '../../src/stories/features.js';

describe('story features', () => {
  it('weights proper nouns and title words higher, and has no stop words', () => {
    const f = extractFeatures({
      title: 'Volcano erupts near Grindavik',
      text: 'The volcano near Grindavik erupted on Monday. Lava flowed toward the town and the volcano kept erupting.',
      published: '2024-01-15',
    });
    expect(f.allTerms.has('the')).toBe(false);
    expect(f.allTerms.get('grindavik')!).toBeGreaterThan(f.allTerms.get('lava')!);
    expect(f.allTerms.get('volcano')!).toBeGreaterThan(f.allTerms.get('town')!);
    expect(f.day).toBe(dayOf('2024-01-15'));
    expect(f.shingles).toBeGreaterThan(0);
  });

  it('select keeps the most salient terms under the IDF given', () => {
    const f = extractFeatures({ title: null, text: 'alpha beta gamma delta epsilon zeta eta theta iota kappa', published: null });
    const s = select(f, (t) => (t === 'kappa' ? 10 : 1), 1);
    expect([...s.terms.keys()]).toEqual(['kappa']);
  });

  it('reads dates and refuses non-dates', () => {
    expect(dayOf('1970-01-02')).toBe(1);
    expect(dayOf('2017-12-07T10:00:00Z')).toBe(dayOf('2017-12-07'));
    expect(dayOf('yesterday')).toBeNull();
    expect(dayOf(null)).toBeNull();
  });

  it('MinHash estimates Jaccard similarity of word shingles', () => {
    const words = Array.from({ length: 400 }, (_, i) => `w${i}`);
    const a = minhash(words);
    const b = minhash([...words.slice(0, 200), ...Array.from({ length: 200 }, (_, i) => `x${i}`)]);
    // True Jaccard of 5-shingles: 196 shared of (396 + 396 - 196) = 0.329
    const j = jaccardEstimate(a.signature, b.signature);
    expect(j).toBeGreaterThan(0.15);
    expect(j).toBeLessThan(0.5);
    expect(jaccardEstimate(a.signature, minhash(words).signature)).toBe(1);
    expect(jaccardEstimate(a.signature, minhash([]).signature)).toBe(0);
    expect(containmentEstimate(1, 10, 100)).toBe(1);
  });

  it('serialises terms and signatures losslessly (to 4 decimals)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !/[\t\n]/.test(s)), fc.double({ min: 0.001, max: 50, noNaN: true })), (d) => {
        const m = new Map(Object.entries(d));
        const back = decodeTerms(encodeTerms(m));
        expect([...back.keys()]).toEqual([...m.keys()]);
        for (const [k, v] of m) expect(back.get(k)).toBeCloseTo(v, 3);
      }),
    );
    const sig = minhash(['a', 'b', 'c', 'd', 'e', 'f']).signature;
    expect([...decodeMinhash(encodeMinhash(sig))]).toEqual([...sig]);
  });

  /** Article-like text: words with capitals, accents, inner hyphens and apostrophes, numbers, sentence ends. */
  const WORDS = ['Grindavík', 'volcano', 'al-Assad', "Trump's", 'U.S.', 'AT&T', 'the', 'Lava', 'erupted', '2024', 'Dr.', 'said', 'town', 'ölçü', 'Москва', 'naïve', 'a'];
  const text = fc.array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(' ', ' ', '. ', ', ', '\n', ' — ', '"')), { maxLength: 120 })
    .map((ws) => ws.map(([w, sep]) => w + sep).join(''));
  const articleArb = fc.record({
    title: fc.option(text, { nil: null }),
    text,
    published: fc.option(fc.constantFrom('2024-01-15', '1999-12-31T23:00:00Z', 'soon'), { nil: null }),
  });

  it('staged features round-trip exactly: terms in order, float64 weights, signature, shingles, day (property)', () => {
    fc.assert(
      fc.property(articleArb, (a) => {
        const pre = precompute(a);
        const back = decodeFeatures(JSON.parse(JSON.stringify(encodeFeatures(pre))));
        expect(back).not.toBeNull();
        expect(back!.version).toBe(FEATURES_VERSION);
        expect([...back!.features.allTerms]).toEqual([...pre.features.allTerms]);
        expect([...back!.features.minhash]).toEqual([...pre.features.minhash]);
        expect(back!.features.shingles).toBe(pre.features.shingles);
        expect(back!.features.day).toBe(pre.features.day);
        expect(featuresOf(a, back)).toBe(back!.features);
      }),
      { numRuns: 200 },
    );
  });

  it('staged features that do not decode are null, never a crash; another version is extracted again', () => {
    const a = { title: 'Volcano erupts', text: 'The volcano near Grindavik erupted on Monday. Lava flowed.', published: '2024-01-15' };
    const good = encodeFeatures(precompute(a));
    for (const bad of [null, 7, 'x', [], {}, { ...good, w: good.w.slice(4) }, { ...good, m: '' }, { ...good, s: -1 }, { ...good, d: 'today' }, { ...good, v: '2' }, { ...good, t: `${good.t}\nextra` }]) {
      expect(decodeFeatures(bad)).toBeNull();
    }
    fc.assert(fc.property(fc.anything(), (x) => {
      const d = decodeFeatures(x);
      if (d) expect(d.features.minhash.length).toBe(MINHASH_SIZE);
    }));
    const other = { version: FEATURES_VERSION + 1, features: { allTerms: new Map([['wrong', 1]]), minhash: new Uint32Array(MINHASH_SIZE), shingles: 0, day: null } };
    expect([...featuresOf(a, other).allTerms]).toEqual([...precompute(a).features.allTerms]);
  });
});
