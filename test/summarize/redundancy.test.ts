import { describe, expect, it } from 'vitest';
import type { Article, Sentence } from '../../src/types.js';
import { annotate } from '../../src/text/nlp.js';
import { figuresOf, sameFigures } from '../../src/summarize/redundancy.js';
import { crossreadSummary } from '../../src/summarize/crossread.js';
import { doc } from '../analysis/helpers.js';

function sentence(text: string): Sentence {
  const s = annotate({ id: 't', text } as Article).sentences[0];
  if (!s) throw new Error(`no sentence in "${text}"`);
  return s;
}

describe('figures of a sentence', () => {
  it.each([
    ['The coalition won by 316 votes to 301 in 2013.', ['316', '301']],
    ['The fund raised $1,250,000 from 3.5 million donors.', ['1250000', '3.5']],
    ['One man was hurt in the 1990s.', []],
  ] as Array<[string, string[]]>)('%s', (text, figures) => {
    expect([...figuresOf(text)].sort()).toEqual([...figures].sort());
  });
});

describe('two sentences giving the same figures about the same thing state one fact', () => {
  it.each([
    ['With 316 votes for and 301 votes against, the premier’s coalition won the confidence vote.', 'The premier’s conservatives won in a 316-301 vote in the lower house.', true],
    ['The fire killed 60 people and injured 162 at the dance hall.', 'Officials said 60 were killed and 162 injured when fire swept the hall.', true],
    ['The fire killed 60 people at the dance hall on Friday night.', 'Police said 60 officers were sent to guard the stadium on Sunday.', false],
    ['The fire killed 60 people and injured 162 at the dance hall.', 'Firefighters reached the hall 60 minutes after the first call.', false],
    ['The council met in 2015 to discuss the bridge.', 'The bridge was closed in 2015 after divers found cracks.', false],
  ])('%s | %s → %s', (a, b, same) => {
    expect(sameFigures(sentence(a), sentence(b))).toBe(same);
    expect(sameFigures(sentence(b), sentence(a))).toBe(same);
  });

  it('the summary keeps only one of them', () => {
    const a = doc('a', 'With 316 votes for and 301 votes against, the premier’s center-right coalition won the confidence vote in parliament on Friday. Opposition leaders said they would table a new motion within weeks.', '2010-12-14');
    const b = doc('b', 'The premier’s conservatives won in a 316-301 vote in the lower house of parliament. Markets rose after the result was announced in Rome.', '2010-12-14');
    const out = crossreadSummary([a, b], { words: 200 });
    expect(out.filter((x) => /316/.test(x.text))).toHaveLength(1);
    expect(out.length).toBeGreaterThanOrEqual(2);
  });
});
