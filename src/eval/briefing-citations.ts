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
 * figure; a compatible bound or estimate supports ("more than 200" for 213, "almost
 * 200" for 190).
 */
import type { BriefingStory } from '../briefing.js';
import type { AnnotatedArticle, Sentence } from '../types.js';
import { sentenceFigures, valueRelation, type Figure } from '../analysis/numbers.js';

export interface CitationProblem {
  /** Index of the summary sentence in the story. */
  sentence: number;
  text: string;
  articleId: string;
  problem: 'lacks' | 'contradicts';
  /** The figure of the summary sentence concerned, as written. */
  figure: string;
  /** For `contradicts`: the cited sentence's figure, as written. */
  other: string | null;
}

export interface CitationCheck {
  /** Summary sentences with at least one figure. */
  sentencesWithFigures: number;
  /** Citations of those sentences checked (cited article ≠ the sentence's own). */
  citationsChecked: number;
  /** Summary sentences with at least one citation that lacks or contradicts their figures. */
  unsupportedSentences: number;
  problems: CitationProblem[];
}

/** The same figure after normalisation, or one compatible with it ("more than 200" for 213; "about 2,000" for 2,100). */
function agrees(f: Figure, g: Figure): boolean {
  return f.unit === g.unit && valueRelation(f, g) !== 'conflict';
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
  const out: CitationCheck = { sentencesWithFigures: 0, citationsChecked: 0, unsupportedSentences: 0, problems: [] };
  story.summary.forEach((sum, i) => {
    const own = byId.get(sum.from.articleId)?.sentences[sum.from.sentence];
    if (!own) return;
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
        if (!all.some((g) => agrees(f, g))) {
          out.problems.push({ sentence: i, text: sum.text, articleId: ev.articleId, problem: 'lacks', figure: f.text, other: null });
          bad = true;
          continue;
        }
        if (there.some((g) => agrees(f, g))) continue;
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
