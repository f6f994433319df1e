/**
 * The citation check: a summary sentence may cite an article only when that article
 * states the sentence's figures. For every summary sentence with figures and every
 * article it cites (other than the one it was taken from):
 *
 * - `lacks`: a figure of the sentence (value and unit after normalising format,
 *   number words, scale words and units) appears nowhere in the cited article;
 * - `contradicts`: the cited evidence sentence gives the same quantity (same unit and
 *   counted noun) with a different value, and not the sentence's value.
 *
 * Figures are read by the analysis' own reader (`sentenceFigures`), so "twelve" and 12,
 * "1.5 million" and 1,500,000, "25 miles (40 km)" and "40 kilometres" are the same
 * figure; a bound supports a value it satisfies ("more than 200" for 213), an
 * approximate figure only a value it rounds to ("almost 200" for 190; "about 180" for
 * 178, never 162: `statesFigure`).
 *
 * And for every summary sentence, with or without figures, and every article it cites
 * (other than its own):
 *
 * - `unstated`: the cited sentence holds under a quarter of what the summary sentence
 *   says beyond its names and figures — its lower-case words of four letters or more,
 *   compared by their first five letters (a crude stem, independent of the citation
 *   code's stems and idf). Names alone ("the victims X, Y and Z were engineers" cited
 *   for "Tagirov was investigating the deaths of X, Y and Z") or one clause of a longer
 *   sentence are not support. A paraphrase in other words is also counted, so this is
 *   a list to read, not a proof: see DESIGN.md "eval".
 */
import type { BriefingStory } from '../briefing.js';
import type { AnnotatedArticle, Sentence } from '../types.js';
import { sentenceFigures, statesFigure, type Figure } from '../analysis/numbers.js';

export interface CitationProblem {
  /** Index of the summary sentence in the story. */
  sentence: number;
  text: string;
  articleId: string;
  problem: 'lacks' | 'contradicts' | 'unstated';
  /** The figure of the summary sentence concerned, as written (for `unstated`: the share of its words the cited sentence holds). */
  figure: string;
  /** For `contradicts`: the cited sentence's figure, as written; for `unstated`: the cited sentence. */
  other: string | null;
}

export interface CitationCheck {
  /** Summary sentences with at least one figure. */
  sentencesWithFigures: number;
  /** Citations of those sentences checked (cited article ≠ the sentence's own). */
  citationsChecked: number;
  /** Summary sentences with at least one citation that lacks or contradicts their figures. */
  unsupportedSentences: number;
  /** Summary sentences (all of them). */
  sentences: number;
  /** Citations of other articles checked for content. */
  contentChecked: number;
  /** Summary sentences with at least one citation whose sentence holds under a quarter of their words (`unstated`). */
  unstatedSentences: number;
  problems: CitationProblem[];
}

const COMMON = new Set(
  'that with from this have been their they were will would which said says about after also into there than other over more some what when where while under could should being those these just only even very most many much such then them your'.split(' '),
);

/** Lower-case words of four letters or more beyond common ones, by their first five letters: what a sentence says beyond its names and figures. */
export function plainWords(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/\p{L}[\p{L}'’-]*/gu)) {
    if (/^\p{Lu}/u.test(m[0])) continue;
    const w = m[0].toLowerCase().replace(/[’']s$/, '');
    if (w.length < 4 || COMMON.has(w)) continue;
    out.add(w.slice(0, 5));
  }
  return out;
}

/** Share of `a`'s plain words found in `b` (1 when `a` has none). */
export function plainShare(a: string, b: string): number {
  const wa = plainWords(a);
  if (wa.size === 0) return 1;
  const wb = plainWords(b);
  let n = 0;
  for (const w of wa) if (wb.has(w)) n++;
  return n / wa.size;
}

/** Checks the citations of one briefed story against the annotated articles it was briefed from. */
export function checkCitations(story: BriefingStory, docs: AnnotatedArticle[]): CitationCheck {
  const byId = new Map(docs.map((d) => [d.article.id, d]));
  const figuresOf = new Map<Sentence, Figure[]>();
  const figs = (articleId: string, s: Sentence): Figure[] => {
    let f = figuresOf.get(s);
    if (!f) {
      f = sentenceFigures(articleId, s, []);
      figuresOf.set(s, f);
    }
    return f;
  };
  const out: CitationCheck = { sentencesWithFigures: 0, citationsChecked: 0, unsupportedSentences: 0, sentences: 0, contentChecked: 0, unstatedSentences: 0, problems: [] };
  story.summary.forEach((sum, i) => {
    const own = byId.get(sum.from.articleId)?.sentences[sum.from.sentence];
    if (!own) return;
    out.sentences++;
    let unstated = false;
    for (const ev of sum.evidence) {
      if (ev.articleId === sum.from.articleId) continue;
      const cited = byId.get(ev.articleId)?.sentences[ev.sentence];
      if (!cited) continue;
      out.contentChecked++;
      const share = plainShare(own.text, cited.text);
      if (share < 0.25) {
        out.problems.push({ sentence: i, text: sum.text, articleId: ev.articleId, problem: 'unstated', figure: share.toFixed(2), other: cited.text });
        unstated = true;
      }
    }
    if (unstated) out.unstatedSentences++;
    const mine = figs(sum.from.articleId, own);
    if (mine.length === 0) return;
    out.sentencesWithFigures++;
    let bad = false;
    for (const ev of sum.evidence) {
      if (ev.articleId === sum.from.articleId) continue;
      const doc = byId.get(ev.articleId);
      const cited = doc?.sentences[ev.sentence];
      if (!doc || !cited) continue;
      out.citationsChecked++;
      const all = doc.sentences.flatMap((s) => figs(doc.article.id, s));
      const there = figs(doc.article.id, cited);
      for (const f of mine) {
        if (!all.some((g) => statesFigure(f, g))) {
          out.problems.push({ sentence: i, text: sum.text, articleId: ev.articleId, problem: 'lacks', figure: f.text, other: null });
          bad = true;
          continue;
        }
        if (there.some((g) => statesFigure(f, g))) continue;
        const rival = there.find((g) => g.unit === f.unit && (f.unit !== 'count' || (f.head !== '' && g.head === f.head)));
        if (rival) {
          out.problems.push({ sentence: i, text: sum.text, articleId: ev.articleId, problem: 'contradicts', figure: f.text, other: rival.text });
          bad = true;
        }
      }
    }
    if (bad) out.unsupportedSentences++;
  });
  return out;
}
