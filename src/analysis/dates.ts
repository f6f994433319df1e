/**
 * The date resolver: finds date and time expressions in a text and gives each its
 * TIMEX3 value, resolved against the article's own date. It is the one resolver of
 * crossread: the timeline dates events with it and `crossread eval-timex` scores it
 * against gold TIMEX3 annotations (TempEval-3).
 *
 * Rules (after HeidelTime's news rules), vocabulary in `data/lexicon/dates.json`:
 *   - written dates keep their precision: "Aug. 7, 1998" → 1998-08-07, "July 1997" →
 *     1997-07, "in 1995" → 1995, "the 1980s" → 198, "last fall" → 1997-FA;
 *   - a date without a year ("Aug. 7", "in April") takes the article's year unless that
 *     puts it more than two months after the article (news reports the past: then the
 *     year before), or, in a future clause, more than two weeks before it (the year after);
 *   - weekdays are tense-aware: the article's own weekday is the article's date; else
 *     the next such day when the clause speaks of the future ("will resume on Monday"
 *     in a Sunday article is the next day), the previous one otherwise ("said on
 *     Monday"); "next"/"last" force the direction. The tense is read from the words
 *     before the expression in its clause (a future cue: "will", "is scheduled to",
 *     "until", …), or after it when it opens the clause ("On Tuesday, the league plans
 *     to …");
 *   - relative expressions are anchored on the article's date: today, yesterday,
 *     tomorrow, tonight, this/last/next week|month|year|weekend (ISO weeks), "N days|
 *     weeks|months|years ago"; "that same day", "the next day" on the last day named;
 *   - clock times ("10:35 a.m.", "4 a.m. EDT Thursday") are TIME values on the day named
 *     with them, or the last day named before them; a part of day ("Friday night",
 *     "this morning") is part of the expression but its value is the day;
 *   - quarters and halves ("the third quarter" → 1998-Q3, the last one begun by the
 *     article's date), fiscal years ("fiscal 1989" → FY1989), "the end of the year";
 *   - "now" is PRESENT_REF and "the future" FUTURE_REF (reference values, not guesses);
 *     vague expressions ("recently", "in the coming weeks") are recognised and left
 *     unresolved (value null), as is every relative expression of an undated article
 *     and an all-numeric date that reads both ways (12/09/2017).
 */
import { loadJson } from '../data.js';

/** One date or time expression found in a text. */
export interface DateMention {
  start: number;
  end: number;
  text: string;
  type: 'DATE' | 'TIME';
  /**
   * The TIMEX3 value (1998-08-07, 1998-08, 1998, 198, 1998-W32, 1998-W32-WE, 1997-FA,
   * 1998-08-07TNI, 1998-08-07T10:35, PRESENT_REF, FUTURE_REF), or null when the
   * expression is vague or cannot be resolved without guessing.
   */
  value: string | null;
}

interface Holiday {
  month: number;
  day: number;
  weekday?: number;
}

interface DateLexicon {
  months: Record<string, number>;
  weekdays: Record<string, number>;
  partsOfDay: Record<string, string>;
  seasons: Record<string, string>;
  numbers: Record<string, number | null>;
  references: Record<string, string>;
  vague: string[];
  futureCues: string[];
  futureCuesAfter: string[];
  delayVerbs: string[];
  futureCuePatterns: string[];
  holidays: Record<string, Holiday>;
  notEvents: string[];
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function alternation(words: string[]): string {
  return [...words].sort((a, b) => b.length - a.length).map(escape).join('|');
}

function capitalised(w: string): string {
  return w.replace(/(^|\s)([a-z])/g, (_m, s: string, c: string) => s + c.toUpperCase());
}

interface Compiled {
  lex: DateLexicon;
  rules: Rule[];
  trigger: RegExp;
  futureAll: RegExp;
  futurePatterns: RegExp[];
  /** Verbs of putting off ('postponed until Tuesday'): past in form, they do not make 'until' past. */
  delay: RegExp;
  futureAfter: RegExp;
  /** The advertising patterns as one alternation (one scan of a sentence, not one per pattern). */
  notEvent: RegExp;
}

type Resolved = { value: string | null; type?: 'DATE' | 'TIME' };

interface Context {
  text: string;
  start: number;
  end: number;
  /** The article's date (UTC noon), or null. */
  dct: Date | null;
  /** The last day-precision value named before this expression in the text, or null. */
  lastDay: string | null;
  /** The year of the last expression named before this one that has one, or null. */
  lastYear: string | null;
}

interface Rule {
  re: RegExp;
  resolve: (m: RegExpExecArray, ctx: Context) => Resolved | null;
}

let compiled: Compiled | null = null;

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

function ymd(d: Date): string {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

function ym(y: number, m: number): string {
  return `${y}-${pad(m)}`;
}

function day(y: number, m: number, d: number): Date {
  return new Date(Date.UTC(y, m - 1, d, 12));
}

function addDays(d: Date, n: number): Date {
  return new Date(d.getTime() + n * 86_400_000);
}

function parseDay(v: string | null): Date | null {
  const m = v ? /^(\d{4})-(\d\d)-(\d\d)/.exec(v) : null;
  return m ? day(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

/** ISO 8601 week of a day: `YYYY-Www`. */
export function isoWeek(d: Date): string {
  const dow = (d.getUTCDay() + 6) % 7;
  // The week's Thursday decides its year.
  const thu = addDays(d, 3 - dow);
  const year = thu.getUTCFullYear();
  const week = 1 + Math.floor((thu.getTime() - day(year, 1, 1).getTime()) / 86_400_000 / 7);
  return `${year}-W${pad(week)}`;
}

function validDay(y: number, m: number, d: number): boolean {
  const t = day(y, m, d);
  return m >= 1 && m <= 12 && d >= 1 && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** Words of the clause before an expression that may set its tense. */
const TENSE_WINDOW = 8;

/**
 * Whether an expression's clause speaks of the future: a future cue among the words
 * before it in its clause ("will resume on Monday", "postponed until Tuesday"), not
 * crossing a comma, quotation mark or sentence end. "until" after a past perfect
 * ("until Thursday, they had not called him") is not future.
 */
function futureClause(ctx: Context): boolean {
  const c = load();
  let a = ctx.start;
  while (a > 0 && !/[.!?;:,\n"“”`']/.test(ctx.text[a - 1] as string)) a--;
  // "won't", "they'll": an apostrophe inside a word does not end the clause.
  while (a > 1 && ctx.text[a - 1] === "'" && /\w/.test(ctx.text[a - 2] as string) && /\w/.test(ctx.text[a] ?? '')) {
    a--;
    while (a > 0 && !/[.!?;:,\n"“”`']/.test(ctx.text[a - 1] as string)) a--;
  }
  const words = ctx.text.slice(a, ctx.start).trim().split(/\s+/).filter(Boolean);
  const before = words.slice(-TENSE_WINDOW).join(' ');
  const cues = [...before.matchAll(c.futureAll)].map((m) => m[0].replace(/^\W+/, '').toLowerCase());
  if (c.futurePatterns.some((re) => re.test(before))) cues.push('pattern');
  if (cues.length === 0) {
    // An expression opening its clause ("On Tuesday, the league plans to …"): the verb follows.
    if (!words.every((w) => /^(?:on|by|as|of|from|since|early|late|last|this|next|and|but)$/i.test(w))) return false;
    let b = ctx.end;
    while (b < ctx.text.length && !/[.!?;\n"“”`]/.test(ctx.text[b] as string)) b++;
    return c.futureAfter.test(ctx.text.slice(ctx.end, b).trim().split(/\s+/).slice(0, TENSE_WINDOW + 4).join(' '));
  }
  // A past perfect ("had scheduled … Saturday") speaks of a past plan.
  if (/\bhad\b/i.test(before)) return false;
  // "until" alone is future unless its clause is in the past ("remained army chief until
  // March", "Until Thursday, they had not called him").
  if (cues.every((w) => w === 'until' || w === 'till')) {
    let b = ctx.end;
    while (b < ctx.text.length && !/[.!?;\n]/.test(ctx.text[b] as string)) b++;
    const clause = ctx.text.slice(a, b).replace(c.delay, ' ');
    if (PAST_VERB.test(clause)) return false;
  }
  return true;
}

/**
 * A past-tense verb: a few irregular ones and a lower-case word in -ed (not "United",
 * "need", "hundred"): good enough to veto "until".
 */
const PAST_VERB = /\b(?:[Ww]as|[Ww]ere|[Hh]ad|[Dd]id|kept|held|stood|ran)\b|\b(?!hundred\b)[a-z]\w+[^\We]ed\b/;

/**
 * The year for a month (and day) written without one: the article's year unless that
 * puts it more than two months after the article (then the year before: news reports
 * the past); in a future clause, the article's year unless that puts it more than two
 * weeks before the article (then the year after).
 */
function yearFor(ctx: Context, month: number, dayOfMonth: number | null): number | null {
  if (!ctx.dct) return null;
  const y = ctx.dct.getUTCFullYear();
  const d = dayOfMonth ?? 1;
  if (!validDay(y, month, d) && dayOfMonth !== null) return validDay(y - 1, month, d) ? y - 1 : null;
  const here = dayOfMonth === null ? day(y, month, 1) : day(y, month, d);
  const end = dayOfMonth === null ? new Date(Date.UTC(y, month, 0, 12)) : here;
  if (futureClause(ctx)) return end.getTime() >= addDays(ctx.dct, -14).getTime() ? y : y + 1;
  return here.getTime() <= addDays(ctx.dct, 60).getTime() ? y : y - 1;
}

/** The year of "last Oct. 23" (the latest such day before the article), "next …", "this …". */
function yearAround(ctx: Context, month: number, dayOfMonth: number, mod: string): number | null {
  if (!ctx.dct) return null;
  const y = ctx.dct.getUTCFullYear();
  const t = day(y, month, dayOfMonth).getTime();
  if (mod === 'last') return t < ctx.dct.getTime() ? y : y - 1;
  if (mod === 'next') return t > ctx.dct.getTime() ? y : y + 1;
  return y;
}

/** A weekday resolved with the clause's tense (see the module comment). */
function weekdayDate(ctx: Context, wd: number, modifier: string | undefined): Date | null {
  if (!ctx.dct) return null;
  const dow = ctx.dct.getUTCDay();
  const mod = modifier?.toLowerCase();
  const back = (dow - wd + 7) % 7;
  const ahead = (wd - dow + 7) % 7;
  if (mod === 'last' || mod === 'past') return addDays(ctx.dct, -(back || 7));
  if (mod === 'next' || mod === 'coming') return addDays(ctx.dct, ahead || 7);
  if (back === 0) return ctx.dct;
  return futureClause(ctx) ? addDays(ctx.dct, ahead) : addDays(ctx.dct, -back);
}

function holidayDate(h: Holiday, y: number): Date {
  let d = day(y, h.month, h.day);
  if (h.weekday !== undefined) d = addDays(d, (h.weekday - d.getUTCDay() + 7) % 7);
  return d;
}

const UNIT = '(day|week|month|year|decade)s?';

function build(): Compiled {
  const lex = loadJson<DateLexicon>('lexicon/dates.json');
  const full = Object.keys(lex.months).filter((w) => w.length > 3 || w === 'may');
  const abbr = Object.keys(lex.months).filter((w) => w.length <= 4 && w !== 'may' && w !== 'june' && w !== 'july');
  // Full month names capitalised; abbreviations capitalised and followed by a period or a day.
  const MONTH = `(?:${alternation(full.map(capitalised))}|(?:${alternation(abbr.map(capitalised))})(?:\\.|(?=\\s+\\d)))`;
  const WEEKDAY = `(?:${alternation(Object.keys(lex.weekdays).map(capitalised))})`;
  const PART = `(?:${alternation(Object.keys(lex.partsOfDay))})`;
  const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
  const YEAR = '((?:1[6-9]|20)\\d\\d)';
  const NUM = `(\\d+|${alternation(Object.keys(lex.numbers))})`;
  const monthOf = (s: string) => lex.months[s.toLowerCase().replace(/\.$/, '')] as number;
  const weekdayOf = (s: string) => lex.weekdays[s.toLowerCase()] as number;
  // A part of day belongs to the expression ("Friday night") but not to its value: the
  // day, as TempEval-3's annotators mostly valued it (and all a timeline uses).
  const dayValue = (d: Date | null): Resolved => ({ value: d ? ymd(d) : null });
  const rules: Rule[] = [];
  const rule = (source: string, flags: string, resolve: Rule['resolve']) => rules.push({ re: new RegExp(source, `g${flags}`), resolve });

  // Weekday, month and day, optional year: "Monday, Oct. 26", "Aug. 7, 1998", "August 7 1998".
  rule(`\\b(?:(${WEEKDAY}),?\\s+|(last|this|next)\\s+)?(${MONTH})\\s+${DAY}\\b(?:,?\\s+${YEAR}\\b)?`, '', (m, ctx) => {
    const mo = monthOf(m[3] as string);
    const d = Number(m[4]);
    const y = m[5] ? Number(m[5]) : m[2] ? yearAround(ctx, mo, d, m[2]) : yearFor(ctx, mo, d);
    if (y === null) return { value: null };
    return validDay(y, mo, d) ? { value: ymd(day(y, mo, d)) } : null;
  });
  // Day month year: "7 July 2017", "the 7th of July".
  rule(`\\b(?:(${WEEKDAY}),?\\s+)?(?:the\\s+)?${DAY}(?:\\s+of)?\\s+(${MONTH})(?:,?\\s+${YEAR}\\b)?`, '', (m, ctx) => {
    const mo = monthOf(m[3] as string);
    const d = Number(m[2]);
    const y = m[4] ? Number(m[4]) : yearFor(ctx, mo, d);
    if (y === null) return { value: null };
    return validDay(y, mo, d) ? { value: ymd(day(y, mo, d)) } : null;
  });
  // Month with an optional year: "July 1997", "late November", "in April".
  rule(`\\b(?:(?:early|late|mid|earlier|later)[- ]+|(?:the\\s+)?(?:end|beginning|start|middle)\\s+of\\s+)?(?:(last|this|next)\\s+)?(${MONTH})(?:,?\\s+(?:of\\s+)?${YEAR}\\b|\\s+(?:of\\s+)?(last|this|next)\\s+year\\b)?(?![\\w-])`, 'i', (m, ctx) => {
    // Case-insensitive for the modifiers only: the month itself must be capitalised.
    if (!/^[A-Z]/.test(m[2] as string)) return null;
    if (/^May$/.test(m[2] as string) && !m[3] && !m[1] && /(?:^|[.!?"“]\s*)$/.test(ctx.text.slice(0, ctx.start))) return null;
    // "the March for Life", "the March of the Combatant Mothers": a march, not a month.
    if (!m[3] && /^\s+(?:for|of\s+the|on)\s/.test(ctx.text.slice(ctx.end, ctx.end + 12))) return null;
    const mo = monthOf(m[2] as string);
    if (m[3]) return { value: ym(Number(m[3]), mo) };
    if (!ctx.dct) return { value: null };
    const y = ctx.dct.getUTCFullYear();
    const cm = ctx.dct.getUTCMonth() + 1;
    // "December last year", "May this year".
    if (m[4]) return { value: ym(y + ({ last: -1, this: 0, next: 1 } as Record<string, number>)[m[4].toLowerCase()]!, mo) };
    const mod = m[1]?.toLowerCase();
    if (mod === 'last') return { value: ym(mo < cm ? y : y - 1, mo) };
    if (mod === 'next') return { value: ym(mo > cm ? y : y + 1, mo) };
    if (mod === 'this') return { value: ym(y, mo) };
    const yy = yearFor(ctx, mo, null);
    return { value: yy === null ? null : ym(yy, mo) };
  });
  // Decades: "the 1980s", "the early 1990s", "the '90s".
  rule(`\\b(?:the\\s+)?(?:(?:early|late|mid)[- ]+)?(?:((?:1[6-9]|20)\\d)0|'(\\d)0)'?s\\b`, '', (m) => ({ value: m[1] ?? `19${m[2]}` }));
  // Seasons with a year or a modifier: "last fall", "the summer of 1998".
  rule(`\\b(?:(last|this|next|early|late|earlier|later)\\s+(?:this\\s+|last\\s+|next\\s+)?)?(?:the\\s+)?(${alternation(Object.keys(lex.seasons))})(?:\\s+(?:of\\s+)?${YEAR}\\b)?`, 'i', (m, ctx) => {
    const code = lex.seasons[(m[2] as string).toLowerCase()] as string;
    if (m[3]) return { value: `${m[3]}-${code}` };
    const all = m[0].toLowerCase();
    const mod = /\blast\b/.test(all) ? 'last' : /\bnext\b/.test(all) ? 'next' : /\bthis\b/.test(all) ? 'this' : null;
    if (!mod) return null;
    if (!ctx.dct) return { value: null };
    const y = ctx.dct.getUTCFullYear();
    const cm = ctx.dct.getUTCMonth() + 1;
    // The season's first month (winter: December of the year it starts).
    const first = code === 'SP' ? 3 : code === 'SU' ? 6 : code === 'FA' ? 9 : 12;
    const inIt = code === 'WI' ? cm === 12 || cm <= 2 : cm >= first && cm < first + 3;
    const startYear = code === 'WI' && cm <= 2 ? y - 1 : y;
    if (mod === 'this') return { value: `${inIt ? startYear : y}-${code}` };
    if (mod === 'last') return { value: `${inIt ? startYear - 1 : cm >= first ? y : y - 1}-${code}` };
    return { value: `${inIt ? startYear + 1 : cm < first ? y : y + 1}-${code}` };
  });
  // Holidays: "Thanksgiving Day", "Christmas 1998", "last Thanksgiving".
  rule(`\\b(?:(last|next|this)\\s+)?(${alternation(Object.keys(lex.holidays).map(capitalised))})(?:,?\\s+${YEAR}\\b)?`, '', (m, ctx) => {
    const h = lex.holidays[(m[2] as string).toLowerCase()] as Holiday;
    if (m[3]) return { value: ymd(holidayDate(h, Number(m[3]))) };
    if (!ctx.dct) return { value: null };
    const y = ctx.dct.getUTCFullYear();
    const mod = m[1]?.toLowerCase();
    const here = holidayDate(h, y);
    if (mod === 'last') return { value: ymd(here.getTime() < ctx.dct.getTime() ? here : holidayDate(h, y - 1)) };
    if (mod === 'next') return { value: ymd(here.getTime() > ctx.dct.getTime() ? here : holidayDate(h, y + 1)) };
    const yy = yearFor(ctx, h.month, h.day);
    return { value: yy === null ? null : ymd(holidayDate(h, yy)) };
  });
  // Weekdays, tense-aware: "on Monday", "last Friday", "Friday night", "Wednesday's".
  rule(`\\b(?:([Ll]ast|[Tt]his|[Nn]ext|[Cc]oming|[Pp]ast)\\s+)?(${WEEKDAY})(?:'s)?(?:\\s+(${PART}))?\\b`, '', (m, ctx) =>
    dayValue(weekdayDate(ctx, weekdayOf(m[2] as string), m[1])),
  );
  // Today, tonight, yesterday, tomorrow, this morning, last night.
  rule(`\\b(today|tonight|yesterday|tomorrow|this\\s+(?:morning|afternoon|evening)|last\\s+night)(?:\\s+(${PART}))?\\b`, 'i', (m, ctx) => {
    // "Americans for a Better Tomorrow", NBC's "Today": capitalised inside a sentence, a name.
    if (/^[A-Z]/.test(m[0]) && !/(?:^|[.!?]\s+|\n\s*|^[\s"“'`]+)$/.test(ctx.text.slice(Math.max(0, ctx.start - 3), ctx.start))) return null;
    if (!ctx.dct) return { value: null };
    const w = (m[1] as string).toLowerCase().replace(/\s+/g, ' ');
    if (w === 'today' || w === 'tonight') return dayValue(ctx.dct);
    if (w === 'yesterday') return dayValue(addDays(ctx.dct, -1));
    if (w === 'tomorrow') return dayValue(addDays(ctx.dct, 1));
    if (w === 'last night') return dayValue(addDays(ctx.dct, -1));
    return dayValue(ctx.dct);
  });
  // Quarters and halves of a year ("the third quarter", "the first half of 1998"), fiscal years.
  rule(`\\b(?:the\\s+|(?:this|last|next)\\s+year's\\s+)?(?:${YEAR}\\s+|(?:fiscal\\s+)?${YEAR}'s\\s+)?(first|second|third|fourth|1st|2nd|3rd|4th)[- ](quarter|half)(?:\\s+of\\s+(?:fiscal\\s+)?${YEAR}\\b|\\s+of\\s+(this|last|next)\\s+year\\b)?`, 'i', (m, ctx) => {
    // "the third quarter of last year", "last year's third quarter".
    const rel = m[6] ?? /^(this|last|next)\s+year's/i.exec(m[0])?.[1];
    const n = { first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4 }[(m[3] as string).toLowerCase()] as number;
    const half = (m[4] as string).toLowerCase() === 'half';
    if (half && n > 2) return null;
    const code = half ? `H${n}` : `Q${n}`;
    const written = m[1] ?? m[2] ?? m[5];
    if (written) return { value: `${written}-${code}` };
    if (!ctx.dct) return { value: null };
    const y = ctx.dct.getUTCFullYear();
    if (rel) return { value: `${y + ({ last: -1, this: 0, next: 1 } as Record<string, number>)[rel.toLowerCase()]!}-${code}` };
    // The last such period begun by the article's date (results are reported after the
    // quarter), or the next one in a future clause.
    const firstMonth = half ? (n - 1) * 6 + 1 : (n - 1) * 3 + 1;
    const begun = day(y, firstMonth, 1).getTime() <= ctx.dct.getTime();
    const ended = new Date(Date.UTC(y, firstMonth - 1 + (half ? 6 : 3), 0, 12)).getTime() < ctx.dct.getTime();
    if (futureClause(ctx)) return { value: `${ended ? y + 1 : y}-${code}` };
    return { value: `${begun ? y : y - 1}-${code}` };
  });
  rule(`\\bfiscal\\s+(?:year\\s+)?${YEAR}\\b`, 'i', (m) => ({ value: `FY${m[1]}` }));
  // "the end of the year", "the beginning of this month": the period itself.
  rule(`\\b(?:the\\s+)?(?:end|beginning|start|middle)\\s+of\\s+(?:the|this)\\s+(year|month)\\b`, 'i', (m, ctx) => {
    if (!ctx.dct) return { value: null };
    const y = ctx.dct.getUTCFullYear();
    return { value: (m[1] as string).toLowerCase() === 'year' ? String(y) : ym(y, ctx.dct.getUTCMonth() + 1) };
  });
  // This/last/next week, month, year, weekend; "earlier this year".
  rule(`\\b(?:(?:earlier|later|early|late)\\s+|(the|within the|in the|over the|during the)\\s+)?(this|last|next|coming|past)\\s+(week|month|year|weekend)\\b`, 'i', (m, ctx) => {
    // "the next month", "the past year": a span reaching from the article's date, left unresolved.
    if (m[1] || (m[2] as string).toLowerCase() === 'past') return { value: null };
    if (!ctx.dct) return { value: null };
    const mod = (m[2] as string).toLowerCase();
    const unit = (m[3] as string).toLowerCase();
    const step = mod === 'last' ? -1 : mod === 'next' || mod === 'coming' ? 1 : 0;
    const y = ctx.dct.getUTCFullYear();
    if (unit === 'year') return { value: String(y + step) };
    if (unit === 'month') {
      const t = new Date(Date.UTC(y, ctx.dct.getUTCMonth() + step, 1, 12));
      return { value: ym(t.getUTCFullYear(), t.getUTCMonth() + 1) };
    }
    const week = isoWeek(addDays(ctx.dct, 7 * step));
    return { value: unit === 'weekend' ? `${week}-WE` : week };
  });
  // N units ago / from now: "two years ago", "a decade ago", "11 days ago".
  rule(`\\b(?:(?:about|almost|nearly|more than|less than|some|over|just over|roughly|exactly|only)\\s+)?${NUM}\\s+${UNIT}\\s+(ago|from now)\\b`, 'i', (m, ctx) => {
    const n = /^\d+$/.test(m[1] as string) ? Number(m[1]) : lex.numbers[(m[1] as string).toLowerCase()];
    if (!ctx.dct || n === null || n === undefined) return { value: null };
    const sign = (m[3] as string).toLowerCase() === 'ago' ? -1 : 1;
    const unit = (m[2] as string).toLowerCase();
    const y = ctx.dct.getUTCFullYear();
    if (unit === 'day') return { value: ymd(addDays(ctx.dct, sign * n)) };
    if (unit === 'week') return { value: isoWeek(addDays(ctx.dct, sign * 7 * n)) };
    if (unit === 'month') {
      const t = new Date(Date.UTC(y, ctx.dct.getUTCMonth() + sign * n, 1, 12));
      return { value: ym(t.getUTCFullYear(), t.getUTCMonth() + 1) };
    }
    return { value: String(y + sign * n * (unit === 'decade' ? 10 : 1)) };
  });
  // Anchored on the last day named: "that same day", "the next day", "earlier that day";
  // "later that year" on the last year named ("the day before" is left out: what it is
  // before is as often named after it).
  rule(`\\b(?:(?:(?:earlier|later)\\s+)?that\\s+(year)|(?:earlier|later)\\s+that\\s+(day)|(?:that|the)\\s+same\\s+(day)|the\\s+(next|following)\\s+(?:day|morning))\\b`, 'i', (m, ctx) => {
    if (m[1]) return { value: ctx.lastYear };
    const last = parseDay(ctx.lastDay);
    if (!last) return { value: null };
    return { value: ymd(addDays(last, m[4] ? 1 : 0)) };
  });
  // Times of day: "10:35 a.m.", "4 a.m. EDT Thursday", "noon".
  rule(`\\b(?:(\\d{1,2})(?::(\\d\\d))?\\s*(a\\.m\\b\\.?|p\\.m\\b\\.?|am\\b|pm\\b)|(noon|midday|midnight))(?:\\s+(?:EDT|EST|CDT|CST|MDT|MST|PDT|PST|GMT|local time))?(?:,?\\s+(?:on\\s+)?(${WEEKDAY}|today|tomorrow|yesterday))?`, '', (m, ctx) => {
    let h: number;
    let min = 0;
    if (m[4]) {
      const w = m[4].toLowerCase();
      h = w === 'midnight' ? 24 : 12;
    } else {
      h = Number(m[1]);
      min = m[2] ? Number(m[2]) : 0;
      if (h < 1 || h > 12 || min > 59) return null;
      const pm = /^p/i.test(m[3] as string);
      if (pm && h < 12) h += 12;
      if (!pm && h === 12) h = 0;
    }
    let d: Date | null;
    const anchor = m[5];
    if (anchor && /^[A-Z]/.test(anchor) && lex.weekdays[anchor.toLowerCase()] !== undefined) d = weekdayDate(ctx, weekdayOf(anchor), undefined);
    else if (anchor) d = ctx.dct ? addDays(ctx.dct, /^tomorrow$/i.test(anchor) ? 1 : /^yesterday$/i.test(anchor) ? -1 : 0) : null;
    else d = parseDay(ctx.lastDay);
    return d ? { value: `${ymd(d)}T${pad(h)}:${pad(min)}`, type: 'TIME' } : { value: null, type: 'TIME' };
  });
  // ISO dates and all-numeric dates (month first, as in US news; both-ways readings unresolved).
  rule(`\\b(\\d{4})-(\\d\\d)-(\\d\\d)\\b`, '', (m) => (validDay(Number(m[1]), Number(m[2]), Number(m[3])) ? { value: `${m[1]}-${m[2]}-${m[3]}` } : null));
  rule(`\\b(\\d{1,2})[/.](\\d{1,2})[/.]((?:19|20)?\\d\\d)\\b`, '', (m) => {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const y = (m[3] as string).length === 2 ? 2000 + Number(m[3]) - (Number(m[3]) > 50 ? 100 : 0) : Number(m[3]);
    if (a <= 12 && b <= 12 && a !== b) return { value: null };
    const [mo, d] = a <= 12 ? [a, b] : [b, a];
    return validDay(y, mo, d) ? { value: ymd(day(y, mo, d)) } : null;
  });
  // Years: "in 1995", "the 1995 bombing", "early 1998".
  // A number after a quantity word ("up to 2000 tourists", "about 1800 children") is a count.
  rule(`(?<![$£€#\\d,.]|No\\.\\s|(?:up to|about|nearly|almost|some|than|least|over|around|approximately|roughly|only|just)\\s)\\b(?:(?:early|late|mid)[- ]+)?${YEAR}\\b(?!,\\d|\\.\\d|\\(|\\s*(?:%|percent|per cent|people|troops|soldiers|civilians|km|kilometers|kilometres|miles|feet|meters|metres|dollars|tons|tonnes|members|votes|pounds|yards|points|square)\\b)`, '', (m, ctx) => {
    const y = Number(m[1]);
    if (y < 1600 || y > 2099) return null;
    // Before 1900 a bare number is more often a count: a year only after "in", "since", ….
    if (y < 1900 && !/\b(?:in|since|until|from|by|year|the)\s+$/i.test(ctx.text.slice(Math.max(0, ctx.start - 8), ctx.start))) return null;
    return { value: String(y) };
  });
  // Reference values and vague expressions.
  rule(`\\b(${alternation(Object.keys(lex.references))})\\b`, 'i', (m) =>
    // "Now, Ms. Conlin said, …": opening a sentence, "Now" is a discourse marker more often than a time.
    m[0] === 'Now' ? null : { value: lex.references[(m[1] as string).toLowerCase()] ?? null },
  );
  rule(`\\b(${alternation(lex.vague)})\\b`, 'i', () => ({ value: null }));
  const cue = (words: string[]) => new RegExp(`(?:^|[^\\w'])(?:${alternation(words)})(?![\\w'])`, 'i');
  // Words without which no rule can match: a cheap test that skips most sentences.
  const triggers = [
    ...Object.keys(lex.months), ...Object.keys(lex.weekdays), ...Object.keys(lex.seasons), ...Object.keys(lex.references), ...lex.vague,
    ...Object.keys(lex.holidays).map((h) => h.split(' ')[0] as string),
    'today', 'tonight', 'yesterday', 'tomorrow', 'morning', 'week', 'month', 'year', 'decade', 'day', 'noon', 'midday', 'midnight', 'quarter', 'half',
  ];
  const trigger = new RegExp(`\\d|\\b(?:${alternation(triggers)})`, 'i');
  const cueAll = (words: string[]) => new RegExp(`(?:^|[^\\w'])(?:${alternation(words)})(?![\\w'])`, 'gi');
  const delay = new RegExp(`\\b(?:(?:was|were|been|is|are|be|has|have|had)\\s+)?(?:${alternation(lex.delayVerbs)})(?![\\w'])`, 'gi');
  return { lex, rules, trigger, delay, futurePatterns: lex.futureCuePatterns.map((p) => new RegExp(p, 'i')), futureAll: cueAll(lex.futureCues), futureAfter: cue(lex.futureCuesAfter), notEvent: new RegExp(lex.notEvents.map((p) => `(?:${p})`).join('|'), 'iu') };
}

function load(): Compiled {
  return (compiled ??= build());
}

function utcNoon(iso: string): Date | null {
  const m = /^(\d{4})-(\d\d)-(\d\d)/.exec(iso);
  return m && validDay(Number(m[1]), Number(m[2]), Number(m[3])) ? day(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

/**
 * Date and time expressions of a text, in order, resolved against `published` (the
 * article's date, `YYYY-MM-DD`; null for an undated article).
 */
export function findDates(text: string, published: string | null): DateMention[] {
  const c = load();
  if (!c.trigger.test(text)) return [];
  const dct = published ? utcNoon(published) : null;
  // Every rule's candidates; the longest wins where they overlap (earliest first on ties).
  const cands: Array<{ start: number; end: number; m: RegExpExecArray; rule: Rule }> = [];
  for (const rule of c.rules) {
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(text); m; m = rule.re.exec(text)) {
      if (m[0].length === 0) {
        rule.re.lastIndex++;
        continue;
      }
      cands.push({ start: m.index, end: m.index + m[0].replace(/[\s,]+$/, '').length, m, rule });
    }
  }
  cands.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const taken: Array<[number, number]> = [];
  const chosen: typeof cands = [];
  for (const x of cands) {
    if (taken.some(([a, b]) => x.start < b && x.end > a)) continue;
    // A rule may refuse its match (e.g. "May" opening a sentence); a shorter one may then take it.
    if (!x.rule.resolve(x.m, { text, start: x.start, end: x.end, dct, lastDay: null, lastYear: null })) continue;
    chosen.push(x);
    taken.push([x.start, x.end]);
  }
  chosen.sort((a, b) => a.start - b.start);
  const out: DateMention[] = [];
  let lastDay: string | null = null;
  let lastYear: string | null = null;
  for (const x of chosen) {
    const r = x.rule.resolve(x.m, { text, start: x.start, end: x.end, dct, lastDay, lastYear });
    if (!r) continue;
    out.push({ start: x.start, end: x.end, text: text.slice(x.start, x.end), type: r.type ?? (r.value && /^\d{4}-\d\d-\d\dT/.test(r.value) ? 'TIME' : 'DATE'), value: r.value });
    if (r.value && /^\d{4}-\d\d-\d\d/.test(r.value)) lastDay = r.value.slice(0, 10);
    if (r.value && /^\d{4}(?!\d)/.test(r.value)) lastYear = r.value.slice(0, 4);
  }
  return out;
}

/**
 * The calendar date a timeline may use for a value: YYYY, YYYY-MM or YYYY-MM-DD (a
 * time of day gives its day; a week its month when the whole week lies in one month
 * and ends before `published`; a season but winter its year); null for winters,
 * weekends, quarters, halves, decades, fiscal years and reference values.
 */
export function calendarDate(value: string | null, published: string | null): string | null {
  if (!value) return null;
  const d = /^(\d{4}(?:-\d\d(?:-\d\d)?)?)(?:T.*)?$/.exec(value);
  if (d) return d[1] as string;
  // A season (but winter, which straddles two years): its year. Quarters and halves are
  // left out: "the second half" is as often a match's as a year's.
  const part = /^(\d{4})-(?:SP|SU|FA)$/.exec(value);
  if (part) return part[1] as string;
  const w = /^(\d{4})-W(\d\d)$/.exec(value);
  if (w) {
    const jan4 = day(Number(w[1]), 1, 4);
    const mon = addDays(jan4, -((jan4.getUTCDay() + 6) % 7) + 7 * (Number(w[2]) - 1));
    const sun = addDays(mon, 6);
    const pub = published ? utcNoon(published) : null;
    if (!pub || sun.getTime() >= pub.getTime() || mon.getUTCMonth() !== sun.getUTCMonth()) return null;
    return ym(mon.getUTCFullYear(), mon.getUTCMonth() + 1);
  }
  return null;
}

/** Whether a sentence is advertising or site furniture ("Subscribe …", "20% off until Monday"): never an event. */
export function isNotEvent(sentence: string): boolean {
  return load().notEvent.test(sentence);
}
