/**
 * Comparing names across spellings: transliteration folding and an edit-distance
 * similarity.
 *
 * Transliterations of one Arabic or Russian name differ in vowels, in doubled
 * letters, in digraphs (kh/h, q/k, ou/u, ee/i) and in how the Arabic article is
 * written ("Deir ez-Zor", "Deir Ezzor", "Deir el-Zour", "Deir az-Zour"). `foldWord`
 * maps each spelling to a common skeleton with the rules of
 * data/lexicon/transliteration.json; `nameSimilarity` compares skeletons with a
 * normalised Levenshtein distance.
 *
 * Written by hand: the folding is specific to transliterated news names (no
 * phonetic library covers Arabic-article assimilation), and Levenshtein on two
 * short strings is a dozen lines, not worth a dependency.
 */
import { lexicon } from './lexicon.js';

/** Lower case, diacritics and punctuation other than hyphens removed. */
export function plain(s: string): string {
  let p = plainCache.get(s);
  if (p === undefined) {
    p = (/^[a-z]*$/.test(s) ? s : s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()).replace(/[’‘`´'.]/g, '');
    if (plainCache.size > 100_000) plainCache.clear();
    plainCache.set(s, p);
  }
  return p;
}

const plainCache = new Map<string, string>();

/**
 * Splits a name into words, dropping name particles ("al", "el", "ez", "bin", "van")
 * that stand alone or are attached by a hyphen.
 */
export function nameWords(name: string): string[] {
  const { particles } = lexicon();
  const parts = plain(name)
    .split(/[\s\-]+/)
    .filter(Boolean);
  return parts.filter((p, i) => !(particles.has(p) && i < parts.length - 1));
}

/**
 * The word without an assimilated Arabic article fused to it ("Ezzor" → "zor":
 * a vowel, then a doubled sun letter), or null. Only an alternative reading:
 * "Assad" is also a vowel and a doubled letter.
 */
export function defused(word: string): string | null {
  const m = /^[aeiu]([dnrstz])\1(.{2,})$/.exec(plain(word));
  return m ? `${m[1]}${m[2]}` : null;
}

const foldCache = new Map<string, string>();

/** The transliteration skeleton of one word. */
export function foldWord(word: string): string {
  const f = foldCache.get(word);
  if (f !== undefined) return f;
  const { translit } = lexicon();
  let w = plain(word).replace(/[^a-z0-9]/g, '');
  w = lexicon().spelling.get(w) ?? w;
  for (const [from, to] of translit.replace) {
    w = from.endsWith('$') ? w.replace(new RegExp(`${from.slice(0, -1)}$`), to) : w.split(from).join(to);
  }
  w = w.replace(/(.)\1+/g, '$1');
  // A final vowel is often an inflection or a transliteration habit ("Khmeimime").
  if (w.length > 4) w = w.replace(/[aiu]$/, '');
  foldCache.set(word, w);
  if (foldCache.size > 50_000) foldCache.clear();
  return w;
}

/** Levenshtein distance (two-row dynamic programme). */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length] as number;
}

/** 1 − distance / longer length, in [0, 1]. */
export function stringSimilarity(a: string, b: string): number {
  const n = Math.max(a.length, b.length);
  return n === 0 ? 1 : 1 - levenshtein(a, b) / n;
}

/**
 * Whether two words are spellings of one name: equal skeletons, or skeletons of at
 * least 5 letters that start alike and are similar enough (1 − edits / length ≥
 * `threshold`: one edit in five by default).
 */
export function sameNameWord(a: string, b: string, threshold = 0.8): boolean {
  if (plain(a) === plain(b)) return true;
  if (sameSpelling(a, b, threshold)) return true;
  const da = defused(a);
  const db = defused(b);
  return (da !== null && sameSpelling(da, b, threshold)) || (db !== null && sameSpelling(a, db, threshold));
}

function sameSpelling(a: string, b: string, threshold: number): boolean {
  if (plain(a) === plain(b)) return true;
  const fa = foldWord(a);
  const fb = foldWord(b);
  if (fa === fb) return fa.length >= 3 || plain(a).length <= 3;
  if (Math.min(fa.length, fb.length) < 5) return false;
  if (fa[0] !== fb[0]) return false;
  return stringSimilarity(fa, fb) >= threshold;
}

/** Whether two multi-word names are spellings of one name: word by word, in order. */
export function sameName(a: string[], b: string[]): boolean {
  if (a.length !== b.length || a.length === 0) return false;
  // A one-word name has no other word to confirm it: it must be closer ("Chang" ≠ "Chung").
  const threshold = a.length === 1 ? 0.85 : 0.8;
  for (let i = 0; i < a.length; i++) if (!sameNameWord(a[i] as string, b[i] as string, threshold)) return false;
  return true;
}
