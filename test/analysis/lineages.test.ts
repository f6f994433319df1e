import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { findLineages } from '../../src/analysis/lineages.js';
import { analyzeStory } from '../../src/analysis/index.js';
import type { AnnotatedArticle } from '../../src/types.js';
import { annotate } from '../../src/text/nlp.js';
import { article, doc } from './helpers.js';

// Invented wire text: four narration sentences of one report.
const WIRE = [
  'During a visit to the northern city on Wednesday, the president said his defence minister told him that operations on both banks of the river had been completed.',
  'The minister said that engineers had begun clearing mines from the roads leading to the city and that power would be restored within a week.',
  'Aid groups said thousands of families who fled the fighting in the spring were waiting in camps south of the river for permission to return home.',
  'The government has promised to rebuild the main bridge, which was destroyed in an air strike two years ago, before the end of next year.',
];
const STOCK = 'The conflict, which began with protests in the capital six years ago, has killed hundreds of thousands of people and displaced millions more across the region.';
const OWN: Record<string, string> = {
  city: [
    'Residents of the old town described a quiet night after weeks of shelling, and shops in the market opened for the first time since the summer.',
    'A local official said the council would meet on Friday to discuss the reopening of schools and the repair of the water network.',
    'Several families interviewed near the mosque said they had lost relatives in the fighting and did not trust the promises made by either side.',
    'Traders said prices of bread and fuel had doubled since the spring, and that many people relied on food handed out by charities.',
  ].join(' '),
  port: [
    'Dock workers at the harbour returned to their jobs on Thursday morning as the first cargo ship in months was unloaded under armed guard.',
    'The port authority announced that customs checks would resume next month, although no date was given for the arrival of new cranes.',
    'Fishermen complained that their boats had been requisitioned by soldiers during the siege and that none of them had been paid for it.',
    'A doctor at the only hospital in the district said most of the wounded brought in over the past week were children and elderly people.',
  ].join(' '),
};
const own = (k: 'city' | 'port') => OWN[k] as string;
const ids = (ls: Array<{ articleIds: string[] }>) => ls.map((l) => l.articleIds);
function withOutlet(id: string, text: string, outlet: string, published: string): AnnotatedArticle {
  return annotate({ ...article(id, text, published), outlet });
}

describe('lineages', () => {
  it('puts two outlets running the same wire copy in one lineage', () => {
    const a = analyzeStory([
      doc('a', `The president declared victory. ${WIRE.join(' ')} Analysts were doubtful about the claim.`, '2017-12-07'),
      doc('b', `Markets rose on the news. ${WIRE.join(' ').replace('defence', 'defense')} Fighting went on in the east.`, '2017-12-08'),
      doc('c', 'A separate report from the capital described celebrations in the streets after the announcement by the president on Wednesday night.', '2017-12-07'),
    ]);
    expect(ids(a.lineages)).toEqual([['a', 'b'], ['c']]);
    expect(a.lineages[0]?.evidence).toMatch(/share 4 sentences of narration/);
  });
  it('joins two articles on a copied news lead: one long sentence among the first of one article', () => {
    const a = findLineages([doc('a', `${WIRE[0]} ${own('city')}`), doc('b', `${own('port')} ${WIRE[0]}`)], new Map());
    expect(ids(a.lineages)).toEqual([['a', 'b']]);
    expect(a.lineages[0]?.evidence).toMatch(/share the news lead/);
  });
  // Edge cases: what two articles share, and whether that makes them copies of one report.
  const cases: Array<[string, string, string, boolean]> = [
    ['one stock background sentence, low in both', `${own('city')} ${STOCK}`, `${own('port')} ${STOCK}`, false],
    ['one wire sentence low in both articles', `${own('city')} ${WIRE[1]}`, `${own('port')} ${WIRE[1]}`, false],
    ['an embed shared by two pages', `${own('city')} A post shared by City News (@citynews) on the day the president visited the northern city and met the minister.`, `${own('port')} A post shared by City News (@citynews) on the day the president visited the northern city and met the minister.`, false],
    ['a quotation both reproduce', `${own('city')} “All the armed groups in the region have been defeated and the whole region has been freed from the militants,” the general said.`, `${own('port')} “All the armed groups in the region have been defeated and the whole region has been freed from the militants,” the general said.`, false],
    ['two wire paragraphs in short articles', `${WIRE[1]} ${WIRE[2]} Officials gave no figures.`, `Markets were calm. ${WIRE[1]} ${WIRE[2]}`, true],
  ];
  it.each(cases.map(([name, x, y, c]) => ({ name, x, y, c })))('$name → copies: $c', ({ x, y, c: copies }) => {
    const a = analyzeStory([doc('x', x), doc('y', y)]);
    expect(a.lineages.length === 1).toBe(copies);
  });
  it('does not join outlets that only quote the same statement (quotation ranges from the analysis)', () => {
    const q = '“All rebel formations in the region have been defeated and the whole region has been liberated from the militants,” the general said.';
    const a = analyzeStory([doc('a', `Reporter one wrote this. ${q}`), doc('b', `A different reporter wrote that. ${q}`)]);
    expect(a.lineages).toHaveLength(2);
  });
  it('shows follow-ups of one outlet on different days as that outlet, not as copies', () => {
    const day1 = `${WIRE[0]} ${WIRE[1]} ${own('city')}`;
    const follow = `New fighting broke out on Thursday. ${own('port')} ${WIRE[2]} ${WIRE[3]}`;
    // Same outlet, different days, some background reused: two lineages.
    expect(findLineages([withOutlet('d1', `${day1} ${WIRE[2]} ${WIRE[3]}`, 'Wire', '2017-12-06'), withOutlet('d2', follow, 'Wire', '2017-12-07')], new Map()).lineages).toHaveLength(2);
    // The same reuse by another outlet the same day is a copy.
    expect(findLineages([withOutlet('d1', `${day1} ${WIRE[2]} ${WIRE[3]}`, 'Wire', '2017-12-06'), withOutlet('d2', follow, 'Paper', '2017-12-06')], new Map()).lineages).toHaveLength(1);
  });
  it('does not chain through weak links: complete link, strongest pairs first', () => {
    // b copies a's first two wire sentences, c copies b's last two; a and c share nothing.
    const a = doc('a', `${WIRE[1]} ${WIRE[2]} ${own('city')}`);
    const b = doc('b', `${WIRE[1]} ${WIRE[2]} ${WIRE[3]} ${STOCK}`);
    const c = doc('c', `${own('port')} ${WIRE[3]} ${STOCK}`);
    const l = findLineages([a, b, c], new Map()).lineages;
    expect(l.flatMap((x) => x.articleIds).sort()).toEqual(['a', 'b', 'c']);
    expect(l.some((x) => x.articleIds.includes('a') && x.articleIds.includes('c'))).toBe(false);
  });
  it('links a pair whichever of the two holds the shared sentences among more text', () => {
    const a = doc('a', `${WIRE[0]!.replace(/\.$/, '')}, and that the troops would come home before the new year celebrations in the capital and the provinces. ${WIRE[1]} ${WIRE[2]}`);
    const b = doc('b', `Short intro. ${WIRE[0]} ${WIRE[1]} ${WIRE[2]}`);
    expect(ids(findLineages([a, b], new Map()).lineages)).toEqual([['a', 'b']]);
    expect(ids(findLineages([b, a], new Map()).lineages)).toEqual([['b', 'a']]);
  });
  it('gives the same partition whatever the order of the articles, and copies join their original (property)', () => {
    const pool = [...WIRE, STOCK, own('city'), 'Officials said the new bridge over the river would open to traffic in the spring after years of delays and arguments.'];
    const partition = (ls: Array<{ articleIds: string[] }>) => ls.map((l) => [...l.articleIds].sort().join(',')).sort();
    fc.assert(
      fc.property(fc.array(fc.array(fc.integer({ min: 0, max: pool.length - 1 }), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 }), (picks) => {
        const docs = picks.map((p, i) => doc(`d${i}`, p.map((k) => pool[k]).join(' ')));
        const forward = partition(findLineages(docs, new Map()).lineages);
        expect(partition(findLineages([...docs].reverse(), new Map()).lineages)).toEqual(forward);
        const copy = doc('copy', docs[0]!.article.text);
        const withCopy = findLineages([...docs, copy], new Map()).lineages;
        const long = docs[0]!.sentences.filter((s) => s.wordCount >= 10).length >= 2;
        if (long) expect(withCopy.find((l) => l.articleIds.includes('d0'))?.articleIds).toContain('copy');
      }),
      { numRuns: 25 },
    );
  });
  it('partitions the articles: every article in exactly one lineage (property)', () => {
    const pool = [...WIRE, STOCK, 'The weather was cold and wet in the capital on the day of the vote count.', 'The company reported higher profits for the third quarter in a row on Tuesday.'];
    fc.assert(
      fc.property(fc.array(fc.array(fc.integer({ min: 0, max: pool.length - 1 }), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 5 }), (picks) => {
        const docs = picks.map((p, i) => doc(`d${i}`, p.map((k) => pool[k]).join(' ')));
        const { lineages } = findLineages(docs, new Map());
        const all = lineages.flatMap((l) => l.articleIds).sort();
        expect(all).toEqual(docs.map((d) => d.article.id).sort());
      }),
      { numRuns: 30 },
    );
  });
});
