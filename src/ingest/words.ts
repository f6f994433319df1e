/**
 * Word counting for ingest, equal to `countWords` of src/text/nlp.ts (whitespace-
 * separated tokens that contain a letter or digit) but one pass over the characters:
 * ingest counts every raw and cleaned text, and the split-and-test version was one of
 * its largest costs. test/ingest/words.test.ts checks the two agree on any string.
 */
const ALNUM = /[\p{L}\p{N}]/u;

/**
 * Longest word read as a word, in characters. Longer runs of non-space characters
 * (a 100,000-character "word", a pasted blob) stay in the text but are not tokenised,
 * stemmed or indexed: wink-nlp's token features and the Porter stemmer use regular
 * expressions whose time grows with the square of a word's length. No English word
 * comes near this; ingestion warns about each article that has such runs (LONG_WORD).
 */
export const MAX_WORD_CHARS = 100;

/** Runs of non-space characters longer than `MAX_WORD_CHARS` (linear: a character class, no backtracking). */
export const LONG_WORD = new RegExp(`[^\\s]{${MAX_WORD_CHARS + 1},}`, 'g');

/** The long words of a text: how many, and the longest's length. */
export function longWords(text: string): { count: number; longest: number } {
  let count = 0;
  let longest = 0;
  LONG_WORD.lastIndex = 0;
  for (let m = LONG_WORD.exec(text); m; m = LONG_WORD.exec(text)) {
    count++;
    if (m[0].length > longest) longest = m[0].length;
  }
  return { count, longest };
}

/** `text` with every long word replaced by spaces of the same length (offsets kept). */
export function maskLongWords(text: string): string {
  LONG_WORD.lastIndex = 0;
  if (!LONG_WORD.test(text)) return text;
  return text.replace(LONG_WORD, (w) => ' '.repeat(w.length));
}
const SPACE = /\s/;

export function countWordsFast(text: string): number {
  let n = 0;
  let inToken = false;
  let counted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let space: boolean;
    let alnum = false;
    if (c < 0x80) {
      space = c === 32 || (c >= 9 && c <= 13);
      alnum = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    } else if (c === 0xa0 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff) {
      space = true;
    } else if ((c >= 0x2010 && c <= 0x2027) || (c >= 0x2030 && c <= 0x205e)) {
      // Dashes, quotes, bullets, ellipsis: punctuation.
      space = false;
    } else if (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) {
      // Latin-1 Supplement and Latin Extended-A/B letters.
      space = false;
      alnum = true;
    } else {
      // Surrogate pairs: test the whole code point.
      const cp = text.codePointAt(i) as number;
      const ch = String.fromCodePoint(cp);
      space = SPACE.test(ch);
      alnum = !space && ALNUM.test(ch);
      if (cp > 0xffff) i++;
    }
    if (space) {
      inToken = false;
      continue;
    }
    if (!inToken) {
      inToken = true;
      counted = false;
    }
    if (alnum && !counted) {
      n++;
      counted = true;
    }
  }
  return n;
}
