import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { findLineages } from '../../src/analysis/lineages.js';
import { analyzeStory } from '../../src/analysis/index.js';
import { doc } from './helpers.js';

const WIRE = 'During a visit to the northern city on Wednesday, the president said his defence minister told him that operations on both banks of the river had been completed.';

describe('lineages', () => {
  it('puts two outlets running the same wire copy in one lineage', () => {
    const a = analyzeStory([
      doc('a', `The president declared victory. ${WIRE} Analysts were doubtful about the claim.`, '2017-12-07'),
      doc('b', `Markets rose on the news. ${WIRE.replace('defence', 'defense')} Fighting went on in the east.`, '2017-12-08'),
      doc('c', 'A separate report from the capital described celebrations in the streets after the announcement by the president on Wednesday night.', '2017-12-07'),
    ]);
    expect(a.lineages.map((l) => l.articleIds)).toEqual([['a', 'b'], ['c']]);
    expect(a.lineages[0]?.evidence).toMatch(/share 1 sentence/);
  });
  it('does not join outlets that only quote the same statement', () => {
    const q = '“All rebel formations in the region have been defeated and the whole region has been liberated from the militants,” the general said.';
    const a = analyzeStory([doc('a', `Reporter one wrote this. ${q}`), doc('b', `A different reporter wrote that. ${q}`)]);
    expect(a.lineages).toHaveLength(2);
  });
  it('marks an article much older than the rest as background', () => {
    const a = analyzeStory([
      doc('a', 'Troops took the city after a long siege, officials said on Monday in the capital.', '2017-12-07'),
      doc('b', 'The city fell to government troops after a long siege, officials said in the capital.', '2017-12-08'),
      doc('c', 'Troops advanced toward the city and began a long siege, officials said in the capital.', '2017-09-12'),
    ]);
    expect(a.background).toEqual([{ articleId: 'c', reason: expect.stringMatching(/published 2017-09-12, 86 days before/) }]);
  });
  it('marks an off-topic article as background', () => {
    const a = analyzeStory([
      doc('a', 'Troops took the northern city after a long siege, officials said on Monday in the capital.'),
      doc('b', 'The northern city fell to government troops after a long siege, officials said in the capital.'),
      doc('c', 'Government troops entered the northern city after the siege ended, officials in the capital said.'),
      doc('d', 'The bakery sold a record number of strawberry cakes during the summer festival weekend.'),
    ]);
    expect(a.background.map((b) => b.articleId)).toEqual(['d']);
    expect(a.background[0]?.reason).toMatch(/off-topic/);
  });
  it('links a pair whichever of the two holds the shared sentences among more text', () => {
    // a ran the wire sentence with a long clause added: b's sentence is found in a,
    // a's (longer) sentence is not found in b.
    const a = doc('a', `${WIRE.replace(/\.$/, '')}, and that the troops would come home before the new year celebrations in the capital and the provinces.`);
    const b = doc('b', `Short intro. ${WIRE}`);
    expect(findLineages([a, b], new Map()).lineages.map((l) => l.articleIds)).toEqual([['a', 'b']]);
    expect(findLineages([b, a], new Map()).lineages.map((l) => l.articleIds)).toEqual([['b', 'a']]);
  });
  it('gives the same partition whatever the order of the articles, and copies join their original (property)', () => {
    const pool = [WIRE, WIRE.replace('northern city', 'southern port'), 'The weather was cold and wet in the capital on the day of the vote count, and few people went out to vote.', 'Officials said the new bridge over the river would open to traffic in the spring after years of delays and arguments.'];
    const partition = (ls: Array<{ articleIds: string[] }>) => ls.map((l) => [...l.articleIds].sort().join(',')).sort();
    fc.assert(
      fc.property(fc.array(fc.array(fc.integer({ min: 0, max: pool.length - 1 }), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 5 }), (picks) => {
        const docs = picks.map((p, i) => doc(`d${i}`, p.map((k) => pool[k]).join(' ')));
        const forward = partition(findLineages(docs, new Map()).lineages);
        expect(partition(findLineages([...docs].reverse(), new Map()).lineages)).toEqual(forward);
        const copy = doc('copy', docs[0]!.article.text);
        const withCopy = findLineages([...docs, copy], new Map()).lineages;
        const long = docs[0]!.sentences.some((s) => s.wordCount >= 15);
        if (long) expect(withCopy.find((l) => l.articleIds.includes('d0'))?.articleIds).toContain('copy');
      }),
      { numRuns: 25 },
    );
  });
  it('partitions the articles: every article in exactly one lineage (property)', () => {
    const pool = [WIRE, 'The weather was cold and wet in the capital on the day of the vote count.', 'Officials said the new bridge over the river would open to traffic in the spring.', 'The company reported higher profits for the third quarter in a row on Tuesday.'];
    fc.assert(
      fc.property(fc.array(fc.array(fc.integer({ min: 0, max: pool.length - 1 }), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 5 }), (picks) => {
        const docs = picks.map((p, i) => doc(`d${i}`, p.map((k) => pool[k]).join(' ')));
        const { lineages } = findLineages(docs, new Map());
        const ids = lineages.flatMap((l) => l.articleIds).sort();
        expect(ids).toEqual(docs.map((d) => d.article.id).sort());
      }),
      { numRuns: 30 },
    );
  });
});
