/**
 * Cleaning: raw article text → body text, with nothing lost silently.
 *
 *  1. lines → paragraphs: hard-wrapped blocks are unwrapped and paragraphs broken
 *     mid-sentence are joined (each repair is an `info` diagnostic);
 *  2. the headline is found (plain text only: the first line, after any page-date or
 *     site lines, when it reads like a headline). When the first line is a paragraph
 *     (example 003) the title stays null: no headline is made up here; the story
 *     headline shown in reports is derived later from the summary;
 *  3. each paragraph is classified: repeated headline, boilerplate (./boilerplate.ts),
 *     and near the top bylines and date lines (./metadata.ts), which are metadata;
 *  4. the publication date is chosen from the byline and date lines; a date line later
 *     than it is the site's page date;
 *  5. repeated bodies and paragraphs (exact, or one contained in another) are removed;
 *  6. a dateline opening the first body paragraph ("WASHINGTON (AP) — …", ./dateline.ts)
 *     is cut from it, and an agency named there is the outlet when nothing else names one.
 *
 * Every removal is recorded as `{kind, text}` with the text exactly as it stood in the
 * raw text. The output keeps one paragraph per line.
 */
import type { Diagnostic, Removal, RemovalKind } from '../types.js';
import { diagnostic } from '../errors.js';
import { countWordsFast as countWords } from './words.js';
import { classifyLine, isPlatformDomain, looksLikeOutlet, tokenCount } from './boilerplate.js';
import { bylineLine, dateLine, daysAfter, domainOf, findDates, resolveAmbiguous, type DateHit } from './metadata.js';
import { leadingDateline } from './dateline.js';
import { append } from '../append.js';
import { isCreditOnly } from '../text/credit.js';

/** The longest line read as a caption because a photo credit line follows it. */
const CAPTION_MAX_WORDS = 50;

/** The longest line read as a dek (a subtitle above the first paragraph). */
const DEK_MAX_WORDS = 30;

/** A subtitle line: short, one line, no closing stop or question mark. */
function isDek(text: string): boolean {
  const t = text.trim();
  return !/[.!?…"”’)]$/.test(t) && !t.includes('\n') && countWords(t) <= DEK_MAX_WORDS;
}

/** Lines after the headline in which bylines and date lines are looked for. */
export const HEAD_LINES = 8;
/** Lines at the end in which sign-offs are looked for. */
export const TAIL_LINES = 3;
/** Fewest words a paragraph needs before a repeat of it is removed (short repeated lines can be legitimate, e.g. interview questions). */
const MIN_REPEAT_WORDS = 6;
/** Consecutive repeated paragraphs that make a repeated body rather than repeated paragraphs. */
const MIN_BODY_RUN = 3;
/** Word-bigram containment above which a paragraph is a near-copy of a longer one. */
const NEAR_COPY = 0.8;
const MIN_NEAR_COPY_WORDS = 10;
const MAX_NEAR_COPY_PARAGRAPHS = 1500;

export interface CleanInput {
  /** The raw text (decoded and normalised: `\n` line breaks). */
  text: string;
  /** A known headline; `undefined` means: find it in the text's first lines. */
  title?: string | null;
  /** Lines known to be captions (HTML `<figcaption>`). */
  captions?: string[];
  /** A publication date already known from structured metadata (ISO), with its evidence. */
  published?: { iso: string; evidence: string } | null;
  /** Where the text came from, for diagnostics. */
  source: string;
}

export interface CleanResult {
  text: string;
  title: string | null;
  removed: Removal[];
  diagnostics: Diagnostic[];
  /** Person byline read from a byline line (null for `admin` and desks). */
  byline: string | null;
  /** Outlet named by a sign-off or a domain line. */
  outlet: string | null;
  published: string | null;
  publishedEvidence: string | null;
}

interface Unit {
  text: string;
  /** Offsets of the unit in the raw text (a joined unit spans several lines). */
  start: number;
  end: number;
  /** True when a blank line precedes it. */
  blankBefore: boolean;
  /** Cached `norm(text)` and word count. */
  norm?: string;
  words?: number;
}

function normOf(u: Unit): string {
  u.norm ??= norm(u.text);
  return u.norm;
}

/** Token count (whitespace-separated), the measure for the length thresholds below. */
function wordsOf(u: Unit): number {
  u.words ??= tokenCount(u.text);
  return u.words;
}

type Role =
  | { kind: 'keep' }
  | { kind: 'title' }
  | { kind: RemovalKind }
  | { kind: 'date'; hits: DateHit[]; updated: boolean }
  | { kind: 'byline'; hits: DateHit[]; name: string; person: boolean };

function splitLines(raw: string): Unit[] {
  const out: Unit[] = [];
  let blank = false;
  let at = 0;
  while (at <= raw.length) {
    let nl = raw.indexOf('\n', at);
    if (nl < 0) nl = raw.length;
    const line = raw.slice(at, nl);
    const trimmed = line.trim();
    if (trimmed) {
      const start = at + (line.length - line.trimStart().length);
      out.push({ text: trimmed.replace(/\s+/g, ' '), start, end: start + trimmed.length, blankBefore: blank });
      blank = false;
    } else if (out.length > 0) blank = true;
    at = nl + 1;
  }
  return out;
}

const TERMINAL = /[.!?:;…"”’'»)\]]$/u;
const STARTS_LOWER = /^\p{Ll}/u;
/** A paragraph that continues a sentence starts with a lower-case word (not an e-mail address or a handle). */
const STARTS_LOWER_WORD = /^\p{Ll}[\p{L}'’\-]*(?:[\s,;:.!?"”’)]|$)/u;

/**
 * Hard-wrapped text (lines cut at a fixed width inside paragraphs separated by blank
 * lines): a block of ≥ 3 lines whose non-final lines are mostly 45–100 characters long,
 * of similar length, mostly do not end a sentence, and whose lines mostly continue in
 * lower case (a list of capitalised items is not wrapped text).
 */
function isWrappedBlock(block: Unit[]): boolean {
  if (block.length < 3) return false;
  const inner = block.slice(0, -1);
  const wrapped = inner.filter((u) => u.text.length >= 45 && u.text.length <= 100);
  if (wrapped.length / inner.length < 0.6) return false;
  const lens = wrapped.map((u) => u.text.length);
  let lo = Infinity;
  let hi = -Infinity;
  for (const l of lens) {
    if (l < lo) lo = l;
    if (l > hi) hi = l;
  }
  if (hi - lo > 35) return false;
  const open = inner.filter((u) => !TERMINAL.test(u.text)).length;
  if (open / inner.length < 0.6) return false;
  // A wrapped sentence mostly continues in lower case; list items start with capitals.
  const continued = block.slice(1).filter((u) => STARTS_LOWER.test(u.text)).length;
  return continued / (block.length - 1) >= 0.5;
}

function joinUnits(a: Unit, b: Unit): Unit {
  const glue = /[\p{L}]-$/u.test(a.text) ? '' : ' ';
  return { text: a.text + glue + b.text, start: a.start, end: b.end, blankBefore: a.blankBefore };
}

/**
 * True when a paragraph ends mid-sentence: no closing punctuation, at least four words,
 * and not ending with a URL, an e-mail address or a date (a site header such as
 * "Daily News Wednesday 5th March, 2014" is not continued by the next line).
 */
function brokenBefore(text: string): boolean {
  if (TERMINAL.test(text) || !/[\p{L}\p{N},\-]$/u.test(text) || countWords(text) < 4) return false;
  const last = text.slice(text.lastIndexOf(' ') + 1);
  if (last.includes('://') || last.includes('@') || /^www\./i.test(last)) return false;
  if (/\d$/.test(text)) {
    const hits = findDates(text.slice(-40));
    const end = hits[hits.length - 1];
    if (end && end.index + end.text.length >= Math.min(40, text.length) - 1) return false;
  }
  return true;
}

/** Paragraph repair: unwraps hard-wrapped blocks and joins paragraphs broken mid-sentence. */
function repair(lines: Unit[], source: string, diags: Diagnostic[]): Unit[] {
  // Blocks: runs of lines without a blank line between them.
  const blocks: Unit[][] = [];
  for (const u of lines) {
    if (u.blankBefore || blocks.length === 0) blocks.push([u]);
    else (blocks[blocks.length - 1] as Unit[]).push(u);
  }
  const hasBlankLines = blocks.length > 1;
  let unwrapped = 0;
  const units: Unit[] = [];
  for (const block of blocks) {
    if (hasBlankLines && isWrappedBlock(block)) {
      units.push(block.reduce((acc, u) => joinUnits(acc, u)));
      unwrapped++;
    } else append(units, block);
  }
  if (unwrapped > 0) diags.push({ ...diagnostic('info', source, 'TEXT_UNWRAPPED', source, unwrapped) });
  const out: Unit[] = [];
  for (const u of units) {
    const prev = out[out.length - 1];
    if (prev && brokenBefore(prev.text) && STARTS_LOWER_WORD.test(u.text)) {
      const d = diagnostic('info', source, 'PARAGRAPH_JOINED', source, tailOf(prev.text), headOf(u.text));
      out[out.length - 1] = joinUnits(prev, u);
      diags.push(d);
    } else out.push(u);
  }
  return out;
}

function tailOf(s: string): string {
  const w = s.split(' ');
  return (w.length > 5 ? '…' : '') + w.slice(-5).join(' ');
}

function headOf(s: string): string {
  const w = s.split(' ');
  return w.slice(0, 5).join(' ') + (w.length > 5 ? '…' : '');
}

/** A line that reads like a headline: 2–25 words, one sentence, not ending in . , ; : */
export function isHeadlineLike(s: string): boolean {
  const words = countWords(s);
  if (words < 2 || words > 25 || s.length > 220) return false;
  if (/[.,;:]["”’']?$/u.test(s) && !/\.\.\.$|…$/u.test(s)) return false;
  if (STARTS_LOWER.test(s)) return false;
  // More than one sentence: a full stop followed by a capitalised word.
  if (/[\p{Ll}\d]{2}[.!?]["”’)]?\s+["“‘'(\[]?\p{Lu}/u.test(s)) return false;
  return true;
}

/**
 * Lower case with curly quotes straightened, as `normalize` of src/text/nlp.ts does
 * (repeated here so that ingest does not load the NLP model when it only reads files).
 */
function normalize(s: string): string {
  return s.toLowerCase().replace(/[’‘`´]/g, "'").replace(/[“”«»„]/g, '"');
}

/** Lower-cased, quote-straightened, whitespace-collapsed form for comparing lines. */
function norm(s: string): string {
  return normalize(s).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/**
 * A line that repeats the headline: the same words, or the headline with a few words
 * of tags or section names before or after it and no sentence end.
 */
function repeatsHeadline(u: Unit, title: string, t: string): boolean {
  const line = u.text;
  if (!t || line.length > title.length * 2 + 120) return false;
  const l = normOf(u);
  if (l === t) return true;
  if (t.split(' ').length < 4 || /[.!?:]["”’]?$/u.test(line)) return false;
  const extra = l.split(' ').length - t.split(' ').length;
  // Tags or a section name before the headline ("Sergei Rudskoi Russian military <headline>").
  if (l.endsWith(` ${t}`)) return extra <= 8;
  // The headline followed by a separator and the site's name ("<headline> | The Daily").
  const sep = /^(.*\S)\s+[|\-–—·•]\s+(\S.*)$/u.exec(line.trim());
  return Boolean(sep?.[1] && norm(sep[1]) === t && extra <= 6);
}

/**
 * Word pairs of a paragraph as small integers: word ids from `vocab` (shared within one
 * article), two 15-bit ids per pair so that keys stay V8 small integers (fast to hash).
 * In the rare article with more than 32,768 distinct words ids wrap around; a collision
 * can only make two paragraphs look more alike, and near-copies are then checked by
 * their names and numbers as well.
 */
function bigrams(text: string, vocab: Map<string, number>): Set<number> {
  const words = text.toLowerCase().split(WORD_SPLIT);
  const out = new Set<number>();
  let prev = -1;
  for (const w of words) {
    if (!w) continue;
    let id = vocab.get(w);
    if (id === undefined) {
      id = vocab.size;
      vocab.set(w, id);
    }
    const small = id & 0x7fff;
    if (prev >= 0) out.add((prev << 15) | small);
    prev = small;
  }
  return out;
}

const WORD_SPLIT = /[\s"'“”‘’«».,;:!?()[\]{}…–—\-/]+/;

/** Numbers and capitalised words (names) of a paragraph, lower-cased, possessives dropped. */
function namesAndNumbers(s: string): Set<string> {
  const out = new Set<string>();
  for (const m of s.matchAll(/\p{Lu}[\p{L}\-]*|\d[\d.,]*/gu)) out.add(m[0].toLowerCase().replace(/[.,]$/, ''));
  return out;
}

/**
 * True when paragraph `a` says nothing that `b` does not: its word pairs are (almost)
 * all in `b`, and so are its numbers and names — so two list items that differ only
 * by a name or a figure ("Jane Doe, 21, charged with …") are not copies.
 */
function nearCopy(a: { grams: Set<number>; text: string }, b: { grams: Set<number>; text: string; lower: string }): boolean {
  if (containment(a.grams, b.grams) < NEAR_COPY) return false;
  const bNames = namesAndNumbers(b.text);
  let missing = 0;
  for (const n of namesAndNumbers(a.text)) {
    if (bNames.has(n)) continue;
    // "Russia's" / "Russian": the same name in another form.
    const stemmed = n.replace(/['’]s$/, '').slice(0, Math.max(4, n.length - 3));
    if (/^\d/.test(n) || !b.lower.includes(stemmed)) missing++;
  }
  return missing === 0;
}

function containment<T>(a: Set<T>, b: Set<T>): number {
  if (a.size === 0) return 0;
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
  return n / a.size;
}

/**
 * The start of `rawText` that reads as `prefix` once whitespace is collapsed (a dateline
 * cut from a paragraph whose raw text may wrap lines), or null when it does not match.
 */
function rawPrefixOf(rawText: string, prefix: string): string | null {
  const want = prefix.replace(/\s+/g, '');
  let n = 0;
  let i = 0;
  while (i < rawText.length && n < want.length) {
    const c = rawText[i] as string;
    if (!/\s/.test(c)) {
      if (c !== want[n]) return null;
      n++;
    }
    i++;
  }
  if (n < want.length) return null;
  while (i < rawText.length && /\s/.test(rawText[i] as string)) i++;
  return rawText.slice(0, i);
}

/** Removes the text of a page (title, body) with every removal recorded. */
export function clean(input: CleanInput): CleanResult {
  const raw = input.text;
  const diagnostics: Diagnostic[] = [];
  const units = repair(splitLines(raw), input.source, diagnostics);
  const roles: Role[] = units.map(() => ({ kind: 'keep' }));
  const captions = new Set((input.captions ?? []).map(norm).filter(Boolean));

  let outlet: string | null = null;
  let byline: string | null = null;

  // 2. Headline.
  let title: string | null = input.title === undefined ? null : input.title;
  let bodyStart = 0;
  if (input.title === undefined) {
    let i = 0;
    while (i < units.length && i < 4) {
      const u = units[i] as Unit;
      const d = dateLine(u.text);
      if (d) roles[i] = { kind: 'date', hits: d.hits, updated: d.updated };
      else if (domainOf(u.text)) {
        // A site line ("www.example.com") above the headline names the outlet.
        const domain = domainOf(u.text) as string;
        roles[i] = { kind: 'boilerplate' };
        if (!isPlatformDomain(domain)) outlet ??= domain;
      } else break;
      i++;
    }
    const cand = units[i];
    // (Not when the text after it opens in lower case, past any divider: the line is then a
    // piece of running text cut from a page, not a headline — "The San Diego Zoo Safari Park
    // is absolutely incredible" above "... staff, and so much to do …", a reader's review,
    // mnval-109.)
    const next = units.slice(i + 1).find((u) => /\p{L}/u.test(u.text));
    const cutText = next !== undefined && /^\p{Ll}/u.test(next.text.trim());
    if (cand && i < units.length - 1 && isHeadlineLike(cand.text) && !classifyLine(cand.text) && !cutText) {
      title = cand.text;
      roles[i] = { kind: 'title' };
      bodyStart = i + 1;
    } else bodyStart = i;
  }

  // 3. Classification.
  const headEnd = bodyStart + HEAD_LINES;
  const titleNorm = title ? norm(title) : '';
  for (let i = bodyStart; i < units.length; i++) {
    const u = units[i] as Unit;
    const tail = i >= units.length - TAIL_LINES && i > bodyStart;
    if (title && repeatsHeadline(u, title, titleNorm)) {
      roles[i] = { kind: 'repeated-headline' };
      continue;
    }
    if (captions.size > 0 && captions.has(normOf(u))) {
      roles[i] = { kind: 'caption' };
      continue;
    }
    const c = classifyLine(u.text, { tail, head: i < headEnd });
    if (c) {
      roles[i] = { kind: c.kind };
      if (c.outlet && (c.kind === 'sign-off' || !outlet)) outlet = c.outlet;
      continue;
    }
    if (i < headEnd || tail) {
      const d = dateLine(u.text);
      if (d) {
        roles[i] = { kind: 'date', hits: d.hits, updated: d.updated };
        continue;
      }
      const b = bylineLine(u.text);
      if (b) {
        // "China National News | 5 March 2014": an outlet's name next to the date, not an author.
        const isOutlet = !b.withBy && looksLikeOutlet(b.name);
        roles[i] = { kind: 'byline', hits: b.hits, name: b.name, person: b.person && !isOutlet };
        if (isOutlet) outlet ??= b.name;
        else if (b.person && !byline) byline = b.name;
        if (b.outlet) outlet ??= b.outlet;
      }
    }
  }

  // A photo credit standing as its own line ("Mark Wilson/Getty Images") credits the
  // line before it: that line is the photo's caption (a short one: a long paragraph
  // before a credit is narration whose photo lost its caption).
  for (let i = bodyStart + 1; i < units.length; i++) {
    if (roles[i]?.kind !== 'caption' || !isCreditOnly((units[i] as Unit).text)) continue;
    const before = units[i - 1] as Unit;
    if (roles[i - 1]?.kind === 'keep' && countWords(before.text) <= CAPTION_MAX_WORDS) roles[i - 1] = { kind: 'caption' };
  }

  // 4. Publication date.
  const bodyText = units.filter((_, i) => roles[i]?.kind === 'keep').map((u) => u.text).join('\n');
  let published: string | null = input.published?.iso ?? null;
  let publishedEvidence: string | null = input.published?.evidence ?? null;
  if (!published) {
    // Preference: a byline's date; then a date line above the headline (unless a
    // byline date exists: then it is the page's own date, see below); then a date line
    // near the top of the body; an "Updated" date last.
    const ranked: Array<{ i: number; hit: DateHit; rank: number }> = [];
    roles.forEach((r, i) => {
      if (r.kind !== 'date' && r.kind !== 'byline') return;
      const hits = (r as { hits: DateHit[] }).hits;
      const first = hits[0];
      if (!first) return;
      const beforeTitle = i < bodyStart;
      const updated = r.kind === 'date' && (r as { updated: boolean }).updated;
      const rank = r.kind === 'byline' ? 0 : updated ? 3 : beforeTitle ? 1 : 2;
      ranked.push({ i, hit: first, rank });
    });
    ranked.sort((a, b) => a.rank - b.rank || a.i - b.i);
    for (const c of ranked) {
      let iso = c.hit.iso;
      if (!iso && c.hit.readings) {
        iso = resolveAmbiguous(c.hit.readings, bodyText);
        if (!iso) {
          diagnostics.push(diagnostic('warning', input.source, 'DATE_AMBIGUOUS', input.source, c.hit.text));
          continue;
        }
      }
      if (iso) {
        published = iso;
        publishedEvidence = (units[c.i] as Unit).text;
        break;
      }
    }
  }

  // Date lines become removals: the page's own date when later than the publication date.
  const removedRole = (r: Role): RemovalKind | null => {
    if (r.kind === 'keep' || r.kind === 'title') return null;
    if (r.kind === 'date') {
      const hit = (r as { hits: DateHit[] }).hits[0];
      const iso = hit?.iso ?? null;
      return published && iso && daysAfter(published, iso) > 0 ? 'page-date' : 'dateline';
    }
    return r.kind as RemovalKind;
  };

  // 5. Repeats among the paragraphs still kept.
  const kept = units.map((_, i) => i).filter((i) => roles[i]?.kind === 'keep');
  // Exact repeats: the paragraph's text, case-folded (whitespace is already collapsed).
  const norms = new Map<number, string>(kept.map((i) => [i, (units[i] as Unit).text.toLowerCase()]));
  const keptPos = new Map(kept.map((i, k) => [i, k]));
  const firstSeen = new Map<string, number>();
  const dupOf = new Map<number, number>();
  for (const i of kept) {
    const n = norms.get(i) ?? '';
    const seen = firstSeen.get(n);
    if (seen !== undefined && n) dupOf.set(i, seen);
    else firstSeen.set(n, i);
  }
  const bodyRuns: Array<[number, number]> = [];
  for (let k = 0; k < kept.length; ) {
    const i = kept[k] as number;
    const j = dupOf.get(i);
    if (j === undefined) {
      k++;
      continue;
    }
    // Extend a run of paragraphs that repeat earlier paragraphs in the same order.
    const jk = keptPos.get(j) as number;
    let len = 1;
    while (
      k + len < kept.length &&
      jk + len < k &&
      kept[k + len] === (kept[k + len - 1] as number) + 1 &&
      dupOf.get(kept[k + len] as number) !== undefined &&
      norms.get(kept[k + len] as number) === norms.get(kept[jk + len] as number)
    )
      len++;
    if (len >= MIN_BODY_RUN) {
      bodyRuns.push([k, k + len - 1]);
      for (let x = 0; x < len; x++) roles[kept[k + x] as number] = { kind: 'repeated-body' };
    } else {
      for (let x = 0; x < len; x++) {
        const idx = kept[k + x] as number;
        if (wordsOf(units[idx] as Unit) >= MIN_REPEAT_WORDS) roles[idx] = { kind: 'repeated-paragraph' };
      }
    }
    k += len;
  }
  // Near-copies: a paragraph whose word pairs are (almost) all in a longer one.
  const still = units.map((_, i) => i).filter((i) => roles[i]?.kind === 'keep' && wordsOf(units[i] as Unit) >= MIN_NEAR_COPY_WORDS);
  // Past MAX_NEAR_COPY_PARAGRAPHS (a table or a log, not an article) the quadratic
  // worst case is not worth it; exact repeats are still removed above.
  if (still.length > 1 && still.length <= MAX_NEAR_COPY_PARAGRAPHS) {
    type Para = { grams: Set<number>; text: string; lower: string };
    const vocab = new Map<string, number>();
    const info = new Map<number, Para>(
      still.map((i) => {
        const u = units[i] as Unit;
        return [i, { grams: bigrams(u.text, vocab), text: u.text, lower: normalize(u.text) }];
      }),
    );
    // How many paragraphs hold each word pair.
    const df = new Map<number, number>();
    for (const i of still) for (const g of (info.get(i) as Para).grams) df.set(g, (df.get(g) ?? 0) + 1);
    for (const a of still) {
      if (roles[a]?.kind !== 'keep') continue;
      const ia = info.get(a) as Para;
      // A paragraph with more than 20% of its word pairs found in no other paragraph
      // cannot be a near-copy: almost every paragraph stops here.
      const allowed = Math.floor(ia.grams.size * (1 - NEAR_COPY));
      let own = 0;
      for (const g of ia.grams) if (df.get(g) === 1 && ++own > allowed) break;
      if (own > allowed) continue;
      for (const b of still) {
        if (b === a || roles[b]?.kind !== 'keep') continue;
        const ib = info.get(b) as Para;
        // Remove `a` when it is contained in `b` and `b` is longer (or as long and earlier).
        if (ib.grams.size < ia.grams.size || (ib.grams.size === ia.grams.size && b > a)) continue;
        if (nearCopy(ia, ib)) {
          roles[a] = { kind: 'repeated-paragraph' };
          break;
        }
      }
    }
  }

  // 6. A dateline opening the first body paragraph ("WASHINGTON (AP) — …"): metadata, not
  // part of the first sentence (after the repeats, so that a repeated body still matches).
  // An agency named there is the outlet when nothing better names one.
  const partial = new Map<number, Removal>();
  let firstBody = units.findIndex((_, i) => i >= bodyStart && roles[i]?.kind === 'keep');
  let dl = firstBody >= 0 ? leadingDateline((units[firstBody] as Unit).text) : null;
  // A dek (a short line with no closing stop, "This is the fifth officer shot in the United
  // States in less than a week") may stand before the paragraph carrying the dateline.
  if (firstBody >= 0 && !dl && isDek((units[firstBody] as Unit).text)) {
    const next = units.findIndex((_, i) => i > firstBody && roles[i]?.kind === 'keep');
    const nextDl = next >= 0 ? leadingDateline((units[next] as Unit).text) : null;
    if (nextDl) [firstBody, dl] = [next, nextDl];
  }
  if (firstBody >= 0) {
    const u = units[firstBody] as Unit;
    // The same prefix as it stands in the raw text (the unit's text has its spaces collapsed).
    const rawPrefix = dl ? rawPrefixOf(raw.slice(u.start, u.end), dl.prefix) : null;
    if (dl && rawPrefix) {
      partial.set(firstBody, { kind: 'dateline', text: rawPrefix.trim() });
      units[firstBody] = { ...u, text: u.text.slice(dl.prefix.length).trim(), start: u.start + rawPrefix.length, norm: undefined, words: undefined };
      if (!outlet && dl.agency) outlet = dl.agency;
    }
  }

  // Removals in text order; a repeated body is one removal.
  const removed: Removal[] = [];
  const runStart = new Map(bodyRuns.map(([a, b]) => [kept[a] as number, kept[b] as number]));
  for (let i = 0; i < units.length; i++) {
    const r = roles[i] as Role;
    const cut = partial.get(i);
    if (cut) removed.push(cut);
    const kind = removedRole(r);
    if (!kind) continue;
    const u = units[i] as Unit;
    if (kind === 'repeated-body') {
      const last = runStart.get(i);
      if (last !== undefined) {
        removed.push({ kind, text: raw.slice(u.start, (units[last] as Unit).end) });
        i = last;
        continue;
      }
    }
    removed.push({ kind, text: raw.slice(u.start, u.end) });
  }
  const text = units.filter((_, i) => roles[i]?.kind === 'keep').map((u) => u.text).join('\n');
  return { text, title, removed, diagnostics, byline, outlet, published, publishedEvidence };
}
