import { describe, expect, it } from 'vitest';
import { doc } from '../analysis/helpers.js';

describe('tokens', () => {
  it('a possessive is "Name" + "\'s" whatever was read before in the process', () => {
    // wink-nlp learns "Clinton's" as one word from a text that ends with it; the next
    // text must still read "Clinton" + "'s" (the same article tokenised the same way).
    doc('a', "We met the Smiths at Clinton's.");
    const d = doc('b', "Clinton's campaign chairman, John Podesta, spoke. The nation’s capital waited.");
    const texts = d.sentences.flatMap((s) => s.tokens.map((t) => `${t.text}/${t.pos}`));
    expect(texts.slice(0, 3)).toEqual(['Clinton/PROPN', "'s/PART", 'campaign/NOUN']);
    expect(d.sentences.map((s) => s.tokens.map((t) => t.text).join(' '))).toEqual([
      "Clinton 's campaign chairman , John Podesta , spoke .",
      'The nation ’s capital waited .',
    ]);
  });
  it('a possessive split back has the lemma wink gives one it splits itself (the mark as written)', () => {
    doc('a', 'We met the Smiths at Trump’s.');
    const joined = doc('b', 'Trump’s plane landed.').sentences[0]!.tokens[1]!;
    const own = doc('c', 'The nation’s plane landed.').sentences[0]!.tokens[2]!;
    expect([joined.text, joined.lemma]).toEqual(['’s', own.lemma]);
  });
});
