import { describe, expect, it } from 'vitest';
import type { Article, Sentence } from '../../src/types.js';
import { annotate } from '../../src/text/nlp.js';
import { backgroundNotFirst, isByline, isCaption, isFragment, isListItem, narratorSpeaks, opensWithConnective, opensWithDanglingPronoun, outsideQuotes, quoteHasNamedSpeaker, standsAlone } from '../../src/summarize/readable.js';
import { crossreadSummary } from '../../src/summarize/crossread.js';
import { doc } from '../analysis/helpers.js';

/** The first sentence of a text, annotated as crossread annotates articles. */
function sentence(text: string): Sentence {
  const article = { id: 't', text } as Article;
  const s = annotate(article).sentences[0];
  if (!s) throw new Error(`no sentence in "${text}"`);
  return s;
}

describe('quotations need a named speaker in the same sentence', () => {
  it.each([
    ['"It is detrimental to the sovereignty of Cambodia," Hun Sen said.', true],
    ['"Every ball was a softball," Trump said of the Democratic debate.', true],
    ['"The Republican attacks are sadly representative," Kaylie Hanson, a DNC spokeswoman, said in a statement.', true],
    ['"We claim that his detention is illegal," said one of Anwar\'s lawyers, Pawancheek Marican.', true],
    ['"Police don\'t believe the attraction was sexual," WPXI reports.', true],
    ['“They called for additional personnel,” according to the statement.', true],
    ['``We have this great plan,\'\' mom Mona Lisa Harding told Matt Lauer.', true],
    ['"Kris takes other girls\' cell phone numbers all the time," a source said.', true],
    ["'We will not be intimidated by these threats,' the minister told reporters.", true],
    ['"It is detrimental to the sovereignty of Cambodia," he said.', false],
    ['"You all cannot just get away with killing my baby," she said.', false],
    ['"I listen to it and go, wow, why didn\'t I shut up a bit?" he laughs.', false],
    ['"There were only so many handed out. They were gone fast."', false],
    ['“I want to at long last honour their sacrifices and contribution.”', false],
    ['Hun Sen said the talks "must be conducted in the Kingdom of Cambodia."', true],
    ['Floods swept through the river valley on Monday.', true],
  ])('%s → %s', (text, ok) => {
    expect(quoteHasNamedSpeaker(sentence(text))).toBe(ok);
  });
});

describe('sentences that open with a pronoun pointing back', () => {
  it.each([
    ['He said the talks would resume.', true],
    ['They were forced from their homes.', true],
    ['This was the worst flood in decades.', true],
    ['Its banks burst overnight.', true],
    ['This year the harvest failed.', false],
    ['Thousands were forced from their homes.', false],
    ['Theresa May said the talks would resume.', false],
    ['Hence the delay.', false],
  ])('%s → %s', (text, dangling) => {
    expect(opensWithDanglingPronoun(text)).toBe(dangling);
  });

  it('a sentence stands alone only without a dangling opener and without an unattributed quotation', () => {
    expect(standsAlone(sentence('The governor declared a state of emergency.'))).toBe(true);
    expect(standsAlone(sentence('He declared a state of emergency.'))).toBe(false);
    expect(standsAlone(sentence('"The river rose too fast," he said.'))).toBe(false);
  });
});

describe('outsideQuotes', () => {
  it.each([
    ['"A," he said.', [[4, 13]]],
    ['He said "yes" and left.', [[0, 8], [13, 23]]],
    ['"Open', []],
    ["The girls' phones rang.", [[0, 23]]],
    ["'Yes,' she said.", [[6, 16]]],
  ] as Array<[string, Array<[number, number]>]>)('%s', (text, spans) => {
    expect(outsideQuotes(text)).toEqual(spans);
  });
});

describe('sentences that are not news narration', () => {
  it.each([
    ['Just fill in your contact details in the form below to join our mailing list.', true],
    ['We hope that looking at these results will encourage you to take part.', true],
    ['On behalf of our board, I would like to thank all of you who donated.', true],
    ['"We will rebuild every house," the mayor said.', false],
    ['The US ranked 53rd for cultural contribution.', false],
    ['Officials told us nothing, the families said.', true],
    ["(Aakash) - I'm a member of the community supporting this cause.", true],
    ["It's the third flood this year, the governor's office said.", false],
    ['The floods forced thousands from their homes.', false],
  ])('narrator speaks: %s → %s', (text, yes) => {
    expect(narratorSpeaks(sentence(text))).toBe(yes);
  });
  it.each([
    ['Because it may be time we all moved to Sweden.', true],
    ['Although the dam held through the night.', true],
    ['Although the dam held, the town flooded.', false],
    ['The town flooded because the dam broke.', false],
    ['If convicted he faces life in prison.', false],
  ])('fragment: %s → %s', (text, yes) => {
    expect(isFragment(sentence(text))).toBe(yes);
  });
  it.each([
    ['Ueli Steck, a mountaineer from Switzerland, speaks to the media during an interview at a hotel in Kathmandu, Nepal May 30, 2016.', true],
    ['A rescue worker carries a child from the rubble in Amatrice, Italy (AP Photo/Gregorio Borgia).', true],
    ['The law took effect on January 1, 2016.', false],
    ['The president speaks to reporters at the White House.', false],
  ])('caption: %s → %s', (text, yes) => {
    expect(isCaption(sentence(text))).toBe(yes);
  });
});

describe('openings that lean on the sentence before', () => {
  it.each([
    ['But the minister said the talks would resume next week.', true],
    ['However, officials said the bridge would reopen.', true],
    ['And the rain kept falling through the night.', true],
    ['Meanwhile, prices rose in the capital.', true],
    ['Such claims are false, the spokesman said.', true],
    ['said the minister, who declined to give figures.', true],
    ['“But we will not give up,” the mayor said.', true],
    ['In addition, the council will review the rules.', true],
    ['Then-President Bill Clinton signed the bill into law.', false],
    ['Butter prices rose by a third in a year.', false],
    ['Stillwater police said the driver was unhurt.', false],
    ['Andrew Smith said the talks would resume.', false],
    ['The minister said the talks would resume.', false],
  ])('%s → %s', (text, leans) => {
    expect(opensWithConnective(text)).toBe(leans);
  });
});

describe('list items, bylines, captions and page furniture are not summary sentences', () => {
  it.each([
    ['•Amending the cars’ warranty to cover the faulty part for ten years after the sale.', 'list'],
    ['By Jane Smith, Associated Press Writer, the council voted to close the bridge on Tuesday.', 'byline'],
    ['Additional reporting by Tom Jones in London; editing by Mary Brown for the wire.', 'byline'],
    ['Putin intervened in Syria to shore up the regime of Bashar al-Assad (R) [Getty] on the day the talks began.', 'caption'],
    ['Skip in Skip x Embed x Share Close the video of the rescue at sea off the coast on Sunday.', 'furniture'],
    ['A post shared by Point Sable Lifeboat (@pointsablelifeboat) on Jul 20, 2025 at 6:14am PDT after the rescue.', 'furniture'],
  ])('%s (%s)', (text) => {
    expect(standsAlone(sentence(text))).toBe(false);
  });
  it.each([
    ['By Tuesday the river had fallen back below its banks in most of the valley towns.'],
    ['Engineers closed the bridge over the river on Tuesday after divers found cracks in two piers.'],
  ])('%s stands alone', (text) => {
    expect(standsAlone(sentence(text))).toBe(true);
    expect(isByline(text) || isListItem(text)).toBe(false);
  });
});

describe('background never leads, and one fact is stated once', () => {
  const s = (text: string, published: string | null = '2017-12-07') => doc('x', text, published).sentences[0] as Sentence;
  it('moves the first sentence about an earlier year behind the first one that is not', () => {
    const old = s('Russia launched an air campaign in support of the government in 2015, officials recalled.');
    const now = s('The president said on Wednesday that the operation in the east had been completed.');
    const docs = [doc('x', 'Text.', '2017-12-07')];
    expect(backgroundNotFirst([old, now], docs).map((x) => x.text)).toEqual([now.text, old.text]);
    expect(backgroundNotFirst([now, old], docs).map((x) => x.text)).toEqual([now.text, old.text]);
    // A sentence naming the story's own year as well is not background.
    const both = s('The campaign that began in 2015 ended in 2017, the minister said on Wednesday.');
    expect(backgroundNotFirst([both, now], docs)[0]?.text).toBe(both.text);
  });
  it('never selects two sentences that state one fact', () => {
    const a = doc('a', 'Engineers closed the Harlow Street bridge on Tuesday after divers found deep cracks in two of its stone piers. Buses will use the Mill Lane bridge downstream while the piers are repaired with steel frames.', '2025-03-04');
    const b = doc('b', 'The Harlow Street bridge was closed by engineers on Tuesday after divers found deep cracks in two stone piers. Shops on both banks said trade fell sharply within hours of the closure of the crossing.', '2025-03-04');
    const out = crossreadSummary([a, b], { words: 200 });
    const bridge = out.filter((x) => /divers found deep cracks/.test(x.text));
    expect(bridge).toHaveLength(1);
    expect(out.length).toBeGreaterThanOrEqual(2);
  });
});
