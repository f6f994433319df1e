import { describe, expect, it } from 'vitest';
import { analyzeStory } from '../../src/analysis/index.js';
import { sentenceFigures } from '../../src/analysis/numbers.js';
import { doc } from './helpers.js';

function figures(text: string) {
  const d = doc('a', text);
  return d.sentences.flatMap((s) => sentenceFigures('a', s, []));
}

describe('figures', () => {
  // [text, value, unit, bound]
  const CASES: Array<[string, number, string, string]> = [
    ['IS still held about eight percent of the province.', 8, 'percent', 'about'],
    ['They hold 15% of the land.', 15, 'percent', 'exact'],
    ['Airstrikes killed at least 12 civilians in the village.', 12, 'count', 'at-least'],
    ['More than 1.5 million people fled the city.', 1_500_000, 'count', 'more-than'],
    ['There are fewer than 3,000 ISIS militants remaining in Iraq.', 3000, 'count', 'less-than'],
  ];
  it.each(CASES)('%s', (text, value, unit, bound) => {
    const f = figures(text);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ value, unit, bound });
  });
  it('reads a figure and its conversion in parentheses as one figure', () => {
    const f = figures('The militants hold approximately 27,000 square kilometers (10,425 square miles) of land.');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ value: 27000, unit: 'area', bound: 'about' });
  });
  it('skips years, dates and times', () => {
    expect(figures('On December 6, 2017, at 09:30 the talks began in 2015 style.')).toHaveLength(0);
  });
});

describe('number disagreements', () => {
  it('flags different counts of the same event within one article', () => {
    const a = analyzeStory([
      doc('a', 'Syrian activists say airstrikes on Tuesday killed at least 12 civilians in a village held by the group. A local network said the attack targeted the village. The Observatory said 21 civilians were killed, among them 9 children.', '2017-12-07'),
    ]);
    const d = a.disagreements.find((x) => x.kind === 'number');
    expect(d?.positions.map((p) => p.value)).toEqual(['at least 12', '21']);
    expect(d?.status).toBe('conflict');
    expect(d?.note).toMatch(/lower bound/);
  });
  it('does not flag equal figures, or figures about different things', () => {
    const a = analyzeStory([
      doc('a', 'Troops liberated about 85 percent of the country. The militants hold the remaining 15 percent. Officials said 40 soldiers were wounded.', '2017-09-12'),
      doc('b', 'Officials said 40 soldiers were wounded in the fighting near the border town. Troops liberated about 85 percent of the country, officials said.', '2017-09-13'),
    ]);
    expect(a.disagreements.filter((x) => x.kind === 'number')).toEqual([]);
  });
  it('labels figures reported at different times as different moments', () => {
    const a = analyzeStory([
      doc('a', 'Officials said the flood killed 30 people in the northern river valley towns on Monday.', '2020-03-02'),
      doc('b', 'Officials said the flood killed 45 people in the northern river valley towns, a week after it began.', '2020-03-09'),
    ]);
    const d = a.disagreements.find((x) => x.kind === 'number');
    expect(d?.status).toBe('different-moments');
    expect(d?.note).toMatch(/different moments/);
  });
});

describe('disputes', () => {
  it('links a denial to the claim and to who disputes it', () => {
    const a = analyzeStory([
      doc('a', 'The ministry says it has provided air support to rebel forces and local tribes in Idlib province.', '2017-12-07'),
      doc('b', 'Spokesman Col. Ryan Dale categorically denied the ministry’s assertions that they provided air support to rebel forces in Idlib province, saying “such claims are false.”', '2017-12-07'),
    ]);
    const d = a.disagreements.find((x) => x.kind === 'dispute');
    expect(d).toBeDefined();
    expect(d?.positions.find((p) => p.value === 'disputes')?.attributedTo).toBe('Ryan Dale');
    expect(d?.positions.find((p) => p.value === 'claims')?.sources).toEqual(['a']);
  });
  it('does not link a denial to a statement about something else', () => {
    const a = analyzeStory([
      doc('a', 'Iran offered to mediate in the dispute over rebel bases, the Tehran Times reported on Monday.'),
      doc('b', 'Foreign Minister Faris Bweiz denied on Monday that rebels were based in his country.'),
    ]);
    expect(a.disagreements.filter((x) => x.kind === 'dispute')).toEqual([]);
  });
  it('is not fooled by rejected demands or negated denials', () => {
    const a = analyzeStory([
      doc('a', 'Prime Minister Hun Sen rejected demands for talks abroad, officials said. The opposition did not deny that it had met the king. Hun Sen said the talks must be held at home.'),
    ]);
    expect(a.disagreements.filter((x) => x.kind === 'dispute')).toEqual([]);
  });
});
