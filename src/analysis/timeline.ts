/**
 * Timeline: dated events of a story.
 *
 * The date resolver (`dates.ts`, the one `crossread eval-timex` measures) finds and
 * resolves the date expressions of each sentence against the article's publication
 * date: written dates keep their precision ("September 30, 2015" → 2015-09-30, "in
 * August 2015" → 2015-08, "since September 2014" → 2014-09, "in 2015" → 2015), weekdays
 * follow the clause's tense ("will resume on Monday" in a Sunday article is the next
 * day, "said on Monday" the previous one), relative expressions are anchored on the
 * publication date, vague ones and those of undated articles stay unresolved. This
 * module then decides what dates a sentence's main event:
 *   - a calendar date only (`calendarDate`): a past week gives its month when it lies
 *     in one, a season its year; weeks to come, winters, quarters, decades and
 *     reference values (PRESENT_REF) are left out;
 *   - a date inside a side clause ("Russia, which began its campaign in 2015, said …",
 *     a parenthesis other than a bare date) does not date the main event;
 *   - a bare year dates it only after a preposition ("in 2015", not "the 2014 election");
 *   - a date after "since" starts a period and dates no event of the sentence ("has
 *     killed 37,000 people since 1984"), nor does a deadline ("seeks to eliminate the
 *     deficit by 2025");
 *   - an opening subordinate clause ("Despite an alliance in 1974, he …") and an
 *     apposition (", the Republican he defeated in 1996,") are side clauses too;
 *   - advertising, site furniture ("Subscribe now … until Monday"), photo captions and
 *     credits ("… in Paris, April 22, 2015.", "Eric Gay / AP", "in this photograph") and
 *     print-edition notes, and page furniture (an embedded post: "— Name (@handle)
 *     April 1, 2017") are never events.
 * Entries of several articles for the same event and date are merged (their
 * content keys overlap); the same event given different dates is reported as a
 * date disagreement.
 */
import { calendarDate, findDates, isNotEvent, type DateMention } from './dates.js';
import type { Disagreement, TimelineEntry } from '../briefing.js';
import type { AnnotatedArticle, Sentence, SentenceRef, Token } from '../types.js';
import type { EntityIndex, EntityInfo } from './entities.js';
import { sentenceKeys } from './terms.js';
import { pairsSharing } from './pairs.js';
import { isPageFurniture } from '../text/furniture.js';
import { opensAsCaption } from '../text/credit.js';
import { opensOnPointer, personSubject, withoutOpeningConnective } from '../text/opening.js';
import { entityGender, pronounGender } from './gender.js';
import { onTeaserPage } from '../text/teaser.js';
import { loadJson } from '../data.js';

export interface DatedEvent {
  date: string;
  text: string;
  articleId: string;
  sentence: Sentence;
  keys: Set<string>;
  reportedOn: string | null;
  /**
   * The date stands in the sentence's main clause. Only such dates make timeline
   * entries; a date in a side clause still counts when two near-identical sentences
   * give the same event different dates (a date disagreement).
   */
  main: boolean;
}

/** Words opening a side clause after a comma or dash: a date inside one does not date the sentence's main event. */
const SIDE_CLAUSE = /^(?:which|who|whom|whose|where|when|as|after|before|since|while|although|though|once|just as|much as|even as|exactly as)\b/i;

/**
 * A relative clause on a noun, with or without a comma ("the nude man who raced across
 * the stage in 1974", "a contractor who won the jackpot in 2002"), or a comparison
 * ("just as many voters did in November 1974"): it tells of someone or something else,
 * and a date inside it does not date the sentence's main event. It runs to the next
 * comma, semicolon or dash, or the sentence's end.
 */
const INNER_SIDE = /\s(?:who|whom|whose|which|(?:just|much|even|exactly)\s+as)\s/g;

/**
 * An apposition: a noun phrase opened by an article after a comma, closed by another
 * comma or dash, once the sentence has had a verb ("he sought to enlist Bob Dole, the
 * Republican he defeated in 1996, as an emissary"). It describes a name and dates nothing
 * of the sentence. Without a verb before it, the phrase is the main clause after an
 * opening one ("However, the group's tour was cut short in October 2006").
 */
const APPOSITION = /^(?:the|a|an)\b/i;

/**
 * A participle of origin with its date, after a comma and a main clause's verb: it dates the
 * noun before it, not the main event ("KR17 is conducted in accordance with the South
 * Korean-U.S. Mutual Defense Treaty, signed Oct. 1, 1953", mnval-104).
 */
const ORIGIN_PARTICIPLE = /^(?:signed|founded|built|established|created|formed|enacted|adopted|ratified|written|drafted|erected|constructed|set up|born)\s+(?:(?:in|on|back in)\s+)?(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s|\d)/i;

/** Words opening a subordinate clause or phrase at the start of a sentence, up to its first comma ("Despite an alliance in 1974, he is …"). */
const OPENING_SIDE = /^\W*(?:although|though|even though|despite|while|whereas|since|ever since|after|before|when|once|if|unless|because|until)\b/i;

/**
 * Spans of a sentence's side clauses: parentheses, and clauses opened by a comma or dash
 * and a relative or subordinating word ("Russia, which began its campaign in 2015, said …"),
 * up to the next comma or dash or the sentence's end.
 */
export function sideClauses(
  text: string,
  verbBefore: (offset: number) => boolean = () => false,
  verbAt: (offset: number) => boolean = () => false,
  verbIn: (from: number, to: number) => boolean = () => false,
): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  if (OPENING_SIDE.test(text)) {
    const comma = text.indexOf(',');
    if (comma > 0) spans.push([0, comma]);
  }
  for (const m of text.matchAll(/\([^()]*\)/g)) spans.push([m.index ?? 0, (m.index ?? 0) + m[0].length]);
  for (const m of text.matchAll(/(?:,|\s[-–—]{1,2})\s+/g)) {
    const at = (m.index ?? 0) + m[0].length;
    const rest = /[,;–—]|\s-\s|$/.exec(text.slice(at));
    const end = at + (rest?.index ?? text.length - at);
    if (SIDE_CLAUSE.test(text.slice(at))) spans.push([at, end]);
    else if (ORIGIN_PARTICIPLE.test(text.slice(at)) && verbBefore(m.index ?? 0)) {
      // (To the clause's end past the comma inside its date: "signed Oct. 1, 1953".)
      const past = /[;–—]|\s-\s|$/.exec(text.slice(at));
      spans.push([at, at + (past?.index ?? text.length - at)]);
    }
    // A participle phrase set off by a comma between a subject and its verb ("The movie,
    // set in the run-up to the war in 1982, will be directed by …"), or after a speech
    // verb ("…, Kimmel said, trying to save the moment with a joke about 2015"), tells of
    // something else than the main event.
    // (Right after the subject only, at the sentence's first comma: after an apposition the
    // verb is the main one, "Eichmann, one of the organisers, escaped … in 1950".)
    else if (
      verbAt(at) &&
      /^(?:\p{L}+(?:ed|en|ing)|set|put|cut|hit|held|led|made|known|seen|born|built|won|lost)\b/iu.test(text.slice(at)) &&
      ((!verbBefore(m.index ?? 0) && !text.slice(0, m.index ?? 0).includes(',')) || SPEECH_BEFORE.test(text.slice(0, m.index ?? 0)))
    )
      spans.push([at, end]);
    else if (APPOSITION.test(text.slice(at)) && end < text.length && rest?.[0] !== ';' && verbBefore(m.index ?? 0)) spans.push([at, end]);
  }
  // A gerund after a preposition ("sentenced … for ripping up a photo of the king in court in
  // 2014", "convicted of assaulting a woman in 2015", "arrested after killing …") tells of an
  // earlier act, not the main event: its date dates that act (mnval-127, mnval-103).
  for (const m of text.matchAll(GERUND_COMPLEMENT)) {
    const at = (m.index ?? 0) + m[0].length - (m[1]?.length ?? 0);
    // (The tagger reads many gerunds as nouns, "for ripping up"; nouns in -ing are listed.)
    if ((m.index ?? 0) === 0 || ingNouns().has((m[1] ?? '').toLowerCase())) continue;
    const rest = /[,;–—]|\s-\s|$/.exec(text.slice(at));
    spans.push([at, at + (rest?.index ?? text.length - at)]);
  }
  for (const m of text.matchAll(INNER_SIDE)) {
    const at = (m.index ?? 0) + 1;
    const rest = /[,;–—]|\s-\s|$/.exec(text.slice(at));
    spans.push([at, at + (rest?.index ?? text.length - at)]);
  }
  // A subordinate clause opened without a comma by "before", "until" or "till", with its own
  // verb after a main clause's ("gets to avoid another battle before voters head to polls in
  // November 2012", mnval-112): its date dates that clause's event, not the main one. (A bare
  // phrase, "left before dawn on Monday", "closed until Monday", has no verb and keeps its date.)
  for (const m of text.matchAll(INNER_SUBORDINATE)) {
    const word = m[1] ?? '';
    const at = (m.index ?? 0) + m[0].length - word.length - 1;
    const rest = /[,;–—]|\s-\s|$/.exec(text.slice(at));
    const end = at + (rest?.index ?? text.length - at);
    if (verbBefore(at) && verbIn(at + word.length, end)) spans.push([at, end]);
  }
  // A phrase between two dashes is a parenthesis ("the frontrunner — Boyhood in 2015, The
  // Revenant in 2016 — has lost"): its dates are not the main event's.
  for (const m of text.matchAll(/\s?(?:[–—]|--)\s?[^–—]+?\s?(?:[–—]|--)\s?/g)) {
    const a = m.index ?? 0;
    if (a + m[0].length < text.length - 1) spans.push([a, a + m[0].length]);
  }
  return spans;
}

/** "before", "until" or "till" inside a sentence, not after a comma (those are SIDE_CLAUSE's). */
const INNER_SUBORDINATE = /[^,\s]\s+(before|until|till)\s/gi;

/** A preposition and a gerund, an adverb between allowed: "for ripping", "of sexually assaulting", "after killing". */
const GERUND_COMPLEMENT = /\b(?:for|of|over|after|before|from)\s+(?:\p{Ll}+ly\s+)?(\p{Ll}+ing)\b/gu;

let ingNounSet: Set<string> | null = null;
/** Nouns ending in -ing (data/lexicon/dates.json `ingNouns`): "of spring 2014" is no gerund. */
function ingNouns(): Set<string> {
  ingNounSet ??= new Set(loadJson<{ ingNouns: string[] }>('lexicon/dates.json').ingNouns);
  return ingNounSet;
}

/** A speech verb ending the text before a comma ("…, Kimmel said, trying to …"). */
const SPEECH_BEFORE = /\b(?:said|says|added|told \p{L}+|wrote|joked|explained)\s*$/iu;

const BEFORE_YEAR = /\b(?:in|since|by|from|until|till|through|during|early|late|mid|mid-|throughout|before|after|of|between|and)[\s-]+$/i;

/** A parenthesis holding only a date is an apposition ("died Tuesday (June 20)"), not a clause. */
function apposition(text: string, m: DateMention, a: number, b: number): boolean {
  return text[a] === '(' && /^[\s,.]*$/.test(text.slice(a + 1, m.start) + text.slice(m.end, b - 1));
}

/** Whether a date mention lies in the main clause (outside every side clause but an apposition). */
function inMainClause(text: string, sides: Array<[number, number]>, m: DateMention): boolean {
  return !sides.some(([a, b]) => m.start >= a && m.end <= b && !apposition(text, m, a, b));
}

/**
 * A bare year dates an event after a preposition ("in 2015", "since 2014"); as a
 * modifier ("the 2014 election", "Miss Delaware 2014") it names something, not a time.
 */
function placedYear(text: string, m: DateMention): boolean {
  if (!/^(?:1[6-9]|20)\d\d$/.test(m.text)) return true;
  return placedBefore(text.slice(0, m.start));
}

/** Whether the text before a bare year places it as a time (see placedYear). */
function placedBefore(text: string): boolean {
  const before = text.slice(-40);
  // The last of a list of years ("the shutdowns of 1995 and 1996", "in 1990, 1993 and 1995") is placed as the first is.
  const pair = /(?:1[6-9]|20)\d\d(?:,\s*(?:1[6-9]|20)\d\d)*,?\s+and\s+$/.exec(before);
  if (pair) return placedBefore(text.slice(0, text.length - pair[0].length));
  if (!BEFORE_YEAR.test(before)) return false;
  // "of 1939" dates a time ("the summer of 2006") or the event the sentence's event took
  // place in ("to victory in the war of 1973"), not a thing named by its year ("voted to
  // condemn the nonaggression pact of 1939").
  return !/\bof\s+$/i.test(before) || TIME_OF.test(before) || IN_EVENT_OF.test(before);
}

/** "in the Reagan landslide of", "during the war of": a year naming the event the sentence's event took place in. */
const IN_EVENT_OF = /\b(?:in|during|at)\s+(?:the\s+)?(?:[\p{L}'’-]+\s+){1,3}of\s+$/iu;

/** Time nouns a year after "of" dates ("in the summer of 2006", "the end of 2014"). */
const TIME_OF = /\b(?:spring|summer|fall|autumn|winter|season|end|beginning|start|middle|half|part|months?|weeks?|January|February|March|April|May|June|July|August|September|October|November|December)\s+of\s+$/i;

/**
 * A date after "since" in its phrase or clause ("has killed 37,000 people since 1984",
 * "the widest gap since the government changed its method in 1992") starts a period
 * that lasts until the sentence's own time, and a deadline ("aims to balance the budget
 * by 2013") ends one: neither dates an event of the sentence, except the start of an
 * activity still going on ("has been fighting since September 2014").
 */
function sinceDate(text: string, m: DateMention): boolean {
  const before = text.slice(0, m.start);
  const clause = before.slice(Math.max(before.lastIndexOf(','), before.lastIndexOf(';'), before.lastIndexOf('('), before.lastIndexOf('—'), before.lastIndexOf('–')) + 1);
  // An activity going on since the date ("the coalition has been fighting … since September
  // 2014", "has been providing air cover since 2015") began then: its start is the event.
  // A total or a state since the date ("has killed 37,000 people since 1984", "the widest
  // gap since …") is not.
  if (/\bsince\b/i.test(clause) || /\bsince\b/i.test(m.text)) {
    const at = clause.search(/\bsince\b/i);
    return !ONGOING.test(at >= 0 ? clause.slice(0, at) : clause);
  }
  // "seeks to eliminate deficits by 2025", "aim to balance its budget by 2013": a target
  // date, not the time of an event ("By July 1994, Microsoft had become interested" is).
  return /\bby\s*$/i.test(clause) && TARGET.test(clause);
}

/**
 * A date a figure is compared with ("46 shootings compared to 56 during the same period in
 * 2011", "more than in 2011", "up from 40 in 2011") is the baseline of a comparison: the
 * sentence tells of a later time (mnval-053 dated this year's count 2011).
 */
function comparedDate(text: string, m: DateMention): boolean {
  const before = text.slice(0, m.start);
  const clause = before.slice(Math.max(before.lastIndexOf(','), before.lastIndexOf(';'), before.lastIndexOf('('), before.lastIndexOf('—'), before.lastIndexOf('–')) + 1);
  return COMPARED.test(clause) || THAN_DATE.test(before) || SAME_PERIOD.test(before) || DATING_TO.test(before);
}

/**
 * "dating to September 2013", "coins dating back to 1847", "dating from 1900": the age of a
 * thing named in the sentence, not the time of its event (issue 10, fifth held-out review,
 * mnval-219's "records … dating to September 2013, when Comey was sworn in").
 */
const DATING_TO = /\b(?:dating|dated)\s+(?:back\s+)?(?:to|from)\s+(?:(?:the\s+)?(?:early|mid|late|end of|start of|spring|summer|fall|autumn|winter)\s+(?:of\s+)?)?$/i;

/** A comparison opening in the clause before a date ("compared to 56 during …", "up from 40 in …"; not "stepped down from the bench"). */
const COMPARED = /\b(?:compared (?:to|with)|as against|versus|vs\.?)\b|\b(?:up|down) from\s+(?:about\s+|around\s+|roughly\s+)?[$€£]?\d/i;
/** "than" right before a date's phrase ("than in 2011", "than during the same period of 2011"); not a bound ("more than 200 died in 2011"). */
const THAN_DATE = /\bthan\s+(?:(?:in|during|at|on)\s+)?(?:the\s+same\s+\p{L}+\s+(?:in|of|last)\s+)?$/iu;
/** "the same period in", "the same time last": a date given only as the time compared with. */
const SAME_PERIOD = /\bsame (?:period|time|months?|weeks?|quarter|day|date|point|stretch)\s+(?:in|of|last)\s+$/i;

/**
 * The end of a range whose start is another date of the sentence ("between 2013 and 2014",
 * "between October 2012 and May 2013", "from 2007 to 2009"): the period is dated by its
 * start, once, not by two entries of the same sentence (mnval-073, mnval-123).
 */
function rangeEnd(text: string, m: DateMention, mentions: DateMention[]): boolean {
  const start = mentions.filter((o) => o.end <= m.start && o.end >= m.start - 60).pop();
  if (!start) return false;
  const between = text.slice(start.end, m.start);
  const opening = text.slice(Math.max(0, start.start - 12), start.start);
  return (/^\s*(?:and|to|until|through)\s+$/i.test(between) && /\bbetween\s+$/i.test(opening)) || (/^\s*(?:to|until|through|[-–])\s*$/i.test(between) && /\bfrom\s+$/i.test(opening));
}

/** A present or past perfect progressive ("has been fighting", "had been providing"): an activity that began at its "since" date. */
const ONGOING = /\b(?:has|have|had|'s)\s+been\s+\p{L}+ing\b/iu;

/** An intent or a future before "by <date>" in its clause: the date is a deadline. */
const TARGET = /\b(?:will|would|shall|seeks?|sought|plans?|planned|aims?|aimed|goal|target|expects?|expected)\b|\bto\s+(?:have\s+)?\p{L}+/iu;

/** Months as a caption writes its date ("… in Paris, April 22, 2015."). */
const MONTH = '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)';
/** A photo caption ends on the place and date the picture was taken, with no preposition before the date. */
const CAPTION_END = new RegExp(`\\bin (?:[A-Z][\\p{L}.'’-]*[ ,]+){1,4}${MONTH}\\.? \\d{1,2}, (?:19|20)\\d\\d\\W*$`, 'u');

/** The dates a sentence gives events, each with whether it dates the main event (see the module comment). */
function eventDates(s: Sentence, published: string | null): Array<{ date: string; main: boolean }> {
  const text = s.text;
  const mentions = findDates(text, published);
  if (mentions.length === 0) return [];
  if (CAPTION_END.test(text)) return [];
  const verbBefore = (offset: number) => s.tokens.some((t) => (t.pos === 'VERB' || t.pos === 'AUX') && t.start - s.start < offset);
  const verbAt = (offset: number) => s.tokens.some((t) => t.pos === 'VERB' && t.start - s.start === offset);
  // (A present verb after a plural subject the tagger read as a noun counts: "before voters
  // head to the polls", head/NOUN between voters/NOUN and to/ADP.)
  const verbIn = (from: number, to: number) =>
    s.tokens.some((t, i) => {
      if (t.start - s.start < from || t.start - s.start >= to) return false;
      if (t.pos === 'VERB') return true;
      const prev = s.tokens[i - 1];
      const next = s.tokens[i + 1];
      return t.pos === 'NOUN' && /^\p{Ll}+$/u.test(t.text) && !/s$/.test(t.text) && prev?.pos === 'NOUN' && /^\p{Ll}+s$/u.test(prev.text) && prev.start - s.start >= from && ['ADP', 'PART', 'DET'].includes(next?.pos ?? '');
    });
  const sides = sideClauses(text, verbBefore, verbAt, verbIn);
  const dates = new Map<string, boolean>();
  for (const m of mentions) {
    const d = placedYear(text, m) && !sinceDate(text, m) && !comparedDate(text, m) && !rangeEnd(text, m, mentions) ? calendarDate(m.value, published) : null;
    if (d) dates.set(d, (dates.get(d) ?? false) || inMainClause(text, sides, m));
  }
  // A less precise date of the same time as a more precise one adds nothing.
  const all = [...dates.keys()];
  return all.filter((d) => !all.some((o) => o !== d && o.startsWith(d) && dates.get(o) === dates.get(d))).map((d) => ({ date: d, main: dates.get(d) as boolean }));
}

/**
 * True when the sentence has a verb: a token tagged as one, or a past form the tagger read
 * as an adjective right before its object ("Trump married his …", "Wurfel scorned Henry's …").
 * A dated line without one is a dateline, a byline, an embedded post's date or a list item
 * ("（People's Daily Online） 09:25, November 27, 2012", "— Notch (@notch) March 25, 2014",
 * "\"Pon De Replay,\" Oct. 8, 2005"), not an event (issue 10, fourth held-out review).
 */
export function hasVerb(s: Sentence): boolean {
  const t = s.tokens;
  const aside = asideSpans(s.text);
  const counts = (tok: Token) => !aside.some(([a, b]) => tok.start - s.start >= a && tok.start - s.start < b);
  return t.some((tok, i) => counts(tok) && (tok.pos === 'VERB' || tok.pos === 'AUX' || (/^\p{Ll}{2,}ed$/u.test(tok.text) && ['PRON', 'DET', 'PROPN'].includes(t[i + 1]?.pos ?? ''))));
}

/**
 * Spans whose verbs are not the sentence's: a bracket ("(featuring Jay-Z)", "(David Guetta
 * featuring Rihanna)") and a short quotation of at most six words, a title ("\"Shut Up and
 * Drive,\" Dec. 8, 2007"). A list of songs with their dates is no run of events (issue 10,
 * seventh review, mnval-082).
 */
function asideSpans(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const m of text.matchAll(/\([^()]*\)/g)) out.push([m.index, m.index + m[0].length]);
  for (const m of text.matchAll(/["“]([^"“”]*)["”]/g)) {
    if (m[1] !== undefined && m[1].trim().split(/\s+/).length <= 6) out.push([m.index, m.index + m[0].length]);
  }
  return out;
}

/**
 * The entry's text with its opening "he" or "she" replaced by "[Name]", when the sentence before,
 * in the same article, names exactly one person, outside quotations, whose gender (title or given
 * name, src/analysis/gender.ts) is the pronoun's, and
 * that name is the sentence's subject (its first words, not a possessor: "Balin's manager"); else
 * null. Issue 10, sixth review's leftover: the timeline dropped such events whole.
 */
function namedSubject(doc: AnnotatedArticle, s: Sentence, text: string, index: EntityIndex | null): string | null {
  if (!index || s.index === 0) return null;
  const subject = personSubject(text);
  if (!subject) return null;
  const prev = doc.sentences[s.index - 1];
  if (!prev) return null;
  const people = new Set<EntityInfo>();
  let subjectPerson: EntityInfo | null = null;
  for (const m of index.bySentence.get(prev.id) ?? []) {
    const e = index.of.get(m);
    if (!e || e.type !== 'person' || m.inQuote) continue;
    people.add(e);
    const next = prev.tokens[m.last + 1];
    if (m.first <= 1 && !(next && /^['’]s$/.test(next.text))) subjectPerson = e;
  }
  if (people.size !== 1 || !subjectPerson) return null;
  const g = entityGender(subjectPerson);
  if (g === null || g !== pronounGender(subject.pronoun)) return null;
  return `${text.slice(0, subject.start)}[${subjectPerson.name}]${text.slice(subject.end)}`;
}

/** Dated events of one article. */
export function articleEvents(doc: AnnotatedArticle, index: EntityIndex | null): DatedEvent[] {
  const published = doc.article.published;
  const out: DatedEvent[] = [];
  const seen = new Set<string>();
  for (const s of doc.sentences) {
    // (A sentence opening in lower case is a piece split in the wrong place: "have told him …".)
    if (s.wordCount < 6 || /^\p{Ll}/u.test(s.text.trimStart())) continue;
    // (Nor a teaser for another story, on a page of them: src/text/teaser.ts.)
    if (onTeaserPage(doc.article, doc.article.text)) continue;
    // Dates first: most sentences have none, and the advertising test is the costlier one.
    const dates = eventDates(s, published);
    // (An embedded post, a credit or a sharing box is page furniture, never an event.)
    // (Nor is a photo caption by its opening, "In this Saturday, July 1, 2017, photo, …", nor a
    // line in capitals, a fact box's "IN 1969, QUEEN ELIZABETH TOOK CONTROL …"; nor a line
    // without a verb, a dateline or a post's date.)
    if (dates.length === 0 || !hasVerb(s) || isNotEvent(s.text) || isPageFurniture(s.text) || opensAsCaption(s.text) || !/\p{Ll}/u.test(s.text)) continue;
    // Shown on its own, an entry leaves out a connective tying it to the sentence before
    // ("And both Dr. Lee …" → "Both Dr. Lee …"), and one whose subject is a pronoun or
    // demonstrative ("He joined the band in 1975", "It happened … in 2012") is not shown:
    // the entry would not say who (src/text/opening.ts).
    let text = withoutOpeningConnective(s.text.replace(/\s+/g, ' ').trim());
    if (opensOnPointer(text)) {
      // (Unless "he" or "she" is the one person the sentence before names: the entry then names
      // them in brackets, as an editor would, "[Marty Balin] joined the band in 1975".)
      const named = namedSubject(doc, s, text, index);
      if (named === null) continue;
      text = named;
    }
    for (const { date, main } of dates) {
      const k = `${date}|${s.text.toLowerCase().replace(/\s+/g, ' ')}`;
      if (seen.has(k)) continue;
      seen.add(k);
      out.push({ date, text, articleId: doc.article.id, sentence: s, keys: sentenceKeys(s, index), reportedOn: published, main });
    }
  }
  return out;
}

function overlap(a: Set<string>, b: Set<string>): { share: number; shared: number } {
  const [s, l] = a.size <= b.size ? [a, b] : [b, a];
  let n = 0;
  for (const x of s) if (l.has(x)) n++;
  return { share: s.size ? n / s.size : 0, shared: n };
}

/**
 * Whether two dated sentences report one event: `loose` to merge timeline entries,
 * strict (nearly the same sentence) to call two different dates a conflict.
 */
function sameEvent(a: DatedEvent, b: DatedEvent, loose: boolean): boolean {
  const { share, shared } = overlap(a.keys, b.keys);
  return loose ? shared >= 3 && share >= 0.5 : shared >= 5 && share >= 0.8;
}

/** Whether two dates can be the same time (one contains the other). */
export function compatibleDates(a: string, b: string): boolean {
  return a.startsWith(b) || b.startsWith(a);
}

function refOf(e: DatedEvent): SentenceRef {
  return { articleId: e.articleId, sentence: e.sentence.index, start: e.sentence.start, end: e.sentence.end };
}

/**
 * Merges the events of a story into timeline entries and finds conflicting dates.
 * Bounded for large stories: an event joins the first entry of its date holding a
 * similar event from another article, found through the entries' content keys
 * (only events sharing three keys can be similar), and conflicts are looked for only
 * among events sharing five keys (strict similarity needs them).
 */
export function buildTimeline(events: DatedEvent[], articleOrder: Map<string, number>): { timeline: TimelineEntry[]; conflicts: Disagreement[] } {
  const order = (id: string) => articleOrder.get(id) ?? 0;
  const groups: DatedEvent[][] = [];
  const groupOf = new Map<DatedEvent, number>();
  // Per date: content key → the events already placed that hold it.
  const byDate = new Map<string, Map<string, DatedEvent[]>>();
  for (const e of events) {
    if (!e.main) continue;
    let index = byDate.get(e.date);
    if (!index) byDate.set(e.date, (index = new Map()));
    const shared = new Map<DatedEvent, number>();
    for (const k of e.keys) for (const y of index.get(k) ?? []) shared.set(y, (shared.get(y) ?? 0) + 1);
    // The earliest entry with a similar event from another article.
    let target = -1;
    for (const [y, n] of shared) {
      const gi = groupOf.get(y) as number;
      if (n < 3 || (target >= 0 && gi >= target) || y.articleId === e.articleId) continue;
      if (sameEvent(y, e, true)) target = gi;
    }
    if (target >= 0) groups[target]!.push(e);
    else groups.push([e]);
    groupOf.set(e, target >= 0 ? target : groups.length - 1);
    for (const k of e.keys) {
      const l = index.get(k);
      if (l) l.push(e);
      else index.set(k, [e]);
    }
  }
  const timeline: TimelineEntry[] = groups.map((g) => {
    const sorted = [...g].sort((a, b) => (a.reportedOn ?? '9999').localeCompare(b.reportedOn ?? '9999') || order(a.articleId) - order(b.articleId));
    const dates = g.map((e) => e.reportedOn).filter((d): d is string => d !== null).sort();
    return {
      date: sorted[0]!.date,
      text: sorted[0]!.text,
      sources: [...new Set(sorted.map((e) => e.articleId))].sort((a, b) => order(a) - order(b)),
      reportedOn: dates[0] ?? null,
      refs: sorted.map(refOf),
    };
  });
  timeline.sort((a, b) => a.date.localeCompare(b.date) || (a.reportedOn ?? '').localeCompare(b.reportedOn ?? '') || a.text.localeCompare(b.text));
  // The same event with incompatible dates in different articles.
  const conflicts: Disagreement[] = [];
  const datesOfSentence = new Map<Sentence, string[]>();
  for (const e of events) {
    const l = datesOfSentence.get(e.sentence);
    if (l) l.push(e.date);
    else datesOfSentence.set(e.sentence, [e.date]);
  }
  const datesOf = (e: DatedEvent) => datesOfSentence.get(e.sentence) ?? [];
  const cands = pairsSharing(events.map((e) => e.keys), 5);
  for (let i = 0; i < events.length; i++) {
    for (const j of cands[i] as number[]) {
      const a = events[i] as DatedEvent;
      const b = events[j] as DatedEvent;
      if (a.articleId === b.articleId || compatibleDates(a.date, b.date) || !sameEvent(a, b, false)) continue;
      // A sentence that also gives the other date ("ruled from 1973 until 1990") does not conflict.
      if (datesOf(b).some((d) => compatibleDates(d, a.date)) || datesOf(a).some((d) => compatibleDates(d, b.date))) continue;
      if (a.date.length !== b.date.length) continue;
      const dup = conflicts.find((c) => c.positions.some((p) => p.value === a.date) && c.positions.some((p) => p.value === b.date));
      if (dup) continue;
      conflicts.push({
        kind: 'date',
        subject: a.text.length <= b.text.length ? a.text : b.text,
        positions: [a, b].map((e) => ({ value: e.date, statement: e.text, sources: [e.articleId], attributedTo: null, refs: [refOf(e)] })),
        note: `the same event is dated ${a.date} by ${a.articleId} and ${b.date} by ${b.articleId}`,
        status: 'conflict',
      });
    }
  }
  return { timeline, conflicts };
}
