/**
 * Classifies one line of article text as boilerplate (and of which kind) or as
 * article text. The patterns live in `data/ingest/boilerplate.json` so that they can
 * be reviewed and extended without touching code; this module adds the rules that
 * are not single regular expressions (share bars made of button labels, photo
 * credits in brackets at the end of a caption, dividers, sign-offs).
 *
 * Written by hand: boilerplate removers such as Readability or jusText work on HTML
 * structure (link density, tag classes), which plain-text articles, dataset records
 * and extracted HTML no longer have; a line classifier over reviewed patterns is what
 * remains, and every removal is recorded by ./clean.ts.
 */
import type { RemovalKind } from '../types.js';
import { loadJson } from '../data.js';
/**
 * Whitespace-separated tokens: the length measure for the per-kind caps (a cheap
 * stand-in for a word count, which would test every token for a letter).
 */
export function tokenCount(s: string): number {
  let n = 0;
  let inToken = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const space = c === 32 || c === 10 || c === 9 || c === 13;
    if (!space && !inToken) n++;
    inToken = !space;
  }
  return n;
}
import { agencyName, domainOf, looksLikeOutlet } from './metadata.js';

export { looksLikeOutlet };

/** A pattern: a string (flags 'iu'), or an object with its own flags and, optionally, its own word cap (a web-archive notice is one long line). */
type PatternSpec = string | { pattern: string; flags?: string; maxWords?: number };
type PatternKind = 'reading-time' | 'share' | 'boilerplate' | 'caption' | 'credit';

interface BoilerplateData {
  maxWords: Record<PatternKind | 'sign-off', number>;
  patterns: Record<PatternKind, PatternSpec[]>;
  shareWords: string[];
  shareCoreWords: string[];
  creditSources: string[];
  platformDomains: string[];
}

interface Compiled {
  data: BoilerplateData;
  patterns: Array<{ kind: PatternKind; res: RegExp[]; caps: Array<number | undefined> }>;
  shareWords: Set<string>;
  shareCore: Set<string>;
  creditSources: Set<string>;
  platforms: Set<string>;
}

let compiled: Compiled | null = null;

function load(): Compiled {
  if (compiled) return compiled;
  const data = loadJson<BoilerplateData>('ingest/boilerplate.json');
  // Order matters: the first kind whose pattern matches wins.
  const order: PatternKind[] = ['reading-time', 'share', 'caption', 'credit', 'boilerplate'];
  compiled = {
    data,
    patterns: order.map((kind) => ({
      kind,
      // Unicode-mode case folding makes a regular expression several times slower to
      // compile; patterns without \p{…} classes do not need it.
      res: (data.patterns[kind] ?? []).map((p) =>
        typeof p === 'string' ? new RegExp(p, /\\p\{/.test(p) ? 'iu' : 'i') : new RegExp(p.pattern, p.flags ?? (/\\p\{/.test(p.pattern) ? 'iu' : 'i')),
      ),
      caps: (data.patterns[kind] ?? []).map((p) => (typeof p === 'string' ? undefined : p.maxWords)),
    })),
    shareWords: new Set(data.shareWords),
    shareCore: new Set(data.shareCoreWords),
    creditSources: new Set(data.creditSources),
    platforms: new Set(data.platformDomains),
  };
  return compiled;
}

export interface LineClass {
  kind: RemovalKind;
  /** Outlet named by a sign-off or a domain line (`AP`, `example.com`). */
  outlet?: string;
}

const HAS_ALNUM = /[\p{L}\p{N}]/u;
const DASH_WRAPPED = /^[-–—=~*•·]+\s*(.*?\S)\s*[-–—=~*•·]+$/u;
const LEADING_SHARE = /^(?:(?:facebook|twitter|pinterest|email|e-mail|share|whatsapp|linkedin|reddit|messenger)\s+)+/iu;
const BRACKET_AT_END = /^(.*\S)\s*[[(]([^[\]()]{1,80})[\])]$/u;
/** A line that is only a bracketed text: "(Washington Post Staff Photo/Andrea Bruce)". */
const BRACKET_ONLY = /^[[(]([^[\]()]{1,80})[\])]$/u;
const SIGN_OFF = /^(?:[-–—]+|\/)\s*(.+?)\.?$/u;
const PAREN_ONLY = /^\(\s*(.+?)\s*\)\.?$/u;
const CAP_PHRASE = /^(?:\p{Lu}[\p{L}\d&'’.\-]*|of|the|and|de)(?:\s+(?:\p{Lu}[\p{L}\d&'’.\-]*|of|the|and|de)){0,3}$/u;
const END_MARKS = /^(?:ends?|-?\s*30\s*-?|xxx|#{3})$/iu;

/** True when a bracketed credit (`Getty`, `AP Photo/Hassan Ammar`, `File photo`) names a photo source. */
export function isPhotoCredit(inner: string): boolean {
  const c = load();
  const s = inner.trim().toLowerCase().replace(/\s+/g, ' ');
  if (c.creditSources.has(s)) return true;
  if (/^(?:photo|pic|picture|image|photograph|credit|file photo|file|courtesy|source)\s*[:/]\s*\S/u.test(s)) return true;
  if (/\b(?:photo|photos|images?|pic)\s*\/\s*\S/u.test(s)) return true;
  const parts = s.split(/\s*\/\s*|\s+via\s+/u).filter(Boolean);
  if (parts.length > 1 && parts.some((p) => c.creditSources.has(p)) && parts.every((p) => p.split(' ').length <= 4)) return true;
  // "(Victoria Walker/The Washington Post)": photographer / organisation, both capitalised.
  const raw = inner.trim().split(/\s*\/\s*/u);
  return raw.length >= 2 && raw.length <= 3 && raw.every((p) => CREDIT_NAME.test(p));
}

const CREDIT_NAME = /^(?:the\s+)?\p{Lu}[\p{L}'’.&\-]*(?:\s+(?:\p{Lu}[\p{L}'’.&\-]*|of|de|the|and|&)){0,4}$/u;

/** True for a domain that hosts others' content (video sites, social networks, link shorteners): never an outlet. */
export function isPlatformDomain(domain: string): boolean {
  const c = load();
  const d = domain.toLowerCase().replace(/^www\./, '');
  return c.platforms.has(d) || [...c.platforms].some((p) => d.endsWith(`.${p}`));
}


/** True for a line made only of share-button labels (`Facebook Twitter Pinterest Email`). */
function isShareBar(line: string): boolean {
  if (line.length > 200) return false;
  const c = load();
  const tokens = line.toLowerCase().split(/\s+/).filter(Boolean);
  if (tokens.length === 0 || tokens.length > c.data.maxWords.share) return false;
  return tokens.every((t) => c.shareWords.has(t)) && tokens.some((t) => c.shareCore.has(t));
}

function matchPatterns(line: string, words: number): PatternKind | null {
  const c = load();
  for (const { kind, res, caps } of c.patterns) {
    const kindCap = c.data.maxWords[kind];
    for (let i = 0; i < res.length; i++) if (words <= (caps[i] ?? kindCap) && (res[i] as RegExp).test(line)) return kind;
  }
  return null;
}

export interface ClassifyOptions {
  /** The line is among the last lines of the article (where sign-offs stand). */
  tail?: boolean;
  /** The line is among the first lines of the article (where a site's domain may stand). */
  head?: boolean;
}

/**
 * The removal kind of one trimmed line, or null when it is article text. Bylines and
 * date lines are recognised by ./metadata.ts (they also carry metadata) and are not
 * handled here.
 */
export function classifyLine(line: string, opts: ClassifyOptions = {}): LineClass | null {
  const s = line.trim();
  if (!s) return null;
  if (!HAS_ALNUM.test(s)) return { kind: 'divider' };
  const words = tokenCount(s);
  const c = load();
  if (opts.tail && words <= c.data.maxWords['sign-off']) {
    const signed = signOff(s);
    if (signed) return signed;
  }
  const wrapped = DASH_WRAPPED.exec(s);
  if (wrapped?.[1] && words <= 20 && !/^[-–—]\s*\d/.test(s)) return { kind: 'divider' };
  // Separators left over from a removed neighbour ("· 5 min read") do not hide boilerplate.
  const core = s.replace(/^[\s·•|]+|[\s·•|]+$/gu, '');
  if (isShareBar(core)) return { kind: 'share' };
  const kind = matchPatterns(core, words);
  if (kind) return { kind };
  // "Facebook Twitter Pinterest Photograph: …" — a share bar glued to a caption.
  const unshared = s.replace(LEADING_SHARE, '');
  if (unshared !== s && unshared && matchPatterns(unshared, tokenCount(unshared)) === 'caption') return { kind: 'caption' };
  // "Putin intervened in Syria … (R) [Getty]" — a caption ends with its photo credit.
  const last = s.charCodeAt(s.length - 1);
  const bracket = last === 0x29 || last === 0x5d ? BRACKET_AT_END.exec(s) : null;
  if (bracket?.[2] && words <= c.data.maxWords.caption && isPhotoCredit(bracket[2])) return { kind: 'caption' };
  // "(Washington Post Staff Photo/Andrea Bruce)": a credit alone in brackets, whose caption
  // the page did not keep (mnval-097 took it for the headline).
  const alone = last === 0x29 || last === 0x5d ? BRACKET_ONLY.exec(s) : null;
  if (alone?.[1] && isPhotoCredit(alone[1])) return { kind: 'caption' };
  const domain = domainOf(s);
  if (domain) return (opts.head || opts.tail) && !isPlatformDomain(domain) ? { kind: 'boilerplate', outlet: domain } : { kind: 'boilerplate' };
  return null;
}

/** `- AP`, `— Reuters`, `(AFP)`, `/ Agencies`, `ENDS`: the last line naming the source. */
function signOff(s: string): LineClass | null {
  if (END_MARKS.test(s)) return { kind: 'sign-off' };
  const paren = PAREN_ONLY.exec(s);
  if (paren?.[1]) {
    const agency = agencyName(paren[1]);
    return agency ? { kind: 'sign-off', outlet: agency } : null;
  }
  const alone = agencyName(s.replace(/\.$/, ''));
  if (alone) return { kind: 'sign-off', outlet: alone };
  const dashed = SIGN_OFF.exec(s);
  if (dashed?.[1]) {
    const inner = dashed[1].trim();
    const agency = agencyName(inner);
    if (agency) return { kind: 'sign-off', outlet: agency };
    const domain = domainOf(inner);
    if (domain) return isPlatformDomain(domain) ? { kind: 'sign-off' } : { kind: 'sign-off', outlet: domain };
    // "— The Gulf Times" names an outlet; "— Jane Doe" signs the author: removed, not an outlet.
    if (CAP_PHRASE.test(inner) && !/\d/.test(inner)) return looksLikeOutlet(inner) ? { kind: 'sign-off', outlet: inner } : { kind: 'sign-off' };
  }
  return null;
}
