/**
 * Comparable content of a span of text: the content stems of its tokens (from the
 * annotations computed once per article), with names replaced by their entity
 * ("ISIS" and "IS" both become the Islamic State entity) and news words by their
 * equivalence class (data/lexicon/equivalents.json). Used to match quotations,
 * claims, figures and events stated in different words by different outlets.
 */
import type { Sentence } from '../types.js';
import { isContent } from '../text/nlp.js';
import type { EntityIndex } from './entities.js';
import { lexicon } from './lexicon.js';

/** Words too common in reported speech to tell statements apart. */
const REPORTING = new Set(['said', 'say', 'sai', 'told', 'tell', 'ad', 'add', 'state', 'accord', 'note', 'also', 'report']);

/** The equivalence class of a stem. */
export function equivalent(stem: string): string {
  return lexicon().equivalents.get(stem) ?? stem;
}

/** Content keys of the tokens of `sentences` that lie in [start, end). */
export function contentKeys(sentences: Sentence[], start: number, end: number, index: EntityIndex | null): Set<string> {
  const out = new Set<string>();
  for (const s of sentences) {
    const ms = index?.bySentence.get(s.id) ?? [];
    let mi = 0;
    for (const t of s.tokens) {
      if (t.start < start || t.start >= end) continue;
      // Mentions are sorted by offset: advance to the first that ends after this token.
      while (mi < ms.length && (ms[mi] as { end: number }).end <= t.start) mi++;
      const cand = ms[mi];
      const m = cand && t.start >= cand.start && t.start < cand.end ? cand : undefined;
      if (m) {
        const e = index?.of.get(m);
        if (e) {
          out.add(`E${e.id}`);
          continue;
        }
      }
      if (!isContent(t) || REPORTING.has(t.stem)) continue;
      out.add(equivalent(t.stem));
    }
  }
  return out;
}

/** Content keys of a whole sentence. */
export function sentenceKeys(s: Sentence, index: EntityIndex | null): Set<string> {
  return contentKeys([s], s.start, s.end, index);
}
