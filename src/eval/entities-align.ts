/**
 * Maps character offsets of an article's cleaned text back to the document's text as
 * the dataset gives it, so that gold labels (raw offsets) and system mentions (cleaned
 * offsets) can be compared whatever cleaning removed or rejoined.
 *
 * Cleaning keeps the order of what it keeps: each cleaned paragraph is found in the raw
 * text after the previous one; a paragraph that is not found verbatim (whitespace
 * normalised, paragraphs joined) is aligned word by word, each word searched after the
 * previous one within a bounded window. Unaligned characters map to -1.
 */

const WINDOW = 4000;

export class OffsetMap {
  private readonly map: Int32Array;
  constructor(cleaned: string, raw: string) {
    this.map = new Int32Array(cleaned.length).fill(-1);
    let cursor = 0;
    let lineStart = 0;
    for (const line of cleaned.split('\n')) {
      const at = line.trim() ? raw.indexOf(line, cursor) : -1;
      if (at >= 0 && at - cursor <= WINDOW) {
        for (let k = 0; k < line.length; k++) this.map[lineStart + k] = at + k;
        cursor = at + line.length;
      } else {
        for (const w of line.matchAll(/\S+/g)) {
          const pos = raw.indexOf(w[0], cursor);
          if (pos < 0 || pos - cursor > WINDOW) continue;
          for (let k = 0; k < w[0].length; k++) this.map[lineStart + (w.index as number) + k] = pos + k;
          cursor = pos + w[0].length;
        }
      }
      lineStart += line.length + 1;
    }
  }

  /** The raw span of the cleaned span [start, end), or null when either end is unaligned or they are not in order. */
  span(start: number, end: number): [number, number] | null {
    const a = this.map[start];
    const b = this.map[end - 1];
    if (a === undefined || b === undefined || a < 0 || b < 0 || b < a) return null;
    return [a, b + 1];
  }
}
