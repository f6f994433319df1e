/**
 * Which sentences can stand alone in a summary without misleading the reader.
 *
 * A summary lifts sentences out of their articles, so a sentence that leans on
 * the one before it reads wrongly on its own:
 * - a sentence opening with a pronoun or a demonstrative ("He said…", "This was…")
 *   or a number word or quantifier as its subject ("One asked him…", "Many escaped…"),
 *   also after an opening phrase or subordinator ("Two years after her surgery, she…",
 *   "When he tried…") or inside an opening quotation ("“That’s when I…,” said X"),
 *   whose referent the summary may not hold; a demonstrative inside it pointing at
 *   an earlier sentence ("from that party");
 * - a quotation without its speaker: an opening quotation that no attribution
 *   with a named speaker closes (“…,” he said / “I watch her on television.”);
 * - a subordinate clause standing as a sentence ("Because it may be time…");
 * - a connective or pointing word opening it ("But…", "However,…", "Such claims…",
 *   "Following is…") or set off by commas inside it ("The UN, however, …");
 * - a list item ("•Amending the warranty…"), a piece of a sentence split in the
 *   wrong place (brackets that do not pair, "…from a ."), the rest of a quotation
 *   after an ellipsis, an aside wholly in parentheses.
 * And some sentences of a news page are not news narration: the writer speaking
 * in the first or second person outside quotations (appeals to the reader,
 * newsletter boxes, a column's own voice, which a briefing would present as its
 * own), photo captions and figure labels, bylines and datelines, notices to the
 * reader (phone numbers, appeals for information), embeds and other page furniture.
 *
 * A quotation attributed to a named speaker, in the same sentence, stays: “…,”
 * Trump said / “…,” said Kaylie Hanson, a DNC spokeswoman / “…,” according to the
 * statement. News summaries quote (Multi-News references do, often), and a quote
 * with its speaker is faithful.
 *
 * Rules over crossread's tokens (POS and lemmas from wink-nlp) and the speech-verb
 * lexicons (data/lexicon/speech.json, data/summarize/quote-attribution.json), written by hand: no library decides whether a
 * sentence can be read out of context.
 */
import type { AnnotatedArticle, Sentence, Token } from '../types.js';
import { loadJson } from '../data.js';
import { isPageFurniture } from '../text/furniture.js';
import { isCreditLine, opensAsCaption } from '../text/credit.js';
import { lexicon } from '../analysis/lexicon.js';
import { gluedTitleAt } from '../text/glued-title.js';

const DANGLING = /^(?:He|She|It|They|His|Her|Its|Their|Them|Him|This|That|These|Those)\b(?!\s+(?:year|week|month|time|day)\b)/;
/** Inside an opening quotation "It" and "This" often point at the situation, not back; these do not. */
const QUOTED_DANGLING = /^(?:["“‘']|``)\s*(?:He|She|They|His|Her|Their|Them|Him|That|Those)\b/;
/** A subordinator or a pointing adverb and then a personal pronoun: "When she and friends checked…", "Now it is…". */
const OPENER_PRONOUN = /^(?:When|While|After|Before|As|Since|Because|Although|Though|Even though|Even as|If|Once|Until|Unless|Whether|Now|Today|Later|Soon|So|Yet|At least)\s+(?:he|she|it|they|his|her|its|their|him|them)\b/;

/**
 * True when the sentence opens with a pronoun or demonstrative that points back,
 * also inside an opening quotation ("“That’s when I went…,” said X") or behind a
 * subordinator or pointing adverb ("When he tried…", "Now it is seeking…").
 */
export function opensWithDanglingPronoun(text: string): boolean {
  return DANGLING.test(text) || QUOTED_DANGLING.test(text) || OPENER_PRONOUN.test(text);
}

const CALENDAR = /^(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\.?$/;
const POINTING = new Set(['he', 'she', 'it', 'they', 'his', 'her', 'its', 'their', 'him', 'them', 'this', 'that', 'these', 'those']);
const TIME_WORDS = new Set(['year', 'week', 'month', 'time', 'day', 'morning', 'afternoon', 'evening', 'night', 'weekend', 'season', 'summer', 'winter', 'spring', 'fall', 'autumn']);

/**
 * An inverted opening whose subject, after the auxiliary, is a pronoun or demonstrative
 * ("Not only was it cheaper, but …", "Never had they seen …"): the subject points back
 * to the sentence before. With a named subject it stands alone ("Not only did the Calgary
 * Zoo cancel …"). Issue 10, fourth held-out review (mnval-061).
 */
const INVERTED_POINTER = /^(?:not only|never|rarely|seldom|nowhere|only then)\s+(?:is|was|are|were|do|does|did|has|have|had|will|would|can|could|should|must|may|might)\s+(?:it|he|she|they|this|that|these|those)\b/iu;

/** True when the sentence opens inverted on an auxiliary whose subject points back ("Not only was it …"). */
export function invertedPointer(text: string): boolean {
  return INVERTED_POINTER.test(text.trim());
}

/**
 * A comparison opening whose clause has no subject to compare ("Unlike the People's Daily,
 * there is no 55-image gallery."): what is unlike is in the sentence before (issue 10,
 * fourth held-out review, mnval-071).
 */
const UNLIKE_THERE = /^(?:unlike|like|as with|compared (?:to|with))\b[^,]{1,80},\s*there\s+(?:is|are|was|were|has been|have been|will be)\b/iu;

/** True when the sentence compares something with a clause that has no subject ("Unlike X, there is no …"). */
export function comparesWithNothing(text: string): boolean {
  return UNLIKE_THERE.test(text.trim());
}

/**
 * True when the subject after an opening phrase points back: the first comma (or colon)
 * within the first twelve words is followed by a pronoun or demonstrative
 * ("Two years after her surgery, she went back…", "As in the original, that's…",
 * "To the outside world, this brownstone…") and the opening phrase names no one
 * (no proper noun) the pronoun could stand for. "This year", "that week" are
 * times, not pointers. Sentences opening with a quotation are left to the
 * quotation rules.
 */
export function pronounAfterOpener(s: Sentence): boolean {
  if (opensWithQuotation(s.text)) return false;
  const words = s.tokens;
  let seenWords = 0;
  for (let i = 0; i < words.length; i++) {
    const t = words[i] as Token;
    if (t.kind === 'word' || t.kind === 'number') {
      // A month or a weekday ("On June 21st, he struck again") names no one.
      if (t.pos === 'PROPN' && !CALENDAR.test(t.text)) return false;
      if (++seenWords > 12) return false;
      continue;
    }
    // A colon ends an opening phrase too: "Enough with that: They want to focus on …" (issue 10,
    // seventh review, mnval-102).
    if (t.text !== ',' && t.text !== ':') continue;
    // One word is an opener too: "Obviously, he knows…", "At 20, he was in prison…".
    if (seenWords < 1) return false;
    const next = words[i + 1];
    if (!next || next.kind !== 'word' || !POINTING.has(next.norm)) return false;
    const after = words[i + 2];
    if (['this', 'that', 'these', 'those'].includes(next.norm) && after && TIME_WORDS.has(after.norm)) return false;
    return true;
  }
  return false;
}

/**
 * True when, outside quotation marks, a demonstrative after a preposition points
 * at something named in an earlier sentence ("from that party", "of that pledge",
 * "at that time", "of those talks", "later that day", "with this total", "for this
 * reason"; not "this year"), and "that same"/"those same" anywhere ("put down that
 * same day"). Relative times ("the following
 * day") and openers like "Each" or "The two" were measured as pointers too and left
 * out: on the Multi-News sample they cost 0.002 ROUGE-1 and ROUGE-2 each for a
 * handful of sentences.
 */
export function pointsBackInside(s: Sentence): boolean {
  const spans = outsideQuotes(s.text);
  const outside = (t: Token) => spans.some(([a, b]) => t.start - s.start >= a && t.start - s.start < b);
  const toks = s.tokens;
  for (let i = 1; i + 1 < toks.length; i++) {
    const t = toks[i] as Token;
    if (!['that', 'those', 'this', 'these'].includes(t.norm) || t.pos !== 'DET') continue;
    const prev = toks[i - 1] as Token;
    const next = toks[i + 1] as Token;
    // "put down that same day", "those same rules": the same as something told before.
    if (next.norm === 'same' && t.norm !== 'this' && t.norm !== 'these' && outside(t)) return true;
    if (next.pos !== 'NOUN') continue;
    // "this year", "these days" are times of the story, not pointers.
    if ((t.norm === 'this' || t.norm === 'these') && TIME_WORDS.has(next.norm.replace(/s$/, ''))) continue;
    // "from that party"; "later that day".
    if (prev.pos !== 'ADP' && !(prev.pos === 'ADV' && TIME_WORDS.has(next.norm))) continue;
    // "the defeat of ISIS in Syria and the liberation of that country": the place is named before.
    if (KINDS_OF_NAMED.has(next.norm) && toks.slice(0, i).some((x) => x.pos === 'PROPN')) continue;
    if (outside(t)) return true;
  }
  return false;
}

/** Kinds of named things that a demonstrative may point to within its own sentence. */
const KINDS_OF_NAMED = new Set(['country', 'nation', 'state', 'city', 'town', 'village', 'region', 'province', 'territory', 'island', 'company', 'firm', 'team', 'club', 'group', 'organisation', 'organization']);


/** A connective set off by commas inside the sentence: "The United Nations, however, does not…". */
const INNER_CONNECTIVE = /,\s*(?:however|though|too|meanwhile|instead|in turn|therefore|nevertheless|nonetheless|in response|in contrast|by contrast|as a result|in fact|for (?:his|her|their|its) part)\s*[,.;]/i;

/** True when, outside quotation marks, a connective set off by commas ties the sentence to the one before. */
export function innerConnective(text: string): boolean {
  return outsideQuotes(text).some(([a, b]) => INNER_CONNECTIVE.test(text.slice(a, b)));
}

/**
 * True when the brackets do not pair up: a closing one before any opening one
 * ("C.), a black conservative first elected…") or an opening one never closed
 * ("…scattered around the skeleton (Fig."): a sentence split in the wrong place.
 * Square brackets outside quotation marks are an editor's insertion into a
 * quotation whose marks were lost ("Clearly with [the owner's] actions, it's…")
 * or page furniture ("[PDF]"), so they count as not standing alone too.
 */
export function unbalancedBrackets(text: string): boolean {
  let round = 0;
  for (const c of text) {
    if (c === '(') round++;
    else if (c === ')' && --round < 0) return true;
  }
  if (round !== 0) return true;
  return outsideQuotes(text).some(([a, b]) => /[[\]]/.test(text.slice(a, b)));
}

const PERSONAL = new Set(['he', 'she', 'they', 'it', 'we', 'i', 'you']);
let speech: Set<string> | null = null;
/** Speech verbs (data/lexicon/speech.json) and verbs that attribute a quotation they follow (data/summarize/quote-attribution.json). */
function speechVerbs(): Set<string> {
  if (!speech) {
    speech = new Set([
      ...loadJson<{ verbs: string[] }>('lexicon/speech.json').verbs,
      ...loadJson<{ verbs: string[] }>('summarize/quote-attribution.json').verbs,
    ]);
  }
  return speech;
}

/**
 * True when the sentence sits inside a quotation opened by an earlier sentence of
 * its paragraph and not yet closed (“We will rebuild. Every house will stand
 * again,” the mayor said. → the second sentence): a speaker's words read as the
 * briefing's own, without the speaker. Counted in the article's text from the
 * paragraph's start to the sentence's: an odd number of straight double quotes, or
 * more opening curly quotes than closing ones.
 */
export function insideOpenQuotation(s: Sentence, articleText: string): boolean {
  const para = Math.max(articleText.lastIndexOf('\n', s.start - 1) + 1, 0);
  const before = articleText.slice(para, s.start);
  if (!before) return false;
  let straight = 0;
  let open = 0;
  let close = 0;
  for (const c of before) {
    if (c === '"') straight++;
    else if (c === '“') open++;
    else if (c === '”') close++;
  }
  return straight % 2 === 1 || open > close;
}

/** True when the sentence opens with a quotation mark. */
export function opensWithQuotation(text: string): boolean {
  return /^(?:["“'‘]|``)/.test(text);
}

/**
 * Character spans of `text` outside quotation marks. Double marks (" “ ” « » „,
 * and `` '' as some wires write them) always count; single marks only in a text
 * that opens with one (British style), since elsewhere ’ is an apostrophe.
 */
export function outsideQuotes(text: string): Array<[number, number]> {
  const re = /^['‘]/.test(text)
    ? /``|''|["“”„«»]|(?<![\p{L}\p{N}])['‘](?=[\p{L}\p{N}])|(?<=[\p{L}\p{N}.,!?;:])['’](?![\p{L}\p{N}])/gu
    : /``|''|["“”„«»]/gu;
  const out: Array<[number, number]> = [];
  let inside = false;
  let from = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    if (!inside) {
      if (m.index > from) out.push([from, m.index]);
      inside = true;
    } else {
      inside = false;
      from = m.index + m[0].length;
    }
  }
  if (!inside && from < text.length) out.push([from, text.length]);
  return out;
}

/**
 * For a sentence that opens with a quotation: true when, outside the quotation
 * marks, a speech verb ("said", "told", "according to") names its speaker with a
 * noun rather than a pronoun. Sentences that do not open with a quotation: true.
 */
export function quoteHasNamedSpeaker(s: Sentence): boolean {
  if (!opensWithQuotation(s.text)) return true;
  const verbs = speechVerbs();
  for (const [a, b] of outsideQuotes(s.text)) {
    if (a === 0) continue;
    const words = s.tokens.filter((t) => t.kind === 'word' && t.start - s.start >= a && t.start - s.start < b);
    for (let i = 0; i < words.length; i++) {
      const t = words[i] as Token;
      if (!verbs.has(t.lemma) && t.norm !== 'according') continue;
      // “…,” as he later wrote: look past adverbs to the speaker.
      let b = i - 1;
      while (b > 0 && (words[b] as Token).pos === 'ADV') b--;
      const before = words[b];
      const after = words[i + 1];
      // “…,” he said / “…,” said she: the speaker is a pronoun.
      if (before && PERSONAL.has(before.norm)) return false;
      if (!before && after && PERSONAL.has(after.norm)) return false;
      if (words.some((w) => w.pos === 'PROPN' || w.pos === 'NOUN')) return true;
    }
  }
  return false;
}

const FIRST_SECOND_PERSON = new Set(['i', 'me', 'my', 'mine', 'we', 'us', 'our', 'ours', 'you', 'your', 'yours']);

/**
 * True when the writer speaks in the first or second person outside quotation
 * marks ("We hope you enjoy…", "Fill in your details…", "On behalf of our board, I…"):
 * web-page boilerplate, appeals to the reader, or a column's own voice, which a
 * briefing would present as its own.
 */
export function narratorSpeaks(s: Sentence): boolean {
  for (const [a, b] of outsideQuotes(s.text)) {
    for (const t of s.tokens) {
      const at = t.start - s.start;
      // wink-nlp sometimes keeps a contraction whole ("I'm" after a dash).
      const word = t.norm.replace(/'(?:m|s|re|ve|d|ll)$/, '');
      if (at >= a && at < b && t.kind === 'word' && FIRST_SECOND_PERSON.has(word)) {
        // "US" the country, in capitals, is not "us".
        if (t.norm === 'us' && t.text === 'US') continue;
        return true;
      }
    }
  }
  return false;
}

/** True when the text's opening parenthesis closes only at its end ("(… is only 11.)", "(…)."). */
function whollyInParentheses(text: string): boolean {
  if (!text.startsWith('(')) return false;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return /^[.!?]?$/.test(text.slice(i + 1));
  }
  return false;
}

/** Subordinators that cannot open a sentence without a main clause after a comma. */
const SUBORDINATORS = new Set(['because', 'although', 'though', 'whereas', 'unless']);

/**
 * A subordinate clause standing as a sentence ("Because it may be time we all moved."), the rest
 * of a quotation after an ellipsis, an aside wholly in parentheses, a sentence cut after an
 * article or preposition or ending on an ellipsis, the rest of a sentence split after its
 * subject ("King Features, was directed …"), or two sentences glued without a space.
 */
export function isFragment(s: Sentence): boolean {
  // "… The issue is a real one": the rest of a quotation cut with an ellipsis.
  if (/^["“‘']?\s*(?:…|\.\.\.)/.test(s.text)) return true;
  // "(As a measure of how fast it grows, …)": an aside in parentheses.
  if (whollyInParentheses(s.text.trim())) return true;
  // "…began firing 10 rounds from a .": cut at an abbreviation or a calibre.
  if (/\s(?:a|an|the|of|to|from|with|by|and|or|in|on|at)\s*\.$/i.test(s.text.trim())) return true;
  // "KR17 is conducted in accordance with the South Korean-U.", "In other election years, Reps.": cut at an initial or a title.
  if (cutAtAbbreviation(s.text.trim())) return true;
  // "Title page of the first edition of the Book of Mormon (1830).": no verb, a label or caption.
  if (!s.tokens.some((t) => t.pos === 'VERB' || t.pos === 'AUX')) return true;
  // "An immediate attempt to break through the usual political blah.": a noun phrase, no main verb.
  if (noMainVerb(s)) return true;
  // "A little more about how the video came to be, below, from Wilco …": a teaser or a text
  // cut off with an ellipsis at its end.
  if (/(?:\.\.\.|…)["”’]?$/u.test(s.text.trim())) return true;
  // "King Features, was directed by …": a name, a comma and straight away the verb, the
  // rest of a sentence split in the wrong place.
  if (/^(?:\p{Lu}[\p{L}'’.&-]*\s+){0,3}\p{Lu}[\p{L}'’.&-]*,\s+(?:was|were|is|are|has|have|had|will|would)\s/u.test(s.text)) return true;
  // "… in jail."When they close that door …": two sentences a page glued without a space.
  // (Not a domain written with capitals: "Amazon.Com".)
  if (/\p{Ll}{2}[.!?]["”’]?["“]?(?!(?:Com|Net|Org)\b)\p{Lu}\p{Ll}/u.test(s.text)) return true;
  // "Monkeys learn to … be left alone Monkeys at Colchester Zoo have …": a headline run into
  // the lede without a stop (src/text/glued-title.ts).
  if (gluedTitleAt(s.text, s.index === 0) >= 0) return true;
  const first = s.tokens[0];
  return first !== undefined && SUBORDINATORS.has(first.norm) && !s.tokens.some((t) => t.text === ',' || t.text === ';');
}

/** Words opening a clause that is not the sentence's main one ("if the GOP doesn't cooperate", "who said …"). */
const CLAUSE_OPENERS = new Set(['if', 'when', 'whenever', 'because', 'although', 'though', 'unless', 'while', 'whereas', 'once', 'whether']);

/** Subject pronouns that open a relative clause without a relative word ("an act she first exhibited"). */
const SUBJECT_PRONOUNS = new Set(['he', 'she', 'they', 'we', 'i', 'you']);

/**
 * True when the pronoun at `i` opens a relative clause without a relative word inside an
 * apposition: after a comma (and a closing quotation mark), an article, modifiers and a noun,
 * then the pronoun (", an act she first exhibited Sunday …", issue 10, sixth review's leftover,
 * mnval-037). Only in an apposition, whose clause ends at the next comma: "The man she met was
 * arrested" keeps its main verb.
 */
function contactRelative(toks: readonly Token[], i: number): boolean {
  if (!SUBJECT_PRONOUNS.has((toks[i] as Token).norm) || toks[i - 1]?.pos !== 'NOUN') return false;
  let j = i - 2;
  while (j >= 0 && ['NOUN', 'ADJ', 'PROPN', 'NUM'].includes((toks[j] as Token).pos)) j--;
  if (j < 0 || !/^(?:a|an|the)$/.test((toks[j] as Token).norm)) return false;
  let k = j - 1;
  while (k >= 0 && /^(?:["”’']|'')$/.test((toks[k] as Token).text)) k--;
  return k >= 0 && (toks[k] as Token).text === ',';
}

/**
 * True when no verb of the sentence is finite outside a clause opened by a subordinator or a
 * relative word: its verbs are infinitives ("An immediate attempt to break through the usual
 * political blah."), participles without an auxiliary ("The unannounced scheduling change
 * preventing her from kneeling …") or sit in a side clause ("A threat to take this vision
 * across the country if the GOP doesn't cooperate now."). A noun phrase standing as a
 * sentence, a verbless piece: a column's aside, a list entry or a caption (issue 10, third
 * held-out review's leftover, mnval-107, mnval-037). A side clause, opened by an adverbial
 * subordinator, runs to the next comma, semicolon or dash; a relative clause ("who were …")
 * is not set apart, and a word in -ed the tagger did not read as a verb counts as one, so a
 * tagging slip keeps a sentence rather than dropping it.
 */
export function noMainVerb(s: Sentence): boolean {
  // Only a noun phrase opening on an article: elsewhere a verb the tagger missed ("Press 2
  // …", "Mr. Oppenheim shot down …") would drop a whole sentence.
  if (!/^(?:a|an|the)$/.test(s.tokens[0]?.norm ?? '')) return false;
  let side = false;
  for (let i = 0; i < s.tokens.length; i++) {
    const t = s.tokens[i] as Token;
    if (t.kind === 'punctuation' && /^[,;:—–-]$/.test(t.text)) side = false;
    if (t.kind !== 'word') continue;
    if (CLAUSE_OPENERS.has(t.norm) || contactRelative(s.tokens, i)) side = true;
    if (side) continue;
    if (t.pos === 'AUX') return false;
    // (A past form the tagger read as something else: "Mr. Oppenheim shot down …", "… concerned …".)
    // (Not a word of a name or title, "The Star-Spangled Banner", nor an adjective before its
    // noun, "The unannounced scheduling change …".)
    const attributive = t.pos === 'ADJ' && ['NOUN', 'ADJ'].includes(s.tokens[i + 1]?.pos ?? '');
    if (t.pos !== 'VERB' && t.pos !== 'PROPN' && !attributive && /\p{Ll}{2}ed$/u.test(t.norm)) return false;
    if (t.pos !== 'VERB') continue;
    const prev = s.tokens[i - 1];
    if (prev && prev.norm === 'to') continue;
    // A participle ("preventing"), not a verb whose own form ends so ("bring", "sing").
    if (/ing$/.test(t.norm) && t.lemma !== t.norm) continue;
    return false;
  }
  return true;
}

let titleEnd: RegExp | null = null;
/**
 * True when a text ends on a title that always precedes a name ("Reps.", "Gov.";
 * data/lexicon/abbreviations.json) or on one capital initial after a hyphen
 * ("South Korean-U."): the sentence splitter cut it there, and the rest is in the
 * next sentence.
 */
export function cutAtAbbreviation(text: string): boolean {
  if (!titleEnd) {
    // "Jr.", "Sr." follow a name and "St." can be a street: a sentence may end on them.
    const titles = loadJson<{ titles: string[] }>('lexicon/abbreviations.json').titles.filter((t) => !['jr', 'sr', 'st'].includes(t));
    const all = [...titles, ...titles.map((t) => `${t}s`)].map((t) => t.replace(/[.]/g, '\\.'));
    titleEnd = new RegExp(`(?:^|[\\s(“"])(?:${all.join('|')})\\.$`, 'i');
  }
  return titleEnd.test(text) || /-\p{Lu}\.$/u.test(text);
}

const MONTH_DATE = /\b(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.? \d{1,2}, \d{4}\.?$/;
const MONTH_DAY = /\b(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.? \d{1,2}(?:st|nd|rd|th)?\b/;
const CREDIT = /\b(?:Getty Images|AP Photo|Reuters Photo|AFP Photo|file photo|photo credit|Photograph:|Photo:|\(Photo)/i;

/**
 * A caption told by what follows it: the sentence right before a credit line in its
 * article ("Trump speaks in the Rose Garden." then "| Mark Wilson/Getty Images"). Both
 * are captions: the credit is one by `isCaption`, this finds the sentence it credits.
 */
export function creditedCaption(s: Sentence, sentences: readonly Sentence[]): boolean {
  const next = sentences[s.index + 1];
  return next !== undefined && next.articleId === s.articleId && isCreditLine(next.text);
}

/**
 * A photo caption: a credit ("AP Photo", "Getty Images", "[Getty]", "(R)" marking who
 * is where; data/summarize/readable.json), or a sentence in the
 * caption's present tense ("X speaks to the media…") that ends with the date the
 * picture was taken ("…in Kathmandu, Nepal May 30, 2016."), or that opens on a verb in
 * that tense and names a day of a month ("X speaks to police after his rescue on
 * August 11th."); a figure label ("Figure 1: …"), a source site in parentheses at
 * the end ("(parl.gc.ca)") or a page label left before the sentence ("Image The …").
 */
export function isCaption(s: Sentence): boolean {
  const r = readableRules();
  if (CREDIT.test(s.text) || isCreditLine(s.text) || opensAsCaption(s.text) || r.captions.some((re) => re.test(s.text)) || r.labels.some((re) => re.test(s.text))) return true;
  if (MONTH_DATE.test(s.text)) return s.tokens.some((t) => t.pos === 'VERB' && /s$/.test(t.norm) && t.lemma !== t.norm && !/ss$/.test(t.norm));
  if (!MONTH_DAY.test(s.text)) return false;
  // "Peter Madsen speaks to police shortly after his rescue on August 11th.": the
  // first verb in the caption's present tense, not a speech verb ("says"), an
  // auxiliary ("is to appear") or a state ("has").
  // The subject is a named person ("Peter Madsen speaks", "Ueli Steck, a mountaineer, speaks"):
  // "The law takes effect on January 1" is news, not a caption.
  const k = s.tokens.findIndex((t) => t.pos === 'VERB' || t.pos === 'AUX');
  const verb = s.tokens[k];
  const before = s.tokens[k - 1];
  if (!verb || !before || verb.pos !== 'VERB' || (before.pos !== 'PROPN' && before.text !== ',')) return false;
  if (!s.tokens.slice(0, k).some((t) => t.pos === 'PROPN')) return false;
  return /[^s]s$/.test(verb.norm) && verb.lemma !== verb.norm && !speechVerbs().has(verb.lemma);
}

interface ReadableData {
  connectives: string[];
  bullets: string;
  captions: string[];
  labels: string[];
  bylines: string[];
  notices: string[];
  opinionMarkers: string[];
  roleNouns: string[];
  groupRoleNouns: string[];
}
let readableData: {
  connective: RegExp;
  bullet: RegExp;
  captions: RegExp[];
  labels: RegExp[];
  bylines: RegExp[];
  notices: RegExp[];
  opinion: RegExp;
  description: RegExp;
  groupRoles: Set<string>;
  roles: Set<string>;
} | null = null;
function readableRules() {
  if (!readableData) {
    const d = loadJson<ReadableData>('summarize/readable.json');
    const esc = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    readableData = {
      connective: new RegExp(`^(?:${d.connectives.map((c) => esc(c).replace(/ /g, '\\s+')).join('|')})(?=[\\s,;:—–])`, 'iu'),
      bullet: new RegExp(`^\\s*[${esc(d.bullets)}]`, 'u'),
      captions: d.captions.map((p) => new RegExp(p, 'iu')),
      labels: d.labels.map((p) => new RegExp(p, 'u')),
      bylines: d.bylines.map((p) => new RegExp(p, 'u')),
      notices: d.notices.map((p) => new RegExp(p, 'iu')),
      opinion: new RegExp(`(?<![\\p{L}'’])(?:${d.opinionMarkers.map((m) => esc(m).replace(/ /g, '\\s+').replace(/'/g, "['’]")).join('|')})(?![\\p{L}'’])`, 'iu'),
      // "The" and up to three modifiers, then the role noun (or an age), whole word, a possessive allowed.
      description: new RegExp(`^The\\s+((?:[\\p{L}\\p{N}'’-]+\\s+){0,3}?)(\\d+-year-old|${d.roleNouns.map(esc).join('|')})(?:['’]s)?(?![\\p{L}\\p{N}-])`, 'u'),
      groupRoles: new Set(d.groupRoleNouns),
      roles: new Set(d.roleNouns),
    };
  }
  return readableData;
}

/**
 * True when the sentence opens on a connective or a word that points back to the
 * sentence before it in its article ("But…", "However,…", "Such claims…", "said
 * the minister…"), or on a lower-case word (a fragment of a sentence split wrongly).
 * In a summary the sentence before is not there (data/summarize/readable.json).
 */
export function opensWithConnective(text: string): boolean {
  const t = text.replace(/^["“‘'(\[]+/, '');
  return readableRules().connective.test(t) || /^\p{Ll}/u.test(t) || RELATIVE_OPENER.test(t) || /^(?:First|Second|Secondly|Third|Thirdly|Fourth|Lastly|Next),\s/u.test(t);
}

/** A time counted from the sentence before: "Just days later, …", "Less than a week later, …", "A week afterwards …". */
const RELATIVE_OPENER = /^(?:[\p{L}\p{N}]+\s+){0,3}(?:seconds|minutes|hours|days|weeks|months|years|moments|second|minute|hour|day|week|month|year|moment)\s+(?:later|earlier|afterwards?|before)\b/iu;

/** A list item or bullet fragment ("•Amending the cars' warranty…"). */
export function isListItem(text: string): boolean {
  return readableRules().bullet.test(text);
}

/** A byline or credit line ("By Jane Smith, Associated Press", "Reporting by…"). */
export function isByline(text: string): boolean {
  return readableRules().bylines.some((re) => re.test(text));
}

/** A notice to the reader: a phone number to call, an appeal for information ("Anyone with information should contact…"). */
export function isNotice(text: string): boolean {
  return readableRules().notices.some((re) => re.test(text));
}

/**
 * True when the sentence opens on a definite description of a role that points
 * back to someone or something its article introduced earlier ("The company said
 * the change was for the consumer's own good.", "The general went on to explain…",
 * "The 41-year-old died on Wednesday…"): lifted out alone, the reader does not know
 * who. Not when nothing comes earlier (its article's first sentence), when the
 * description identifies its referent itself — a name in apposition ("The patient,
 * Richard Plotts, was…"), a relative clause or a participle ("The man who shot…",
 * "The man dubbed…"), a phrase after it ("The judge in the Stanford case…", "The
 * mother of a 2-year-old…"), a name before a group noun ("The Microsoft legal
 * team") — or when a name follows an age ("The 41-year-old Jane Doe").
 * Vocabulary: `roleNouns` and `groupRoleNouns` in data/summarize/readable.json.
 */
export function opensWithDescription(s: Sentence): boolean {
  if (s.index === 0) return false;
  const r = readableRules();
  const m = r.description.exec(s.text);
  if (!m) return false;
  const modifiers = m[1] ?? '';
  const head = (m[2] ?? '').toLowerCase();
  const rest = s.text.slice(m[0].length);
  if (/^\d+-year-old$/.test(head)) {
    // "The 41-year-old Jane Doe": named right there.
    return !/^\s+(?:\p{Lu}[\p{Ll}'’-]+\s+)*\p{Lu}[\p{Ll}'’-]+\s+\p{Lu}/u.test(rest) && !identifiedAfter(rest);
  }
  if (r.groupRoles.has(head) && /\p{Lu}/u.test(modifiers)) return false;
  return !identifiedAfter(rest);
}

const SINGULAR_PERSON = new Set(['he', 'him', 'his', 'she', 'her', 'hers']);
const POSSESSIVE_PRONOUN = new Set(['his', 'her', 'their', 'its']);
const PLURAL_PRONOUN = new Set(['they', 'them', 'their', 'theirs']);

/** Word classes a capitalised first word is not a name in ("A", "Back", "No", "Had"). */
const NOT_NAME_POS = new Set(['DET', 'ADP', 'ADV', 'PRON', 'CCONJ', 'SCONJ', 'AUX', 'VERB', 'NUM', 'PART', 'INTJ', 'ADJ']);

/**
 * True when a personal pronoun inside the sentence, outside quotations, has no referent in
 * the sentence ("One of the tickets he bought won the jackpot.", "A stray bullet struck her
 * as she ran …"): no name anywhere in it (before, or after an opening phrase: "At the height
 * of his power, Thorfinn became …"), and for "he"/"she" no person noun (the role nouns of a
 * description, "a woman who said she …", or a title, "The mayor said she …"), for "they" no
 * noun at all. Lifted out of its
 * article the sentence does not say who; the summary takes it only with the sentence before
 * it, as a description pointing back (`opensWithDescription`). Pronouns opening the sentence
 * are `opensWithDanglingPronoun`'s.
 */
export function pronounWithoutReferent(s: Sentence): boolean {
  if (s.index === 0) return false;
  const spans = outsideQuotes(s.text);
  const toks = s.tokens;
  const roles = readableRules().roles;
  const titles = lexicon().personTitles;
  const outside = (t: Token) => spans.some(([a, b]) => t.start - s.start >= a && t.start - s.start < b);
  const pronoun = toks.find((t, i) => i > 0 && (SINGULAR_PERSON.has(t.norm) || PLURAL_PRONOUN.has(t.norm)) && outside(t));
  if (!pronoun) return false;
  const singular = SINGULAR_PERSON.has(pronoun.norm);
  const firstWord = toks.findIndex((t) => t.kind === 'word');
  return !toks.some((x, i) => {
    if (x === pronoun) return false;
    // (The first word, also after an opening quotation mark, is capitalised anyway.)
    if (x.pos === 'PROPN' || (/^\p{Lu}/u.test(x.text) && x.kind === 'word' && (i > firstWord || !NOT_NAME_POS.has(x.pos)))) {
      // (A name after a preposition of place is a place, not who "he" or "she" is: "… by surgeons
      // at Innsbruck's University Clinic, her family were …", issue 10, seventh review, mnval-042.)
      return !(singular && afterPlacePreposition(toks, i));
    }
    // (Not a noun the pronoun itself possesses: "“…,” her husband said" does not say whose.)
    if (POSSESSIVE_PRONOUN.has(toks[i - 1]?.norm ?? '')) return false;
    return x.pos === 'NOUN' && (!singular || roles.has(x.norm) || titles.has(x.norm));
  });
}

/** Prepositions before a place: a name right after one ("at Innsbruck's University Clinic", "in Texas") is where, not who. */
const PLACE_PREPOSITIONS = new Set(['at', 'in', 'near', 'outside', 'inside', 'across', 'into', 'throughout', 'around']);

/** True when the name at `i` stands in a phrase opened by a preposition of place (over the name's other words, "'s", articles). */
function afterPlacePreposition(toks: readonly Token[], i: number): boolean {
  let j = i - 1;
  while (j >= 0) {
    const t = toks[j] as Token;
    if (t.pos === 'PROPN' || t.pos === 'DET' || t.norm === "'s" || t.norm === '’s' || (/^\p{Lu}/u.test(t.text) && t.kind === 'word')) j--;
    else break;
  }
  return j >= 0 && PLACE_PREPOSITIONS.has((toks[j] as Token).norm);
}

/** What follows a description names its referent: an apposition with a name, a relative clause, a participle, a phrase. */
function identifiedAfter(rest: string): boolean {
  return (
    /^\s*,\s*(?:the\s+|a\s+|an\s+)?[\p{Lu}"“]/u.test(rest) ||
    /^\s+(?:who|whom|whose|that|which|named|called|dubbed|known|identified|accused|charged|arrested|convicted|suspected|behind|of|in|at|from|for|with|on)\b/i.test(rest) ||
    /^\s*\(/.test(rest)
  );
}

/**
 * True when a claim's only attribution is a pronoun set off by a comma or dash
 * (", she said", "— he added", "…, it said in a statement"): the sentence states
 * someone's claim but, lifted out of its article, no longer says whose. Not when
 * the sentence names a speaker before it ("Keith Rogers said …, he said …",
 * "…, says Riese, but, she adds, …"). Quotations opening the sentence are
 * `quoteHasNamedSpeaker`'s.
 */
export function pronounSpeaker(s: Sentence): boolean {
  if (opensWithQuotation(s.text)) return false;
  const verbs = speechVerbs();
  const spans = outsideQuotes(s.text);
  const outside = (t: Token) => spans.some(([a, b]) => t.start - s.start >= a && t.start - s.start < b);
  const toks = s.tokens;
  let named = false;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i] as Token;
    if (t.kind !== 'word' || !outside(t) || (!verbs.has(t.lemma) && t.norm !== 'according')) continue;
    let b = i - 1;
    while (b > 0 && (toks[b] as Token).pos === 'ADV') b--;
    const before = toks[b];
    const after = toks[i + 1];
    const subject = before && ['he', 'she', 'they', 'it'].includes(before.norm) ? before : undefined;
    // The comma may sit inside a closing quotation mark: 'A tax increase would “never pass the House,” he said.'
    let c = b - 1;
    if (c > 0 && /^(?:["”’']|'')$/.test((toks[c] as Token).text)) c--;
    if (subject && c >= 0 && /^[,;—–-]$/.test((toks[c] as Token).text) && !named) return true;
    // A named speaker: "Keith Rogers said", "says Riese".
    if ((before && (before.pos === 'PROPN' || before.pos === 'NOUN')) || (after && after.pos === 'PROPN')) named = true;
  }
  return false;
}

/** Number words and quantifiers that stand for members of a group: "One asked him …", "Many escaped …". */
const COUNT_WORDS = new Set(['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'some', 'many', 'several', 'most', 'few', 'dozens', 'hundreds']);

/**
 * True when a number word or quantifier stands as the subject at the opening, directly
 * before a verb ("One asked him to find …", "Two were released later", "Some asked why
 * …", "Many escaped on their own"): members of a group named in an earlier sentence,
 * which the summary may not hold. Not when it counts a noun ("Two missing girls were
 * found …": a participle before a noun modifies it; "Some 41 Kurds …"), nor "One of the
 * …", nor a name in apposition ("One, Peter Kennedy, claimed …").
 */
export function opensWithCountSubject(s: Sentence): boolean {
  const [t0, t1, t2] = s.tokens;
  if (!t0 || !t1 || !COUNT_WORDS.has(t0.norm) || !/^\p{Lu}/u.test(t0.text)) return false;
  if (t1.pos === 'AUX') return true;
  if (t1.pos !== 'VERB') return false;
  return !(/(?:ing|ed)$/.test(t1.norm) && t2 !== undefined && ['NOUN', 'PROPN', 'ADJ'].includes(t2.pos));
}

/**
 * A sentence that reads correctly on its own as news: no dangling opener (also
 * after an opening phrase; a number word or quantifier as the subject), no connective pointing back (at its opening or set off
 * by commas inside it), no demonstrative pointing at an earlier sentence, brackets
 * that pair up, no notice to the reader, no quotation without a named speaker, no narrator in
 * the first or second person, no subordinate fragment, no photo caption, list item,
 * byline, embed, ad or other page furniture, nothing written in capitals (a fact box's
 * "THE DEEPEST STATION IS NEARLY 200 FEET BELOW STREET LEVEL.", a shout).
 */
export function standsAlone(s: Sentence): boolean {
  return (
    !opensWithDanglingPronoun(s.text) &&
    !opensWithConnective(s.text) &&
    !opensWithCountSubject(s) &&
    !pronounAfterOpener(s) &&
    !invertedPointer(s.text) &&
    !comparesWithNothing(s.text) &&
    !pointsBackInside(s) &&
    !innerConnective(s.text) &&
    !unbalancedBrackets(s.text) &&
    !isListItem(s.text) &&
    quoteHasNamedSpeaker(s) &&
    !narratorSpeaks(s) &&
    !isFragment(s) &&
    !isCaption(s) &&
    !isByline(s.text) &&
    !isNotice(s.text) &&
    !isPageFurniture(s.text) &&
    !pronounSpeaker(s) &&
    /\p{Ll}/u.test(s.text)
  );
}

const YEAR = /\b(1[89]\d\d|20\d\d)\b/g;
/** An older year after a preposition or a month ("in the fall of 1677", "since 1453"), and decades ("the 1970s"). */
const OLD_YEAR = /\b(?:in|of|since|from|until|till|by|before|after|around|circa|c\.|(?:Jan|Febr)uary|March|April|May|June|July|August|September|October|November|December)\s+(1\d\d\d)\b/g;
const DECADE = /\b(1[0-9]\d0|20\d0)['’]?s\b/g;
/** "two decades ago", "150 years ago": an earlier time without a year. */
const AGO = /\b(?:\d+|a|two|three|four|five|six|seven|eight|nine|ten|several|many|few|dozens of|hundreds of|a few)\s+(?:years|decades|centuries|century|decade|year)\s+ago\b/i;

/** A day of the week or a day named relative to the report: the time of a report's own news. */
const DAY = /\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|\b(?:yesterday|today|tonight|this (?:morning|afternoon|evening))\b/i;

/** Years a sentence names: 1800–2099, an older year after a preposition, the first year of a decade. */
function yearsOf(text: string): number[] {
  const ys = [...text.matchAll(YEAR)].map((m) => Number(m[1]));
  for (const m of text.matchAll(OLD_YEAR)) if (Number(m[1]) < 1800) ys.push(Number(m[1]));
  for (const m of text.matchAll(DECADE)) ys.push(Number(m[1]));
  return ys;
}

/**
 * Background never leads: when the first sentence of a summary is about an earlier
 * time — every year it names is before the story's own year (the earliest
 * publication year of its articles, or, for undated articles, the latest year the
 * summary names; and, for undated articles, when another summary sentence is dated
 * by a day of the week alone, every sentence dated by a year alone), or it names no
 * year but a time years ago ("two decades ago") —
 * the first sentence that is not is moved to the front. Only the order changes. A
 * sentence that `canLead` refuses (one leaning on the sentence before it) is not moved.
 */
export function backgroundNotFirst(summary: Sentence[], docs: AnnotatedArticle[], canLead: (s: Sentence) => boolean = () => true): Sentence[] {
  if (summary.length < 2) return summary;
  const published = docs.map((d) => d.article.published).filter((p): p is string => Boolean(p)).map((p) => Number(p.slice(0, 4)));
  const named = summary.flatMap((s) => yearsOf(s.text));
  const storyYear = published.length ? Math.min(...published) : named.length ? Math.max(...named) : null;
  // Undated articles: a sentence dated by a day of the week and no year ("on Sunday") is
  // the story's own news, so one dated only by a year is about an earlier time
  // ("Indonesia invaded East Timor in 1975 …" before "Protesters on Sunday urged …").
  // (Also when it names an earlier year in a side clause: "… Marty Balin, who co-founded the
  // band in 1965 …, died Thursday at the age of 76", mnval-229.)
  const dayNews = published.length === 0 && summary.some((x) => DAY.test(x.text));
  if (storyYear === null) return summary;
  const background = (s: Sentence) => {
    if (dayNews && DAY.test(s.text)) return false;
    const ys = yearsOf(s.text);
    if (ys.length > 0) return ys.every((y) => y < storyYear) || (dayNews && !DAY.test(s.text));
    return AGO.test(s.text);
  };
  if (!background(summary[0] as Sentence)) return summary;
  const k = summary.findIndex((s) => !background(s) && canLead(s));
  if (k < 0) return summary;
  return [summary[k] as Sentence, ...summary.slice(0, k), ...summary.slice(k + 1)];
}

/**
 * True when, outside quotations, the sentence holds the writer's own judgement ("No doubt that
 * some people did upgrade … it clearly wasn't enough.", "Apparently Lenovo liked what it saw
 * …"; `opinionMarkers` in data/summarize/readable.json): a column's voice, which a briefing
 * must not open on (issue 10, fourth held-out review's leftover, mnval-061's commentary lead).
 */
export function writerJudges(text: string): boolean {
  const re = readableRules().opinion;
  return outsideQuotes(text).some(([a, b]) => re.test(text.slice(a, b)));
}

/**
 * The writer's judgement never leads: when the first summary sentence holds one
 * (`writerJudges`), the first sentence that does not, and that `canLead` allows, is moved to
 * the front. Only the order changes.
 */
export function judgementNotFirst(summary: Sentence[], canLead: (s: Sentence) => boolean = () => true): Sentence[] {
  if (summary.length < 2 || !writerJudges((summary[0] as Sentence).text)) return summary;
  const k = summary.findIndex((s) => !writerJudges(s.text) && canLead(s));
  if (k < 0) return summary;
  return [summary[k] as Sentence, ...summary.slice(0, k), ...summary.slice(k + 1)];
}
