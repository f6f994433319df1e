/**
 * The catalogue of crossread's error and diagnostic codes (after Orama's error
 * catalogue). Every code has one message template; every message names the file
 * or value concerned and the reason.
 *
 * Diagnostics (recorded, not thrown) are used for problems with one input: the
 * input is skipped or degraded and the run goes on. `CrossreadError` is thrown only
 * for problems that stop a whole command (bad usage, an unusable database).
 */
import type { Diagnostic, DiagnosticLevel } from './types.js';

export const ERRORS = {
  // ingest: reading inputs
  INPUT_NOT_FOUND: (path: string) => `${path}: no such file, folder or glob match`,
  INPUT_UNREADABLE: (path: string, reason: string) => `${path}: cannot be read (${reason})`,
  INPUT_EMPTY: (path: string) => `${path}: empty input, nothing to read`,
  INPUT_TOO_LARGE: (path: string, bytes: number, cap: number) =>
    `${path}: ${formatBytes(bytes)} is over the ${formatBytes(cap)} input cap (raise it with --max-bytes)`,
  INPUT_BINARY: (path: string, what: string) => `${path}: looks like binary data (${what}), not text`,
  INPUT_ENCODING: (path: string, reason: string) => `${path}: cannot decode the text (${reason})`,
  INPUT_UNSUPPORTED: (path: string, ext: string) => `${path}: unsupported file type "${ext}"`,
  JSON_MALFORMED: (path: string, reason: string) => `${path}: malformed JSON (${reason})`,
  JSON_NO_TEXT: (path: string) => `${path}: record has no text (expected one of text, content, body)`,
  INPUT_NO_ARTICLES: (path: string, what: string) => `${path}: no articles in it (${what})`,
  INPUT_TIMEOUT: (path: string, seconds: number) => `${path}: reading it took longer than ${seconds} s; skipped, the other inputs go on`,
  HTML_NO_CONTENT: (path: string) => `${path}: no readable article text found in the HTML`,
  FEED_MALFORMED: (path: string, reason: string) => `${path}: not a readable RSS/Atom feed (${reason})`,
  CLUSTER_NOT_FOUND: (path: string, id: string) => `${path}: no cluster with id "${id}"`,
  NOT_ENGLISH: (path: string, lang: string) => `${path}: text does not look like English (${lang}); crossread reads English`,
  TOO_SHORT: (path: string, words: number) => `${path}: only ${words} words after cleaning, too short to summarise`,
  LONG_WORD: (path: string, count: number, longest: number, cap: number) =>
    `${path}: ${count} word(s) over ${cap} characters (the longest ${longest}) kept in the text but not read as words`,
  HTML_CAPPED: (path: string, depth: number, elements: number, dropped: number, maxDepth: number, maxElements: number) =>
    `${path}: HTML nested ${depth} deep with ${elements} elements, over the bounds (${maxDepth} deep, ${maxElements} elements); ${dropped} tag(s) dropped, their text kept`,
  DUPLICATE_ID: (path: string, id: string, renamed: string) => `${path}: id "${id}" is already used, renamed to "${renamed}"`,
  // metadata
  DATE_AMBIGUOUS: (path: string, text: string) => `${path}: date "${text}" is ambiguous and nothing in the text settles it; left unset`,
  // cleaning repairs (info)
  PARAGRAPH_JOINED: (path: string, end: string, start: string) =>
    `${path}: joined a paragraph broken mid-sentence ("${end}" + "${start}")`,
  TEXT_UNWRAPPED: (path: string, blocks: number) => `${path}: unwrapped ${blocks} hard-wrapped paragraph(s)`,
  // usage
  USAGE: (reason: string) => reason,
  NO_INPUTS: () => 'no inputs given: pass files, folders, globs or - for stdin',
  NOTHING_READ: () => 'none of the inputs could be read',
  OUTPUT_UNWRITABLE: (path: string, reason: string) => `${path}: cannot write the output (${reason})`,
  SYSTEM: (path: string, reason: string) => `${path}: ${reason}`,
  CONFIRM_REFUSED: (what: string) => `${what}: not confirmed, nothing changed (pass --yes to skip the question)`,
  // store
  DB_OPEN: (path: string, reason: string) => `${path}: cannot open the database (${reason})`,
  DB_NOT_CROSSREAD: (path: string, reason: string) => `${path}: not a crossread database (${reason})`,
  DB_NEWER: (path: string, version: number, supported: number) =>
    `${path}: database schema version ${version} is newer than this crossread supports (${supported})`,
  DB_DAMAGED: (path: string, reason: string) =>
    `${path}: the database is damaged (${reason}); restore a backup, or ingest the articles again into a new database`,
  DB_READONLY: (path: string, reason: string) =>
    `${path}: the database cannot be written (${reason}); check the file's and its folder's permissions (on PostgreSQL: the user's rights, or a read-only server), or use another --db`,
  DB_FAILED: (path: string, reason: string) => `${path}: the database failed (${reason})`,
  DB_BUSY: (path: string, reason: string) => `${path}: the database stayed locked by another writer (${reason}); try again`,
  QUEUE_NEEDS_POSTGRES: (location: string) =>
    `${location}: the job queue needs a PostgreSQL database (--db postgres://user@host:port/db); a SQLite file has none`,
  COPY_REFUSED: (location: string, reason: string) => `${location}: cannot copy (${reason})`,
  STORY_NOT_FOUND: (id: string) => `no story with id "${id}"`,
  ARTICLE_NOT_FOUND: (id: string) => `no article with id "${id}"`,
  // serve (the web app)
  ROUTE_NOT_FOUND: (method: string, path: string) => `${method} ${path}: no such page or API route`,
  JOB_NOT_FOUND: (id: string) => `no upload job with id "${id}" (finished jobs are kept for an hour)`,
  HOST_NOT_ALLOWED: (host: string) =>
    `Host header "${host}" is not allowed (DNS-rebinding protection); open the address crossread printed, or start it with --allow-host ${host.replace(/:\d+$/, '')}`,
  CROSS_ORIGIN: (method: string, origin: string) =>
    `${method} refused: it comes from "${origin}", and changes are accepted only from this server's own pages`,
  REQUEST_TOO_LARGE: (what: string, cap: number) => `${what}: over the ${formatBytes(cap)} limit`,
  BAD_REQUEST: (what: string, reason: string) => `${what}: ${reason}`,
  UNSUPPORTED_MEDIA_TYPE: (type: string, accepted: string) => `content type "${type}" is not accepted here (send ${accepted})`,
  SERVE_LISTEN: (address: string, reason: string) => `cannot listen on ${address} (${reason})`,
  // fetch
  FETCH_FAILED: (url: string, reason: string) => `${url}: fetch failed (${reason})`,
  FEED_PAGES_CAPPED: (url: string, skipped: number, reason: string) =>
    `${url}: ${skipped} item page(s) not fetched (${reason}); their text in the feed is used`,
  // eval
  DATASET_MALFORMED: (path: string, line: number, reason: string) => `${path}:${line}: ${reason}`,
  EVAL_SETTING_UNKNOWN: (path: string, reason: string) =>
    `${path}: cannot tell the evaluation setting: ${reason}; pass --setting duc2004 or --setting multinews`,
  LABELS_MALFORMED: (path: string, line: number, reason: string) => `${path}:${line}: ${reason}`,
  LABEL_SPAN_NOT_FOUND: (cluster: string, article: string, start: number, end: number, reason: string) =>
    `cluster "${cluster}": label span ${article} ${start}–${end} ${reason}`,
  // summarize
  MODEL_INVALID: (path: string, reason: string) => `${path}: not a usable concept model (${reason}); refit it with scripts/fit-concept-model.ts`,
  LINKING_MODEL_INVALID: (path: string, reason: string) => `${path}: not a usable story-linking model (${reason}); refit it with scripts/fit-linking-model.ts`,
} as const;

export type ErrorCode = keyof typeof ERRORS;

type Args<C extends ErrorCode> = Parameters<(typeof ERRORS)[C]>;

/** Builds the message of a catalogued code. */
export function message<C extends ErrorCode>(code: C, ...args: Args<C>): string {
  const template = ERRORS[code] as (...a: Args<C>) => string;
  return template(...args);
}

/** Builds a diagnostic of a catalogued code. */
export function diagnostic<C extends ErrorCode>(
  level: DiagnosticLevel,
  source: string | null,
  code: C,
  ...args: Args<C>
): Diagnostic {
  return { code, level, message: message(code, ...args), source };
}

/** An error that stops a whole command. Carries a catalogued code and the exit code to use. */
export class CrossreadError extends Error {
  readonly code: ErrorCode;
  readonly exitCode: number;
  constructor(code: ErrorCode, msg: string, exitCode = 1) {
    super(msg);
    this.name = 'CrossreadError';
    this.code = code;
    this.exitCode = exitCode;
  }
  static of<C extends ErrorCode>(code: C, ...args: Args<C>): CrossreadError {
    return new CrossreadError(code, message(code, ...args), code === 'USAGE' || code === 'NO_INPUTS' ? 2 : 1);
  }
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}
