/**
 * Figures: numbers with what they count, compared across and within articles.
 *
 * A figure is read from the tokens: digits ("27,000", "3.5") or number words
 * ("eight"), a scale ("1.5 million"), a bound before it ("at least", "about",
 * "more than"), and after it a unit ("percent", "%", "square kilometers") or the
 * noun it counts ("12 civilians", skipping adjectives and names: "3,000 ISIS
 * militants"). A conversion in parentheses right after a figure is the same figure
 * ("27,000 square kilometers (10,425 square miles)"). Years, dates, times, ordinals
 * and numbers that are part of a name ("Deir Ezzor 24") are not figures.
 *
 * Two figures are about the same thing when they have the same unit, count the
 * same noun (up to data/lexicon/equivalents.json: civilians ~ people), go with the
 * same predicate (killed ~ died; held ~ controlled), have compatible "of" phrases
 * ("8% of Deir Ezzor province" is not "15% of the country"), and come from the same
 * passage (within three sentences of one article) or from sentences of two articles
 * that report the same event. Figures that differ only because the articles were
 * published at different times are labelled "different moments", not contradictions.
 */
import type { Disagreement, DisagreementPosition } from '../briefing.js';
import type { AnnotatedArticle, Sentence, SentenceRef, Token } from '../types.js';
import type { Attributor } from './attribution.js';
import type { EntityIndex } from './entities.js';
import { isDemonymWord, lexicon } from './lexicon.js';
import { equivalent, sentenceKeys } from './terms.js';
import { dedupe, UnionFind } from './pairs.js';

/** Text ending just before a total: "four of", "3 out of" (the figure after it is the whole, not the part). */
const OF_TOTAL = /\b(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|all|none|most|some|many)\s+(?:out\s+)?of\s*(?:the\s+)?$/i;

/** Two figures further apart than this factor are not compared as one quantity. */
const MAX_CONFLICT_RATIO = 10;

export type Bound = 'exact' | 'at-least' | 'more-than' | 'less-than' | 'at-most' | 'about';

export interface Figure {
  articleId: string;
  sentence: Sentence;
  value: number;
  bound: Bound;
  /** "percent", a dimension from units.json, or "count". */
  unit: string;
  /** Equivalence class of the counted noun (counts), or "" for units. */
  head: string;
  /** Surface words of the figure as written ("at least 12 civilians"). */
  text: string;
  /** Content keys of the "of" phrase ("of the Deir Ezzor province"). */
  of: Set<string>;
  /** Equivalence class of the nearest content verb, or null. */
  predicate: string | null;
  predicateText: string | null;
  /** Equivalence classes of every content verb near the figure (within ten tokens). */
  verbs: Set<string>;
  /** The predicate comes before the figure ("killing 65 people") rather than after ("21 civilians were killed"). */
  predicateBefore: boolean;
  headText: string;
  start: number;
  end: number;
  /** A later value of a changing count ("the death toll rose to 31"). */
  change: boolean;
  /** Read through a unit conversion or given with one in parentheses: equal up to rounding. */
  converted: boolean;
  /**
   * The place of the last significant digit as written, in the figure's unit: 1,000 miles as
   * kilometres for "about 5,000 miles" (1,609.344). Absent: read from the value itself.
   */
  step?: number;
  /**
   * A measure of its subject itself (a quake's magnitude, a country's population): two
   * articles giving it are compared without their passages having to match.
   */
  intrinsic: boolean;
}

const NUMBER = /^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;
const MONTHS = /^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?$/i;
const SKIP_WORDS = new Set(['one', 'half', 'zero']);
const DAY_WORDS = /\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2}\b/g;
const TIME_NOUNS = new Set(['year', 'month', 'week', 'day', 'hour', 'minute', 'second', 'decade', 'century', 'time', 'times']);

function isNumWord(t: Token | undefined): boolean {
  const lx = lexicon();
  return Boolean(t && (lx.numberWords.has(t.norm) || lx.scales.has(t.norm) || t.norm === 'hundred'));
}

/** Number words that are part of a longer number written in words ("one hundred and three"). */
function partOfWordNumber(toks: Token[], i: number): boolean {
  const prev = toks[i - 1];
  const prev2 = toks[i - 2];
  return isNumWord(prev) || (prev?.norm === 'and' && isNumWord(prev2)) || (toks[i + 1]?.norm === 'hundred');
}

/** A plural noun of a people or group, read as people ("Kurds", "Palestinians", "Shiites"; not "Swiss" or "Kurdish"). */
function peopleNoun(t: Token): boolean {
  return t.kind === 'word' && /^\p{Lu}/u.test(t.text) && /[^s]s$/.test(t.norm) && isDemonymWord(t.norm);
}

function numberValue(t: Token): number | null {
  const c = t.text.charCodeAt(0);
  if (t.kind === 'number' || (c >= 48 && c <= 57)) {
    if (!NUMBER.test(t.text)) return null;
    return Number(t.text.replace(/,/g, ''));
  }
  const w = lexicon().numberWords.get(t.norm);
  if (w === undefined || SKIP_WORDS.has(t.norm)) return null;
  return w;
}

function isYear(t: Token, v: number): boolean {
  return /^\d{4}$/.test(t.text) && v >= 1800 && v <= 2100;
}

/** "a magnitude of 6.4", "put the magnitude of the quake at 6.6": a measure named before its value. */
function measureBefore(toks: Token[], i: number): { dim: string; subject: string; word: string } | null {
  const lx = lexicon();
  const between = new Set(['of', 'at', 'the', 'a', 'an', '-', ':', 'was', 'is']);
  for (let k = i - 1; k >= 0 && i - k <= 7; k--) {
    const t = toks[k] as Token;
    const m = lx.measures.get(t.norm);
    if (m) return { dim: m.dim, subject: measureSubject(toks, i, m), word: t.text };
    if (!between.has(t.norm) && !lx.measures.get('magnitude')?.subjects.has(t.norm)) return null;
  }
  return null;
}

/** What a measure is of: the subject word nearest the value ("aftershock", "quake"). */
function measureSubject(toks: Token[], i: number, m: { subjects: Map<string, string>; default: string }): string {
  let best = m.default;
  let dist = Infinity;
  toks.forEach((t, k) => {
    const sub = m.subjects.get(t.norm) ?? m.subjects.get(t.lemma);
    if (sub && Math.abs(k - i) < dist) {
      dist = Math.abs(k - i);
      best = sub;
    }
  });
  return best;
}

/** "the death toll rose to 31", "the toll stood at 45": the count a toll noun stands for. */
function tollBefore(toks: Token[], from: number): { head: string; predicate: string } | null {
  const lx = lexicon();
  if (!['to', 'at', 'was', 'is', 'reached'].includes(toks[from - 1]?.norm ?? '')) return null;
  for (let k = from - 1; k >= 0 && from - k <= 16; k--) {
    const t = toks[k] as Token;
    if (/^[.;:!?]$/.test(t.text)) return null;
    const toll = lx.tolls.get(t.norm);
    if (toll) return toll;
  }
  return null;
}

/** "rose to 31", "raising the toll to 23": a later value of a changing count. */
function isChange(toks: Token[], from: number): boolean {
  if (toks[from - 1]?.norm !== 'to') return false;
  const lx = lexicon();
  for (let k = from - 2; k >= 0 && from - k <= 4; k--) {
    const t = toks[k] as Token;
    if (/^[.;:!?,]$/.test(t.text)) return false;
    if (lx.changeVerbs.has(t.lemma) && (t.pos === 'VERB' || t.pos === 'NOUN')) return true;
  }
  return false;
}

/** The one place a population belongs to: the name before "'s", or the names of a sentence saying "its". */
function populationOf(toks: Token[], from: number): Set<string> | null {
  const prev = toks[from - 1];
  if (!prev) return null;
  const names = (ts: Token[]) => new Set(ts.filter((t) => t.pos === 'PROPN').map((t) => t.norm));
  if (prev.text === "'s" || prev.text === '’s') {
    const ts: Token[] = [];
    for (let k = from - 2; k >= 0 && from - 2 - k < 3 && toks[k]!.pos === 'PROPN'; k--) ts.push(toks[k] as Token);
    const n = names(ts);
    return n.size ? n : null;
  }
  if (prev.norm === 'its') {
    const n = names(toks.slice(0, from));
    return n.size && n.size <= 3 ? n : null;
  }
  return null;
}

/** The figures of one sentence. `nameSpans` are character ranges of names (numbers inside are skipped). */
export function sentenceFigures(articleId: string, s: Sentence, nameSpans: Array<[number, number]>): Figure[] {
  const lx = lexicon();
  const toks = s.tokens;
  const out: Figure[] = [];
  const consumed = new Set<number>();
  for (let i = 0; i < toks.length; i++) {
    if (consumed.has(i)) continue;
    const t = toks[i] as Token;
    let value = numberValue(t);
    if (value === null) continue;
    if (t.kind !== 'number' && !/^\d/.test(t.text) && partOfWordNumber(toks, i)) continue;
    if (nameSpans.some(([a, b]) => t.start >= a && t.start < b)) continue;
    const prev = toks[i - 1];
    const next = toks[i + 1];
    if (isYear(t, value)) continue;
    // A figure opening a parenthesis qualifies what precedes it ("produce nearly pure H2
    // (96% Faraday efficiency)"); a conversion in parentheses was consumed with its figure.
    if (prev?.text === '(') continue;
    if ((prev && MONTHS.test(prev.text)) || (next && MONTHS.test(next.text))) continue;
    if (next && (next.text === ':' || /^(?:am|pm|a\.m\.|p\.m\.|gmt|utc)$/i.test(next.text))) continue;
    if (prev && /^(?:no\.?|number|aged|age|page|article|resolution|chapter|section|flight|route)$/i.test(prev.text)) continue;
    let j = i + 1;
    // Scale words: "1.5 million", "a thousand".
    const scale = toks[j] ? lx.scales.get(toks[j]!.norm) : undefined;
    if (scale && toks[j]!.kind === 'word') {
      value *= scale;
      j++;
    }
    // Bound before: "at least", "about", "more than".
    let bound: Bound = 'exact';
    let from = i;
    for (const b of lx.bounds) {
      const k = i - b.words.length;
      if (k < 0) continue;
      if (b.words.every((w, x) => toks[k + x]?.norm === w)) {
        bound = b.kind as Bound;
        from = k;
        break;
      }
    }
    if (prev && /^[$€£]$/.test(prev.text)) from = Math.min(from, i - 1);
    // Unit or counted noun after.
    let unit = 'count';
    let head = '';
    let headText = '';
    let to = j - 1;
    let converted = false;
    // The factor the written value was scaled by (miles to kilometres): its precision scales too.
    let factor = 1;
    let intrinsic = false;
    let forcedPredicate: string | null = null;
    let groupKey: string | null = null;
    const two = toks[j + 1] ? `${toks[j]?.norm} ${toks[j + 1]?.norm}` : '';
    const one = toks[j]?.norm ?? '';
    const currency = prev && /^[$€£]$/.test(prev.text) ? lx.units.get(prev.text) : undefined;
    const u2 = lx.units.get(two);
    const u1 = lx.units.get(one);
    if (currency) {
      unit = currency.dim;
      value *= currency.factor;
      factor = currency.factor;
      converted = currency.factor !== 1;
    } else if (u2) {
      unit = u2.dim;
      value *= u2.factor;
      factor = u2.factor;
      converted = u2.factor !== 1;
      headText = `${toks[j]!.text} ${toks[j + 1]!.text}`;
      to = j + 1;
    } else if (u1) {
      unit = u1.dim;
      value *= u1.factor;
      factor = u1.factor;
      converted = u1.factor !== 1;
      headText = toks[j]!.text;
      to = j;
    } else {
      const measure = measureBefore(toks, from);
      // The counted noun: skip adjectives, numbers and names ("3,000 ISIS militants").
      let k = j;
      while (k < toks.length && k - j < 4 && (toks[k]!.pos === 'ADJ' || toks[k]!.pos === 'PROPN' || toks[k]!.pos === 'NUM' || toks[k]!.text === '-')) k++;
      const n = toks[k];
      const noun = n && n.pos === 'NOUN' && n.kind === 'word' ? n : null;
      // "41 Kurds", "1,500 Palestinians": people counted by a plural nationality or group
      // noun, however it is tagged; the group goes with the "of" phrase, so that only
      // counts of one group are compared ("41 Kurds" is not "1,500 Palestinians").
      let group = -1;
      for (let g = j; g <= k && g < toks.length && g - j < 4; g++) {
        if (peopleNoun(toks[g] as Token)) {
          group = g;
          break;
        }
        if (g === k || toks[g]!.pos !== 'ADJ') break;
      }
      if (!measure && group >= 0 && (!noun || group === k)) {
        head = equivalent('peopl');
        headText = toks[group]!.text;
        groupKey = toks[group]!.stem;
        to = group;
      } else if (measure) {
        unit = measure.dim;
        headText = measure.word.toLowerCase();
      } else if (noun) {
        // Ages and durations ("72 year old", "a 17 year rule") are not counts.
        if (TIME_NOUNS.has(noun.lemma)) continue;
        head = equivalent(noun.stem);
        headText = noun.text;
        to = k;
      } else {
        // "the death toll rose to 31": the count the toll stands for.
        const toll = tollBefore(toks, from);
        if (!toll) continue;
        head = equivalent(toll.head);
        headText = 'people';
        forcedPredicate = equivalent(toll.predicate);
      }
    }
    // A measure of its subject (a magnitude) belongs to that subject: the quake, not the aftershock.
    const measured = lx.measures.get(unit) ?? [...lx.measures.values()].find((m) => m.dim === unit);
    if (measured) {
      head = measureSubject(toks, i, measured);
      intrinsic = true;
      forcedPredicate = unit;
    }
    // "six stories below", "30 feet deep": a distance or size of a position, whose
    // predicate is that word ("plunged eight stories" is another quantity).
    let position: string | null = null;
    const after = toks[to + 1];
    if (!measured && (unit === 'count' || unit === 'length') && after && after.kind === 'word') {
      const cls = lx.positions.get(after.norm);
      if (cls) {
        position = after.text;
        forcedPredicate = `position:${cls}`;
      }
    }
    // "(10,425 square miles)": a conversion of the same figure.
    if (toks[to + 1]?.text === '(' && toks[to + 2] && numberValue(toks[to + 2] as Token) !== null) {
      consumed.add(to + 2);
      converted = true;
      let k = to + 3;
      while (k < toks.length && toks[k]!.text !== ')' && k - to < 8) k++;
      to = k;
    }
    // "by 15 points in some polls and as much as 20 in others": one of several readings
    // given as such, no single figure to compare.
    if (toks[to + 1]?.norm === 'in' && /^(?:some|several|many|most|other|others|certain|various)$/.test(toks[to + 2]?.norm ?? '')) {
      i = to;
      continue;
    }
    // "of" phrase after the unit: "85 percent of the country's territory".
    const of = new Set<string>();
    if (toks[to + 1]?.norm === 'of') {
      for (let k = to + 2; k < toks.length && k - to < 10; k++) {
        const x = toks[k] as Token;
        if (x.kind === 'punctuation' || x.pos === 'VERB' || x.pos === 'AUX' || x.pos === 'SCONJ') break;
        if (!x.stop && x.kind === 'word') of.add(equivalent(x.stem));
      }
    }
    if (groupKey) of.add(groupKey);
    // Predicate: the nearest content verb.
    let predicate: string | null = null;
    let predicateText: string | null = null;
    let predicateBefore = false;
    let best = Infinity;
    const verbs = new Set<string>();
    toks.forEach((x, k) => {
      if (x.pos !== 'VERB' || lx.speechVerbs.has(x.lemma)) return;
      const d = k < from ? from - k : k > to ? k - to : Infinity;
      if (d <= 10) verbs.add(equivalent(x.stem));
      if (d < best && d <= 10) {
        best = d;
        predicate = equivalent(x.stem);
        predicateText = x.text;
        predicateBefore = k < from;
      }
    });
    if (forcedPredicate) predicate = forcedPredicate;
    if (position) {
      predicateText = position;
      predicateBefore = false;
    }
    // "North Korea's 23 million people", "to feed its 23 million people": a population.
    if (!forcedPredicate && head === equivalent('peopl') && value >= 100_000 && bound === 'exact') {
      const place = populationOf(toks, from);
      if (place) {
        predicate = 'population';
        for (const w of place) of.add(w);
        intrinsic = true;
      }
    }
    const last = toks[to] as Token;
    const first = toks[from] as Token;
    out.push({
      articleId,
      sentence: s,
      value,
      bound,
      unit,
      head,
      text: s.text.slice(first.start - s.start, last.start + last.text.length - s.start),
      of,
      predicate,
      predicateText,
      predicateBefore,
      verbs,
      headText,
      start: first.start,
      end: last.start + last.text.length,
      change: isChange(toks, from),
      converted,
      ...(factor !== 1 ? { step: precisionOf(value / factor) * factor } : {}),
      intrinsic,
    });
    i = to;
  }
  return out;
}

/** Whether two values state the same figure (estimates within 10%; conversions up to rounding). */
export function sameValue(a: Figure, b: Figure): boolean {
  if (a.value === b.value) return true;
  const m = Math.max(Math.abs(a.value), Math.abs(b.value));
  if ((a.converted || b.converted) && Math.abs(a.value - b.value) <= 0.02 * m) return true;
  const approx = a.bound === 'about' || b.bound === 'about';
  return approx && Math.abs(a.value - b.value) <= 0.1 * m;
}

/** The same number as written (up to a unit conversion's rounding): one position. */
function sameStated(a: Figure, b: Figure): boolean {
  if (a.value === b.value) return true;
  return (a.converted || b.converted) && Math.abs(a.value - b.value) <= 0.02 * Math.max(Math.abs(a.value), Math.abs(b.value));
}

const LOWER_BOUNDS = new Set<Bound>(['at-least', 'more-than']);
const UPPER_BOUNDS = new Set<Bound>(['at-most', 'less-than']);

/** Whether a bound's figure is satisfied by the other value ("more than 200" by 213). */
function fitsBound(bound: Figure, other: Figure): boolean {
  if (LOWER_BOUNDS.has(bound.bound)) return !UPPER_BOUNDS.has(other.bound) && (bound.bound === 'more-than' ? other.value > bound.value : other.value >= bound.value);
  if (UPPER_BOUNDS.has(bound.bound)) return !LOWER_BOUNDS.has(other.bound) && (bound.bound === 'less-than' ? other.value < bound.value : other.value <= bound.value);
  return false;
}

/**
 * How two values of one quantity relate, as an editor reads them: the same figure;
 * compatible (a bound the other value satisfies — "more than 200" and 213, "at least
 * 12" and 21 — or estimates within 10%: "about 2,000" and 2,100); or a conflict.
 */
export function valueRelation(a: Figure, b: Figure): 'same' | 'compatible' | 'conflict' {
  if (sameStated(a, b)) return 'same';
  if (fitsBound(a, b) || fitsBound(b, a)) return 'compatible';
  if (sameValue(a, b)) return 'compatible';
  return 'conflict';
}

/** The place of a value's last significant digit: 10 for 180, 1,000 for 2,000, 0.1 for 2.5. */
export function precisionOf(value: number): number {
  const v = Math.abs(value);
  if (v === 0 || !Number.isFinite(v)) return 1;
  let p = 10 ** Math.floor(Math.log10(v));
  for (let i = 0; i < 15; i++) {
    const q = v / p;
    if (Math.abs(q - Math.round(q)) < 1e-6) return p;
    p /= 10;
  }
  return p;
}

/**
 * Whether `g` states the figure `f` — what a citation needs, stricter than agreement
 * (`valueRelation`): the same figure (up to a conversion's rounding), a value a bound
 * satisfies ("more than 200" and 213), or a value an approximate figure rounds to at its
 * own precision as written (in its own unit before a conversion: "about 5,000 miles" and
 * 8,300 km) and within 10% ("about 180" and 178, never 162; "about 2,000" and 2,100),
 * a bound or an estimate only for the same counted noun. Two different approximate
 * figures ("about 180", "about 200") state different figures.
 */
export function statesFigure(f: Figure, g: Figure): boolean {
  if (f.unit !== g.unit) return false;
  const r = valueRelation(f, g);
  if (r === 'same') return true;
  if (r === 'conflict') return false;
  // A bound or an estimate states a value only of what it counts itself: "at least 60
  // people" (killed) says nothing of "162 others" (injured).
  if (f.head !== g.head) return false;
  if (fitsBound(f, g) || fitsBound(g, f)) return true;
  const fa = f.bound === 'about';
  const ga = g.bound === 'about';
  if (fa === ga) return false;
  const [approx, other] = fa ? [f, g] : [g, f];
  // (Rounded at the precision it was written with: "about 5,000 miles" read in kilometres
  // states 8,300 km, not only the values within a conversion's 2%.)
  return Math.abs(other.value - approx.value) <= (approx.step ?? precisionOf(approx.value)) / 2 + 1e-9 * Math.abs(approx.value);
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
  return n / (a.size + b.size - n);
}

/** Whether two figures measure the same thing. */
export function sameQuantity(a: Figure, b: Figure): boolean {
  if (a.unit !== b.unit || a.head !== b.head) return false;
  if (!a.predicate || !b.predicate) return false;
  // The same predicate, or (for a plain count) a verb in common: "residents living under
  // the bridge were moved" ~ "the city moved residents".
  // (A distance placed by a word — "six stories below" — only with the same word.)
  const placed = a.predicate.startsWith('position:') || b.predicate.startsWith('position:');
  if (a.predicate !== b.predicate && (placed || a.intrinsic || b.intrinsic || a.unit !== 'count' || ![...a.verbs].some((v) => b.verbs.has(v)))) return false;
  if (a.unit === 'count' && !a.head) return false;
  return jaccard(a.of, b.of) >= 0.5;
}

function formatValue(f: Figure): string {
  const n = f.unit === 'percent' ? `${f.value}%` : f.value.toLocaleString('en-US');
  const b: Record<Bound, string> = { exact: '', 'at-least': 'at least ', 'more-than': 'more than ', 'less-than': 'fewer than ', 'at-most': 'up to ', about: 'about ' };
  return `${b[f.bound]}${n}`;
}

function refOf(f: Figure): SentenceRef {
  return { articleId: f.articleId, sentence: f.sentence.index, start: f.sentence.start, end: f.sentence.end };
}

function overlap(a: Set<string>, b: Set<string>): { share: number; shared: number } {
  const [s, l] = a.size <= b.size ? [a, b] : [b, a];
  let n = 0;
  for (const x of s) if (l.has(x)) n++;
  return { share: s.size ? n / s.size : 0, shared: n };
}

function daysBetween(a: string, b: string): number {
  return Math.abs(Date.parse(a) - Date.parse(b)) / 86_400_000;
}

/** Figures of a story that disagree, as disagreements of kind "number". */
export function numberDisagreements(
  docs: AnnotatedArticle[],
  index: EntityIndex,
  attributor: Attributor,
  background: Set<string>,
): Disagreement[] {
  const published = new Map(docs.map((d) => [d.article.id, d.article.published]));
  const byId = new Map(docs.map((d) => [d.article.id, d]));
  const figures: Figure[] = [];
  for (const d of docs) {
    const names = (id: string, si: number): Array<[number, number]> =>
      (index.bySentence.get(`${id}#${si}`) ?? []).map((m): [number, number] => [m.start, m.end]);
    for (const s of d.sentences) figures.push(...sentenceFigures(d.article.id, s, names(d.article.id, s.index)));
  }
  const keys = new Map<Sentence, Set<string>>();
  const keysOf = (s: Sentence) => {
    let k = keys.get(s);
    if (!k) {
      k = sentenceKeys(s, index);
      keys.set(s, k);
    }
    return k;
  };
  const attribution = new Map<Sentence, string | null>();
  const whoSaid = (f: Figure): string | null => {
    if (!attribution.has(f.sentence)) {
      const a = attributor.sentence(byId.get(f.articleId) as AnnotatedArticle, f.sentence);
      attribution.set(f.sentence, a?.entity?.name ?? a?.text ?? null);
    }
    return attribution.get(f.sentence) ?? null;
  };
  // The people and organisations a sentence is about, besides the source it quotes.
  // (The source named after the report — "…, said the Information Center for Human
  // Rights and Democratic Movement" — whatever number of names it takes.)
  const speech = lexicon().speechVerbs;
  const actors = (f: Figure): Set<number> => {
    const source = whoSaid(f);
    const toks = f.sentence.tokens;
    const tail = toks.findIndex((t, k) => k > 0 && toks[k - 1]!.text === ',' && t.pos === 'VERB' && speech.has(t.lemma) && t.start >= f.end);
    const out = new Set<number>();
    for (const m of index.bySentence.get(f.sentence.id) ?? []) {
      const e = index.of.get(m);
      if (!e || e.type === 'place' || e.name === source) continue;
      if (tail >= 0 && m.first > tail) continue;
      if (m.afterPreposition && e.type !== 'person') continue;
      out.add(e.id);
    }
    return out;
  };
  // Where a figure counts: the first place after it introduced by a locative preposition
  // ("104 people were killed Monday in Homs"; "125 died across Syria, many of them in Homs").
  const LOCATIVE = new Set(['in', 'across', 'throughout', 'near', 'at', 'around', 'outside', 'inside']);
  const places = (f: Figure): Set<number> => {
    const toks = f.sentence.tokens;
    const ms = index.bySentence.get(f.sentence.id) ?? [];
    const from = toks.findIndex((t) => t.start >= f.end);
    for (let k = from; k >= 0 && k < toks.length && k - from < 12; k++) {
      if (!LOCATIVE.has(toks[k]!.norm)) continue;
      const m = ms.find((x) => x.first > k && x.first - k <= 3);
      const e = m ? index.of.get(m) : undefined;
      if (e && e.type === 'place') return new Set([e.id]);
    }
    return new Set();
  };
  const disjoint = (a: Set<number>, b: Set<number>) => a.size > 0 && b.size > 0 && ![...a].some((x) => b.has(x));
  const days = (s: Sentence) => new Set((s.text.match(DAY_WORDS) ?? []).map((d) => d.toLowerCase().replace(/\s+/g, ' ')));
  const LOWER = new Set<Bound>(['at-least', 'more-than']);
  const UPPER = new Set<Bound>(['at-most', 'less-than']);
  // Only figures that can measure the same thing as another are compared: those with a
  // predicate and (for counts) a counted noun, bucketed by unit, noun and predicate.
  // A figure in copies of one sentence (the same wire text in several articles) is one
  // figure reported by several articles: one representative is compared for all.
  const position = new Map(figures.map((f, i) => [f, i]));
  // The total in "four of five charges" is not what the verb counts (four are).
  const total = (f: Figure) => OF_TOTAL.test(f.sentence.text.slice(0, f.start - f.sentence.start));
  const comparable = figures.filter((f) => f.predicate && !(f.unit === 'count' && !f.head) && !total(f));
  const { reps, members } = dedupe(comparable, (f) => `${f.start - f.sentence.start}|${f.sentence.text.replace(/\s+/g, ' ')}`);
  const articlesOf = members.map((ms) => new Map(ms.map((f) => [f.articleId, f])));
  const buckets = new Map<string, number[]>();
  reps.forEach((f, i) => {
    const k = `${f.unit}|${f.head}`;
    const l = buckets.get(k);
    if (l) l.push(i);
    else buckets.set(k, [i]);
  });
  // How many figures count each noun in each article: a noun counted once in each of
  // two reports of one day ("more than 200 workers took part" / "213 workers had been
  // employed") is one count told two ways, whatever verb each report puts with it and
  // whether or not one names the day — compared only when the values are within 10% of
  // each other and differ (never a conflict, an equal value or a bound read this way:
  // "nearly 100 members" and "at least 10 members" are not one count). Not for people in general, which a story
  // counts many times over (the dead, the wounded, the evacuated), nor when the verbs
  // are of known different kinds (killed / wounded), nor for reports of different days
  // (both undated is no evidence that they differ; one dated and one not is not read).
  const people = equivalent('peopl');
  const counted = new Map<string, number>();
  for (const f of figures) if (f.unit === 'count' && f.head) counted.set(`${f.articleId}|${f.head}`, (counted.get(`${f.articleId}|${f.head}`) ?? 0) + 1);
  const classed = (p: string | null) => p !== null && lexicon().equivalents.has(p);
  const soleCount = (i: number, j: number): boolean => {
    const a = reps[i] as Figure;
    const b = reps[j] as Figure;
    if (a.unit !== 'count' || !a.head || a.head === people || a.intrinsic || b.intrinsic) return false;
    if (classed(a.predicate) && classed(b.predicate)) return false;
    if ([a.predicate, b.predicate].some((p) => p?.startsWith('position:'))) return false;
    if (Math.abs(a.value - b.value) > 0.1 * Math.max(a.value, b.value)) return false;
    const ids = [...(articlesOf[i] as Map<string, Figure>).keys(), ...(articlesOf[j] as Map<string, Figure>).keys()];
    if (!ids.every((id) => counted.get(`${id}|${a.head}`) === 1)) return false;
    const pa = published.get(a.articleId);
    const pb = published.get(b.articleId);
    return pa && pb ? pa.slice(0, 10) === pb.slice(0, 10) : !pa && !pb;
  };
  const onlyBackground = (i: number) => [...(articlesOf[i] as Map<string, Figure>).keys()].every((id) => background.has(id));
  // Pairs of figures about the same thing with different values.
  const YEAR = /\b(?:1[89]|20)\d\d\b/;
  const uf = new UnionFind(reps.length);
  const differing = new Set<number>();
  const conflictPairs: Array<[number, number]> = [];
  for (const bucket of buckets.values()) {
    for (let x = 0; x < bucket.length; x++) {
      for (let y = x + 1; y < bucket.length; y++) {
        const i = bucket[x] as number;
        const j = bucket[y] as number;
        const a = reps[i] as Figure;
        const b = reps[j] as Figure;
        const same = sameQuantity(a, b);
        const sole = !same && soleCount(i, j);
        if (!same && !sole) continue;
        // Two bounds in the same direction do not contradict ("more than 200" / "more than 220").
        if ((LOWER.has(a.bound) && LOWER.has(b.bound)) || (UPPER.has(a.bound) && UPPER.has(b.bound))) continue;
        // Two figures of one sentence (or of copies of it) are two different quantities.
        if (a.sentence.text.includes(b.text) || b.sentence.text.includes(a.text)) continue;
        // An article reporting both: compared as figures of one article.
        const common = [...(articlesOf[i] as Map<string, Figure>).keys()].find((id) => (articlesOf[j] as Map<string, Figure>).has(id));
        if (common !== undefined) {
          const fa = (articlesOf[i] as Map<string, Figure>).get(common) as Figure;
          const fb = (articlesOf[j] as Map<string, Figure>).get(common) as Figure;
          // Within one article: two different sources giving figures a few sentences apart
          // ("activists say … at least 12"; "the Observatory said 21").
          if (Math.abs(fa.sentence.index - fb.sentence.index) > 3 || fa.sentence === fb.sentence) continue;
          const wa = whoSaid(fa);
          const wb = whoSaid(fb);
          if (!wa || !wb || wa === wb) continue;
        } else {
          // A measure of its subject (a quake's magnitude, a country's population) is compared
          // across articles as such, unless a year says it may be another one (an earlier quake).
          if (a.intrinsic && b.intrinsic && YEAR.test(a.sentence.text) !== YEAR.test(b.sentence.text)) continue;
          const intrinsic = a.intrinsic && b.intrinsic && !YEAR.test(a.sentence.text);
          // Background articles are compared only on strongly matching passages.
          const { share, shared } = overlap(keysOf(a.sentence), keysOf(b.sentence));
          const strict = onlyBackground(i) || onlyBackground(j);
          // A later count ("the death toll rose to 31") restates less of the first report's passage.
          const later = (a.change || b.change) && !strict;
          if (!sole && !intrinsic && (shared < (strict ? 5 : later ? 3 : 4) || share < (strict ? 0.6 : later ? 0.25 : 0.4))) continue;
          if (sole && strict) continue;
        }
        const relation = valueRelation(a, b);
        // Values more than ten times apart are counts of different things ("a federation of
        // 19 million workers" / "800,000 workers laid off"), not two readings of one.
        if (relation === 'conflict' && Math.min(a.value, b.value) > 0 && Math.max(a.value, b.value) / Math.min(a.value, b.value) > MAX_CONFLICT_RATIO) continue;
        // (Nor the same value: equal numbers with other verbs join nothing — "eight
        // assailants were killed" is not "at least eight assailants carried out the attack".)
        if (sole && relation !== 'compatible') continue;
        if (relation === 'same') {
          uf.union(i, j);
          continue;
        }
        // About different actors ("Priorities USA raised $10 million" / "Restore Our Future
        // raised $12 million") or different days ("on Monday" / "on Tuesday"): different things.
        // A measure of its subject names who measured it, not who it is about.
        const measure = a.intrinsic && b.intrinsic;
        if (!measure && disjoint(actors(a), actors(b))) continue;
        // … or in different places ("104 killed in Homs" / "125 died across Syria").
        if (disjoint(places(a), places(b))) continue;
        const da = days(a.sentence);
        const db = days(b.sentence);
        if (da.size && db.size && ![...da].some((x) => db.has(x))) continue;
        // Across articles, a figure for one named day ("as day broke on Tuesday, four were
        // killed") and one for no day may count different days: not compared.
        // (Figures reported on different dates are told apart as different moments below.)
        const pa = published.get(a.articleId);
        const pb = published.get(b.articleId);
        if (common === undefined && !measure && !sole && (da.size > 0) !== (db.size > 0) && !(pa && pb && pa !== pb) && !a.change && !b.change) continue;
        uf.union(i, j);
        differing.add(i);
        differing.add(j);
        if (relation === 'conflict') conflictPairs.push([i, j]);
      }
    }
  }
  const differingRoots = new Set([...differing].map((i) => uf.find(i)));
  const conflictRoots = new Set(conflictPairs.map(([i]) => uf.find(i)));
  // A set's smallest member is its root.
  const groups = new Map(uf.groups().filter((g) => differingRoots.has(g[0] as number)).map((g) => [g[0] as number, g.flatMap((i) => members[i] as Figure[])]));
  for (const g of groups.values()) g.sort((a, b) => (position.get(a) as number) - (position.get(b) as number));
  const outletOf = new Map(docs.map((d) => [d.article.id, d.article.outlet]));
  const out: Disagreement[] = [];
  for (const [root, g] of groups) {
    // One position per value as written.
    const positions: Array<DisagreementPosition & { fig: Figure }> = [];
    for (const f of g) {
      const p = positions.find((x) => sameStated(x.fig, f) && x.fig.bound === f.bound);
      if (p) {
        if (!p.sources.includes(f.articleId)) p.sources.push(f.articleId);
        p.refs?.push(refOf(f));
        continue;
      }
      const attr = attributor.sentence(byId.get(f.articleId) as AnnotatedArticle, f.sentence);
      positions.push({
        value: formatValue(f),
        statement: f.sentence.text.replace(/\s+/g, ' '),
        sources: [f.articleId],
        attributedTo: attr?.entity?.name ?? attr?.text ?? null,
        refs: [refOf(f)],
        fig: f,
      });
    }
    if (positions.length < 2) continue;
    const f0 = g[0] as Figure;
    // "civilians killed" reads better than "killed civilians": prefer a figure whose verb follows it.
    const fs = g.find((f) => !f.predicateBefore && f.predicateText) ?? g.find((f) => f.predicateText) ?? f0;
    const what = fs.unit === 'percent' ? 'share' : fs.intrinsic && fs.unit !== 'count' ? `${fs.unit} of the ${fs.head}` : fs.headText || fs.unit;
    const subject = fs.intrinsic && fs.unit !== 'count' ? what : (fs.predicateBefore ? [fs.predicateText, what] : [what, fs.predicateText]).filter(Boolean).join(' ');
    const dates = [...new Set(positions.flatMap((p) => p.sources.map((s) => published.get(s) ?? null)))];
    const known = dates.filter((d): d is string => d !== null).sort();
    const spread = known.length >= 2 && daysBetween(known[0] as string, known[known.length - 1] as string) > 2;
    // A later report ("rose to 31") of a count: an update. Within one day of reports, only
    // when the changed value is the highest (a toll that "rose to" a lower figure is no update).
    const top = Math.max(...positions.map((p) => p.fig.value));
    const changed = positions.some((p) => p.fig.change && p.fig.value === top);
    const moments = spread || changed;
    const conflict = conflictRoots.has(root);
    const lower = positions.filter((p) => p.fig.bound === 'at-least' || p.fig.bound === 'more-than');
    const where = (p: DisagreementPosition): string => {
      // Outlets by name only: an article id is no name for a reader (the citations point to the articles).
      const outlets = [...new Set(p.sources.map((s) => outletOf.get(s)).filter((o): o is string => Boolean(o)))].join(', ');
      const when = [...new Set(p.sources.map((s) => published.get(s)).filter((d): d is string => Boolean(d)))].join(', ');
      return [p.attributedTo, outlets, when].filter(Boolean).join('; ');
    };
    const values = positions
      .map((p) => {
        const w = where(p);
        return w ? `${p.value} (${w})` : p.value;
      })
      .join(' vs ');
    let note: string;
    if (moments) note = `different moments: ${positions.map((p) => `${p.value} reported ${[...new Set(p.sources.map((s) => published.get(s) ?? 'undated'))].join(', ')}${p.fig.change ? ' (a later count)' : ''}`).join(' vs ')}; a change over time, not necessarily a contradiction`;
    else {
      // Articles giving every figure (one, or copies of it): a difference within one report.
      const within = (positions[0] as { sources: string[] }).sources.filter((id) => positions.every((p) => p.sources.includes(id)));
      const same = within.length === 1 ? 'within one article' : within.length > 1 ? `within each of ${within.length} copies of one article` : 'across articles';
      note = conflict ? `different figures for the same ${subject} ${same}: ${values}` : `compatible figures for the same ${subject} ${same}: ${values}`;
      if (lower.length) note += `; "${lower[0]!.value}" is a lower bound, so the higher figure may be a later or fuller count`;
      else if (!conflict) note += '; estimates that roughly agree';
    }
    out.push({
      kind: 'number',
      subject,
      positions: positions.map(({ fig: _fig, ...p }) => p),
      note,
      status: moments ? ('different-moments' as const) : conflict ? ('conflict' as const) : ('compatible' as const),
    });
  }
  return out;
}
