/**
 * The date resolver: finds date expressions in a text and resolves them against the
 * article's own date. One resolver, used by the timeline and by `crossread eval-timex`.
 */
// The English locale only: importing all of chrono-node's locales costs about 3x the start-up time.
import * as chrono from 'chrono-node/en';

/** One date expression found in a text. */
export interface DateMention {
  start: number;
  end: number;
  text: string;
  type: 'DATE' | 'TIME';
  /** The resolved value (YYYY, YYYY-MM or YYYY-MM-DD), or null when not resolvable. */
  value: string | null;
}

/** Sentences that may hold a date: month or weekday names (capitalised), years, relative words. */
export const MAYBE_DATE =
  /\b(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b|\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|\b(?:1[89]|20)\d\d\b|\b(?:yesterday|today|ago)\b|\b(?:last|past)\s+(?:week|month|year)\b|\d\/\d/;
const MONTH_NAME = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)(?:[a-z]*)\.?(?:\s|$|,)/i;
const RELATIVE = /\b(?:last|this|next|past|coming)\s+(?:week|month|year|weekend)\b|\bago\b|\byesterday\b|\btoday\b|\btonight\b|\btomorrow\b|\blater\b|\bearlier\b|\bnext\b|\bafter\b|\bbefore\b|\bnow\b|\bwithin\b/i;
const FUTURE = /\b(?:next|coming|tomorrow|later|earlier|after|before|within|now|this\s+week|this\s+month|this\s+weekend|tonight)\b/i;
const BARE_YEAR = /\b(?:in|since|by|from|until|till|during|early|late|mid|mid-|throughout|before|after|of)\s+((?:19|20)\d\d)\b(?![\d%]|[.,]\d|\s*(?:percent|per cent|people|troops|soldiers|civilians|km|miles|square|dollars))/gi;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function iso(y: number, m?: number, d?: number): string {
  return d !== undefined && m !== undefined ? `${y}-${pad(m)}-${pad(d)}` : m !== undefined ? `${y}-${pad(m)}` : String(y);
}

function utc(publishedIso: string): Date {
  return new Date(`${publishedIso}T12:00:00Z`);
}

function addDays(d: Date, n: number): Date {
  return new Date(d.getTime() + n * 86_400_000);
}

/** Resolves one chrono-node result to a date string of kept precision, or null. */
function resolve(r: chrono.ParsedResult, published: string | null, rest: string): string | null {
  const text = r.text.toLowerCase();
  const c = (k: chrono.Component) => r.start.isCertain(k);
  const get = (k: chrono.Component) => r.start.get(k) as number;
  // All-numeric dates that read both ways (12/09/2017) are left out.
  if (/^\D*\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}/.test(text)) {
    const m = /(\d{1,2})[/.-](\d{1,2})[/.-]/.exec(text);
    if (m && Number(m[1]) <= 12 && Number(m[2]) <= 12 && m[1] !== m[2]) return null;
  }
  const hasYear = /\b(?:1[5-9]|20)\d\d\b/.test(text);
  const hasMonth = MONTH_NAME.test(text) || /\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}/.test(text);
  const hasWeekday = /\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b/.test(text);
  if (hasYear) {
    if (hasMonth && c('month') && c('day') && /\d/.test(text.replace(/\b\d{4}\b/, ''))) return iso(get('year'), get('month'), get('day'));
    if (hasMonth && c('month')) return iso(get('year'), get('month'));
    return iso(get('year'));
  }
  if (RELATIVE.test(text)) {
    if (!published || FUTURE.test(text)) return null;
    const pub = utc(published);
    const y = pub.getUTCFullYear();
    const ago = /(\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten)\s+(day|week|month|year)s?\s+ago/.exec(text);
    if (/\bago\b/.test(text) && !ago) return null;
    if (ago) {
      const unit = ago[2];
      const d = r.start.date();
      if (unit === 'year') return iso(d.getUTCFullYear());
      if (unit === 'month') return iso(d.getUTCFullYear(), d.getUTCMonth() + 1);
      if (unit === 'day') return iso(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
      return null;
    }
    if (/\byesterday\b/.test(text)) {
      const d = addDays(pub, -1);
      return iso(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
    }
    if (/\btoday\b/.test(text)) return published;
    if (/\blast\s+year\b/.test(text)) return iso(y - 1);
    if (/\bthis\s+year\b/.test(text)) return iso(y);
    if (/\blast\s+month\b/.test(text)) {
      const m = pub.getUTCMonth();
      return m === 0 ? iso(y - 1, 12) : iso(y, m);
    }
    if (/\b(?:last|past)\s+week\b/.test(text)) {
      // The previous Monday–Sunday week; its month when the whole week lies in one.
      const dow = (pub.getUTCDay() + 6) % 7;
      const mon = addDays(pub, -dow - 7);
      const sun = addDays(mon, 6);
      return mon.getUTCMonth() === sun.getUTCMonth() ? iso(mon.getUTCFullYear(), mon.getUTCMonth() + 1) : null;
    }
    return null;
  }
  if (!published) return null;
  const pub = utc(published);
  const py = pub.getUTCFullYear();
  const pm = pub.getUTCMonth() + 1;
  if (hasMonth && c('month')) {
    // A month without a year: the last such month on or before publication,
    // or the year before when "last year" follows ("December last year").
    const m = get('month');
    let y = m <= pm ? py : py - 1;
    if (/^\s*(?:of\s+)?last\s+year\b/i.test(rest)) y = py - 1;
    if (c('day') && /\d/.test(text)) {
      const day = get('day');
      if (y === py && m === pm && day > pub.getUTCDate()) y = py - 1;
      return iso(y, m, day);
    }
    return iso(y, m);
  }
  if (hasWeekday) {
    if (/\b(?:next|coming|this)\b/.test(text)) return null;
    const wd = get('weekday');
    const back = (pub.getUTCDay() - wd + 7) % 7;
    const d = addDays(pub, -back);
    return iso(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  }
  return null;
}

const WEEKDAY = /^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day$/;
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/**
 * Cues that chrono-node can read: as MAYBE_DATE but without bare years (chrono-node reads
 * no date in "in 2015" or "since 2015"; those are BARE_YEAR's), with ISO dates.
 */
const CHRONO_CUES =
  /\b(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b|\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|\b(?:yesterday|today|ago)\b|\b(?:last|past)\s+(?:week|month|year)\b|\d\/\d|\b\d{4}-\d\d-\d\d\b/g;
/** Characters of context kept on each side of a date cue for chrono-node. */
const WINDOW = 40;

/**
 * chrono-node over the parts of a sentence around its date cues only (its cost
 * grows with the text it scans), with result offsets mapped back to the sentence.
 */
function parseWindows(text: string, ref: Date): Array<{ r: chrono.ParsedResult; index: number }> {
  const windows: Array<[number, number]> = [];
  for (const m of text.matchAll(CHRONO_CUES)) {
    let a = Math.max(0, (m.index ?? 0) - WINDOW);
    let b = Math.min(text.length, (m.index ?? 0) + m[0].length + WINDOW);
    while (a > 0 && !/\s/.test(text[a - 1] as string)) a--;
    while (b < text.length && !/\s/.test(text[b] as string)) b++;
    const last = windows[windows.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else windows.push([a, b]);
  }
  const out: Array<{ r: chrono.ParsedResult; index: number }> = [];
  for (const [a, b] of windows) {
    for (const r of chrono.parse(text.slice(a, b), { instant: ref, timezone: 0 }, { forwardDate: false })) out.push({ r, index: r.index + a });
  }
  return out;
}


/** Date expressions of one text (a sentence), resolved against the publication date. */
export function findDates(text: string, published: string | null): DateMention[] {
  const ref = published ? utc(published) : new Date('2000-01-01T12:00:00Z');
  const out: DateMention[] = [];
  const add = (start: number, end: number, value: string | null) => out.push({ start, end, text: text.slice(start, end), type: 'DATE', value });
  const covered: Array<[number, number]> = [];
  const cues = [...text.matchAll(CHRONO_CUES)];
  if (cues.length && cues.every((m) => WEEKDAY.test(m[0]))) {
    for (const m of cues) {
      const at = m.index ?? 0;
      const before = text.slice(Math.max(0, at - 12), at);
      if (!published || /\b(?:next|coming|this)\s+$/i.test(before)) {
        add(at, at + m[0].length, null);
        continue;
      }
      const pub = utc(published);
      const back = (pub.getUTCDay() - WEEKDAYS.indexOf(m[0].slice(0, 3).toLowerCase()) + 7) % 7;
      const d = addDays(pub, -back);
      add(at, at + m[0].length, iso(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()));
    }
  } else if (cues.length) for (const { r, index } of parseWindows(text, ref)) {
    covered.push([index, index + r.text.length]);
    if (/^last\s+year$/i.test(r.text) && /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\s*$/i.test(text.slice(0, index))) continue;
    add(index, index + r.text.length, resolve(r, published, text.slice(index + r.text.length)));
  }
  for (const m of text.matchAll(BARE_YEAR)) {
    const at = (m.index ?? 0) + m[0].length - (m[1] as string).length;
    if (covered.some(([a, b]) => at >= a && at < b)) continue;
    add(at, at + 4, m[1] as string);
  }
  return out.sort((a, b) => a.start - b.start);
}
