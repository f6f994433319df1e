import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { rouge, rougeText, round5, stemToken, DUC2004_OPTIONS } from '../../src/eval/rouge.js';
import { rougePorterStem } from '../../src/eval/porter.js';
import { Drand48, bootstrapMean } from '../../src/eval/bootstrap.js';
import { sharedFile } from '../helpers/shared.js';

const vectors = sharedFile('data/rouge-vectors.jsonl');

interface Vector {
  setting: string;
  options: { stem: boolean; lengthLimitWords: number | null; average: string };
  id: string;
  system: string;
  references: string[];
  expected: Record<string, { R: number; P: number; F: number }>;
}

describe.skipIf(!vectors)('ROUGE-1.5.5 reference vectors (../shared/data/rouge-vectors.jsonl)', () => {
  const lines = vectors ? readFileSync(vectors, 'utf8').trim().split('\n') : [];
  it('has vectors to check', () => {
    expect(lines.length).toBeGreaterThan(600);
  });
  it('reproduces R, P and F of ROUGE-1, -2, -L and -SU4 on every line to 1e-5', () => {
    const failures: string[] = [];
    let checked = 0;
    for (const line of lines) {
      const v = JSON.parse(line) as Vector;
      const got = rouge(v.system, v.references, {
        stem: v.options.stem,
        lengthLimitWords: v.options.lengthLimitWords,
        average: v.options.average === 'model' ? 'model' : 'best',
        maxN: 2,
        skipDistance: 4,
      });
      for (const [metric, exp] of Object.entries(v.expected)) {
        for (const k of ['R', 'P', 'F'] as const) {
          const g = got[metric]?.[k];
          checked++;
          if (g === undefined || Math.abs(g - exp[k]) > 1e-5 + 1e-12) failures.push(`${v.id} ${v.setting} ${metric} ${k}: got ${g}, expected ${exp[k]}`);
        }
      }
    }
    expect(checked).toBe(lines.length * 12);
    expect(failures).toEqual([]);
  });
});

describe('ROUGE tokenization (as ROUGE-1.5.5 reads bytes)', () => {
  it('lower-cases ASCII, splits on punctuation and hyphens, drops the hyphen tokens', () => {
    expect(rougeText("U.S. forces' 3,000-strong unit", { stem: false }).tokens).toEqual(['u', 's', 'forces', '3', '000', 'strong', 'unit']);
  });
  it('turns every byte of a non-ASCII character into a separator', () => {
    expect(rougeText('Café naïve – “quoted”', { stem: false }).tokens).toEqual(['caf', 'na', 've', 'quoted']);
  });
  it('reads & < > as the entity names a SEE file holds, unless told to read plain SPL', () => {
    expect(rougeText('Law & Order', { stem: false }).tokens).toEqual(['law', 'amp', 'order']);
    expect(rougeText('Law & Order', { stem: false, seeEntities: false }).tokens).toEqual(['law', 'order']);
  });
  it('keeps sentences (lines) apart and drops empty lines', () => {
    expect(rougeText('One two.\n\nThree.\n', { stem: false }).sentences).toEqual([['one', 'two'], ['three']]);
  });
});

describe('ROUGE -l N truncation', () => {
  it('counts whitespace words of the raw text, before punctuation is removed', () => {
    // "U.S.-led" is one word for -l, three ROUGE tokens.
    const t = rougeText('The U.S.-led force left.\nMore words here.', { stem: false, lengthLimitWords: 3 });
    expect(t.tokens).toEqual(['the', 'u', 's', 'led', 'force']);
    expect(t.sentences.length).toBe(1);
  });
  it('keeps whole sentences below the limit and cuts the one that reaches it', () => {
    const t = rougeText('a b c\nd e f\ng h', { stem: false, lengthLimitWords: 5 });
    expect(t.sentences).toEqual([['a', 'b', 'c'], ['d', 'e']]);
  });
});

describe("ROUGE's Porter stemmer and exception table (-m)", () => {
  it.each([
    ['caresses', 'caress'],
    ['ponies', 'poni'],
    ['running', 'run'],
    ['hopping', 'hop'],
    ['agreement', 'agreem'],
    ['statement', 'statem'],
    ['international', 'intern'],
    ['relational', 'relat'],
    ['yelling', 'yell'],
    ['generalization', 'gener'],
  ])('%s → %s', (w, s) => {
    expect(rougePorterStem(w)).toBe(s);
  });
  it('looks up WordNet exceptions before stemming', () => {
    expect(stemToken('said')).toBe('say');
    expect(stemToken('children')).toBe('child');
    expect(stemToken('better')).toBe('good');
  });
  it('stems only tokens longer than 3 characters', () => {
    expect(rougeText('says was news', { stem: true }).tokens).toEqual(['sai', 'was', 'new']);
  });
});

describe('ROUGE scores on hand-computed cases', () => {
  it('clips repeated n-grams (ROUGE-1 and ROUGE-2)', () => {
    const s = rouge('the the the cat cat', ['the cat sat on the mat'], { stem: false });
    // unigram hits: the×2, cat×1 = 3 of 6 reference, 5 peer
    expect(s['ROUGE-1']).toEqual({ R: 0.5, P: 0.6, F: round5((0.6 * 0.5) / (0.5 * 0.6 + 0.5 * 0.5)) });
    // bigram hits: "the cat" once of 5 reference, 4 peer bigrams
    expect(s['ROUGE-2']).toMatchObject({ R: 0.2, P: 0.25 });
  });
  it('computes ROUGE-SU4 with unigrams but without the last token', () => {
    // peer "a b c": units a, a b, a c, b, b c = 5; reference "a c": units a, a c = 2; hits 2.
    const s = rouge('a b c', ['a c'], { stem: false });
    expect(s['ROUGE-SU4']).toMatchObject({ R: 1, P: 0.4 });
  });
  it('computes summary-level ROUGE-L as the union LCS over peer sentences, clipped by unigram counts', () => {
    // reference sentence "a b c d"; peer sentences "a b" and "c d": union LCS marks all 4.
    const s = rouge('a b\nc d', ['a b c d'], { stem: false });
    expect(s['ROUGE-L']).toMatchObject({ R: 1, P: 1 });
    // two reference sentences both matching the single peer token "a": the second is clipped.
    const t = rouge('a', ['a\na'], { stem: false });
    expect(t['ROUGE-L']).toMatchObject({ R: 0.5, P: 1 });
  });
  it('averages over references by summing counts (-f A) or keeps the best (-f B)', () => {
    const a = rouge('a b', ['a b', 'c d'], { stem: false, average: 'model' });
    expect(a['ROUGE-1']).toMatchObject({ R: 0.5, P: 0.5 });
    const b = rouge('a b', ['a b', 'c d'], { stem: false, average: 'best' });
    expect(b['ROUGE-1']).toMatchObject({ R: 1, P: 1 });
  });
  it('scores an empty summary as 0', () => {
    expect(rouge('', ['a b'], DUC2004_OPTIONS)['ROUGE-1']).toEqual({ R: 0, P: 0, F: 0 });
  });
  it('rounds exact ties to even as printf does', () => {
    expect(round5(1 / 64)).toBe(0.01562);
    expect(round5(0.123456)).toBe(0.12346);
  });
});

describe('bootstrap as ROUGE-1.5.5 does it', () => {
  it("reproduces Perl's srand/rand (drand48)", () => {
    // perl -e 'srand(0); print rand()' → 0.170828036106290
    expect(new Drand48(0).next()).toBeCloseTo(0.17082803610628972, 15);
    const r = new Drand48(999);
    r.next();
    expect(r.next()).toBeCloseTo(0.63577575990663604, 15);
  });
  it('gives a deterministic interval around the mean', () => {
    const xs = Array.from({ length: 30 }, (_, i) => (i % 7) / 10);
    const a = bootstrapMean(xs);
    expect(a).toEqual(bootstrapMean(xs));
    expect(a.ciLow).toBeLessThan(a.mean);
    expect(a.ciHigh).toBeGreaterThan(a.mean);
    expect(Math.abs(a.resampleMean - a.mean)).toBeLessThan(0.01);
  });
});
