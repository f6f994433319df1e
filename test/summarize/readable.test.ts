import { describe, expect, it } from 'vitest';
import type { Article, Sentence } from '../../src/types.js';
import { annotate } from '../../src/text/nlp.js';
import { isCaption, isFragment, narratorSpeaks, opensWithDanglingPronoun, outsideQuotes, quoteHasNamedSpeaker, standsAlone } from '../../src/summarize/readable.js';

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
