/**
 * Which sentences can stand alone in a summary without misleading the reader.
 *
 * A summary lifts sentences out of their articles, so a sentence that leans on
 * the one before it reads wrongly on its own:
 * - a sentence opening with a pronoun or a demonstrative ("He said…", "This was…")
 *   whose referent the summary may not hold;
 * - a quotation without its speaker: an opening quotation that no attribution
 *   with a named speaker closes (“…,” he said / “I watch her on television.”);
 * - a subordinate clause standing as a sentence ("Because it may be time…");
 * - a connective or pointing word opening it ("But…", "However,…", "Such claims…");
 * - a list item ("•Amending the warranty…").
 * And some sentences of a news page are not news narration: the writer speaking
 * in the first or second person outside quotations (appeals to the reader,
 * newsletter boxes, a column's own voice, which a briefing would present as its
 * own), photo captions, bylines, embeds and other page furniture.
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

const DANGLING = /^(?:He|She|It|They|His|Her|Its|Their|Them|Him|This|These|Those)\b(?!\s+(?:year|week|month|time)\b)/;

/** True when the sentence opens with a pronoun or demonstrative that points back. */
export function opensWithDanglingPronoun(text: string): boolean {
  return DANGLING.test(text);
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
      const before = words[i - 1];
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

/** Subordinators that cannot open a sentence without a main clause after a comma. */
const SUBORDINATORS = new Set(['because', 'although', 'though', 'whereas', 'unless']);

/** A subordinate clause standing as a sentence: "Because it may be time we all moved." */
export function isFragment(s: Sentence): boolean {
  const first = s.tokens[0];
  return first !== undefined && SUBORDINATORS.has(first.norm) && !s.tokens.some((t) => t.text === ',' || t.text === ';');
}

const MONTH_DATE = /\b(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.? \d{1,2}, \d{4}\.?$/;
const CREDIT = /\b(?:Getty Images|AP Photo|Reuters Photo|AFP Photo|file photo|photo credit|Photograph:|Photo:|\(Photo)/i;

/**
 * A photo caption: a credit ("AP Photo", "Getty Images", "[Getty]", "(R)" marking who
 * is where; data/summarize/readable.json), or a sentence in the
 * caption's present tense ("X speaks to the media…") that ends with the date the
 * picture was taken ("…in Kathmandu, Nepal May 30, 2016.").
 */
export function isCaption(s: Sentence): boolean {
  if (CREDIT.test(s.text) || readableRules().captions.some((re) => re.test(s.text))) return true;
  if (!MONTH_DATE.test(s.text)) return false;
  return s.tokens.some((t) => t.pos === 'VERB' && /s$/.test(t.norm) && t.lemma !== t.norm && !/ss$/.test(t.norm));
}

interface ReadableData {
  connectives: string[];
  bullets: string;
  captions: string[];
  bylines: string[];
}
let readableData: { connective: RegExp; bullet: RegExp; captions: RegExp[]; bylines: RegExp[] } | null = null;
function readableRules() {
  if (!readableData) {
    const d = loadJson<ReadableData>('summarize/readable.json');
    const esc = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    readableData = {
      connective: new RegExp(`^(?:${d.connectives.map((c) => esc(c).replace(/ /g, '\\s+')).join('|')})(?=[\\s,;:—–])`, 'iu'),
      bullet: new RegExp(`^\\s*[${esc(d.bullets)}]`, 'u'),
      captions: d.captions.map((p) => new RegExp(p, 'iu')),
      bylines: d.bylines.map((p) => new RegExp(p, 'u')),
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
  return readableRules().connective.test(t) || /^\p{Ll}/u.test(t);
}

/** A list item or bullet fragment ("•Amending the cars' warranty…"). */
export function isListItem(text: string): boolean {
  return readableRules().bullet.test(text);
}

/** A byline or credit line ("By Jane Smith, Associated Press", "Reporting by…"). */
export function isByline(text: string): boolean {
  return readableRules().bylines.some((re) => re.test(text));
}

/**
 * A sentence that reads correctly on its own as news: no dangling opener, no
 * connective pointing back, no quotation without a named speaker, no narrator in
 * the first or second person, no subordinate fragment, no photo caption, list item,
 * byline, embed, ad or other page furniture.
 */
export function standsAlone(s: Sentence): boolean {
  return (
    !opensWithDanglingPronoun(s.text) &&
    !opensWithConnective(s.text) &&
    !isListItem(s.text) &&
    quoteHasNamedSpeaker(s) &&
    !narratorSpeaks(s) &&
    !isFragment(s) &&
    !isCaption(s) &&
    !isByline(s.text) &&
    !isPageFurniture(s.text)
  );
}

const YEAR = /\b(1[89]\d\d|20\d\d)\b/g;

/** Years a sentence names (1800–2099). */
function yearsOf(text: string): number[] {
  return [...text.matchAll(YEAR)].map((m) => Number(m[1]));
}

/**
 * Background never leads: when the first sentence of a summary is about an earlier
 * time — every year it names is before the story's own year (the earliest
 * publication year of its articles, or, for undated articles, the latest year the
 * summary names) — the first sentence that is not is moved to the front. Only the
 * order changes.
 */
export function backgroundNotFirst(summary: Sentence[], docs: AnnotatedArticle[]): Sentence[] {
  if (summary.length < 2) return summary;
  const published = docs.map((d) => d.article.published).filter((p): p is string => Boolean(p)).map((p) => Number(p.slice(0, 4)));
  const named = summary.flatMap((s) => yearsOf(s.text));
  const storyYear = published.length ? Math.min(...published) : named.length ? Math.max(...named) : null;
  if (storyYear === null) return summary;
  const background = (s: Sentence) => {
    const ys = yearsOf(s.text);
    return ys.length > 0 && ys.every((y) => y < storyYear);
  };
  if (!background(summary[0] as Sentence)) return summary;
  const k = summary.findIndex((s) => !background(s));
  if (k < 0) return summary;
  return [summary[k] as Sentence, ...summary.slice(0, k), ...summary.slice(k + 1)];
}
