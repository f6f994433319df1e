/**
 * Refinement of wink-nlp's sentence boundaries for news text.
 *
 * wink-nlp splits well in general; news adds a few patterns it does not know:
 * - military and civil titles with dots ("Maj.-Gen. Igor Konashenkov", "Brig. Gen."),
 *   month abbreviations before a day ("Dec. 6") and lower-case continuations;
 * - quotations of several sentences closed by an attribution
 *   (“All ISIS formations … defeated. Syria has been liberated,” Gerasimov said.),
 *   which are kept as one unit so that the quote is never cut from its speaker.
 * Lines without final punctuation (headlines, captions) are already separate
 * because annotate() reads one paragraph (line) at a time.
 *
 * The abbreviation lists are data (data/lexicon/abbreviations.json).
 */
import { loadJson } from '../data.js';
import type { Token } from '../types.js';

export interface RawSentence {
  paragraph: number;
  tokens: Token[];
}

interface AbbreviationLexicon {
  titles: string[];
  months: string[];
  other: string[];
}

let lexicon: { titles: Set<string>; months: Set<string>; other: Set<string> } | null = null;
function abbreviations() {
  if (!lexicon) {
    const raw = loadJson<AbbreviationLexicon>('lexicon/abbreviations.json');
    lexicon = { titles: new Set(raw.titles), months: new Set(raw.months), other: new Set(raw.other) };
  }
  return lexicon;
}

const DOUBLE_QUOTES = /["“”«»„]/g;
/** Most sentences merged into one quotation unit. */
const MAX_QUOTE_MERGE = 4;

function quoteCount(tokens: Token[], text: string): number {
  const first = tokens[0];
  const last = tokens[tokens.length - 1];
  if (!first || !last) return 0;
  return (text.slice(first.start, last.start + last.text.length).match(DOUBLE_QUOTES) ?? []).length;
}

/**
 * The abbreviation a sentence ends with, if its final full stop belongs to one:
 * returns the lower-cased abbreviation without its last dot, or null.
 */
export function trailingAbbreviation(tokens: Token[], text: string): string | null {
  const last = tokens[tokens.length - 1];
  if (!last) return null;
  const end = last.start + last.text.length;
  if (text[end - 1] !== '.') return null;
  // Read back over the word characters, dots and hyphens that form the abbreviation.
  let i = end - 1;
  while (i > 0 && /[\p{L}.\-]/u.test(text[i - 1] ?? '')) i--;
  const word = text.slice(i, end - 1).toLowerCase();
  if (!word) return null;
  return word;
}

function startsWithDigit(tokens: Token[]): boolean {
  return /^\p{N}/u.test(tokens[0]?.text ?? '');
}

function startsLowercase(tokens: Token[]): boolean {
  const t = tokens.find((x) => x.kind !== 'punctuation') ?? tokens[0];
  return /^\p{Ll}/u.test(t?.text ?? '');
}

/**
 * Whether `a` and `b` split a dotted acronym written on from a hyphen ("South Korean-U.S.
 * Mutual Defense Treaty", "Sino-U.S. talks", mnval-104): `a` ends with one capital and its
 * dot after a non-letter, and `b` follows with no space, opening on one capital and a dot.
 */
function splitAcronym(a: Token[], b: Token[], text: string): boolean {
  const last = a[a.length - 1];
  const first = b[0];
  if (!last || !first) return false;
  const end = last.start + last.text.length;
  return first.start === end && /(?:^|[^\p{L}.])\p{Lu}\.$/u.test(text.slice(Math.max(0, end - 3), end)) && /^\p{Lu}\./u.test(text.slice(end, end + 2));
}

/** Should sentence `a` be joined with the following sentence `b` (same paragraph)? */
function joinAbbreviation(a: Token[], b: Token[], text: string): boolean {
  if (splitAcronym(a, b, text)) return true;
  const abbr = trailingAbbreviation(a, text);
  if (abbr !== null) {
    const { titles, months, other } = abbreviations();
    const lastPart = abbr.split(/[.\-]/).filter(Boolean).pop() ?? abbr;
    if (titles.has(abbr) || titles.has(lastPart)) return /^\p{Lu}/u.test(b[0]?.text ?? '');
    if (months.has(abbr)) return startsWithDigit(b);
    if (other.has(abbr)) return startsLowercase(b) || startsWithDigit(b);
  }
  // A sentence never starts with a lower-case word in edited news text.
  return startsLowercase(b) && !/[!?]["”’']?$/.test(a[a.length - 1]?.text ?? '');
}

/** Applies the news-specific joins to wink-nlp's sentences. */
export function refineSentences(raw: RawSentence[], text: string): RawSentence[] {
  // Pass 1: joins after abbreviations and before lower-case continuations.
  const joined: RawSentence[] = [];
  for (const s of raw) {
    const prev = joined[joined.length - 1];
    if (prev && prev.paragraph === s.paragraph && joinAbbreviation(prev.tokens, s.tokens, text)) {
      prev.tokens = prev.tokens.concat(s.tokens);
    } else {
      joined.push({ paragraph: s.paragraph, tokens: s.tokens.slice() });
    }
  }
  // Pass 2: keep an open quotation together with the sentences that close it.
  const out: RawSentence[] = [];
  for (let i = 0; i < joined.length; i++) {
    const s = joined[i] as RawSentence;
    if (quoteCount(s.tokens, text) % 2 === 1) {
      let tokens = s.tokens;
      let count = quoteCount(s.tokens, text);
      let j = i + 1;
      while (j < joined.length && j - i < MAX_QUOTE_MERGE && count % 2 === 1) {
        const next = joined[j] as RawSentence;
        if (next.paragraph !== s.paragraph) break;
        count += quoteCount(next.tokens, text);
        tokens = tokens.concat(next.tokens);
        j++;
      }
      if (count % 2 === 0) {
        out.push({ paragraph: s.paragraph, tokens });
        i = j - 1;
        continue;
      }
    }
    out.push(s);
  }
  return out;
}
