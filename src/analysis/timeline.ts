/**
 * Timeline: dated events of a story.
 *
 * chrono-node finds date expressions in each sentence that may hold one (a cheap
 * pre-filter skips the others) and says which parts were written (certain) and
 * which it guessed. This module then decides what a news reader may conclude:
 *   - written years keep their precision: "September 30, 2015" → 2015-09-30,
 *     "in August 2015" → 2015-08, "since September 2014" → 2014-09, "in 2015" → 2015
 *     (bare years after a preposition are found here; chrono-node skips them);
 *   - relative expressions are resolved against the article's publication date:
 *     a weekday ("on Sunday") is the last such day on or before publication; a month
 *     without a year ("in September") the last such month; "December last year";
 *     "last week" (its month, when the whole week lies in one), "last month",
 *     "last year", "yesterday", "N days/months/years ago";
 *   - in an undated article, relative expressions stay unresolved (left out) rather
 *     than guessed; future and vague ones ("later this week", "a month later") too;
 *   - all-numeric dates that read both ways (12/09/2017) are left out.
 * Entries of several articles for the same event and date are merged (their
 * content keys overlap); the same event given different dates is reported as a
 * date disagreement.
 */
// The English locale only: importing all of chrono-node's locales costs about 3x the start-up time.
import * as chrono from 'chrono-node/en';
import type { Disagreement, TimelineEntry } from '../briefing.js';
import type { AnnotatedArticle, Sentence, SentenceRef } from '../types.js';
import type { EntityIndex } from './entities.js';
import { sentenceKeys } from './terms.js';
import { pairsSharing } from './pairs.js';

/** Sentences that may hold a date: month or weekday names (capitalised), years, relative words. */
const MAYBE_DATE =
  /\b(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b|\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|\b(?:1[89]|20)\d\d\b|\b(?:yesterday|today|ago)\b|\b(?:last|past)\s+(?:week|month|year)\b|\d\/\d/;
const MONTH_NAME = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)(?:[a-z]*)\.?(?:\s|$|,)/i;
const RELATIVE = /\b(?:last|this|next|past|coming)\s+(?:week|month|year|weekend)\b|\bago\b|\byesterday\b|\btoday\b|\btonight\b|\btomorrow\b|\blater\b|\bearlier\b|\bnext\b|\bafter\b|\bbefore\b|\bnow\b|\bwithin\b/i;
const FUTURE = /\b(?:next|coming|tomorrow|later|earlier|after|before|within|now|this\s+week|this\s+month|this\s+weekend|tonight)\b/i;
const BARE_YEAR = /\b(?:in|since|by|from|until|till|during|early|late|mid|mid-|throughout|before|after|of)\s+((?:19|20)\d\d)\b(?![\d%]|[.,]\d|\s*(?:percent|per cent|people|troops|soldiers|civilians|km|miles|square|dollars))/gi;

export interface DatedEvent {
  date: string;
  text: string;
  articleId: string;
  sentence: Sentence;
  keys: Set<string>;
  reportedOn: string | null;
}

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

/** Dated events of one article. */
export function articleEvents(doc: AnnotatedArticle, index: EntityIndex | null): DatedEvent[] {
  const published = doc.article.published;
  const ref = published ? utc(published) : new Date('2000-01-01T12:00:00Z');
  const out: DatedEvent[] = [];
  const seen = new Set<string>();
  for (const s of doc.sentences) {
    if (s.wordCount < 6 || !MAYBE_DATE.test(s.text)) continue;
    const dates = new Set<string>();
    const covered: Array<[number, number]> = [];
    // Weekdays alone ("said on Tuesday": half the sentences with a date cue) are resolved
    // here as resolve() would resolve chrono-node's reading of them, without the parser.
    const cues = [...s.text.matchAll(CHRONO_CUES)];
    if (cues.every((m) => WEEKDAY.test(m[0]))) {
      for (const m of cues) {
        const before = s.text.slice(Math.max(0, (m.index ?? 0) - 12), m.index ?? 0);
        if (!published || /\b(?:next|coming|this)\s+$/i.test(before)) continue;
        const pub = utc(published);
        const back = (pub.getUTCDay() - WEEKDAYS.indexOf(m[0].slice(0, 3).toLowerCase()) + 7) % 7;
        const d = addDays(pub, -back);
        dates.add(iso(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()));
      }
    } else for (const { r, index } of parseWindows(s.text, ref)) {
      covered.push([index, index + r.text.length]);
      // "December last year": the "last year" part was used with the month.
      if (/^last\s+year$/i.test(r.text) && /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\s*$/i.test(s.text.slice(0, index))) continue;
      const d = resolve(r, published, s.text.slice(index + r.text.length));
      if (d) dates.add(d);
    }
    for (const m of s.text.matchAll(BARE_YEAR)) {
      const at = (m.index ?? 0) + m[0].length - (m[1] as string).length;
      if (covered.some(([a, b]) => at >= a && at < b)) continue;
      dates.add(m[1] as string);
    }
    // A less precise date of the same time as a more precise one adds nothing.
    const list = [...dates].filter((d) => ![...dates].some((o) => o !== d && o.startsWith(d)));
    for (const date of list) {
      const k = `${date}|${s.text.toLowerCase().replace(/\s+/g, ' ')}`;
      if (seen.has(k)) continue;
      seen.add(k);
      out.push({ date, text: s.text.replace(/\s+/g, ' ').trim(), articleId: doc.article.id, sentence: s, keys: sentenceKeys(s, index), reportedOn: published });
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
