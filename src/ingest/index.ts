/**
 * Ingest stage: inputs (files, folders, globs, stdin) → cleaned Articles.
 * PROVISIONAL minimal version (plain text files only); replaced by the full
 * ingest stage (formats, encodings, cleaning, metadata).
 */
import { readFile, stat, readdir } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { Article, Diagnostic } from '../types.js';
import { diagnostic } from '../errors.js';
import { countWords } from '../text/nlp.js';

export interface IngestOptions {
  /** Largest input accepted, in bytes (default 20 MiB). */
  maxBytes?: number;
  /** For dataset files: the cluster id to read. */
  cluster?: string;
  /** Text of stdin when `-` is among the inputs. */
  stdin?: NodeJS.ReadableStream | string;
}

export interface IngestResult {
  articles: Article[];
  /** Inputs that produced no article, with the reason. */
  skipped: Diagnostic[];
}

async function expand(input: string): Promise<string[]> {
  const s = await stat(input);
  if (!s.isDirectory()) return [input];
  const out: string[] = [];
  for (const e of (await readdir(input)).sort()) out.push(...(await expand(join(input, e))));
  return out;
}

/** An article given as a record (JSON input, dataset document, library call, web upload). */
export interface ArticleRecord {
  id?: string;
  title?: string | null;
  text: string;
  url?: string | null;
  outlet?: string | null;
  byline?: string | null;
  /** Any date string; normalised to YYYY-MM-DD. */
  published?: string | null;
  cluster?: string;
}

/**
 * Builds a cleaned Article from a record. `source` names where it came from (file path,
 * `file.jsonl#3`, `upload`, …) for diagnostics. Returns null with diagnostics when the
 * record is unusable.
 */
export function articleFromRecord(
  rec: ArticleRecord,
  source: string,
  _opts: IngestOptions = {},
): { article: Article | null; diagnostics: Diagnostic[] } {
  const text = rec.text.trim();
  if (!text) return { article: null, diagnostics: [diagnostic('error', source, 'INPUT_EMPTY', source)] };
  const words = countWords(text);
  return {
    article: {
      id: rec.id ?? source, path: source, format: 'json', url: rec.url ?? null, title: rec.title ?? null,
      byline: rec.byline ?? null, outlet: rec.outlet ?? null, published: rec.published ?? null, publishedEvidence: null,
      rawText: text, text, rawWords: words, words, removed: [], encoding: 'utf-8', language: 'en', diagnostics: [],
      ...(rec.cluster !== undefined ? { cluster: rec.cluster } : {}),
    },
    diagnostics: [],
  };
}

export async function ingest(inputs: string[], _opts: IngestOptions = {}): Promise<IngestResult> {
  const articles: Article[] = [];
  const skipped: Diagnostic[] = [];
  for (const input of inputs) {
    let files: string[];
    try {
      files = await expand(input);
    } catch {
      skipped.push(diagnostic('error', input, 'INPUT_NOT_FOUND', input));
      continue;
    }
    for (const f of files) {
      const text = (await readFile(f, 'utf8')).trim();
      const lines = text.split('\n');
      const title = lines[0]?.trim() ?? null;
      articles.push({
        id: basename(f, extname(f)), path: f, format: 'text', url: null, title, byline: null, outlet: null,
        published: null, publishedEvidence: null, rawText: text, text: lines.slice(1).join('\n').trim(),
        rawWords: countWords(text), words: countWords(text), removed: [], encoding: 'utf-8', language: 'en', diagnostics: [],
      });
    }
  }
  return { articles, skipped };
}
