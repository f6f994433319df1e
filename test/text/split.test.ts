import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/text/nlp.js';

// Table of sentence-splitting edge cases from news text: [input, expected sentences].
const CASES: Array<[string, string, string[]]> = [
  ['title Col.', 'Coalition spokesperson Col. Ryan Dillon categorically denied it. Next sentence.', ['Coalition spokesperson Col. Ryan Dillon categorically denied it.', 'Next sentence.']],
  ['Lt. Gen.', 'Speaking to reporters, Lt. Gen. Alexander Lapin said it. He went on.', ['Speaking to reporters, Lt. Gen. Alexander Lapin said it.', 'He went on.']],
  ['Maj.-Gen. after a sentence', 'The U.S. Army said so on Dec. 6. Then Maj.-Gen. Igor Konashenkov spoke.', ['The U.S. Army said so on Dec. 6.', 'Then Maj.-Gen. Igor Konashenkov spoke.']],
  ['Gen. alone', 'Russian Gen. Valery Gerasimov meanwhile told attaches. He spoke.', ['Russian Gen. Valery Gerasimov meanwhile told attaches.', 'He spoke.']],
  ['Dec. before a day', 'It happened on Dec. 6 in Syria. Then it ended.', ['It happened on Dec. 6 in Syria.', 'Then it ended.']],
  ['U.S. at the end of a sentence', 'They backed the U.S. The Russians did not.', ['They backed the U.S.', 'The Russians did not.']],
  // mnval-104: a dotted acronym written on from a hyphen is one word.
  ['Korean-U.S. inside a sentence', 'It follows the South Korean-U.S. Mutual Defense Treaty, signed Oct. 1, 1953. The drill ends.', ['It follows the South Korean-U.S. Mutual Defense Treaty, signed Oct. 1, 1953.', 'The drill ends.']],
  ['Sino-U.S. opening a sentence', 'Sino-U.S. talks ended on Monday. Both sides spoke.', ['Sino-U.S. talks ended on Monday.', 'Both sides spoke.']],
  ['quote closes after the full stop', 'He said "it is over." Then he left.', ['He said "it is over."', 'Then he left.']],
  ['attribution after a quoted sentence', '"There is not a single village," Rudskoi said. "It is done." He left.', ['"There is not a single village," Rudskoi said.', '"It is done."', 'He left.']],
  [
    'multi-sentence quote closed by its speaker',
    '“All ISIS formations in Syria have been defeated. Syria has been liberated from terrorists,” General Gerasimov stated. Next.',
    ['“All ISIS formations in Syria have been defeated. Syria has been liberated from terrorists,” General Gerasimov stated.', 'Next.'],
  ],
  [
    'headline without punctuation',
    "Russia says Syria government seized most territory from ISIS\nHemeimeem Air Base (Syria): Russia's military on Tuesday said so.",
    ['Russia says Syria government seized most territory from ISIS', "Hemeimeem Air Base (Syria): Russia's military on Tuesday said so."],
  ],
  [
    'translation artifact: mismatched curly quotes',
    '“All the gang formations have been destroyed. Shoigu reported this an hour ago, “Gerasimov said at the briefing. He left.',
    ['“All the gang formations have been destroyed. Shoigu reported this an hour ago, “Gerasimov said at the briefing.', 'He left.'],
  ],
  ['question and exclamation', 'Is it over? Nobody knows! The war goes on.', ['Is it over?', 'Nobody knows!', 'The war goes on.']],
  ['numbers with dots', 'Prices rose 3.5 percent in 2017. Then they fell.', ['Prices rose 3.5 percent in 2017.', 'Then they fell.']],
];

describe('sentence splitting', () => {
  it.each(CASES)('%s', (_name, input, expected) => {
    expect(splitSentences(input)).toEqual(expected);
  });
});
