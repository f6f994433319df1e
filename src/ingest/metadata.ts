/**
 * Article metadata read from text: publication dates (with the text they were read
 * from), bylines and outlets.
 *
 * chrono-node parses written dates ("08 December, 2017, 00:16", "Thu, 07 Dec 2017
 * 10:00:00 +0000", ISO). Numeric dates such as 12/09/2017 are parsed here instead,
 * because chrono silently reads them month-first; whether 12/09 is 12 September or
 * 9 December is settled by `resolveAmbiguous` from evidence in the article (weekday
 * and month mentions, other numeric dates), and left unset when nothing settles it.
 * Publication dates are never guessed from file times or from dates of events in
 * the body.
 */
// The English locale only: loading every locale costs ~200 ms of start-up.
import * as chrono from 'chrono-node/en';
import { loadJson } from '../data.js';

export interface DateHit {
  /** ISO `YYYY-MM-DD` when the date is certain; null for an unresolved d/m vs m/d date. */
  iso: string | null;
  /** The two readings of an ambiguous numeric date: [day-first, month-first]. */
  readings?: [string, string];
  /** The matched text (as chrono or the numeric pattern found it). */
  text: string;
  /** Offset of `text` in the searched string. */
  index: number;
}

const REFERENCE = new Date(Date.UTC(2000, 0, 1, 12));

/**
 * A chrono parser for written calendar dates only. Its default configuration also
 * parses times, time zones and relative expressions, whose first use costs ~250 ms of
 * regular-expression set-up; crossread needs none of them (times are stripped from
 * date lines separately). Parsers are picked by class name; should a chrono release
 * rename them, the full English parser is used instead.
 */
const DATE_PARSERS = new Set(['ENYearMonthDayParser', 'ISOFormatParser', 'ENMonthNameLittleEndianParser', 'ENMonthNameMiddleEndianParser', 'ENWeekdayParser']);
const DATE_REFINERS = new Set(['OverlapRemovalRefiner', 'MergeWeekdayComponentRefiner', 'UnlikelyFormatFilter', 'ENExtractYearSuffixRefiner']);
let dateParser: chrono.Chrono | null = null;
function dates(): chrono.Chrono {
  if (dateParser) return dateParser;
  const cfg = chrono.configuration.createConfiguration(true, false);
  const parsers = cfg.parsers.filter((p) => DATE_PARSERS.has(p.constructor.name));
  const refiners = cfg.refiners.filter((r) => DATE_REFINERS.has(r.constructor.name));
  dateParser = parsers.length === DATE_PARSERS.size ? new chrono.Chrono({ parsers, refiners }) : chrono.casual;
  return dateParser;
}
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MIN_YEAR = 1800;
const MAX_YEAR = 2100;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** ISO date for y/m/d, or null when not a real calendar date in the accepted range. */
export function isoDate(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) return null;
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** Day of the week (0 = Sunday) of an ISO date. */
export function weekday(iso: string): number {
  return new Date(`${iso}T12:00:00Z`).getUTCDay();
}

/** Whole days from `a` to `b` (both ISO). */
function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T12:00:00Z`) - Date.parse(`${a}T12:00:00Z`)) / 86_400_000);
}

// d/m/y or m/d/y with '/', or with '.' / '-' and a four-digit year.
const NUMERIC_DATE = /(?<![\d/.\-])(\d{1,2})(\/)(\d{1,2})\/(\d{4}|\d{2})(?![\d/]|[.\-]\d)|(?<![\d/.\-])(\d{1,2})([.\-])(\d{1,2})\6(\d{4})(?![\d.\-]*\d)/g;

function numericDates(s: string): DateHit[] {
  const out: DateHit[] = [];
  NUMERIC_DATE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = NUMERIC_DATE.exec(s))) {
    const a = Number(m[1] ?? m[5]);
    const b = Number(m[3] ?? m[7]);
    let year = Number(m[4] ?? m[8]);
    if ((m[4] ?? m[8] ?? '').length === 2) year += year < 50 ? 2000 : 1900;
    const dm = isoDate(year, b, a);
    // Dotted dates (07.12.2017) are day-first wherever they are used.
    const md = m[6] === '.' ? null : isoDate(year, a, b);
    const hit: DateHit = { iso: null, text: m[0], index: m.index };
    if (dm && md && dm !== md) hit.readings = [dm, md];
    else if (dm || md) hit.iso = (dm ?? md) as string;
    else continue;
    out.push(hit);
  }
  return out;
}

/**
 * Full dates (day, month and year all stated) found in `s`, in order. Partial dates
 * ("December 2017", "Tuesday") are not returned: they cannot be a publication date.
 */
export function findDates(s: string): DateHit[] {
  const numeric = numericDates(s);
  const out = [...numeric];
  // chrono is only worth calling when a year-like number is present.
  if (/\b\d{4}\b|\b\d{1,2}\/\d{1,2}\/\d{2}\b/.test(s)) {
    for (const r of dates().parse(s, REFERENCE, { forwardDate: false })) {
      const start = r.index;
      const end = r.index + r.text.length;
      if (numeric.some((n) => n.index < end && start < n.index + n.text.length)) continue;
      const c = r.start;
      if (!c.isCertain('year') || !c.isCertain('month') || !c.isCertain('day')) continue;
      const iso = isoDate(c.get('year') ?? 0, c.get('month') ?? 0, c.get('day') ?? 0);
      if (iso) out.push({ iso, text: r.text, index: r.index });
    }
  }
  return out.sort((x, y) => x.index - y.index);
}

/**
 * Normalises a date given as metadata (JSON field, HTML meta, feed pubDate): ISO
 * strings keep the calendar date as written (the publisher's local date), epoch
 * numbers are read as UTC, anything else goes through `findDates`.
 */
export function parseDateValue(value: unknown): DateHit | null {
  if (typeof value === 'number' && Number.isFinite(value)) {
    const ms = value > 1e11 ? value : value * 1000;
    const d = new Date(ms);
    const iso = isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
    return iso ? { iso, text: String(value), index: 0 } : null;
  }
  if (typeof value !== 'string') return null;
  const s = value.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])/.exec(s);
  if (iso) {
    const d = isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    return d ? { iso: d, text: s, index: 0 } : null;
  }
  if (/^\d{9,13}$/.test(s)) return parseDateValue(Number(s));
  return findDates(s)[0] ?? null;
}

const TIME = /\b\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?(?=\W|$)|\b\d{1,2}\s*[ap]\.?m\.?(?=\W|$)/giu;
const TIMEZONE = /\b(?:gmt|utc|bst|cet|cest|eet|eest|est|edt|cst|cdt|mst|mdt|pst|pdt|et|pt|ct|ist|msk|jst|kst|aest|aedt|sast|eat|wat|ast|pkt|hkt|sgt|wib)(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?\b|[+-]\d{2}:?\d{2}\b/giu;
const WEEKDAY_WORD = /\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\.?(?=\W|$)/giu;
const DATE_CONNECTORS = /\b(?:published|updated|posted|last updated|first published|modified|date|dated|on|at|am|pm)\b/giu;

/** Replaces each date hit in `s` by `mark`. */
function replaceHits(s: string, hits: DateHit[], mark: string): string {
  let out = '';
  let at = 0;
  for (const h of hits) {
    if (h.index < at) continue;
    out += s.slice(at, h.index) + mark;
    at = h.index + h.text.length;
  }
  return out + s.slice(at);
}

export interface DateLine {
  hits: DateHit[];
  /** True when the line says the date is an update (`Updated: …`), not the publication. */
  updated: boolean;
}

/**
 * A line that is only a date (possibly with weekday, time, time zone and a
 * "Published"/"Updated" label), e.g. `07 December, 2017` or `Thursday, 18 October, 2018`.
 */
export function dateLine(line: string): DateLine | null {
  if (line.length > 120 || !/\d/.test(line)) return null;
  const hits = findDates(line);
  if (hits.length === 0) return null;
  const rest = replaceHits(line, hits, ' ')
    .replace(TIME, ' ')
    .replace(TIMEZONE, ' ')
    .replace(WEEKDAY_WORD, ' ')
    .replace(DATE_CONNECTORS, ' ');
  if (/[\p{L}\p{N}]/u.test(rest)) return null;
  return { hits, updated: /\b(?:updated|modified)\b/i.test(line) && !/\bpublished\b/i.test(line) };
}

interface Lexicon {
  nonPersonBylines: string[];
  agencies: string[];
  outletWords: string[];
}

let outletWords: Set<string> | null = null;
/** True when a capitalised phrase reads like a news outlet (an acronym, or words like News, Times, Post, or an agency). */
export function looksLikeOutlet(phrase: string): boolean {
  const p = phrase.trim();
  if (/^\p{Lu}{2,6}$/u.test(p) || agencyName(p)) return true;
  outletWords ??= new Set(loadJson<Lexicon>('ingest/boilerplate.json').outletWords);
  const words = p.toLowerCase().split(/\s+/);
  return words.some((w) => (outletWords as Set<string>).has(w));
}

let nonPerson: Set<string> | null = null;
/** True for CMS account names and desks that are not people (`admin`, `Web Desk`, `Staff`). */
export function isNonPersonByline(name: string): boolean {
  nonPerson ??= new Set(loadJson<Lexicon>('ingest/boilerplate.json').nonPersonBylines);
  return nonPerson.has(name.trim().toLowerCase().replace(/\s+/g, ' '));
}

const NAME_WORD = String.raw`(?:\p{Lu}[\p{L}'’.\-]*|(?:de|da|del|della|van|von|der|den|al|el|bin|ibn|le|la|di|du|dos|das|ter|ten|y)(?=\s))`;
const NAME = String.raw`\p{Lu}[\p{L}'’.\-]*(?:\s+${NAME_WORD}){0,4}`;
const NAMES = String.raw`${NAME}(?:\s*(?:,|\band\b|&)\s*${NAME}){0,3}`;
const HANDLE = String.raw`[\p{Ll}\d][\p{Ll}\d_.\-]{1,30}`;
const SEP = String.raw`[\s,|•·–—\-:/]`;
const BY_PREFIX = new RegExp(String.raw`^(?:(?:posted|written|published|reported|story|words|text|report)\s+)?by\s*:?\s+(.+)$`, 'iu');
const NAMES_ONLY = new RegExp(String.raw`^(${NAMES})$`, 'u');
const MARKS = String.raw`(?:${SEP}*(?:\b(?:on|at|published|updated|posted|last updated)\b)?${SEP}*\u0001)+${SEP}*`;
/** Date marks (and "on", "Published", separators) at the start or end of a byline line. */
const LEADING_MARKS = new RegExp(String.raw`^${SEP}*(?:${MARKS})`, 'iu');
const TRAILING_MARKS = new RegExp(String.raw`(?:${MARKS})$`, 'iu');
const NAMES_TAIL = new RegExp(String.raw`^(${NAMES}|${HANDLE})(?:\s*[,|•·–—]\s*(.+))?$`, 'u');
const TAIL_OK = /^(?:[\p{Lu}\d][\p{L}\d'’.&\-]*|of|the|and|for|in|at|de|al)(?:\s+(?:[\p{Lu}\d][\p{L}\d'’.&\-]*|of|the|and|for|in|at|de|al)){0,6}$/u;
const NOT_NAMES = new Set([...WEEKDAYS, ...MONTHS, 'the', 'this', 'that', 'then', 'now', 'today', 'tomorrow', 'yesterday', 'contrast', 'comparison', 'law', 'far', 'mistake']);

export interface BylineLine {
  /** The name(s) as written (`Melinda Barton`, `admin`). */
  name: string;
  /** False for CMS accounts and desks (`admin`, `Web Desk`). */
  person: boolean;
  /** True when the name followed "by" (`By Jane Doe`); false for `Jane Doe | 8 May 2017`. */
  withBy: boolean;
  /** An outlet named after the author (`By Jane Doe, Reuters`). */
  outlet?: string;
  hits: DateHit[];
}

/**
 * A byline line: `By Jane Doe`, `By Jane Doe, Reuters`, `Jane Doe | 08 December, 2017, 00:16`,
 * `12/09/2017 09:03 by admin`, `Posted by Jane Doe on March 3, 2018`. A name without
 * "by" is accepted only next to a date, so a short subhead is never taken for a byline.
 */
export function bylineLine(line: string): BylineLine | null {
  if (line.length > 160 || /[.!?]["”’]?$/.test(line.replace(/\b(?:jr|sr|a\.m|p\.m)\.$/i, ''))) {
    // A line ending like a sentence is prose ("By Tuesday, the troops had left.").
    if (!/\b\p{Lu}\.$/u.test(line)) return null;
  }
  const hits = /\d/.test(line) ? findDates(line) : [];
  let s = replaceHits(line, hits, ' \u0001 ').replace(TIME, ' ').replace(TIMEZONE, ' ');
  s = s.replace(LEADING_MARKS, '').replace(TRAILING_MARKS, '');
  s = s.replace(/\s+/g, ' ').trim().replace(/[\s,|•·–—\-:]+$/u, '');
  if (s.includes('\u0001') || !s) return null;
  let body: string;
  const by = BY_PREFIX.exec(s);
  if (by?.[1]) body = by[1].trim();
  // Without "by", a name needs two words next to a date ("Jane Doe | 8 May 2017"), so
  // that labels like "Correction: July 9, 2014" are not taken for names.
  else if (hits.length > 0 && NAMES_ONLY.test(s) && /\S\s+\S/.test(s)) body = s;
  else return null;
  const m = NAMES_TAIL.exec(body);
  if (!m?.[1]) return null;
  let name = m[1].trim();
  let tail = m[2]?.trim();
  // "Jane Doe, Reuters": the last of a comma-separated list may be the outlet.
  let outlet: string | undefined;
  const parts = name.split(/\s*,\s*/);
  if (parts.length > 1 && looksLikeOutlet(parts[parts.length - 1] as string)) {
    outlet = parts.pop();
    name = parts.join(', ');
  }
  if (!outlet && tail && looksLikeOutlet(tail.replace(/[.,]$/, ''))) {
    outlet = tail.replace(/[.,]$/, '');
    tail = undefined;
  }
  if (tail && !TAIL_OK.test(tail.replace(/[.,]$/, ''))) return null;
  const isHandle = /^[\p{Ll}\d]/u.test(name);
  if (isHandle && (!by || tail)) return null;
  const words = name.toLowerCase().split(/[\s,&]+/).filter(Boolean);
  if (words.some((w) => NOT_NAMES.has(w.replace(/[.,]$/, '')))) return null;
  return { name, person: !isHandle && !isNonPersonByline(name), withBy: Boolean(by), hits, ...(outlet ? { outlet } : {}) };
}

let agencyList: string[] | null = null;
/** The canonical spelling of a news agency named in a sign-off, or null. */
export function agencyName(s: string): string | null {
  agencyList ??= loadJson<Lexicon>('ingest/boilerplate.json').agencies;
  const k = s.trim().toLowerCase().replace(/\s+/g, ' ');
  return agencyList.includes(k) ? s.trim() : null;
}

const DOMAIN = /^(?:https?:\/\/)?(?:www\.)?((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24})(?:\/\S*)?$/i;
/** The domain when `s` is only a URL or a domain name (`www.example.com`, `https://news.example.org/x`). */
export function domainOf(s: string): string | null {
  const m = DOMAIN.exec(s.trim());
  if (!m?.[1]) return null;
  const d = m[1].toLowerCase();
  // A bare "Mr.Smith"-like token is not a domain: require a known-looking TLD shape.
  return /\.(?:[a-z]{2}|com|org|net|info|news|media|online|site|press|tv|gov|edu|int|mil|co\.[a-z]{2})$/.test(d) ? d : null;
}

const WEEKDAY_MENTION = /\b(?:(next|coming|following|this coming)\s+)?(sunday|monday|tuesday|wednesday|thursday|friday|saturday)\b/giu;
const MONTH_MENTION = /\b(january|february|march|april|may|june|july|august|september|october|november|december)\b(?!\s+\d{4})(?!\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})(?!\s+(?:last|next) year)(?!\s+of\s+(?:last|next)\s+year)/giu;

/**
 * Settles a day-first vs month-first numeric date from the article's text:
 *  - another numeric date in the text that can only be read one way (13/09/2017) says
 *    which convention the page uses;
 *  - a weekday mentioned in the text ("on Tuesday") is the publication day or a day
 *    of the week before it; any other weekday is within the week before either
 *    reading, so a reading that falls on a mentioned weekday scores 2 ("next Tuesday"
 *    is ignored);
 *  - a month named without a year ("in September") is usually the current or the
 *    previous month: 1 point.
 * Returns the ISO date of the reading with more evidence, or null on a tie.
 */
export function resolveAmbiguous(readings: [string, string], text: string): string | null {
  const [dm, md] = readings;
  const score = [0, 0];
  for (const h of numericDates(text)) {
    if (h.iso && h.text) {
      const parts = h.text.split(/[/.\-]/).map(Number);
      const a = parts[0] ?? 0;
      const b = parts[1] ?? 0;
      if (a > 12 && b <= 12) score[0] = (score[0] ?? 0) + 3;
      if (b > 12 && a <= 12) score[1] = (score[1] ?? 0) + 3;
    }
  }
  WEEKDAY_MENTION.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = WEEKDAY_MENTION.exec(text))) {
    if (m[1]) continue;
    const wd = WEEKDAYS.indexOf((m[2] ?? '').toLowerCase());
    // Every other weekday lies within the six days before either reading, so only
    // a reading that falls on the weekday itself gains evidence.
    [dm, md].forEach((iso, i) => {
      if (weekday(iso) === wd) score[i] = (score[i] ?? 0) + 2;
    });
  }
  MONTH_MENTION.lastIndex = 0;
  while ((m = MONTH_MENTION.exec(text))) {
    const word = m[1] ?? '';
    // "may" is mostly the verb; only count it capitalised mid-sentence.
    if (word.toLowerCase() === 'may' && word !== 'May') continue;
    const month = MONTHS.indexOf(word.toLowerCase()) + 1;
    [dm, md].forEach((iso, i) => {
      const cm = Number(iso.slice(5, 7));
      if (month === cm || month === ((cm + 10) % 12) + 1) score[i] = (score[i] ?? 0) + 1;
    });
  }
  const [a, b] = score as [number, number];
  if (a === b) return null;
  return a > b ? dm : md;
}

/** Day difference `later - earlier` for two ISO dates. */
export function daysAfter(earlier: string, later: string): number {
  return daysBetween(earlier, later);
}
