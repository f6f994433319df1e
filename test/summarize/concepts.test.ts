import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { AnnotatedArticle } from '../../src/types.js';
import { articleFromRecord } from '../../src/ingest/index.js';
import { annotate } from '../../src/text/nlp.js';
import {
  CONCEPT_FEATURES,
  checkModel,
  conceptModel,
  conceptProbabilities,
  functionWordTails,
  occurrences,
  poissonTail,
  storyConcepts,
  type ConceptModel,
} from '../../src/summarize/concepts.js';
import { story, TEXTS } from './fixture.js';

function doc(id: string, text: string): AnnotatedArticle {
  const { article } = articleFromRecord({ id, text }, `test#${id}`);
  if (!article) throw new Error(`article ${id} was not built`);
  return annotate(article);
}

const feature = (name: (typeof CONCEPT_FEATURES)[number]) => CONCEPT_FEATURES.indexOf(name);

describe('concept occurrences', () => {
  const s = doc('a', `The regional governor said the floods were the worst in a decade. ${TEXTS[0]}`).sentences[0]!;
  const occ = occurrences(s.tokens);
  const keys = occ.map((o) => o.key);
  it('takes bigrams of stems, except pairs of two function words', () => {
    expect(keys).toContain('region governor');
    expect(keys).toContain('the region');
    expect(keys).toContain('flood were');
    // "said the", "in a": function word + function word (reporting verbs count as function words).
    expect(keys).not.toContain('said the');
    expect(keys).not.toContain('in a');
  });
  it('takes content-word unigrams, not function words', () => {
    const unigrams = occ.filter((o) => o.unigram).map((o) => o.key);
    expect(unigrams).toEqual(['region', 'governor', 'flood', 'worst', 'decad']);
  });
  it('marks bigrams that hold a function word', () => {
    expect(occ.find((o) => o.key === 'the region')?.withFunctionWord).toBe(true);
    expect(occ.find((o) => o.key === 'region governor')?.withFunctionWord).toBe(false);
  });
});

describe('story concepts and their features', () => {
  const docs = story();
  const sc = storyConcepts(docs);
  const F = CONCEPT_FEATURES.length;
  const get = (key: string, name: (typeof CONCEPT_FEATURES)[number]) => {
    const c = sc.id.get(key);
    if (c === undefined) throw new Error(`no concept "${key}"`);
    return sc.features[c * F + feature(name)];
  };
  it('counts the share of articles reporting a concept, and where it first appears', () => {
    // "state of emergency" is in all five fixture articles; "flood swept" in articles 1, 2, 3, 5.
    expect(get('state of', 'dfShare')).toBe(1);
    expect(get('state of', 'allArticles')).toBe(1);
    expect(get('flood swept', 'dfShare')).toBeCloseTo(4 / 5);
    expect(get('flood swept', 'earliest0')).toBe(1);
    expect(get('heavi rain', 'dfShare')).toBeCloseTo(2 / 5);
    expect(get('heavi rain', 'earliest')).toBeCloseTo(1 / (1 + 3));
  });
  it('computes every feature of a concept (full vector, by name)', () => {
    // "floods swept": opening sentence of articles 1, 2, 3 and 5, and again in sentence 4 of article 2.
    const expected: Record<(typeof CONCEPT_FEATURES)[number], number> = {
      bias: 1,
      dfShare: 4 / 5,
      earliest: 1,
      meanLead: 4 / 5,
      logTf: Math.log(5),
      withFunctionWord: 0,
      logN: Math.log(5),
      dfShareLogN: (4 / 5) * Math.log(5),
      openingShare: 4 / 5,
      properNoun: 1, // wink-nlp tags the sentence-initial "Floods" as a proper noun
      number: 0,
      quoteShare: 0,
      earliestRel: 0,
      logDf: Math.log(4),
      logRepeat: Math.log(5 / 4),
      earliest0: 1,
      earliest1: 0,
      earliest2: 0,
      earliest3to5: 0,
      earliest6to10: 0,
      atLeastTwo: 1,
      allArticles: 0,
      sqrtDfShare: Math.sqrt(4 / 5),
      meanLeadExp: 4 / 5,
    };
    for (const name of CONCEPT_FEATURES) expect(get('flood swept', name), name).toBeCloseTo(expected[name], 12);
    expect(get('insur compani', 'earliest3to5')).toBe(1);
    expect(get('insur compani', 'earliestRel')).toBeCloseTo(3 / 4, 12);
    expect(get('the region', 'withFunctionWord')).toBe(1);
    expect(sc.id.has('said the')).toBe(false);
  });
  it('maps every sentence to its concepts', () => {
    for (const d of docs) for (const s of d.sentences) expect(sc.ofSentence.get(s)?.length).toBe(occurrences(s.tokens).length);
  });
  it('gives every concept a probability strictly between 0 and 1', () => {
    const p = conceptProbabilities(sc);
    expect(p.length).toBe(sc.keys.length);
    for (const x of p) expect(x > 0 && x < 1).toBe(true);
  });
  it('rates a concept every article reports above one a single article mentions late', () => {
    const p = conceptProbabilities(sc);
    expect(p[sc.id.get('of emerg')!]!).toBeGreaterThan(p[sc.id.get('insur compani')!]!);
  });
});

describe('concept probabilities do not depend on article order, and shares are scale-free', () => {
  const docs = story();
  it('the same for any order of the articles (property)', () => {
    const base = storyConcepts(docs);
    const p0 = conceptProbabilities(base);
    const byKey = new Map(base.keys.map((k, i) => [k, p0[i]!]));
    fc.assert(
      fc.property(fc.shuffledSubarray([0, 1, 2, 3, 4], { minLength: 5, maxLength: 5 }), (order) => {
        const sc = storyConcepts(order.map((i) => docs[i]!));
        const p = conceptProbabilities(sc);
        sc.keys.forEach((k, i) => expect(p[i]).toBeCloseTo(byKey.get(k)!, 12));
      }),
      { numRuns: 20 },
    );
  });
  it('every share feature stays the same when each article is there twice (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), (n) => {
        const some = docs.slice(0, n);
        const once = storyConcepts(some);
        const twice = storyConcepts([...some, ...TEXTS.slice(0, n).map((t, i) => doc(`copy${i}`, t))]);
        const F = CONCEPT_FEATURES.length;
        for (const name of ['dfShare', 'meanLead', 'openingShare', 'sqrtDfShare', 'meanLeadExp', 'earliest', 'quoteShare'] as const) {
          const j = feature(name);
          once.keys.forEach((k, c) => {
            const c2 = twice.id.get(k)!;
            expect(twice.features[c2 * F + j]).toBeCloseTo(once.features[c * F + j]!, 12);
          });
        }
      }),
      { numRuns: 5 },
    );
  });
});

describe('function words', () => {
  it('Poisson tails: P(X ≥ k + 1), decreasing, from the mean', () => {
    const t = poissonTail(1, 6);
    expect(t[0]).toBeCloseTo(1 - Math.exp(-1), 12);
    expect(t[1]).toBeCloseTo(1 - 2 * Math.exp(-1), 12);
    for (let k = 1; k < t.length; k++) expect(t[k]!).toBeLessThanOrEqual(t[k - 1]!);
    expect([...poissonTail(0, 4)]).toEqual([0, 0, 0, 0]);
  });
  it('expects a function word as often as the story uses it, scaled to the summary length', () => {
    const docs = story();
    const short = functionWordTails(docs, 50).get('the')!;
    const long = functionWordTails(docs, 200).get('the')!;
    expect(long[2]!).toBeGreaterThan(short[2]!);
    expect(functionWordTails(docs, 50).has('flood')).toBe(false);
  });
});

describe('the concept model file', () => {
  it('the shipped model names crossread features and holds finite coefficients', () => {
    const m = conceptModel();
    expect(m.features).toEqual([...CONCEPT_FEATURES]);
    expect(m.bigram.length).toBe(CONCEPT_FEATURES.length);
  });
  it('rejects a model with other features or missing coefficients, naming the file', () => {
    const good = conceptModel();
    const wrongFeatures: ConceptModel = { ...good, features: ['bias', 'dfShare'] };
    expect(() => checkModel(wrongFeatures, 'x.json')).toThrow(/x\.json: not a usable concept model \(its features/);
    const short: ConceptModel = { ...good, unigram: [1, 2] };
    expect(() => checkModel(short, 'y.json')).toThrow(/y\.json: not a usable concept model \("unigram" must hold/);
    const nan: ConceptModel = { ...good, bigram: good.bigram.map(() => Number.NaN) };
    expect(() => checkModel(nan, 'z.json')).toThrow(/z\.json/);
  });
});
