/**
 * Ingest stage: inputs (files, folders, globs, `-` for stdin) → cleaned Articles.
 *
 *   inputs ─expand─▶ files ─readBytes─▶ bytes ─decode─▶ text ─format reader─▶ documents
 *          ─clean + metadata + checks─▶ Article[]
 *
 * Formats: plain text, HTML (./html.ts), JSON / JSON Lines records and dataset lines
 * (./records.ts), RSS/Atom feeds (./feed.ts). Encodings: ./decode.ts. Cleaning:
 * ./clean.ts with ./boilerplate.ts; metadata: ./metadata.ts; language: ./language.ts.
 *
 * Bad input never throws: each problem is one diagnostic naming the input and the
 * reason, and the rest of the batch proceeds.
 */
import { lstat, readFile, readdir, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import type { Article, Diagnostic, InputFormat } from '../types.js';
import { diagnostic } from '../errors.js';
import { fsReason } from './files.js';
import { buildArticle, type ArticleRecord } from './article.js';
import { DEFAULT_MAX_BYTES, IdRegistry, readBytes as readBytesImpl, recordToDoc, type ReadOptions, type ReadResult } from './read.js';
import { append } from '../append.js';

export { DEFAULT_MAX_BYTES, IdRegistry, detectFormat, sniffFormat } from './read.js';
export type { ArticleRecord } from './article.js';
export { MIN_WORDS } from './article.js';
export { clean, type CleanInput, type CleanResult } from './clean.js';
export { classifyLine } from './boilerplate.js';
export { decode, binaryReason } from './decode.js';
export { detectLanguage } from './language.js';
export type { ReadOptions, ReadResult } from './read.js';

export interface IngestProgress {
  stage: 'ingest';
  done: number;
  total: number;
}

export interface IngestOptions {
  /** Largest input accepted, in bytes (default 16 MiB); checked with stat before reading. */
  maxBytes?: number;
  /** For dataset files: the cluster id to read (without it, every cluster's documents are read). */
  cluster?: string;
  /** Standard input when `-` is among the inputs: a stream, or its content. */
  stdin?: NodeJS.ReadableStream | string | Uint8Array;
  /** Called after each input file. */
  onProgress?: (p: IngestProgress) => void;
  /**
   * Streaming: receives the articles of each input as soon as it is read (awaited
   * before the next input is read); they are then not kept in the result, so a folder
   * of many files is never held in memory at once.
   */
  onArticles?: (articles: Article[]) => void | Promise<void>;
  /**
   * Called (and awaited) before an input that may take long to read: one over
   * `SLOW_INPUT_BYTES`, or standard input. A store commits what it holds, so a run
   * stopped during that input keeps everything read before it.
   */
  beforeSlowInput?: (input: string) => void | Promise<void>;
}

/** Inputs at least this large may take a noticeable time to read (see `beforeSlowInput`). */
export const SLOW_INPUT_BYTES = 64 * 1024;

export interface IngestResult {
  articles: Article[];
  /** Inputs (or records, or lines) that produced no article, with the reason. */
  skipped: Diagnostic[];
}

/**
 * Reads one in-memory input of any supported format (the web app's uploads and the URL
 * fetcher call this). The format comes from `opts.contentType`, the extension of
 * `name`, or sniffing.
 */
export function readBytes(name: string, bytes: Uint8Array, opts: ReadOptions = {}): { articles: Article[]; diagnostics: Diagnostic[] } {
  return readBytesImpl(name, bytes, opts);
}

export interface RecordOptions extends IngestOptions {
  /** Format recorded on the article (default `json`). */
  format?: InputFormat;
  /** Path recorded on the article (default: `source`). */
  path?: string;
}

/**
 * Builds a cleaned Article from a record. `source` names where it came from (file path,
 * `file.jsonl:3`, `upload`, …) for diagnostics and is the id when the record has none.
 * Returns a null article with diagnostics when the record is unusable (empty, too
 * short, not English, over the size cap).
 */
export function articleFromRecord(
  rec: ArticleRecord,
  source: string,
  opts: RecordOptions = {},
): { article: Article | null; diagnostics: Diagnostic[] } {
  const cap = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const text = typeof rec.text === 'string' ? rec.text : '';
  const size = Buffer.byteLength(text, 'utf8');
  if (size > cap) return { article: null, diagnostics: [diagnostic('error', source, 'INPUT_TOO_LARGE', source, size, cap)] };
  return buildArticle(recordToDoc(rec, source, { path: opts.path ?? source, format: opts.format ?? 'json', encoding: 'utf-8' }));
}

export interface Expanded {
  files: string[];
  diagnostics: Diagnostic[];
}

/** All visible files under a folder, recursively, in sorted order (hidden files and folders skipped). */
async function walk(dir: string, out: Expanded, seen: Set<string>): Promise<void> {
  let real: string;
  try {
    real = await realpath(dir);
  } catch (e) {
    out.diagnostics.push(diagnostic('error', dir, 'INPUT_UNREADABLE', dir, fsReason(e)));
    return;
  }
  if (seen.has(real)) return;
  seen.add(real);
  let entries: string[];
  try {
    entries = (await readdir(dir)).filter((n) => !n.startsWith('.')).sort();
  } catch (e) {
    out.diagnostics.push(diagnostic('error', dir, 'INPUT_UNREADABLE', dir, fsReason(e)));
    return;
  }
  for (const name of entries) {
    const p = join(dir, name);
    let s;
    try {
      s = await stat(p);
    } catch (e) {
      // A dangling symbolic link, or a file that vanished while the folder was read.
      const link = await lstat(p).then((l) => l.isSymbolicLink()).catch(() => false);
      out.diagnostics.push(diagnostic('error', p, 'INPUT_UNREADABLE', p, link ? 'broken symbolic link' : fsReason(e)));
      continue;
    }
    if (s.isDirectory()) await walk(p, out, seen);
    else out.files.push(p);
  }
}

/**
 * Expands inputs into the files `ingest` reads, in the order it reads them (folders
 * walked in sorted order, globs matched, each file once); `-` stays `-`. The job queue
 * expands at enqueue time with this, so a queued run reads the same files in the same order.
 */
export async function expandInputs(inputs: string[]): Promise<Expanded> {
  return expand(inputs);
}

async function expand(inputs: string[]): Promise<Expanded> {
  const out: Expanded = { files: [], diagnostics: [] };
  const seenDirs = new Set<string>();
  for (const input of inputs) {
    if (input === '-') {
      out.files.push('-');
      continue;
    }
    let s;
    try {
      s = await stat(input);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') {
        out.diagnostics.push(diagnostic('error', input, 'INPUT_UNREADABLE', input, fsReason(e)));
        continue;
      }
      if (isDynamicPattern(input)) {
        // Absolute patterns give absolute paths, relative ones paths relative to the working folder.
        const matches = (await glob([input], { onlyFiles: true, dot: false, expandDirectories: false, absolute: isAbsolute(input) })).sort();
        if (matches.length) {
          append(out.files, matches);
          continue;
        }
      }
      out.diagnostics.push(diagnostic('error', input, 'INPUT_NOT_FOUND', input));
      continue;
    }
    if (s.isDirectory()) await walk(input, out, seenDirs);
    else out.files.push(input);
  }
  // The same file named twice (directly and through a folder or glob) is read once.
  const unique = new Set<string>();
  out.files = out.files.filter((f) => {
    const key = f === '-' ? '-' : resolve(f);
    if (unique.has(key)) return false;
    unique.add(key);
    return true;
  });
  return out;
}

async function readStdin(src: IngestOptions['stdin'], cap: number): Promise<Uint8Array | { tooLarge: number } | null> {
  if (src === undefined) return null;
  if (typeof src === 'string') return Buffer.from(src, 'utf8');
  if (src instanceof Uint8Array) return src;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of src as AsyncIterable<Buffer | string>) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    size += b.length;
    if (size > cap) return { tooLarge: size };
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

/** Reads every input into articles; problems become diagnostics in `skipped`. */
export async function ingest(inputs: string[], opts: IngestOptions = {}): Promise<IngestResult> {
  const cap = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const { files, diagnostics } = await expand(inputs);
  const skipped: Diagnostic[] = [...diagnostics];
  const articles: Article[] = [];
  const ids = new IdRegistry();
  const read = (name: string, bytes: Uint8Array, path: string): ReadResult => {
    const r = readBytesImpl(name, bytes, { maxBytes: cap, ids, path, ...(opts.cluster !== undefined ? { cluster: opts.cluster } : {}) });
    append(articles, r.articles);
    append(skipped, r.diagnostics);
    return r;
  };
  let done = 0;
  for (const file of files) {
    if (file === '-') {
      try {
        await opts.beforeSlowInput?.('-');
        const data = await readStdin(opts.stdin, cap);
        if (data === null) skipped.push(diagnostic('error', '-', 'INPUT_UNREADABLE', '-', 'no standard input was given'));
        else if ('tooLarge' in data) skipped.push(diagnostic('error', '-', 'INPUT_TOO_LARGE', '-', data.tooLarge, cap));
        else read('stdin', data, '-');
      } catch (e) {
        skipped.push(diagnostic('error', '-', 'INPUT_UNREADABLE', '-', (e as Error).message));
      }
    } else {
      try {
        const s = await stat(file);
        if (!s.isFile()) skipped.push(diagnostic('error', file, 'INPUT_UNREADABLE', file, 'not a regular file'));
        else if (s.size > cap) skipped.push(diagnostic('error', file, 'INPUT_TOO_LARGE', file, s.size, cap));
        else if (s.size === 0) skipped.push(diagnostic('error', file, 'INPUT_EMPTY', file));
        else {
          if (s.size >= SLOW_INPUT_BYTES) await opts.beforeSlowInput?.(file);
          read(file, await readFile(file), file);
        }
      } catch (e) {
        skipped.push(diagnostic('error', file, 'INPUT_UNREADABLE', file, fsReason(e)));
      }
    }
    if (opts.onArticles && articles.length) await opts.onArticles(articles.splice(0));
    opts.onProgress?.({ stage: 'ingest', done: ++done, total: files.length });
  }
  return { articles, skipped };
}
