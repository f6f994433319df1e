/** An article's identity in a store: the hash that makes re-ingesting the same content a no-op. */
import { createHash } from 'node:crypto';

/**
 * A whitespace run that normalising changes: two or more whitespace characters, or one
 * that is not a plain space. Scanning from the left, a match always starts where its run
 * does (a run of two or more matches from its first character), so each run is found whole.
 */
const IRREGULAR_SPACE = /\s{2,}|[^\S ]/g;
const NOT_SPACE = /\S/;

/**
 * SHA-256 (hex) of the normalised text (whitespace runs as one space, trimmed): the
 * hash of `text.replace(/\s+/g, ' ').trim()`, computed without building that string.
 * Text between irregular runs is fed to the hash as slices of `text`, a space for each
 * run: an article's text has a few such runs (paragraph breaks) against a space between
 * every two words, which the replacement matched and copied one by one.
 */
export function contentHash(text: string): string {
  const h = createHash('sha256');
  const start = text.search(NOT_SPACE);
  if (start < 0) return h.digest('hex');
  let end = text.length;
  while (/\s/.test(text[end - 1] as string)) end--;
  const re = IRREGULAR_SPACE;
  re.lastIndex = start;
  let from = start;
  for (let m = re.exec(text); m !== null && m.index < end; m = re.exec(text)) {
    h.update(text.slice(from, m.index));
    h.update(' ');
    from = m.index + m[0].length;
  }
  h.update(text.slice(from, end));
  return h.digest('hex');
}
