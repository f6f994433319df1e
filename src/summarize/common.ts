/**
 * What every summarizer of crossread shares: the options, the word budget, which
 * sentences may be extracted at all, reading order, and the rule that no sentence
 * appears twice. The crossread summarizer (./crossread.ts) and the classic
 * baselines (./baselines/) all select from the same candidates with the same
 * budget rules, so that an evaluation compares selection methods and nothing else.
 */
import type { AnnotatedArticle, Sentence } from '../types.js';

export interface SummarizeOptions {
  /** Word budget (default 120). Ignored when `sentences` is set. */
  words?: number;
  /** Number of sentences. */
  sentences?: number;
  /**
   * Let the last sentence run past the word budget. For evaluations that cut every
   * summary at the budget themselves (ROUGE `-l 100` in the DUC 2004 setting), so
   * that a summary is not left short of the budget. Briefings never set it.
   */
  overrun?: boolean;
  /** Seed for summarizers that draw random numbers (the `random` baseline). */
  seed?: number;
}

export const DEFAULT_WORDS = 120;

/** Words of a sentence as a length limit counts them: whitespace-separated tokens (ROUGE's `-l`). */
export function rawWords(s: Sentence): number {
  let n = 0;
  let inWord = false;
  const t = s.text;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    const ws = c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11;
    if (!ws && !inWord) n++;
    inWord = !ws;
  }
  return n;
}

/** The budget of a run: words (or Infinity) and sentences (or Infinity). */
export interface Budget {
  words: number;
  sentences: number;
  overrun: boolean;
}

export function budgetOf(opts: SummarizeOptions): Budget {
  return {
    words: opts.sentences ? Infinity : Math.max(1, opts.words ?? DEFAULT_WORDS),
    sentences: opts.sentences ?? Infinity,
    overrun: Boolean(opts.overrun) && !opts.sentences,
  };
}

/**
 * Sentences that may stand alone in a summary. Too short to carry a statement
 * (fewer than 5 words or 3 content terms), too long to fit any sensible budget
 * (over 80 words), questions, and lines that are not sentences (no verb-final
 * punctuation and no lower-case word: headlines, captions, bylines) are left out.
 */
export function candidates(docs: AnnotatedArticle[]): Sentence[] {
  const out: Sentence[] = [];
  for (const d of docs) {
    for (const s of d.sentences) {
      if (s.wordCount < 5 || s.terms.length < 3 || s.wordCount > 80) continue;
      const text = s.text.trim();
      if (/\?["'”’)]*$/.test(text)) continue;
      if (!/[.!"'”’)]$/.test(text)) continue;
      out.push(s);
    }
  }
  return out;
}

/** A key under which two sentences count as the same sentence (same words, case and punctuation aside). */
export function sameSentenceKey(s: Sentence): string {
  return s.tokens
    .filter((t) => t.kind === 'word' || t.kind === 'number')
    .map((t) => t.norm)
    .join(' ');
}

/**
 * Reading order: articles in the order given, sentences in text order. A summary
 * drawn from several articles reads as those articles would, one after another.
 */
export function readingOrder(selected: Sentence[], docs: AnnotatedArticle[]): Sentence[] {
  const rank = new Map<string, number>(docs.map((d, i) => [d.article.id, i]));
  return [...selected].sort(
    (a, b) => (rank.get(a.articleId) ?? 0) - (rank.get(b.articleId) ?? 0) || a.index - b.index,
  );
}

/**
 * Fills the budget from a ranked list: takes each sentence in rank order when it
 * fits (or, with `overrun`, until the budget is reached), skipping sentences that
 * repeat one already taken and, when `redundant` is given, sentences it rejects.
 */
export function fillByRank(
  ranked: Sentence[],
  budget: Budget,
  redundant?: (s: Sentence, chosen: Sentence[]) => boolean,
): Sentence[] {
  const chosen: Sentence[] = [];
  const keys = new Set<string>();
  let words = 0;
  for (const s of ranked) {
    if (chosen.length >= budget.sentences || words >= budget.words) break;
    const key = sameSentenceKey(s);
    if (keys.has(key)) continue;
    const w = rawWords(s);
    if (!budget.overrun && words + w > budget.words) continue;
    if (redundant && redundant(s, chosen)) continue;
    chosen.push(s);
    keys.add(key);
    words += w;
  }
  return chosen;
}

/**
 * Greedy selection with scores that change as sentences are chosen (MMR, KLSum): each
 * step takes the unused candidate of highest `gain(i)` that fits the budget, skips it
 * when it repeats a chosen sentence, and reports the pick through `chose(i)` so the
 * caller can update its state. Stops when nothing fits.
 */
export function fillGreedy(cands: Sentence[], budget: Budget, gain: (i: number) => number, chose: (i: number) => void): Sentence[] {
  const used = new Uint8Array(cands.length);
  const keys = new Set<string>();
  const chosen: Sentence[] = [];
  let words = 0;
  while (chosen.length < budget.sentences && words < budget.words) {
    let best = -1;
    let bestGain = -Infinity;
    for (let i = 0; i < cands.length; i++) {
      if (used[i]) continue;
      if (!budget.overrun && words + rawWords(cands[i] as Sentence) > budget.words) continue;
      const g = gain(i);
      if (g > bestGain) {
        bestGain = g;
        best = i;
      }
    }
    if (best < 0) break;
    used[best] = 1;
    const s = cands[best] as Sentence;
    const key = sameSentenceKey(s);
    if (keys.has(key)) continue;
    keys.add(key);
    chosen.push(s);
    words += rawWords(s);
    chose(best);
  }
  return chosen;
}

/** A summary as evaluation reads it: one sentence per line. */
export function summaryText(sentences: Sentence[]): string {
  return sentences.map((s) => s.text.replace(/\s+/g, ' ').trim()).join('\n');
}
