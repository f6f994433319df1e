/**
 * The story headline: one function, used by `brief` (CLI, JSON, reports, the web
 * app's story page) and by the store's story list, so that a story has the same
 * headline everywhere.
 *
 * Candidates are the articles' titles; only when no article has a usable title, the
 * first sentences of the articles. A candidate is usable when it is whole (never cut:
 * a title ending in "…" is passed over, and a lead sentence is split at a real
 * sentence end, not after "Mr.", "Reps." or an initial), at most 200 characters for a
 * title and the 600 characters of an opening for a lead sentence (all leads compete at
 * once, so a short feature opening does not shut out longer news leads), at least four
 * words, and not a byline, dateline, date, site or page line ("Skip in Skip x Embed x
 * Share"), nor, for a lead sentence, one opening on a connective or pronoun that
 * points back (data/summarize/headline.json); a photo caption the text opens with (a
 * line holding a credit line or followed by one) is passed over for the lead after it. Among usable candidates the most
 * representative wins: the one whose content stems appear in the most other
 * articles' titles and openings (the mean share of the other articles per stem,
 * weighted by the stem's specificity in general English: −ln of its SUBTLEX
 * background document frequency, src/stories/background.ts), ties broken by text
 * then article id, so the result does not depend on the order of the articles.
 * With no usable title or lead (a missing-page notice, a video blurb), the story is
 * named by outlet and date (`outletAndDate`), never left blank.
 *
 * It reads only each article's title and the first 600 characters of its text, so
 * the store computes it from what it keeps without annotating anything.
 */
import { loadJson } from '../data.js';
import { stem } from '../text/nlp.js';
import { backgroundDf } from '../stories/background.js';
import { isPageFurniture } from '../text/furniture.js';
import { holdsCreditLine, isCreditLine, opensAsCaption } from '../text/credit.js';
import { leadingDateline } from '../ingest/dateline.js';
import { gluedTitleAt } from '../text/glued-title.js';

/** What the headline is chosen from: an article's id, title and text. */
export interface HeadlineSource {
  id: string;
  title: string | null | undefined;
  text: string;
  /** The text opened with a dateline (cut by cleaning): a wire-style report, whose lead states the news. */
  dateline?: boolean;
  /** Outlet and publication date: the story's name when no article has a usable title or lead. */
  outlet?: string | null;
  published?: string | null;
}

/** The date of a publication date or timestamp ("2017-09-12T08:00:00Z" → "2017-09-12"). */
function dayOf(published: string): string {
  return /^\d{4}-\d{2}-\d{2}/.test(published) ? published.slice(0, 10) : published;
}

/**
 * A story without a usable title or lead is named as an untitled article is (src/report/labels.ts
 * `articleName`): by the outlet and date of its earliest article with an outlet ("AP,
 * 2017-09-12"; "AP, undated"), else its earliest date ("Untitled story, 2017-09-12"), else
 * "Untitled story". Ties go to the outlet's name, so the order of the articles does not matter.
 */
export function outletAndDate(sources: HeadlineSource[]): string {
  const dated = (x: HeadlineSource) => (x.published?.trim() ? dayOf(x.published.trim()) : null);
  const order = (a: HeadlineSource, b: HeadlineSource): number => {
    const da = dated(a) ?? '\uffff';
    const db = dated(b) ?? '\uffff';
    return da < db ? -1 : da > db ? 1 : (a.outlet ?? '').localeCompare(b.outlet ?? '');
  };
  const withOutlet = sources.filter((x) => x.outlet?.trim()).sort(order)[0];
  if (withOutlet) return `${withOutlet.outlet!.trim()}, ${dated(withOutlet) ?? 'undated'}`;
  const day = sources.map(dated).filter((d): d is string => d !== null).sort()[0];
  return day ? `Untitled story, ${day}` : 'Untitled story';
}

interface HeadlineData {
  maxChars: number;
  minWords: number;
  notTitles: string[];
  weakOpeners: string[];
}

/** Characters of an article's text a headline is chosen from (its opening). */
export const LEAD_CHARS = 600;
/** How much more a lead sentence under a dateline weighs when no article has a title. */
const DATELINE_WEIGHT = 1.5;

let data: { max: number; minWords: number; not: RegExp[]; weak: Set<string>; stop: Set<string>; abbr: Set<string> } | null = null;
function rules() {
  if (!data) {
    const d = loadJson<HeadlineData>('summarize/headline.json');
    const stop = loadJson<{ languages: Record<string, string[]> }>('ingest/stopwords.json').languages.en ?? [];
    const ab = loadJson<Record<string, unknown>>('lexicon/abbreviations.json');
    const abbr = new Set<string>();
    for (const k of ['titles', 'months', 'other']) for (const w of (ab[k] as string[] | undefined) ?? []) abbr.add(w.toLowerCase());
    // Titles in the plural precede names too ("Reps. Smith and Jones").
    for (const w of (ab.titles as string[] | undefined) ?? []) abbr.add(`${w.toLowerCase()}s`);
    data = { max: d.maxChars, minWords: d.minWords, not: d.notTitles.map((p) => new RegExp(p, 'iu')), weak: new Set(d.weakOpeners), stop: new Set(stop), abbr };
  }
  return data;
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;

/** A word without its possessive ending ("minister's" → "minister"). */
function withoutPossessive(w: string): string {
  const n = w.length;
  return n >= 2 && w.charCodeAt(n - 1) === 115 /* s */ && (w[n - 2] === "'" || w[n - 2] === '’') ? w.slice(0, n - 2) : w;
}

function words(text: string): string[] {
  const out = text.toLowerCase().match(WORD) ?? [];
  for (let i = 0; i < out.length; i++) out[i] = withoutPossessive(out[i] as string);
  return out;
}

/** A matched word's content stem (possessive cut), or null for a stop word; bounded as ../text/nlp.ts's stem cache. */
const wordStems = new Map<string, string | null>();
const WORD_STEMS_MAX = 200_000;

/**
 * The content stems of a text's words in order, repeats kept: `words` without stop
 * words, stemmed. Each distinct word is looked up once in `wordStems` (possessive,
 * stop list and stem at once): a story's headline reads every member's title and
 * opening, some hundred words each.
 */
function contentStems(text: string): string[] {
  const ws = text.toLowerCase().match(WORD);
  if (!ws) return [];
  const out: string[] = [];
  for (const w of ws) {
    let s = wordStems.get(w);
    if (s === undefined) {
      const bare = withoutPossessive(w);
      s = rules().stop.has(bare) ? null : stem(bare);
      if (wordStems.size >= WORD_STEMS_MAX) wordStems.clear();
      wordStems.set(w, s);
    }
    if (s !== null) out.push(s);
  }
  return out;
}

/** A title without a trailing " | Site name", whitespace collapsed. */
export function cleanTitle(title: string): string {
  const one = title.replace(/\s+/g, ' ').trim();
  const bar = one.split(' | ');
  return bar.length > 1 && words(bar[0] as string).length >= 4 ? (bar[0] as string).trim() : one;
}

/**
 * The first sentence of a text, whole: the first full stop, question or exclamation
 * mark followed by a space and a capital or a quotation mark, that does not close an
 * abbreviation ("Mr.", "Gen.") or an initial ("David O."). Null when the opening has
 * no sentence end (a sentence longer than the opening is no headline anyway).
 */
export function firstSentence(text: string): string | null {
  const line = (text.trim().split('\n')[0] ?? '').trim();
  // (Also a sentence end glued to the next sentence by a page that lost its spaces: "… for a
  // probation violation.But when the cell door closed …", after a lower-case word.)
  const re = /[.!?]["'”’)]?(?=\s+["'“‘(]?[\p{Lu}\d]|\s*$)|(?<=\p{Ll}{2})[.!?]["”’]?(?=["“‘]?\p{Lu}\p{Ll})/gu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line))) {
    const before = line.slice(0, m.index);
    const last = /([\p{L}.-]+)$/u.exec(before)?.[1] ?? '';
    if (m[0].startsWith('.') && (/^\p{Lu}$/u.test(last) || rules().abbr.has(last.toLowerCase()) || /^(?:\p{L}\.)+\p{L}$/u.test(last))) continue;
    return line.slice(0, m.index + m[0].length).trim();
  }
  return null;
}

/**
 * A heading line the text opens with: a first line of 3–20 words without a sentence end,
 * followed by more text ("The cost per wedding is at a five-year high" above the article
 * when the source gave no title field). Null otherwise.
 */
export function headingLine(text: string): string | null {
  const lines = text.trim().split('\n');
  const line = (lines[0] ?? '').trim();
  if (lines.length < 2 || /[.!?:;,"'”’)]$/u.test(line) || !/^\p{Lu}/u.test(line)) return null;
  // Not a line in capitals (a dateline, a label), a navigation line, or a kicker ("Trending News: …").
  if (!/\p{Ll}/u.test(line) || /[|•·»›]/u.test(line) || /^[\p{L}' ]{1,25}:\s/u.test(line)) return null;
  // Nor a line the text goes on from in lower case: a piece of running text cut from a page
  // ("The San Diego Zoo Safari Park is absolutely incredible" above "staff, and so much to
  // do …", a reader's review, mnval-109), as cleaning reads it (src/ingest/clean.ts).
  const next = lines.slice(1).find((l) => /\p{L}/u.test(l));
  if (next !== undefined && /^\p{Ll}/u.test(next.trim())) return null;
  // Nor a line above no prose: a media page's caption line above lyrics or a track list ("From
  // the LP Surrealistic Pillow" above verse lines without a sentence end, mnval-229) names the
  // media, not a news story. The first line below must hold a sentence end.
  if (next !== undefined && !/[.!?]["'”’)]*(?:\s|$)/u.test(next.trim())) return null;
  const n = words(line).length;
  return n >= 3 && n <= 20 ? line : null;
}

function usable(text: string, lead: boolean, max: number): boolean {
  const r = rules();
  if (text.length > max) return false;
  const w = words(text);
  if (w.length < r.minWords) return false;
  if (r.not.some((re) => re.test(text))) return false;
  // A sentence cut inside a bracket ("… within the Cascadia forearc region (Fig.", mnval-243,
  // split after an abbreviation the list does not know) is no whole sentence.
  if ((text.match(/\(/g) ?? []).length !== (text.match(/\)/g) ?? []).length) return false;
  // A page's link box run into the text: a name glued to itself and "MORE" before the
  // sentence goes on ("Donald Trump Donald John TrumpTrump Jr. getting … MORE panned …", mnval-214).
  if (/(\p{Lu}\p{Ll}{2,})\1(?!\p{Ll})/u.test(text) || /\bMORE\s+\p{Ll}/u.test(text)) return false;
  // (A lead opening on a quotation is someone's words; one opening on a quoted name, a few
  // words closed before a verb, is not: "“Moonlight” walked away with best picture honors …".)
  if (lead && (r.weak.has(w[0] as string) || (/^["“‘']/.test(text) && !QUOTED_NAME.test(text)))) return false;
  // A lead opening on a label in capitals ("INVESTIGATORS: 'Connecting the dots' Minn. man
  // … The Fox 9 Investigators have learned …") is a kicker and a title run into the text.
  if (lead && /^\p{Lu}[\p{Lu}'’ ]{1,25}:\s/u.test(text)) return false;
  // A lead in capitals is a shout, a label or a caption line ("I TOLD YOU KAZAAM WAS A
  // DIFFERENT MOVIE!"), not the news.
  if (lead && !/\p{Ll}/u.test(text)) return false;
  // Page furniture run on with text ("Photo Advertisement Continue reading the main story").
  if (isPageFurniture(text)) return false;
  // A photo credit or caption ("(Washington Post Staff Photo/Andrea Bruce)", "A photo from the
  // 1998 excavation, with …") names a picture, not the news.
  if (isCreditLine(text) || opensAsCaption(text)) return false;
  // A lead asking a question ("…, is this the time to start buying into the company?") is a
  // feature's hook, not the news it reports.
  if (lead && /\?["'”’)]*$/u.test(text)) return false;
  // A lead addressing the reader anywhere ("Shop or “Skip” The choice to shop is always yours!",
  // a shop page's line, mnval-199) is a page speaking to its visitor, not the news.
  // ("Your average high school sweethearts" is an idiom, no address: mnval-003.)
  if (lead && w.some((x, i) => SECOND_PERSON.has(x) || (x === 'your' && !AVERAGE.has(w[i + 1] ?? '')))) return false;
  return true;
}

/** Words addressing the reader. */
const SECOND_PERSON = new Set(['you', 'yours', 'yourself', 'yourselves', "you're", 'you’re', "you'll", 'you’ll', "you've", 'you’ve', "you'd", 'you’d']);

/** Words after "your" in the idiom for "an ordinary one" ("your average couple"). */
const AVERAGE = new Set(['average', 'typical', 'usual', 'everyday', 'ordinary', 'standard', 'run-of-the-mill', 'garden-variety']);

/** A notice line above the story ("Update: Judge calls …", "Story highlights …", "Editor's note: …"), not its lead. */
const NOTICE_LINE = /^\s*(?:updated?\s*:|editor['’]s note\s*:|correction\s*:|story highlights\b)/iu;

/**
 * The text after the photo captions and notices it opens with: a first line holding a credit line
 * ("… gunman. | Mark Wilson/Getty Images …"), or followed by one on the next line, is
 * dropped with its credit (up to three captions); so is a notice line (NOTICE_LINE) and a
 * line opening as a caption does ("A sketch released of an unidentified woman who …").
 */
function afterCaptions(text: string): string {
  let t = text;
  for (let n = 0; n < 3; n++) {
    const lines = t.replace(/^\s+/, '').split('\n');
    const k = lines.findIndex((l, i) => i > 0 && l.trim() !== '');
    if (holdsCreditLine(lines[0] ?? '') || NOTICE_LINE.test(lines[0] ?? '') || opensAsCaption(lines[0] ?? '')) t = lines.slice(1).join('\n');
    else if (k > 0 && isCreditLine(lines[k] as string)) t = lines.slice(k + 1).join('\n');
    else break;
  }
  return t;
}

/**
 * A title that is a speaker's quotation: a name and a colon before a quotation ("Emma Stone:
 * ‘I was holding …’"), or a quotation then its speaker ("‘We will fight on,’ says the mayor").
 */
const QUOTE_TITLE = /^(?:[\p{Lu}][\p{L}.'’-]*(?:\s+[\p{Lu}][\p{L}.'’-]*){0,3}\s*:\s*["“‘'][^"”’']{8,}["”’']\s*$|["“‘'][^"”’']{8,}[,?!]?["”’']\s*[,—–-]?\s*(?:says?|said)\b)/u;

/** A quoted name opening a sentence: up to four words in quotation marks, then a lower-case word ("“Moonlight” walked away …"). */
const QUOTED_NAME = /^["“‘'](?:[\p{L}\p{N}'’&.-]+\s?){1,4}["”’']\s+\p{Ll}/u;

/** A headline candidate: a title, or a lead sentence (under a dateline or not). */
type Candidate = { text: string; id: string; dateline?: boolean };

/** The story headline (see the module comment). */
export function storyHeadline(sources: HeadlineSource[]): string {
  const r = rules();
  const titles: Candidate[] = [];
  // A title that is one speaker's quotation ("Emma Stone: ‘I was holding my best actress card
  // the whole time’") tells what one person said, often a side of the story (mnval-205): it
  // does not shut out the leads, it competes with them.
  const quoteTitles: Candidate[] = [];
  for (const s of sources) {
    const t = s.title ? cleanTitle(s.title) : '';
    // (Not the title of a page whose opening holds no sentence: a media page's title above
    // lyrics or a track list — "From the LP Surrealistic Pillow", mnval-229 — names the media,
    // not a news story.)
    const prose = !s.text.trim() || /[.!?]["'”’)]*(?:\s|$)/u.test(s.text.slice(0, LEAD_CHARS));
    if (t && prose && usable(t, false, r.max)) (QUOTE_TITLE.test(t) ? quoteTitles : titles).push({ text: t, id: s.id });
  }
  let candidates = titles;
  // Lead sentences, whole, up to the opening's length, all at once: a short feature
  // opening ("April is here and this is the time…") must not shut out the longer news
  // leads of the other articles.
  if (candidates.length === 0) {
    candidates = [...quoteTitles];
    for (const s of sources) {
      let lead = afterCaptions(s.text).replace(/^\s+/, '');
      // A dateline left at the lead's opening (after a caption, where cleaning does not
      // look for one: "TORONTO - For more than a decade, …") is no part of the headline.
      const dl = leadingDateline(lead.slice(0, LEAD_CHARS));
      if (dl) lead = lead.slice(dl.prefix.length);
      lead = lead.slice(0, LEAD_CHARS);
      // (A dash left where cleaning cut the dateline is not part of the lead: "— The girls walk …".)
      let f = (firstSentence(lead) ?? headingLine(lead))?.replace(/^[—–-]+\s*/, '');
      // A feature's one-sentence hook paragraph opening on a pronoun ("It’s a cold snap life for
      // penguins up in Alberta, Canada." above "Not only did the Calgary Zoo have to cancel …",
      // mnval-139) points to the paragraph after it, whose first sentence is the lead.
      const para = /^([^\n]*)\n\s*(\S[\s\S]*)$/u.exec(lead);
      if (f && para && f === (para[1] as string).trim() && r.weak.has(words(f)[0] as string)) {
        const next = firstSentence(para[2] as string);
        if (next && usable(next, true, LEAD_CHARS)) f = next;
      }
      // A headline run into the lede without a stop ("Monkeys learn to … be left alone Monkeys
      // at Colchester Zoo have …", mnval-041): the headline part is the heading.
      const glued = f ? gluedTitleAt(f, true) : -1;
      if (f && glued > 0) f = f.slice(0, glued).trim();
      if (f && usable(f, true, LEAD_CHARS)) candidates.push({ text: f, id: s.id, dateline: Boolean(s.dateline) || Boolean(dl) });
    }
  }
  if (candidates.length === 0) return outletAndDate(sources);
  // Document frequency of content stems over the articles' titles and openings (`last`:
  // the last source counted, so that a stem counts once per source).
  const df = new Map<string, { n: number; last: number }>();
  sources.forEach((s, i) => {
    for (const t of contentStems(`${s.title ?? ''} ${s.text.slice(0, LEAD_CHARS)}`)) {
      const e = df.get(t);
      if (!e) df.set(t, { n: 1, last: i });
      else if (e.last !== i) {
        e.n++;
        e.last = i;
      }
    }
  });
  const others = Math.max(1, sources.length - 1);
  let best: Candidate | null = null;
  let bestScore = -1;
  for (const c of candidates) {
    // The share of the other articles that hold each stem, weighted by how specific the
    // stem is in general English (a name counts more than "time").
    let num = 0;
    let den = 0;
    for (const t of new Set(contentStems(c.text))) {
      const w = -Math.log(backgroundDf(t) + 1e-3);
      num += w * Math.max(0, (df.get(t)?.n ?? 0) - 1) / others;
      den += w;
    }
    // A lead under a dateline states the news (a feature's opening scene does not).
    const score = (den > 0 ? num / den : 0) * (c.dateline ? DATELINE_WEIGHT : 1);
    if (
      !best ||
      score > bestScore + 1e-12 ||
      (Math.abs(score - bestScore) <= 1e-12 && (c.text < best.text || (c.text === best.text && c.id < best.id)))
    ) {
      best = c;
      bestScore = score;
    }
  }
  return (best as { text: string }).text;
}
