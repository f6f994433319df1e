/**
 * Gold attribution relations (PolNeAR-style JSON Lines), and the rule that gives each
 * gold relation a speaker to score against.
 *
 * One article a line: `{"id", "split", "publisher", "published", "title", "text",
 * "attributions": [{"source": {"spans": [[a, b], …], "text"}, "cue": {…}, "content": {…}}]}`,
 * character offsets into `text`. A relation whose content holds a double quotation mark
 * is a direct quote; the others are reported speech ("claims").
 *
 * Gold speakers (a rule over the gold data only, never the system's output):
 * - the source's text is cut at its first comma, parenthesis, "of" or relative pronoun
 *   ("Brian Fallon, a spokesman for …" → "Brian Fallon"); when that part names nobody
 *   and a later part does ("her personal lawyer, David E. Kendall"), the later part; so
 *   too when that part is only someone's role ("Trump’s Virginia state director, Mike
 *   Rubino" → "Mike Rubino": the possessor is not the speaker);
 * - name words leave out lower-case particles ("Bill de Blasio" ~ "De Blasio") and read
 *   curly and straight apostrophes alike ("O’Donnell" ~ "O'Donnell");
 * - a source naming someone (a capitalised word that is not a title, a determiner or a
 *   pronoun: "Sen. Ted Cruz", "Clinton’s campaign", "the Daily Caller") is a *name*;
 * - a pronoun is resolved to the nearest gold source before it in the same article (by
 *   offset) that is a name compatible with it: for a personal pronoun ("he", "she", "I",
 *   "who") a name without an acronym or an organisation word ("FBI", "Breitbart News"
 *   are skipped, and so are two people joined by "and", a quantity, a month or weekday, a
 *   publication: `notOne` in data/eval/attribution-gold.json), for the others ("it",
 *   "they", "we") any name; never a name whose gender is the other one (its given name's,
 *   or for a surname alone, that of every given name written before it in the article:
 *   only Bernie Sanders makes "Sanders" a man, Donald and Ivanka leave "Trump" open);
 *   unresolved pronouns have no gold speaker; a third-person pronoun ("he", "she", "who")
 *   takes instead a person opening a sentence (or its main clause after an opening phrase)
 *   as its subject between that source and the
 *   pronoun ("Rubio disagreed. “…,” he said": sources are marked for attributions only, so
 *   Rubio is no source; `sentenceSubjects`: a known given name opens the name, or the
 *   surname alone is written after one elsewhere in the text); a relative "who" stands for
 *   the person named right before it ("Indiana Gov. Mike Pence, who called …",
 *   `relativeAntecedent`), by the rule for pronouns only when no person's name stands there;
 * - an organisation word before a person's role ("Senate Majority Leader Mitch McConnell",
 *   "FBI Director James Comey") does not make the source an organisation: the name after
 *   the role is the person's;
 * - a definite description of a person's role ("the senator", "the GOP front-runner": a
 *   title word or role phrase from data/lexicon/names.json) is resolved as a personal
 *   pronoun, and a found speaker matching either the name or the description is right;
 * - any other source ("a spokesman for the ministry", "officials", "the ad") is a
 *   *description*, matched by its content words;
 * - a direct quote whose content parts are separated by an attribution of their own
 *   ("“…,” Sanders said, “…”" with source "CNN", cue "according to") has that speaker
 *   too: the one who spoke the words is right, as is the source that reports them.
 */
import type { Diagnostic } from '../types.js';
import { diagnostic } from '../errors.js';
import { readUserFile } from '../ingest/files.js';
import { lexicon, lookupForm } from '../analysis/lexicon.js';
import { loadJson } from '../data.js';
import { isRecord, parseObjectLine } from './jsonl.js';
import { fnv1a } from '../random.js';
import { givenNameGender, pronounGender, type Gender } from '../analysis/gender.js';

interface GoldVocabulary {
  affiliations: string[];
  roles: string[];
  notOne: string[];
}

let vocab: { affiliations: Set<string>; roles: Set<string>; notOne: Set<string> } | null = null;

function vocabulary(): NonNullable<typeof vocab> {
  if (!vocab) {
    const v = loadJson<GoldVocabulary>('eval/attribution-gold.json');
    vocab = { affiliations: new Set(v.affiliations), roles: new Set(v.roles), notOne: new Set(v.notOne) };
  }
  return vocab;
}

export type Span = [number, number];

export type GoldSourceKind = 'name' | 'pronoun' | 'description' | 'none';

export interface GoldSpeaker {
  /** What the gold source itself is. */
  kind: GoldSourceKind;
  /** The gold source text. */
  text: string;
  /** Name words (lower case, titles removed) of the resolved name, or null. */
  name: string[] | null;
  /** Content words of a description (the source itself when it is one), or null. */
  description: string[] | null;
  /**
   * Name words of the speaker an attribution inside the content names, between its parts
   * ("“…,” Sanders said, “…”" reported according to CNN: Sanders), or null.
   */
  inner?: string[] | null;
}

export interface GoldRelation {
  /** Content spans. */
  content: Span[];
  /** The parts of the content inside quotation marks (direct quotes), else empty. */
  quoted: Span[];
  /** First offset of the cue (or of the content when there is no cue). */
  cueStart: number;
  speaker: GoldSpeaker;
}

export interface GoldArticle {
  id: string;
  split: string;
  publisher: string;
  published: string | null;
  title: string | null;
  text: string;
  quotes: GoldRelation[];
  claims: GoldRelation[];
}

const QUOTE_MARK = /["“”]/;
const PRONOUNS = new Set(['he', 'she', 'it', 'they', 'we', 'i', 'you', 'who', 'his', 'her', 'him', 'them', 'its', 'their', 'our', 'my', 'me', 'us', 'which', 'that', 'this', 'whom', 'whose']);
const DEFINITE = new Set(['the', 'this', 'that', 'his', 'her', 'its', 'their', 'our', 'my']);
/** Pronouns that stand for a person (resolved to a person-like name only). */
const PERSONAL = new Set(['he', 'she', 'him', 'his', 'her', 'i', 'me', 'my', 'who', 'whom']);
const NOT_NAMES = new Set([...PRONOUNS, 'the', 'a', 'an', 'these', 'those', 'one', 'some', 'other', 'many', 'most', 'both', 'all', 'former', 'new', 'then', 'but', 'and', 'so', 'yet', 'when', 'as', 'if', 'after', 'while', 'in', 'on', 'at', 'for']);
const STOP = new Set(['the', 'a', 'an', 'of', 'for', 'to', 'in', 'on', 'at', 'and', 'or', 'with', 'by', 'from', 'his', 'her', 'its', 'their', 'this', 'that', 'these', 'those', 'our', 'my', 'who', 'which', 's']);

function words(s: string): string[] {
  return s.match(/[\p{L}\p{N}]+(?:[.'’-][\p{L}\p{N}]+)*\.?/gu) ?? [];
}

function bare(w: string): string {
  return w.toLowerCase().replace(/’/g, "'").replace(/'s$/, '').replace(/\.$/, '');
}

/** Lower-case particles inside names, left out of name words on both sides ("Bill de Blasio" ~ "De Blasio"). */
const PARTICLES = new Set(['de', 'da', 'di', 'del', 'della', 'van', 'von', 'der', 'den', 'du', 'le', 'la', 'al', 'el', 'bin', 'ibn']);

/** Name words of a phrase: capitalised words that are neither titles nor function words. */
export function nameWords(phrase: string): string[] {
  const lx = lexicon();
  const { affiliations } = vocabulary();
  const ws = words(phrase);
  const out: string[] = [];
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i] as string;
    if (!/^\p{Lu}/u.test(w)) continue;
    // A place ("Florida", "New Hampshire") describes: "Florida Republican", "New York Rep. Peter King".
    const two = i + 1 < ws.length ? lookupForm(`${w} ${ws[i + 1]}`) : '';
    if (two && lx.places.has(two) && /^\p{Lu}/u.test(ws[i + 1] as string)) {
      i++;
      continue;
    }
    const b = bare(w);
    if (NOT_NAMES.has(b) || PARTICLES.has(b) || lx.personTitles.has(b) || affiliations.has(b) || lx.demonyms.has(b)) continue;
    if (lx.places.has(lookupForm(w.replace(/['’]s$/, '')))) continue;
    out.push(b);
  }
  return out;
}

/** Content words of a description (lower case, function words removed). */
export function descriptionWords(phrase: string): string[] {
  return words(phrase)
    .map(bare)
    .filter((w) => !STOP.has(w) && !PRONOUNS.has(w));
}

/** The part of a gold source that names the speaker (see the module comment). */
function sourceCore(text: string): { core: string; names: string[] } {
  // Each part with whether a relative clause holds it: "the designer, who works for another
  // brand at G-III" and "a data expert who has worked for one of Trump's rivals" name no
  // speaker after their first part.
  const pieces: Array<{ part: string; relative: boolean }> = [];
  let from = 0;
  let relative = false;
  for (const m of text.matchAll(/,|\(|\)|\s(?:who|which|whose|whom|of)\s|\s(?:who|which)$/gu)) {
    pieces.push({ part: text.slice(from, m.index).trim(), relative });
    relative ||= /^\s(?:who|which|whose|whom)/u.test(m[0]);
    from = (m.index ?? 0) + m[0].length;
  }
  pieces.push({ part: text.slice(from).trim(), relative });
  const kept = pieces.filter((p) => p.part);
  const parts = kept.map((p) => p.part);
  const first = parts[0] ?? text.trim();
  const firstNames = nameWords(first);
  // "Trump’s Virginia state director, Mike Rubino": a role of someone's, then the name of
  // the one who holds it, who is the speaker.
  const possessor = /^(.*?)['’]s?\s+(.+)$/u.exec(first);
  // (Only a name in apposition right after it, every word capitalised: never a clause.)
  const appos = parts[1];
  if (firstNames.length && possessor && nameWords(possessor[2] as string).length === 0 && appos && /^(?:\p{Lu}[\p{L}.'’-]*\s*)+$/u.test(appos)) {
    const ns = nameWords(appos);
    if (ns.length) return { core: appos, names: ns };
  }
  if (firstNames.length) return { core: first, names: firstNames };
  for (const p of kept.slice(1)) {
    if (p.relative || /^(?:who|which|whose|whom|that)\b/iu.test(p.part)) continue;
    const ns = nameWords(p.part);
    if (ns.length) return { core: p.part, names: ns };
  }
  return { core: first, names: [] };
}

interface Classified {
  kind: GoldSourceKind;
  names: string[];
  core: string;
  /** A name that may be a person's: no acronym and no organisation word ("FBI", "Breitbart News"). */
  personLike: boolean;
  /**
   * One person at most: not two joined by "and" ("Trump and Ryan"), not opened by a
   * quantity ("Eleven … organizations", "several", "another"), not a month or weekday,
   * a publication ("the Chicago Tribune") or documents: "he" or "she" never points to these.
   */
  single: boolean;
}

/** A source span that holds the cue instead of a speaker ("said", "said in a statement"): an annotation slip. */
const CUE_AS_SOURCE = /^(?:said|says|say|told|tells|added|adds|wrote|writes|asked|asks|stated|noted)\b/iu;

function classify(text: string): Classified {
  const t = text.trim();
  if (!t || CUE_AS_SOURCE.test(t)) return { kind: 'none', names: [], core: '', personLike: false, single: false };
  const ws = words(t).map(bare);
  if (ws.length === 1 && PRONOUNS.has(ws[0] as string)) return { kind: 'pronoun', names: [], core: t, personLike: false, single: false };
  const { core, names } = sourceCore(t);
  const heads = lexicon().organizationHeads;
  const orgish = (w: string) => heads.has(bare(w)) || /^\p{Lu}{2,}$/u.test(w);
  const cws = words(core);
  // "Senate Majority Leader Mitch McConnell", "FBI Director James Comey": an organisation
  // word before a person's role, then a name with no organisation word, is one person.
  const { roles } = vocabulary();
  const role = cws.findLastIndex((w) => lexicon().personTitles.has(bare(w)) || roles.has(bare(w)));
  const titled = role >= 0 && nameWords(cws.slice(role + 1).join(' ')).length > 0 && !cws.slice(role + 1).some(orgish);
  const personLike = titled || !cws.some(orgish);
  const cw = words(core).map(bare);
  const { notOne } = vocabulary();
  const single = !cw.includes('and') && !cw.some((w) => notOne.has(w)) && !/^\d/.test(cw[0] ?? '');
  // (The person's own name words then stand for them: "Mitch McConnell", whose first word tells the gender.)
  if (names.length) return { kind: 'name', names: titled ? nameWords(cws.slice(role + 1).join(' ')) : names, core, personLike, single };
  return { kind: 'description', names: [], core, personLike: false, single: false };
}

/** Whether a description names a person's role ("the senator", "the GOP front-runner"): a title word. */
function personRole(core: string): boolean {
  const lx = lexicon();
  const ws = words(core).map(bare);
  const phrase = ` ${ws.join(' ')} `;
  const { roles } = vocabulary();
  return ws.some((w) => lx.personTitles.has(w) || roles.has(w)) || lx.rolePhrases.some((r) => phrase.includes(` ${r.phrase} `));
}


function spansOf(x: unknown, textLength: number): Span[] | null {
  if (!isRecord(x) || !Array.isArray(x.spans)) return null;
  const out: Span[] = [];
  for (const s of x.spans) {
    if (!Array.isArray(s) || s.length !== 2) return null;
    const [a, b] = s as unknown[];
    if (typeof a !== 'number' || typeof b !== 'number' || !Number.isInteger(a) || !Number.isInteger(b) || a < 0 || b < a || b > textLength) return null;
    out.push([a, b]);
  }
  return out.sort((p, q) => p[0] - q[0]);
}

/**
 * The parts of content spans inside double quotation marks, per span: marks alternate
 * open/close (a curly mark says which it is, save a closing mark opening the span before
 * a letter: "”Mr. Trump …”"); a mark left open runs to the end of the
 * span, a closing mark without an opening one closes from the start of the span.
 */
export function quotedParts(text: string, content: Span[]): Span[] {
  const out: Span[] = [];
  for (const [a, b] of content) {
    let open: number | null = null;
    let any = false;
    for (let p = a; p < b; p++) {
      const c = text[p] as string;
      if (!QUOTE_MARK.test(c)) continue;
      // A curly mark says which it is, unless it stands reversed at the start of the span
      // before a letter ("”Mr. Trump …”": opens) or after a letter at its end (closes).
      const prev = p > a ? (text[p - 1] as string) : '';
      const next = p + 1 < b ? (text[p + 1] as string) : '';
      const atStart = open === null && !/[\p{L}\p{N}]/u.test(prev) && /\p{L}/u.test(next) && !QUOTE_MARK.test(prev);
      const opens = c === '“' ? true : c === '”' ? atStart && !any : open === null;
      if (opens && open === null) open = p + 1;
      else if (!opens) {
        const from: number = open ?? (any ? -1 : a);
        if (from >= 0 && p > from) out.push([from, p]);
        open = null;
      }
      any = true;
    }
    if (open !== null && b > open) out.push([open, b]);
  }
  return out;
}

const INNER_VERB = '(?:said|says|added|adds|asked|asks|wrote|writes|replied|continued|explained)';
const INNER_NAME = "(\\p{Lu}[\\p{L}.'’-]*(?:\\s+\\p{Lu}[\\p{L}.'’-]*){0,3})";
/** The whole gap is "Name said" or "said Name" (commas and a closing period aside). */
const INNER = [new RegExp(`^[\\s,]*${INNER_NAME}\\s+${INNER_VERB}[\\s,.]*$`, 'u'), new RegExp(`^[\\s,]*${INNER_VERB}\\s+${INNER_NAME}[\\s,.]*$`, 'u')];

/**
 * The speaker an attribution between two parts of a gold content names ("“…,” Sanders
 * said, “…”" when the relation's source is "CNN", cue "according to"): a gap of the
 * content that is only a name and a speech verb ("Sanders said", "said Sanders"; never
 * "he said when asked about Trump’s temperament"). Null when none.
 */
function innerSpeaker(text: string, content: Span[], quoted: Span[]): string[] | null {
  for (let i = 1; i < content.length; i++) {
    const gap = text.slice((content[i - 1] as Span)[1], (content[i] as Span)[0]).replace(/["“”]/g, ' ');
    const m = INNER.map((re) => re.exec(gap)).find(Boolean);
    const ns = m ? nameWords(m[1] as string) : [];
    if (ns.length) return ns;
  }
  // The content goes on after the quotation with its own attribution ("“…” O’Malley said
  // at a press conference" reported according to the Las Vegas Sun): its words right
  // after the closing mark are a name and a speech verb, or a speech verb and a name.
  // So may any part of the content ("“…,” Welch said, according to Vermont Edition. “…”":
  // the first part ends with its own attribution, the source reports both).
  for (const [a, b] of content) {
    const last = quoted.filter(([x, y]) => x >= a && y <= b).at(-1);
    if (!last || b <= last[1]) continue;
    const tail = text.slice(last[1], b).replace(/["“”]/g, ' ');
    const m = INNER_TAIL.map((re) => re.exec(tail)).find(Boolean);
    const ns = m ? nameWords(m[1] as string) : [];
    if (ns.length) return ns;
  }
  return null;
}

/** A name and a speech verb opening the content after its quotation (see `innerSpeaker`). */
const INNER_TAIL = [new RegExp(`^[\\s,]*${INNER_NAME}\\s+${INNER_VERB}\\b`, 'u'), new RegExp(`^[\\s,]*${INNER_VERB}\\s+${INNER_NAME}(?:[\\s,.]|$)`, 'u')];

/**
 * People opening a sentence of `text` as its subject, by offset: up to five capitalised
 * words at a sentence start (outside quotation marks) or right after an opening phrase and
 * its comma ("On the eve of the meetings, Trump eased his tone"), then a lower-case word or a comma,
 * naming a person (`classify`: no organisation word, one person) opened by a known given
 * name, or by a surname that the text also writes after one ("Trump" after "Donald Trump").
 * Sentences opened by a function word ("The", "In", "But") or a pronoun name nobody here.
 */
function sentenceSubjects(text: string): Array<{ at: number; names: string[] }> {
  const out: Array<{ at: number; names: string[] }> = [];
  const start = /(?:^|[.!?]["”’]?\s+|\n\s*)(?:\p{Lu}[^,.!?"“”\n]{0,60},\s+)?((?:\p{Lu}[\p{L}.'’-]*\s+){0,4}\p{Lu}[\p{L}'’-]*)(?=\s+\p{Ll}|,)/gu;
  for (const m of text.matchAll(start)) {
    const phrase = m[1] as string;
    const at = (m.index ?? 0) + (m[0].length - phrase.length);
    const first = bare(words(phrase)[0] ?? '');
    if (NOT_NAMES.has(first) || /['’]s?$/u.test(phrase)) continue;
    // (Not after the full stop of a title, an abbreviation or an initial: "Dr. Jill Stein",
    // "Govs. Jeb Bush", "George W. Bush".)
    const before = /([\p{L}]+)\.["”’]?\s+$/u.exec(text.slice(Math.max(0, at - 12), at));
    if (before && (lexicon().personTitles.has((before[1] as string).toLowerCase()) || /^\p{Lu}\p{Ll}{0,3}$/u.test(before[1] as string))) continue;
    // (Not inside a quotation of its paragraph.)
    const para = text.slice(text.lastIndexOf('\n', at) + 1, at);
    if (para.lastIndexOf('“') > para.lastIndexOf('”') || (para.match(/"/g) ?? []).length % 2 === 1) continue;
    const c = classify(phrase);
    if (c.kind !== 'name' || !c.personLike || !c.single) continue;
    // (A given name the name tables know opens the name, or a surname alone is written
    // elsewhere after one: "Trump" after "Donald Trump"; never "Nothing", "Last" or "Footage".)
    const ws = words(phrase).filter((w) => c.names.includes(bare(w)));
    const surname = (ws[ws.length - 1] ?? '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const known =
      c.names.length >= 2
        ? givenNameGender(c.names[0] as string) !== null
        : [...text.matchAll(new RegExp(`(\\p{Lu}[\\p{Ll}'’-]+)\\s+${surname}\\b`, 'gu'))].some((x) => givenNameGender(x[1] as string) !== null);
    if (known) out.push({ at, names: c.names });
  }
  return out;
}

/**
 * The person a relative "who" at `at` stands for: a name of capitalised words (titles
 * aside) ending right before it, after a comma or not, past "of" and a place or a party
 * label in parentheses ("Sen. Marco Rubio of Florida, who", "Rep. Earl Blumenauer (D-Ore.),
 * who"). Null when the words before are no person's name ("the Senate Intelligence
 * Committee, who", "a former spymaster who").
 */
function relativeAntecedent(text: string, at: number): string[] | null {
  const before = text.slice(Math.max(0, at - 120), at);
  const m = /((?:\p{Lu}[\p{L}.'’-]*\s+){0,4}\p{Lu}[\p{L}'’-]*)(?:\s+of\s+(?:\p{Lu}[\p{L}.]*\s*){1,3})?(?:\s*\([^()]{1,20}\))?\s*,?\s*$/u.exec(before);
  if (!m) return null;
  const lead = before.slice(0, m.index).trimEnd();
  if (/\b(?:the|a|an)$/i.test(lead)) return null;
  const c = classify(m[1] as string);
  return c.kind === 'name' && c.personLike && c.single ? c.names : null;
}

/** Parses one gold line. */
export function parseGoldLine(line: string, path: string, lineNo: number): { article: GoldArticle | null; diagnostics: Diagnostic[] } {
  const bad = (reason: string) => ({ article: null, diagnostics: [diagnostic('error', path, 'DATASET_MALFORMED', path, lineNo, reason)] });
  const parsed = parseObjectLine(line);
  if (parsed.reason !== undefined) return bad(parsed.reason);
  const rec = parsed.record;
  if (typeof rec.text !== 'string') return bad('expected an object with a "text" string');
  if (!Array.isArray(rec.attributions)) return bad('expected an "attributions" array');
  const text = rec.text;
  const diagnostics: Diagnostic[] = [];
  interface Pending {
    rel: Omit<GoldRelation, 'speaker'>;
    source: string;
    sourceStart: number;
    direct: boolean;
  }
  const pending: Pending[] = [];
  let dropped = 0;
  for (const a of rec.attributions) {
    if (!isRecord(a)) {
      dropped++;
      continue;
    }
    const content = spansOf(a.content, text.length);
    if (!content || !content.length) {
      dropped++;
      continue;
    }
    const source = spansOf(a.source, text.length) ?? [];
    const cue = spansOf(a.cue, text.length) ?? [];
    const contentText = content.map(([x, y]) => text.slice(x, y)).join(' ');
    const direct = QUOTE_MARK.test(contentText);
    const sourceText = source.map(([x, y]) => text.slice(x, y)).join(' ');
    pending.push({
      rel: { content, quoted: direct ? quotedParts(text, content) : [], cueStart: (cue[0] ?? content[0] as Span)[0] },
      source: sourceText,
      sourceStart: source[0]?.[0] ?? -1,
      direct,
    });
  }
  if (dropped) diagnostics.push(diagnostic('warning', path, 'DATASET_MALFORMED', path, lineNo, `${dropped} attribution(s) without usable content spans skipped`));
  // Named sources by offset, for resolving pronouns and definite descriptions.
  const classified = pending.map((p) => classify(p.source));
  const named = pending
    .map((p, i) => ({ at: p.sourceStart, c: classified[i] as Classified }))
    .filter((x) => x.at >= 0 && x.c.kind === 'name')
    .sort((x, y) => x.at - y.at);
  // A named source whose own given name tells the other gender ("Chris Christie") is never
  // what "she" points to. (By each source's own words: a surname alone tells nothing, as
  // families share one: Donald and Ivanka Trump.)
  const nearestName = (at: number, person: boolean, gender: Gender | null = null, subjects = false): string[] | null => {
    let best: string[] | null = null;
    let bestAt = -1;
    for (const n of named) {
      if (n.at >= at) break;
      const g = n.c.names.length >= 2 ? givenNameGender(n.c.names[0] as string) : surnameGender(n.c.names[0] as string);
      if (gender && g && g !== gender) continue;
      if (!person || (n.c.personLike && n.c.single)) {
        best = n.c.names;
        bestAt = n.at;
      }
    }
    // A person opening a sentence as its subject nearer than that source ("Trump eased his
    // tone. … “…,” he said"): the referent PolNeAR does not mark, as that sentence attributes nothing.
    if (person && subjects) {
      for (const o of openers) {
        if (o.at >= at) break;
        if (o.at <= bestAt) continue;
        const g = o.names.length >= 2 ? givenNameGender(o.names[0] as string) : surnameGender(o.names[0] as string);
        if (gender && g && g !== gender) continue;
        best = o.names;
        bestAt = o.at;
      }
    }
    return best;
  };
  const openers = sentenceSubjects(text);
  // A surname alone tells its gender when every given name written before it in the
  // article tells the same one ("she" is never the Sanders of an article that names only
  // Bernie Sanders; Donald and Ivanka Trump leave "Trump" open).
  const surnames = new Map<string, Gender | null>();
  const surnameGender = (surname: string | undefined): Gender | null => {
    if (!surname) return null;
    if (surnames.has(surname)) return surnames.get(surname) ?? null;
    const seen = new Set<Gender>();
    for (const m of text.matchAll(/(\p{Lu}[\p{Ll}'’-]+)\s+(?:\p{Lu}\.\s+)?(\p{Lu}[\p{L}'’-]+)/gu)) {
      if (bare(m[2] as string) !== surname) continue;
      const g = givenNameGender(m[1] as string);
      if (g) seen.add(g);
    }
    const g = seen.size === 1 ? ([...seen][0] as Gender) : null;
    surnames.set(surname, g);
    return g;
  };
  const quotes: GoldRelation[] = [];
  const claims: GoldRelation[] = [];
  pending.forEach((p, i) => {
    const c = classified[i] as Classified;
    let speaker: GoldSpeaker;
    if (c.kind === 'name') speaker = { kind: 'name', text: p.source, name: c.names, description: null };
    else if (c.kind === 'pronoun') {
      const pronoun = bare(p.source.trim());
      const person = PERSONAL.has(pronoun);
      // (Sentence subjects for third persons only: "I" in an opinion piece is its author.)
      const third = person && !['i', 'me', 'my'].includes(pronoun);
      // A relative "who" stands for the name written right before it ("Indiana Gov. Mike
      // Pence, who called …", "Sen. Marco Rubio of Florida, who mused …"), not for the
      // nearest source.
      const antecedent = pronoun === 'who' ? relativeAntecedent(text, p.sourceStart) : null;
      speaker = { kind: 'pronoun', text: p.source, name: antecedent ?? nearestName(p.sourceStart, person, pronounGender(pronoun), third), description: null };
    } else if (c.kind === 'description') {
      const first = bare(words(c.core)[0] ?? '');
      const resolved = DEFINITE.has(first) && personRole(c.core) ? nearestName(p.sourceStart, true) : null;
      speaker = { kind: 'description', text: p.source, name: resolved, description: descriptionWords(c.core) };
    } else speaker = { kind: 'none', text: '', name: null, description: null };
    if (p.direct) {
      const inner = innerSpeaker(text, p.rel.content, p.rel.quoted);
      if (inner) speaker = { ...speaker, inner };
    }
    (p.direct ? quotes : claims).push({ ...p.rel, speaker });
  });
  const str = (x: unknown): string | null => (typeof x === 'string' && x.trim() ? x : null);
  return {
    article: {
      id: str(rec.id) ?? `line-${lineNo}`,
      split: str(rec.split) ?? '',
      publisher: str(rec.publisher) ?? '',
      published: str(rec.published),
      title: str(rec.title),
      text,
      quotes,
      claims,
    },
    diagnostics,
  };
}

export type Half = 'even' | 'odd';

/**
 * The half of a file an article falls in, by the parity of the FNV-1a hash of its id: a
 * fixed split for deciding a rule on one half and confirming it on the other.
 */
export function articleHalf(id: string): Half {
  return fnv1a(id) % 2 === 0 ? 'even' : 'odd';
}

/** Reads a gold attribution file. Throws only when the file itself cannot be read. */
export async function readAttributionGold(path: string, opts: { split?: string; half?: Half; maxBytes?: number } = {}): Promise<{ articles: GoldArticle[]; diagnostics: Diagnostic[] }> {
  const text = await readUserFile(path, opts.maxBytes ?? 512 * 1024 * 1024, 'a .jsonl file of articles with gold attributions');
  const articles: GoldArticle[] = [];
  const diagnostics: Diagnostic[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const l = (lines[i] as string).trim();
    if (!l) continue;
    const { article, diagnostics: ds } = parseGoldLine(l, path, i + 1);
    diagnostics.push(...ds);
    if (article && (opts.split === undefined || article.split === opts.split) && (opts.half === undefined || articleHalf(article.id) === opts.half)) articles.push(article);
  }
  return { articles, diagnostics };
}

/** Whether a gold relation has a speaker to score against. */
export function hasGoldSpeaker(s: GoldSpeaker): boolean {
  return Boolean(s.name?.length || s.description?.length);
}
