/**
 * One document read from any format → a cleaned, checked `Article`: cleaning with
 * removals (./clean.ts), metadata (structured metadata first, then what the text's
 * byline and date lines say), language and length checks.
 */
import type { Article, Diagnostic, InputFormat } from '../types.js';
import { diagnostic } from '../errors.js';
import { countWordsFast as countWords, longWords, MAX_WORD_CHARS } from './words.js';
import { clean } from './clean.js';
import { isNonPersonByline, parseDateValue, resolveAmbiguous } from './metadata.js';
import { detectLanguage } from './language.js';

/** Articles with fewer words than this after cleaning are skipped (TOO_SHORT). */
export const MIN_WORDS = 20;

/** An article given as a record (JSON input, dataset document, library call, web upload). */
export interface ArticleRecord {
  id?: string;
  /** The headline; `undefined` means: take it from the text's first line when that reads like one. */
  title?: string | null;
  text: string;
  url?: string | null;
  outlet?: string | null;
  byline?: string | null;
  /** Any date string (or epoch seconds/milliseconds); normalised to YYYY-MM-DD. */
  published?: string | number | null;
  cluster?: string;
  /** A gold label (clustering files). */
  label?: string;
}

/** A document as a format reader produces it, before cleaning. */
export interface RawDoc {
  id: string;
  /** File path, URL or `-`. */
  path: string;
  /** Names the document in diagnostics (`file.jsonl:3`, `feed.xml#2`, the path). */
  source: string;
  format: InputFormat;
  encoding: string;
  /** Decoded text (for HTML and feeds: the extracted text), `\n` line breaks. */
  text: string;
  /** Known headline; `undefined`: find it in the text. */
  title?: string | null;
  url?: string | null;
  byline?: string | null;
  outlet?: string | null;
  /** A date from structured metadata (any format), with the metadata it came from. */
  published?: { value: unknown; evidence: string } | null;
  captions?: string[];
  /** Warnings the reader recorded (a capped page), kept on the article. */
  warnings?: Diagnostic[];
  cluster?: string;
  label?: string;
}

export interface BuildResult {
  article: Article | null;
  /** When `article` is null: why it was skipped. */
  diagnostics: Diagnostic[];
}

function clip(s: string | null | undefined, max = 500): string | null {
  if (s === null || s === undefined) return null;
  const t = String(s).replace(/\s+/g, ' ').trim();
  if (!t) return null;
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/** Cleans a raw document and checks it; returns null with the reason when it must be skipped. */
export function buildArticle(doc: RawDoc): BuildResult {
  const source = doc.source;
  if (!doc.text.trim()) return { article: null, diagnostics: [diagnostic('error', source, 'INPUT_EMPTY', source)] };

  const warnings: Diagnostic[] = [...(doc.warnings ?? [])];
  // Structured dates: certain ones are used as they are; an ambiguous one is settled
  // by the text like any other.
  let structured: { iso: string; evidence: string } | null = null;
  if (doc.published) {
    const hit = parseDateValue(doc.published.value);
    let iso = hit?.iso ?? null;
    if (!iso && hit?.readings) {
      iso = resolveAmbiguous(hit.readings, doc.text);
      if (!iso) warnings.push(diagnostic('warning', source, 'DATE_AMBIGUOUS', source, hit.text));
    }
    if (iso) structured = { iso, evidence: doc.published.evidence };
  }

  const c = clean({
    text: doc.text,
    title: doc.title === undefined ? undefined : clip(doc.title),
    captions: doc.captions ?? [],
    published: structured,
    source,
  });
  const words = countWords(c.text);
  if (words === 0 || words < MIN_WORDS) {
    return { article: null, diagnostics: [diagnostic('warning', source, 'TOO_SHORT', source, words)] };
  }
  const lang = detectLanguage(c.text);
  if (!lang.english) {
    return { article: null, diagnostics: [diagnostic('warning', source, 'NOT_ENGLISH', source, lang.language)] };
  }
  const long = longWords(c.text);
  if (long.count) warnings.push(diagnostic('warning', source, 'LONG_WORD', source, long.count, long.longest, MAX_WORD_CHARS));
  const givenByline = clip(doc.byline, 200);
  const byline = givenByline && !isNonPersonByline(givenByline) ? givenByline : givenByline ? null : c.byline;
  const article: Article = {
    id: doc.id,
    path: doc.path,
    format: doc.format,
    url: clip(doc.url, 2000),
    title: c.title,
    byline,
    outlet: clip(doc.outlet, 200) ?? c.outlet,
    published: c.published,
    publishedEvidence: clip(c.publishedEvidence),
    rawText: doc.text,
    text: c.text,
    rawWords: countWords(doc.text),
    words,
    removed: c.removed,
    encoding: doc.encoding,
    language: lang.language,
    diagnostics: [...warnings, ...c.diagnostics],
  };
  if (doc.cluster !== undefined) article.cluster = doc.cluster;
  if (doc.label !== undefined) article.label = doc.label;
  return { article, diagnostics: [] };
}
