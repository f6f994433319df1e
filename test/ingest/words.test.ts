/** The fast word count of ingest agrees with the project's `countWords` on any text (property test). */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { countWords } from '../../src/text/nlp.js';
import { countWordsFast } from '../../src/ingest/words.js';

const pieces = ['word', 'x', '42', '–', '—', '"', '“quoted”', 'café', 'Путин', '東京', '😀', '𝒜', ' ', '  ', '\n', '\t', '\u00a0', '\u2003', '\u3000', '-', '...', 'a-b', "it's", ''];

describe('countWordsFast', () => {
  it('agrees with countWords on texts built from tricky pieces', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (parts) => {
        const t = parts.join('');
        expect(countWordsFast(t)).toBe(countWords(t));
      }),
      { numRuns: 2000 },
    );
  });
  it('agrees with countWords on arbitrary Unicode strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (t) => {
        expect(countWordsFast(t)).toBe(countWords(t));
      }),
      { numRuns: 2000 },
    );
  });
  it.each([
    ['', 0],
    ['one two  three', 3],
    ['– — ...', 0],
    ['a – b', 2],
    ['Путин said 12', 3],
  ])('%j → %i', (t, n) => expect(countWordsFast(t)).toBe(n));
});
