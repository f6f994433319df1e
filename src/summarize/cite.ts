/**
 * Citation: every summary sentence cites every article that reports the same
 * content, not only the one it was extracted from.
 *
 * For each selected sentence and each other article of the story, the best
 * matching sentence of that article is found; the article is cited when the match
 * says the same thing: a high TF-IDF cosine, or most of the (idf-weighted) content
 * of the shorter sentence contained in the longer one (a rewrite that adds or drops
 * a clause). The matching sentence is kept as evidence, so a reader can open the
 * source at the place that reports it.
 */
import type { AnnotatedArticle, Sentence, SentenceRef, Token } from '../types.js';
import { Idf, cosine, tfidf, type SparseVector } from '../text/similarity.js';
import { sentenceFigures, statesFigure, valueRelation, type Figure } from '../analysis/numbers.js';

export interface CitationOptions {
  /** Cosine at or above which two sentences report the same content (default 0.5). */
  minCosine?: number;
  /** Weighted containment of the shorter sentence in the longer (default 0.7). */
  minContainment?: number;
  /** Fewest shared content terms for the containment rule (default 4). */
  minShared?: number;
  /**
   * Idf-weighted share of the sentence's predicate terms (content words that are neither
   * names nor numbers) that the citing article's sentence must hold (default 0.35).
   */
  minPredicate?: number;
}

/** An article reporting the sentence's content with a different figure for one of its quantities. */
export interface Disagreeing {
  articleId: string;
  /** The article's sentence giving the other figure. */
  ref: SentenceRef;
  /** The sentence's figure and the article's, as written. */
  figure: string;
  other: string;
}

export interface Citation {
  sources: string[];
  evidence: SentenceRef[];
  /** Articles that report the same content with a different figure: not support. */
  disagreeing: Disagreeing[];
}

export function ref(s: Sentence): SentenceRef {
  return { articleId: s.articleId, sentence: s.index, start: s.start, end: s.end };
}

/** Idf-weighted share of `a`'s distinct terms that also occur in `b`, and the count shared. */
function weightedContainment(a: Set<string>, b: Set<string>, idf: Idf): { share: number; shared: number } {
  let total = 0;
  let inside = 0;
  let shared = 0;
  for (const t of a) {
    const w = idf.idf(t);
    total += w;
    if (b.has(t)) {
      inside += w;
      shared++;
    }
  }
  return { share: total > 0 ? inside / total : 0, shared };
}

/**
 * True when the sentence is a headline line in title case or capitals inside the text ("CANNES
 * RED CARPET: Man Hides Under America Ferrera's Dress"): no word of four letters or more after
 * the first opens in lower case, and there are at least three. A headline names the event; it
 * is not the narration a citation points the reader to, and what it says cannot be told from
 * names (issue 10, fourth held-out review, mnval-051).
 */
export function titleCaseLine(s: Sentence): boolean {
  const long = s.tokens.filter((t, i) => i > 0 && t.kind === 'word' && /^\p{L}{4,}/u.test(t.text));
  return long.length >= 3 && long.every((t) => !/^\p{Ll}/u.test(t.text));
}

/** How strongly sentence `b` reports the content of sentence `a` (0…1), or 0 below the thresholds. */
export function reportsSame(
  a: Sentence,
  b: Sentence,
  va: SparseVector,
  vb: SparseVector,
  idf: Idf,
  opts: Required<Omit<CitationOptions, 'minPredicate'>>,
): number {
  const cos = cosine(va, vb);
  if (cos >= opts.minCosine) return cos;
  const ta = new Set(a.terms);
  const tb = new Set(b.terms);
  const [short, long] = ta.size <= tb.size ? [ta, tb] : [tb, ta];
  const { share, shared } = weightedContainment(short, long, idf);
  if (shared >= opts.minShared && share >= opts.minContainment) return Math.max(cos, share * 0.9);
  return 0;
}

/** Stems of a sentence's content words that are neither names nor numbers: what it says about the people and things it names. */
export function predicateTerms(s: Sentence): Set<string> {
  const terms = new Set(s.terms);
  const out = new Set<string>();
  for (const t of s.tokens) {
    if (t.stop || t.pos === 'PROPN' || t.pos === 'NUM' || !/^\p{Ll}/u.test(t.text) || !terms.has(t.stem)) continue;
    out.add(t.stem);
  }
  return out;
}

/**
 * Idf-weighted share of `a`'s predicate terms found among the terms of `b` (1 when `a` has
 * none). A word of `b` that stands only inside a name there is not a statement of `b`: "President
 * Donald Trump's son-in-law … is willing to cooperate" does not say what "the president's
 * son-in-law … is under scrutiny by the FBI" says (issue 10, fifth held-out review, mnval-219).
 */
export function predicateShare(a: Sentence, b: Sentence, idf: Idf): number {
  const p = predicateTerms(a);
  if (p.size === 0) return 1;
  // (A name's words, and a capitalised title right before a name: "President Donald Trump".)
  const named = (t: Token, i: number) => t.pos === 'PROPN' || (/^\p{Lu}/u.test(t.text) && b.tokens[i + 1]?.pos === 'PROPN');
  const inName = new Set(b.tokens.filter(named).map((t) => t.stem));
  b.tokens.forEach((t, i) => {
    if (!named(t, i)) inName.delete(t.stem);
  });
  const tb = new Set(b.terms.filter((t) => !inName.has(t)));
  let total = 0;
  let inside = 0;
  for (const t of p) {
    const w = idf.idf(t);
    total += w;
    if (tb.has(t)) inside += w;
  }
  return inside / total;
}

/** Whether two figures measure one quantity closely enough to contradict: same unit, same counted noun. */
function rivals(f: Figure, g: Figure): boolean {
  if (f.unit !== g.unit) return false;
  if (f.unit === 'count') return f.head !== '' && f.head === g.head && (f.predicate === g.predicate || [...f.verbs].some((v) => g.verbs.has(v)));
  return f.head === g.head;
}

/**
 * Whether an article whose sentence `t` reports the content of `s` supports its figures:
 * `support` when the article states each of them (after normalising format, number
 * words, scales and units; a bound it satisfies counts — "more than 200" for 213 — and
 * an approximate figure only for a value it rounds to: "about 180" for 178, not 162,
 * `statesFigure`); `disagrees` when `t` gives one of the quantities with a conflicting value;
 * `lacks` when the article states some figure nowhere.
 */
export function figureSupport(
  mine: Figure[],
  t: Sentence,
  all: () => Figure[],
  figuresOf: (s: Sentence) => Figure[],
): { verdict: 'support' | 'disagrees' | 'lacks'; figure?: Figure; other?: Figure } {
  if (mine.length === 0) return { verdict: 'support' };
  const there = figuresOf(t);
  for (const f of mine) {
    if (there.some((g) => statesFigure(f, g))) continue;
    const other = there.find((g) => rivals(f, g) && valueRelation(f, g) === 'conflict');
    if (other) return { verdict: 'disagrees', figure: f, other };
  }
  const everywhere = all();
  for (const f of mine) {
    if (everywhere.some((g) => statesFigure(f, g))) continue;
    // Stated nowhere, but another value of the quantity is given elsewhere in the article.
    const other = everywhere.find((g) => rivals(f, g) && valueRelation(f, g) === 'conflict');
    return other ? { verdict: 'disagrees', figure: f, other } : { verdict: 'lacks', figure: f };
  }
  return { verdict: 'support' };
}

/** Cites every article of `docs` that reports the content of each sentence of `selected`. */
export function cite(selected: Sentence[], docs: AnnotatedArticle[], options: CitationOptions = {}): Citation[] {
  const opts: Required<CitationOptions> = {
    minCosine: options.minCosine ?? 0.5,
    minContainment: options.minContainment ?? 0.7,
    minShared: options.minShared ?? 4,
    minPredicate: options.minPredicate ?? 0.35,
  };
  const idf = new Idf();
  for (const d of docs) for (const s of d.sentences) idf.add(s.terms);
  const vectors = new Map<Sentence, SparseVector>();
  const vec = (s: Sentence): SparseVector => {
    let v = vectors.get(s);
    if (!v) {
      v = tfidf(s.terms, idf);
      vectors.set(s, v);
    }
    return v;
  };
  const figures = new Map<Sentence, Figure[]>();
  const figuresOf = (x: Sentence): Figure[] => {
    let f = figures.get(x);
    if (!f) {
      f = sentenceFigures(x.articleId, x, []);
      figures.set(x, f);
    }
    return f;
  };
  const articleFigures = new Map<AnnotatedArticle, Figure[]>();
  const allOf = (d: AnnotatedArticle) => (): Figure[] => {
    let f = articleFigures.get(d);
    if (!f) {
      f = d.sentences.flatMap(figuresOf);
      articleFigures.set(d, f);
    }
    return f;
  };
  return selected.map((s) => {
    const sources = [s.articleId];
    const evidence = [ref(s)];
    const disagreeing: Disagreeing[] = [];
    const mine = figuresOf(s);
    for (const d of docs) {
      if (d.article.id === s.articleId) continue;
      let best: Sentence | null = null;
      let bestScore = 0;
      for (const t of d.sentences) {
        if (titleCaseLine(t)) continue;
        const score = reportsSame(s, t, vec(s), vec(t), idf, opts);
        if (score > bestScore) {
          bestScore = score;
          best = t;
        }
      }
      if (!best) continue;
      // A citation means support: the article's sentence states what the summary
      // sentence says about the people and things it names, not only the names
      // ("the victims X, Y and Z were engineers" does not support "Tagirov was
      // investigating the deaths of X, Y and Z"), nor one clause of it.
      if (predicateShare(s, best, idf) < opts.minPredicate) continue;
      // A citation means support: an article giving another figure for one of the
      // sentence's quantities disagrees; one that states the figure nowhere is not cited.
      const v = figureSupport(mine, best, allOf(d), figuresOf);
      if (v.verdict === 'disagrees') {
        disagreeing.push({ articleId: d.article.id, ref: ref(v.other?.sentence ?? best), figure: v.figure?.text ?? '', other: v.other?.text ?? '' });
        continue;
      }
      if (v.verdict === 'lacks') continue;
      sources.push(d.article.id);
      evidence.push(ref(best));
    }
    return { sources, evidence, disagreeing };
  });
}
