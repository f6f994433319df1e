/**
 * The quote ledger: direct quotations of a story with their speakers, and the
 * versions of one statement across outlets grouped together.
 *
 * Quotation marks: straight and curly double quotes, guillemets and „low-high“
 * marks, and single quotes when they cannot be apostrophes. Whether a mark opens or
 * closes is read from the characters around it (a space before and a letter after
 * opens), so that the mismatched marks of translated text (“…, “Gerasimov said) and
 * nested quotes (“… the “Islamic State” …”) pair correctly. A quotation split by its
 * attribution (“A,” he said, “B.”) is one quote; a quotation may span sentences.
 *
 * Grouping: two quotes of the same speaker (or one unknown), from different articles, are
 * versions of one statement when most of the content words of the shorter one appear in the longer
 * one, after entity names are replaced by their entity (ISIS = IS) and a few news
 * words by their equivalence class (destroyed ~ defeated; freed ~ liberated; see
 * data/lexicon/equivalents.json), so retold and translated wordings meet.
 */
import type { Quote, QuoteVariant } from '../briefing.js';
import type { AnnotatedArticle, Sentence, SentenceRef } from '../types.js';
import { paragraphs } from '../text/nlp.js';
import type { Attribution, Attributor } from './attribution.js';
import type { EntityIndex, EntityInfo } from './entities.js';
import { lexicon } from './lexicon.js';
import { contentKeys } from './terms.js';
import { dedupe, pairsSharing, UnionFind } from './pairs.js';

const DOUBLE = new Set(['"', '“', '”', '«', '»', '„']);
const DOUBLE_RE = /["“”«»„]/g;
/** Shortest quotation kept (words): shorter ones are scare quotes or names ("complete defeat"). */
export const MIN_QUOTE_WORDS = 4;
/** Longest quotation kept (words): longer spans come from unbalanced marks. */
const MAX_QUOTE_WORDS = 160;

export interface QuoteSpan {
  /** Content offsets (marks excluded). */
  start: number;
  end: number;
  /** Offsets of the opening and closing marks. */
  open: number;
  close: number;
}

/**
 * Invisible format characters (direction marks such as U+202A, left by copied social media
 * posts: "‪”Sorry Sarah, …!!” posted X") count as space around a mark, so a closing mark
 * written to open a quotation at a line's start still opens it.
 */
function isSpace(c: string | undefined): boolean {
  return c === undefined || /[\s(\[{—–\p{Cf}]/u.test(c);
}

function isTrailing(c: string | undefined): boolean {
  return c === undefined || /[\s.,;:!?)\]}—–\p{Cf}]/u.test(c);
}

const ATTRIBUTION_AFTER = /^\s*(?:(?:he|she|they|it|we|the\s+\p{L}+|(?:\p{Lu}[\p{L}.'’-]*\s+){1,4})\s*)?(?:said|says|told|added|stated|noted|stressed|emphasized|explained|insisted|declared|announced|wrote|asked|warned|claimed|quoted|quotes)\b/u;

/**
 * A speech cue with its speaker right after a quotation's closing mark ("…,” she added",
 * "…,” said Kunin", "…,” he answered"): the cue before or after the speaker.
 */
const SPEAKER_CUE = '(?:said|says|added|adds|told|answered|replied|responded|asked|wrote|writes|continued|explained|insisted|declared|exclaimed|shouted|quipped|joked|laughed|sighed)';
const SPEAKER_AFTER = new RegExp(`^\\s*,?\\s*(?:(?:he|she|they|we|I|(?:\\p{Lu}[\\p{L}.'’-]*\\s+){1,4})\\s*${SPEAKER_CUE}|${SPEAKER_CUE}\\s+(?:\\p{Lu}[\\p{L}.'’-]*))\\b`, 'u');

/** Whether another quotation opens after a quotation's closing mark before its sentence ends. */
function quotesOnAfter(text: string, span: QuoteSpan): boolean {
  const rest = /^[^\n]*?(?:[.!?](?=\s)|\n|$)/.exec(text.slice(span.close + 1, span.close + 240));
  return Boolean(rest && /["“„«]/.test(rest[0]));
}

/** Whether a quotation (its content ending in a comma, '!' or '?') is followed by a speech cue and a speaker. */
function spokenAfter(text: string, span: QuoteSpan): boolean {
  const inside = /[,!?]\s*$/.test(text.slice(span.start, span.end));
  const after = text.slice(span.close + 1, span.close + 60);
  return (inside || after.startsWith(',')) && SPEAKER_AFTER.test(after);
}

/** Direct-quotation spans of one paragraph `[pa, pb)` of `text`. */
function paragraphSpans(text: string, pa: number, pb: number): QuoteSpan[] {
  const marks: Array<{ at: number; opens: boolean | null }> = [];
  DOUBLE_RE.lastIndex = pa;
  for (let mm = DOUBLE_RE.exec(text); mm && mm.index < pb; mm = DOUBLE_RE.exec(text)) {
    const p = mm.index;
    const c = mm[0];
    const prev = p > pa ? text[p - 1] : undefined;
    const next = p + 1 < pb ? text[p + 1] : undefined;
    let opens: boolean | null;
    if (c === '«' || c === '„') opens = true;
    else if (c === '»') opens = false;
    else {
      const before = text.slice(Math.max(pa, p - 3), p);
      const afterText = text.slice(p + 1, Math.min(pb, p + 60));
      if (/[,.!?…]\s*$/.test(before) && isSpace(prev) && ATTRIBUTION_AFTER.test(afterText)) opens = false;
      else if (isSpace(prev) && !isTrailing(next)) opens = true;
      else if (!isSpace(prev) && isTrailing(next)) opens = false;
      else opens = c === '“' ? true : c === '”' ? false : null;
    }
    marks.push({ at: p, opens });
  }
  const out: QuoteSpan[] = [];
  const stack: number[] = [];
  for (const m of marks) {
    const opens = m.opens ?? stack.length === 0;
    if (opens) {
      if (stack.length < 2) stack.push(m.at);
    } else if (stack.length) {
      const open = stack.pop() as number;
      if (stack.length === 0) out.push({ start: open + 1, end: m.at, open, close: m.at });
    }
  }
  // An opening mark never closed: a quotation running to the end of the paragraph
  // (the convention for quotes that go on in the next paragraph).
  if (stack.length === 1) {
    const open = stack[0] as number;
    out.push({ start: open + 1, end: pb, open, close: pb });
  }
  // Single quotes, only where they cannot be apostrophes.
  const para = text.slice(pa, pb);
  if (!/[‘']/.test(para)) return out.sort((a, b) => a.start - b.start);
  const singles = /(^|[\s(\[—–])[‘'](\p{L}[^‘’'\n]*?[\p{L}\p{N}.,!?])[’'](?=$|[\s.,;:!?)\]—–])/gu;
  let m: RegExpExecArray | null;
  while ((m = singles.exec(para))) {
    const open = pa + m.index + (m[1] as string).length;
    const start = open + 1;
    const end = start + (m[2] as string).length;
    if (out.some((q) => open >= q.open && open <= q.close)) continue;
    out.push({ start, end, open, close: end });
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * All direct-quotation spans of an article. A quotation left open at the end of a
 * paragraph whose next paragraph closes one without opening it runs on to that
 * closing mark (“I consider … crisis.¶The existing format … Syria, “Gerasimov said.).
 */
export function quoteSpans(text: string): QuoteSpan[] {
  const out: QuoteSpan[] = [];
  const paras = paragraphs(text);
  for (let i = 0; i < paras.length; i++) {
    const p = paras[i] as { start: number; end: number };
    const spans = paragraphSpans(text, p.start, p.end);
    const last = spans[spans.length - 1];
    const next = paras[i + 1];
    if (last && last.close === p.end && next) {
      const closeAt = firstUnopenedClose(text, next.start, next.end);
      if (closeAt !== null) {
        last.end = closeAt;
        last.close = closeAt;
        out.push(...spans);
        out.push(...paragraphSpans(text, closeAt + 1, next.end));
        i++;
        continue;
      }
    }
    out.push(...spans);
  }
  return out;
}

/** Offset of a closing double quote in [a, b) that comes before any opening one, or null. */
function firstUnopenedClose(text: string, a: number, b: number): number | null {
  const spans = paragraphSpans(text, a, b);
  for (let p = a; p < b; p++) {
    const c = text[p] as string;
    if (!DOUBLE.has(c)) continue;
    if (spans.some((q) => q.open === p)) return null;
    if (spans.some((q) => q.close === p)) return null;
    return p;
  }
  return null;
}

export interface RawQuote {
  articleId: string;
  text: string;
  start: number;
  end: number;
  /** Sentences the quotation lies in. */
  sentences: Sentence[];
  speaker: EntityInfo | null;
  speakerText: string | null;
  /** How the speaker was found (the attribution pattern), or null without one. */
  how: Attribution['how'] | null;
  /** The finer route that found the speaker (`Attribution.route`, else `how`), or null. */
  route: string | null;
  keys: Set<string>;
  /**
   * A short quoted fragment inside reported speech (fewer than MIN_QUOTE_WORDS words:
   * "Rubio called the statement “offensive and outlandish”"), kept only with a speaker
   * named in its own sentence or a speech verb introducing it (then perhaps without a
   * speaker). Not a ledger entry; scored by `eval-attribution`.
   */
  fragment: boolean;
}

/**
 * Whether a quotation is a title or a name rather than speech: every word capitalised
 * ("Peace Through Strength", "Make America Great Again", a book or a song), small
 * function words aside.
 */
export function isTitleLike(body: string): boolean {
  const ws = body.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu) ?? [];
  if (!ws.length || ws.length > 12 || /[.!?;]\s*\S/.test(body.trim())) return false;
  const small = /^(?:a|an|the|and|or|of|to|in|on|for|at|by|with|from|as|but|is|be|it|vs)$/;
  const capital = ws.filter((w) => /^[\p{Lu}\p{N}]/u.test(w));
  if (!/^[\p{Lu}\p{N}]/u.test(ws[0] as string)) return false;
  return ws.every((w) => /^[\p{Lu}\p{N}]/u.test(w) || small.test(w)) && (capital.length >= 2 || ws.length === 1);
}

/**
 * The quotations of an article that are titles of works or slogans, not speech: title-like
 * bodies of at least two words ("Only Girl (In the World)", "Where Have You Been", "Make
 * America Great Again") that no speech cue follows. The names inside them are not the
 * story's people, organisations or places (issue 10, mnval-082: "Girl", "World" and "Been"
 * were listed as entities).
 */
export function titleSpans(text: string, spans: QuoteSpan[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const q of spans) {
    const body = cleanQuote(text.slice(q.start, q.end));
    if (wordCount(body) >= 2 && isTitleLike(body) && !spokenAfter(text, q)) out.push([q.start, q.end]);
  }
  return out;
}

function wordCount(s: string): number {
  return (s.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu) ?? []).length;
}

/** Cleans a quotation's text: trailing commas, spaces and stray marks. */
function cleanQuote(s: string): string {
  return s
    .replace(/\s+/g, ' ')
    .replace(/^[\s,;:–—-]+/, '')
    .replace(/[\s,;:–—-]+$/, '')
    .trim();
}

function sentenceIndexAt(doc: AnnotatedArticle, offset: number): number {
  const ss = doc.sentences;
  let lo = 0;
  let hi = ss.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((ss[mid] as Sentence).start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Token index of the first token at or after `offset` in sentence `s` (or its length). */
function tokenAt(s: Sentence, offset: number): number {
  const i = s.tokens.findIndex((t) => t.start >= offset);
  return i < 0 ? s.tokens.length : i;
}

/** Whether the words before the mark name something rather than quote it ("dubbed the “Syrian Express”"). */
function namingBefore(text: string, open: number): boolean {
  const raw = text.slice(Math.max(0, open - 40), open);
  namingRe ??= new RegExp(`\\b(?:${lexicon().naming.map((w) => w.join(' ').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?: the| a| an)?\\s*$`);
  // "what he called “a cartel”", "what Newt Gingrich called “…”": a characterising verb
  // with its subject (a pronoun or a name) right before it quotes that subject.
  return namingRe.test(raw.toLowerCase()) && !CHARACTERISED_BY.test(raw);
}

/**
 * A characterising use of a naming verb: a pronoun or a capitalised name right before it,
 * perhaps with an auxiliary or an adverb between ("which Trump had called", "who he
 * dubbed", "what both Times each called"). A passive ("what is called", "being dubbed")
 * still names, and so does a lower-case subject ("what former employees have called": on
 * the even half of PolNeAR dev its speaker was a name elsewhere in the sentence).
 */
const CHARACTERISED_BY = /(?:\b(?:he|she|they|we|it|I)|\b\p{Lu}[\p{L}.'’-]*)\s+(?:(?:had|has|have|each|also|once|repeatedly|previously)\s+)?(?:called|termed|branded|labell?ed|dubbed)(?: the| a| an)?\s*$/u;

let namingRe: RegExp | null = null;

/** Section headings written as "– “Complete rout of terrorists” –". */
function isHeading(text: string, span: QuoteSpan, pa: number, pb: number): boolean {
  const para = text.slice(pa, pb).trim();
  return /^[–—-]/.test(para) && /[–—-]$/.test(para);
}

/** Extracts the quotations of one article, attributed. */
export function articleQuotes(doc: AnnotatedArticle, spans: QuoteSpan[], attributor: Attributor, index: EntityIndex): RawQuote[] {
  const text = doc.article.text;
  const paras = paragraphs(text);
  const out: RawQuote[] = [];
  let prevSpeaker: { entity: EntityInfo | null; sentence: number } | null = null;
  // The quotation before this one, with its speaker named or described.
  let prevQuote: { entity: EntityInfo | null; text: string | null; sentence: number } | null = null;
  // The quotation (or fragment) before this one whose attribution came before it in its
  // sentence, naming a person ("Graham argued that being American “is an idea” and that “no
  // group owns …”"): that attribution governs the rest of the sentence.
  // (Not when a name stands between them: "While Sullivan proclaims the article a “…,”
  // Clinton fixates on the “pivot”" has a subject of its own.)
  let governing: { attr: Attribution; sentence: number; close: number } | null = null;
  const governed = (si: number, open: number, a: Attribution | null): Attribution | null => {
    if ((a && (a.entity || a.text)) || !governing || governing.sentence !== si) return a;
    const from = governing.close;
    return attributor.mentionsOf(doc.article.id, si).some((m) => m.start > from && m.start < open && !m.inQuote) ? a : { ...governing.attr, route: `${governing.attr.how}:governed` };
  };
  const govern = (si: number, ei: number, close: number, a: Attribution | null) => {
    governing = a?.entity?.type === 'person' && (a.how === 'before' || a.how === 'according') && si === ei ? { attr: a, sentence: ei, close } : null;
  };
  for (let qi = 0; qi < spans.length; qi++) {
    const span = spans[qi] as QuoteSpan;
    const para = paras.find((p) => span.open >= p.start && span.open < p.end);
    if (!para || isHeading(text, span, para.start, para.end) || namingBefore(text, span.open)) continue;
    let body = cleanQuote(text.slice(span.start, span.end));
    let end = span.end;
    let close = span.close;
    let splitAt: number | null = null;
    // “A,” he said, “B.”: the second part continues the first.
    const next = spans[qi + 1];
    const endsWithComma = /,\s*$/.test(text.slice(span.start, span.end)) || text[span.close + 1] === ',';
    if (next && endsWithComma) {
      const between = text.slice(span.close + 1, next.open);
      // Not when the words between go on past the attribution ("“A,” she said, but …, “B,”
      // said Kunin"; "“A,” she said, adding, “B”": the second part is said on top of the
      // first; "…,” X told the host, noting that …, “B”": the second part is inside a
      // reported clause) or when the second part has an attribution of its own: two quotations.
      const ownClause = /\b(?:but|while|though|although|yet|whereas|adding|that)\b/i.test(between);
      if (between.length < 80 && /^\s*,?[^.!?"“”]*,\s*$/.test(between) && /\b(said|says|added|told|stated|continued|went on|wrote|asked)\b/.test(between) && !ownClause && !spokenAfter(text, next)) {
        body = `${body} … ${cleanQuote(text.slice(next.start, next.end))}`;
        splitAt = span.close;
        end = next.end;
        close = next.close;
        qi++;
      }
    }
    const words = wordCount(body);
    // A title-like quotation followed by a speech cue and a speaker is speech ("“Really,” she
    // added"), unless that cue goes on to another quotation in its sentence, which it then
    // introduces ("someone shouted, “Cruz,” Beck joked, …, “Amen!”").
    // So is an exclamation or a question introduced by a speech verb ("then loudly asked,
    // “Really?”", "tweeted that she was “Disgraceful!”"; not "called him “Little Marco!”").
    const si = sentenceIndexAt(doc, span.open);
    const ei = sentenceIndexAt(doc, Math.max(span.open, end - 1));
    const first = doc.sentences[si] as Sentence;
    const exclaimed = (): boolean => {
      if (!/[!?]$/.test(body)) return false;
      const k = attributor.cueBefore(doc, first, tokenAt(first, span.open));
      return k >= 0 && attributor.speechAt(first.tokens, k);
    };
    if (words === 0 || words > MAX_QUOTE_WORDS || (isTitleLike(body) && !(spokenAfter(text, span) && !quotesOnAfter(text, span)) && !exclaimed())) continue;
    const lastS = doc.sentences[ei] as Sentence;
    // Short fragments without a verb are phrases, not statements ("about an hour ago"):
    // like shorter ones, kept only as fragments with a speaker named in their sentence.
    const phrase = words < 6 && !doc.sentences.slice(si, ei + 1).some((s) => s.tokens.some((t) => t.start >= span.start && t.start < end && (t.pos === 'VERB' || t.pos === 'AUX')));
    if (words < MIN_QUOTE_WORDS || phrase) {
      // A fragment quoted inside reported speech: kept only with a speaker named in its
      // sentence or a speech verb introducing it.
      if (splitAt !== null || ei !== si) continue;
      const closeS = doc.sentences[sentenceIndexAt(doc, Math.min(close, text.length - 1))] as Sentence;
      let fa = governed(si, span.open, attributor.before(doc, first, tokenAt(first, span.open)));
      if (!fa?.entity && close < text.length && closeS === first) {
        const after = attributor.after(doc, closeS, tokenAt(closeS, close + 1));
        if (after && (after.entity || !fa?.text)) fa = after;
      }
      // "“Boots on the ground” would be appropriate, Ben Carson said": an attribution after
      // a comma later in the fragment's sentence (no other quotation between) is its speaker.
      if (!fa?.entity && !fa?.text && closeS === first) {
        const from = tokenAt(first, close + 1);
        const comma = first.tokens.findIndex((t, x) => x >= from && t.text === ',');
        const between = comma < 0 ? '' : text.slice(close + 1, first.tokens[comma]!.start);
        const a = comma >= 0 && ![...between].some((c) => DOUBLE.has(c)) ? attributor.after(doc, first, comma + 1) : null;
        if (a && (a.entity || a.text)) fa = a;
      }
      // ("Trump said he was “happy to see” …, according to The New York Times.": the source
      // the sentence closes with, as for quotations below.)
      if (fa?.how === 'before' && close < text.length && closeS === first) {
        const acc = attributor.trailingAccording(doc, first, tokenAt(first, close + 1));
        if (acc) fa = acc.entity ? acc : null;
      }
      // A fragment introduced by a speech verb (or a characterising one) is quoted speech even
      // when its speaker cannot be named ("he said there had been some “good gains”" with no
      // referent for "he"): found, without a speaker.
      if (!fa?.entity && !fa?.text) {
        if (attributor.cueBefore(doc, first, tokenAt(first, span.open)) < 0) continue;
        fa = null;
      }
      govern(si, ei, close, fa);
      out.push({
        articleId: doc.article.id,
        text: body,
        start: span.start,
        end,
        sentences: [first],
        speaker: fa?.entity ?? null,
        speakerText: fa?.entity ? null : (fa?.text ?? null),
        how: fa?.how ?? null,
        route: fa && (fa.entity || fa.text) ? `fragment:${fa.route ?? fa.how}` : null,
        keys: new Set(),
        fragment: true,
      });
      continue;
    }
    // Attribution: after the closing mark, else before the opening mark, else the previous speaker.
    let attr = null as Attribution | null;
    if (splitAt !== null) {
      // “A,” he said, “B.”: the attribution between the parts.
      const at = doc.sentences[sentenceIndexAt(doc, splitAt)] as Sentence;
      attr = attributor.after(doc, at, tokenAt(at, splitAt + 1));
    }
    const closeSentence = doc.sentences[sentenceIndexAt(doc, Math.min(close, text.length - 1))] as Sentence;
    // ("“Why now? …?” Mills then writes back, “You look cute.”": a quotation ending its own
    // sentence, then a clause that goes on with a comma or colon to the next quotation:
    // that clause introduces the next one, not this one.)
    // (Nor a sentence going on after a full stop to a quotation of its own: "… “… Mrs.
    // Clinton.” Sanders strategist Tad Devine said the “central complication …”".)
    const introducesNext = /[.!?]\s*$/.test(text.slice(span.start, span.end)) && (/^[ \t]*[^\n.!?,:"“”]{1,80}[,:][ \t]*["“]/.test(text.slice(close + 1, close + 120)) ||
      (/\.\s*$/.test(text.slice(span.start, span.end)) && /^[ \t]+\p{Lu}[^\n.!?,:"“”]{0,80}["“]/u.test(text.slice(close + 1, close + 120))));
    if ((!attr || !attr.entity) && close < text.length && !introducesNext) attr = attributor.after(doc, closeSentence, tokenAt(closeSentence, close + 1)) ?? attr;
    if ((!attr || (!attr.entity && !attr.text)) && close < text.length) {
      // “…” ― Pamela Padilla: a name alone after a dash, signing the quotation.
      const dash = /^[ \t]*[―—–][ \t]*/.exec(text.slice(close + 1, close + 8));
      const e = dash ? attributor.signature(doc, close + 1 + dash[0].length) : null;
      if (e) attr = { entity: e, text: null, how: 'after' };
    }
    const nextS = doc.sentences[closeSentence.index + 1];
    if ((!attr || (!attr.entity && !attr.text)) && nextS && nextS.paragraph === closeSentence.paragraph && close < text.length && text.slice(close + 1, nextS.start).trim() === '') {
      // “…?” Sanders replied. / “… .” Bolton charged.: the sentence after the closing mark is the attribution.
      const a = attributor.attributionOnly(nextS) && !introducesNext ? attributor.after(doc, nextS, 0) : null;
      if (a && (a.entity || a.text)) attr = a;
    }
    if (!attr || (!attr.entity && !attr.text)) attr = governed(si, span.open, attributor.before(doc, first, tokenAt(first, span.open)) ?? attr);
    if (attr?.how === 'before' && close < text.length) {
      // "Trump said he was “happy to see” that Khan was voted in, according to The New York
      // Times.", "Trump welcomed the news, saying Kasich was “…,” CNN reported.": the report
      // the whole sentence is attributed to is the quotation's source (nobody when it
      // cannot be named).
      const acc = attributor.trailingAccording(doc, closeSentence, tokenAt(closeSentence, close + 1));
      if (acc) attr = acc.entity ? acc : null;
    }
    govern(si, ei, close, attr);
    // "“…,” the email read.", "“…” Blunt, after a long pause, said of Cruz.": a subject and
    // its verb closing the quotation's sentence attribute it, to someone the patterns above
    // could not name: not to whoever spoke before. (A pronoun there is left to the patterns;
    // a clause going on from the quotation, "“…” which Mozloom thinks …", is no subject.)
    const tail = close < text.length ? closeSentence.tokens.slice(tokenAt(closeSentence, close + 1)) : [];
    const tailWords = tail.filter((t) => t.kind === 'word');
    const w0 = tailWords[0];
    const signed = Boolean(w0) && tail.length <= 12 && !tail.some((t) => DOUBLE.has(t.text)) && !lexicon().pronouns.has(w0!.norm) &&
      (['DET', 'PROPN', 'NOUN', 'ADJ'].includes(w0!.pos) || (w0!.pos === 'VERB' && /^\p{Lu}/u.test(w0!.text))) &&
      tailWords.slice(1, 7).some((t) => t.pos === 'VERB');
    const standalone = text.slice(first.start, span.open).trim().length === 0 && !signed;
    if ((!attr || (!attr.entity && !attr.text)) && standalone && prevQuote && prevQuote.sentence === si - 1 && (prevQuote.entity || prevQuote.text)) {
      // “…,” said a prominent committee member who supports Trump. “…”: the quotation
      // right before goes on, with its speaker as named or described (not a name inside it).
      const prevS = doc.sentences[si - 1] as Sentence;
      if (prevS.paragraph >= first.paragraph - 1) attr = { entity: prevQuote.entity, text: prevQuote.entity ? null : prevQuote.text, how: 'continuation', route: 'continuation:prev-quote' };
    }
    if ((!attr || (!attr.entity && !attr.text)) && si > 0 && standalone) {
      // "…, Rudskoi said." (or "…, columnist X wrote in …") then a quotation alone: that speaker.
      const prevS = doc.sentences[si - 1] as Sentence;
      const a = attributor.sentence(doc, prevS);
      if (a?.entity && a.entity.type === 'person' && prevS.paragraph >= first.paragraph - 1) attr = { entity: a.entity, text: null, how: 'continuation', route: 'continuation:prev-sentence' };
    }
    if ((!attr || (!attr.entity && !attr.text)) && /:\s*$/.test(text.slice(first.start, span.open))) {
      // "Kelly responded pointedly, with a smile: “…”": the name or pronoun opening the sentence.
      const e = attributor.introducer(doc, first, tokenAt(first, span.open));
      if (e) attr = { entity: e, text: null, how: 'before', route: 'before:colon-introducer' };
    }
    if ((!attr || (!attr.entity && !attr.text)) && /:\s*$/.test(text.slice(first.start, span.open))) {
      // "Pollsters agree - Carl Bialik: “…”", "More from Jones: “…”": a person named right
      // before the colon that introduces the quotation (never two joined by "and").
      const m = attributor.mentionsOf(doc.article.id, si).find((x) => !x.inQuote && x.end <= span.open && /^\s*:\s*$/.test(text.slice(x.end, span.open)));
      const e = m ? attributor.speakerEntity(m) : null;
      if (m && e && e.type === 'person' && !/\band\s*$/.test(text.slice(Math.max(0, m.start - 6), m.start))) attr = { entity: e, text: null, how: 'before', route: 'before:colon-name' };
    }
    if ((!attr || (!attr.entity && !attr.text)) && si > 0 && standalone && /:\s*$/.test((doc.sentences[si - 1] as Sentence).text)) {
      // "Cruz continued:¶“…”": the sentence introducing the quotation names its speaker.
      const prevS = doc.sentences[si - 1] as Sentence;
      const e = prevS.paragraph >= first.paragraph - 1 ? attributor.introducer(doc, prevS) : null;
      if (e) attr = { entity: e, text: null, how: 'continuation', route: 'continuation:colon-intro' };
    }
    if ((!attr || (!attr.entity && !attr.text)) && prevSpeaker && si - prevSpeaker.sentence <= 1 && standalone) {
      // A quotation standing alone right after another of the same speaker (right after:
      // with a sentence between, another speaker was meant as often as not on PolNeAR dev).
      attr = { entity: prevSpeaker.entity, text: null, how: 'continuation', route: 'continuation:prev-speaker' };
    }
    // (Not an organisation's statement in the sentence before, "…, the ministry said.": on
    // PolNeAR dev that speaker was wrong more often than right.)
    // A pronoun ("“…,” he said") taken back to the nearest person named in an earlier
    // paragraph, where nobody was reported speaking: the quotation is kept, its speaker
    // withheld (wrong about one time in five on both halves of PolNeAR dev, where speakers
    // overall are wrong one time in twenty to thirty: DESIGN.md, issue 11 thirteenth round).
    // Not for fragments, which are kept only with a speaker or a cue.
    if (attr?.route?.endsWith(':nearest-person+para')) attr = null;
    const speaker: EntityInfo | null = attr?.entity ?? null;
    prevQuote = { entity: speaker, text: speaker ? null : (attr?.text ?? null), sentence: ei };
    if (speaker) {
      prevSpeaker = { entity: speaker, sentence: ei };
      if (speaker.type === 'person') attributor.speakerOf.set(`${doc.article.id}#${ei}`, speaker);
    }
    const sentences = doc.sentences.slice(si, ei + 1);
    out.push({
      articleId: doc.article.id,
      text: body,
      start: span.start,
      end,
      sentences: sentences.length ? sentences : [first, lastS],
      speaker,
      speakerText: attr?.text ?? null,
      how: speaker || attr?.text ? (attr?.how ?? null) : null,
      route: speaker || attr?.text ? (attr?.route ?? attr?.how ?? null) : null,
      keys: contentKeys(sentences, span.start, end, index),
      fragment: false,
    });
  }
  return out;
}

function containment(a: Set<string>, b: Set<string>): { share: number; shared: number } {
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return { share: a.size ? shared / a.size : 0, shared };
}

/**
 * Whether two quotations are versions of one statement: most of the shorter one's
 * content is in the longer one, and the shorter is not a small part of a long one.
 * `common` are keys too frequent in the story's quotations to tell them apart.
 */
export function sameStatement(a: RawQuote, b: RawQuote, common: Set<string> = new Set()): boolean {
  const ka = new Set([...a.keys].filter((k) => !common.has(k)));
  const kb = new Set([...b.keys].filter((k) => !common.has(k)));
  return sameStatementKeys(ka, a.speaker, kb, b.speaker);
}

/** `sameStatement` on key sets already stripped of the story's common keys. */
function sameStatementKeys(ka: Set<string>, sa: EntityInfo | null, kb: Set<string>, sb: EntityInfo | null): boolean {
  if (sa && sb && sa !== sb) return false;
  const [short, long] = ka.size <= kb.size ? [ka, kb] : [kb, ka];
  const { share, shared } = containment(short, long);
  if (long.size === 0 || shared / long.size < 0.2) return false;
  const bothKnown = Boolean(sa && sb);
  if (bothKnown) return (shared >= 3 && share >= 0.5) || (shared >= 2 && share >= 0.6);
  return shared >= 4 && share >= 0.7;
}

function normText(s: string): string {
  return s
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Groups the quotations of a story into statements with their wordings. */
export function groupQuotes(quotes: RawQuote[], articleOrder: Map<string, number>): Quote[] {
  // Keys found in more than 40% of the story's quotations (the story's main entities) do not count.
  const df = new Map<string, number>();
  for (const q of quotes) for (const k of q.keys) df.set(k, (df.get(k) ?? 0) + 1);
  const common = new Set(quotes.length >= 5 ? [...df].filter(([, n]) => n > 0.4 * quotes.length).map(([k]) => k) : []);
  // The same words of the same speaker (copies of one article) are one statement at once;
  // only one of them is compared with the rest.
  const { reps, members } = dedupe(quotes, (q) => `${q.speaker?.id ?? '-'}|${normText(q.text)}`);
  const keys = reps.map((q) => new Set([...q.keys].filter((k) => !common.has(k))));
  const uf = new UnionFind(reps.length);
  const speakerOf = reps.map((q) => q.speaker);
  // Two quotations of one article are two statements, not wordings of one: a group never
  // takes a second quotation from an article it already holds.
  const articlesOf = reps.map((_, i) => new Set((members[i] as RawQuote[]).map((q) => q.articleId)));
  // Every test below needs two shared keys: only pairs with two keys in common are compared.
  const cands = pairsSharing(keys, 2);
  for (let i = 0; i < reps.length; i++)
    for (const j of cands[i] as number[]) {
      if (!sameStatementKeys(keys[i] as Set<string>, reps[i]!.speaker, keys[j] as Set<string>, reps[j]!.speaker)) continue;
      const ri = uf.find(i);
      const rj = uf.find(j);
      if (ri === rj) continue;
      // Never join two groups of different known speakers through an unattributed quote.
      const si = speakerOf[ri];
      const sj = speakerOf[rj];
      if (si && sj && si !== sj) continue;
      const ai = articlesOf[ri] as Set<string>;
      const aj = articlesOf[rj] as Set<string>;
      if ([...ai].some((a) => aj.has(a))) continue;
      const root = uf.union(ri, rj);
      speakerOf[root] = si ?? sj ?? null;
      articlesOf[root] = new Set([...ai, ...aj]);
    }
  const position = new Map(quotes.map((q, i) => [q, i]));
  const groups = uf.groups().map((g) => g.flatMap((i) => members[i] as RawQuote[]));
  for (const l of groups) l.sort((a, b) => (position.get(a) as number) - (position.get(b) as number));
  const order = (id: string) => articleOrder.get(id) ?? 0;
  const out: Array<Quote & { first: number }> = [];
  for (const g of groups) {
    // Speakers in a group: all equal or unknown (sameStatement), so take the known one.
    const speaker: EntityInfo | null = g.find((q) => q.speaker)?.speaker ?? null;
    const variants = new Map<string, { text: string; sources: Set<string>; refs: SentenceRef[] }>();
    for (const q of g) {
      const k = normText(q.text);
      let v = variants.get(k);
      if (!v) {
        v = { text: q.text, sources: new Set(), refs: [] };
        variants.set(k, v);
      }
      if (!v.sources.has(q.articleId)) {
        v.sources.add(q.articleId);
        const s = q.sentences[0] as Sentence;
        // A sentence reference (the sentence the quotation opens in), so that citations
        // of quotes, disagreements and the timeline anchor the same units of text.
        v.refs.push({ articleId: q.articleId, sentence: s.index, start: s.start, end: s.end });
      }
    }
    const vs: QuoteVariant[] = [...variants.values()]
      .map((v) => ({ text: v.text, sources: [...v.sources].sort((a, b) => order(a) - order(b)), refs: v.refs }))
      .sort((a, b) => b.sources.length - a.sources.length || order(a.sources[0] as string) - order(b.sources[0] as string));
    const sources = [...new Set(vs.flatMap((v) => v.sources))].sort((a, b) => order(a) - order(b));
    out.push({
      speaker: speaker?.name ?? null,
      text: (vs[0] as QuoteVariant).text,
      sources,
      variants: vs,
      first: Math.min(...g.map((q) => order(q.articleId) * 1e7 + q.start)),
    });
  }
  return out
    .sort((a, b) => b.sources.length - a.sources.length || b.variants.length - a.variants.length || Number(b.speaker !== null) - Number(a.speaker !== null) || a.first - b.first)
    .map(({ first: _first, ...q }) => q);
}
