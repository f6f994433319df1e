import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contentHash } from '../../src/store/content-hash.js';

/** The definition: SHA-256 of the text with whitespace runs as one space, trimmed. */
function reference(text: string): string {
  return createHash('sha256').update(text.replace(/\s+/g, ' ').trim()).digest('hex');
}

/** A deterministic pseudo-random generator (xorshift32). */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

describe('contentHash', () => {
  it('hashes the whitespace-normalised text, whatever the runs of whitespace', () => {
    const cases = ['', ' ', '\n\n', 'a', ' a ', 'a b', 'a  b', 'a\nb', 'a \n b', '\u00a0a\u2003b\u3000', 'a\r\n\r\nb\t', 'é ü  ß\n', '  lead\n\nbody text.  \n'];
    for (const t of cases) expect(contentHash(t), JSON.stringify(t)).toBe(reference(t));
  });

  it('agrees with the definition on random texts of words and every kind of whitespace', () => {
    const spaces = [' ', ' ', ' ', '  ', '\n', '\n\n', '\t', '\r\n', '\u00a0', '\u2009', '\u2028', '\ufeff', ' \n '];
    const words = ['the', 'Minister', 'said', '“quoted”', 'ünïcödé', '😀', '42', '-', '.'];
    const next = rng(12);
    for (let n = 0; n < 500; n++) {
      let t = '';
      const parts = Math.floor(next() * 30);
      for (let i = 0; i < parts; i++) t += next() < 0.5 ? spaces[Math.floor(next() * spaces.length)] : words[Math.floor(next() * words.length)];
      expect(contentHash(t), JSON.stringify(t)).toBe(reference(t));
    }
  });

  it('gives the same hash for texts differing only in whitespace, and different ones otherwise', () => {
    expect(contentHash('One  two\n\nthree ')).toBe(contentHash(' One two three'));
    expect(contentHash('One two three')).not.toBe(contentHash('One two  four'));
  });
});
