/**
 * One in-memory input (a file's bytes, stdin, an upload, a fetched page) → Articles.
 * Checks size and binary content, decodes, finds the format (content type, file
 * extension, or the content itself), runs the format's reader and builds each article.
 */
import { basename, extname } from 'node:path';
import type { Article, Diagnostic, InputFormat } from '../types.js';
import { diagnostic } from '../errors.js';
import { binaryReason, contentTypeEncoding, decode, normalizeText } from './decode.js';
import { buildArticle, type ArticleRecord, type RawDoc } from './article.js';
import { readHtml, type HtmlCapped } from './html.js';
import { MAX_HTML_DEPTH, MAX_HTML_ELEMENTS } from './html-bounds.js';
import { FeedError, readFeed } from './feed.js';
import { parseJson, parseJsonl, type ParsedRecords } from './records.js';
import { append } from '../append.js';

/** Default input cap: inputs larger than this are skipped (checked before reading). */
export const DEFAULT_MAX_BYTES = 16 * 1024 * 1024;

export interface ReadOptions {
  /** Largest input accepted, in bytes (default 16 MiB). */
  maxBytes?: number;
  /** For dataset files: the cluster id to read. */
  cluster?: string;
  /** An HTTP-style content type (`text/html; charset=windows-1251`), when known. */
  contentType?: string;
  /** The path recorded on the articles (default: `name`). */
  path?: string;
  /** The id for a single-article input (default: from `name`). */
  id?: string;
  /** Ids already used in this run: new articles get a suffix and a DUPLICATE_ID warning instead. */
  ids?: IdRegistry;
}

/** Hands out unique article ids within a run. */
export class IdRegistry {
  private readonly used = new Set<string>();
  /** Returns `id`, or `id-2`, `id-3`, … when it is taken. */
  claim(id: string): string {
    if (!this.used.has(id)) {
      this.used.add(id);
      return id;
    }
    let n = 2;
    while (this.used.has(`${id}-${n}`)) n++;
    const renamed = `${id}-${n}`;
    this.used.add(renamed);
    return renamed;
  }
}

export type Format = 'text' | 'html' | 'json' | 'jsonl' | 'feed';

const EXTENSIONS: Record<string, Format> = {
  '.txt': 'text',
  '.text': 'text',
  '.md': 'text',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
  '.json': 'json',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.rss': 'feed',
  '.atom': 'feed',
  '.xml': 'feed',
};

function formatOfContentType(ct: string | undefined): Format | null {
  const t = ct?.split(';')[0]?.trim().toLowerCase();
  if (!t) return null;
  if (t === 'text/html' || t === 'application/xhtml+xml') return 'html';
  if (t === 'application/json' || t.endsWith('+json')) return 'json';
  if (t === 'application/x-ndjson' || t === 'application/jsonl' || t === 'application/jsonlines' || t === 'application/x-jsonlines') return 'jsonl';
  if (t === 'application/rss+xml' || t === 'application/atom+xml' || t === 'application/rdf+xml' || t === 'application/xml' || t === 'text/xml') return 'feed';
  if (t === 'text/plain' || t === 'text/markdown') return 'text';
  return null;
}

/** Format from the content itself. */
export function sniffFormat(text: string): Format {
  const head = text.slice(0, 4096).trimStart();
  if (/^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:rss|feed|rdf:RDF)\b/i.test(head)) return 'feed';
  if (/^<\?xml/i.test(head) && /<(?:rss|feed|rdf:RDF)\b/i.test(head)) return 'feed';
  if (/^(?:<!doctype html|<html\b|<head\b|<body\b)/i.test(head) || /<(?:p|div|article|h1|br)\b[^>]*>/i.test(head.slice(0, 1024)) && /^</.test(head)) return 'html';
  if (/^[[{]/.test(head)) {
    try {
      JSON.parse(text);
      return 'json';
    } catch {
      const first = head.split('\n', 1)[0]?.trim() ?? '';
      try {
        JSON.parse(first);
        return 'jsonl';
      } catch {
        return 'json';
      }
    }
  }
  return 'text';
}

/** The format: content type first, then the extension, else sniffed. `.json` holding JSON Lines is read as such. */
export function detectFormat(name: string, contentType: string | undefined, text: string): Format {
  const byType = formatOfContentType(contentType);
  if (byType && byType !== 'text') {
    // A Content-Type that the content contradicts (RSS served as text/html or
    // application/json, a page served as JSON) loses to the content.
    const sniffed = sniffFormat(text);
    const family = (f: Format) => (f === 'jsonl' ? 'json' : f);
    if (sniffed !== 'text' && family(sniffed) !== family(byType)) return sniffed;
    return byType;
  }
  const byExt = EXTENSIONS[extname(name).toLowerCase()];
  if (byExt === 'json' && sniffFormat(text) === 'jsonl') return 'jsonl';
  if (byExt === 'feed' && sniffFormat(text) === 'html') return 'html';
  return byExt ?? byType ?? sniffFormat(text);
}

/** File name without folders and extension: the id of a one-article file. */
export function stem(name: string): string {
  if (name === '-' || name === 'stdin') return 'stdin';
  if (/^https?:\/\//i.test(name)) return idFromKey(name, 'page') ?? 'page';
  const b = basename(name.replace(/[?#].*$/, '').replace(/\/+$/, ''));
  const s = b.slice(0, b.length - extname(b).length) || b;
  return s.trim() || 'input';
}

/** An id from a feed item's guid or link: the last meaningful path segment. */
export function idFromKey(key: string, feedStem: string): string | null {
  let seg: string | undefined;
  try {
    const u = new URL(key);
    if (u.protocol === 'http:' || u.protocol === 'https:') {
      const parts = u.pathname.split('/').filter(Boolean).map((p) => decodeURIComponent(p));
      seg = parts.pop()?.replace(/\.(?:s?html?|php|aspx?|jsp|cms)$/i, '');
      if (seg && /^(?:index|default|story|article|\d{1,2})$/i.test(seg) && parts.length) seg = `${parts.pop()}-${seg}`;
      if (!seg) {
        const q = [...u.searchParams.values()].find((v) => /^[\w-]{2,}$/.test(v));
        seg = q ? `${u.hostname.replace(/^www\./, '')}-${q}` : u.hostname.replace(/^www\./, '');
      }
    }
  } catch {
    // not a URL
  }
  if (seg === undefined) seg = key.replace(/^(?:urn:|tag:)/i, '').split(/[:/,]/).filter(Boolean).pop();
  seg = seg?.trim().replace(/\s+/g, '-').slice(0, 120);
  if (!seg) return null;
  return /^\d+$/.test(seg) ? `${feedStem}-${seg}` : seg;
}

/** The HTML_CAPPED warning of a page or feed item, when its HTML was capped. */
function cappedWarnings(source: string, capped: HtmlCapped): Diagnostic[] {
  if (!capped) return [];
  return [diagnostic('warning', source, 'HTML_CAPPED', source, capped.depth, capped.elements, capped.dropped, MAX_HTML_DEPTH, MAX_HTML_ELEMENTS)];
}

export interface ReadResult {
  articles: Article[];
  /** Why parts of the input (or all of it) produced no article. */
  diagnostics: Diagnostic[];
}

/** Why an unexpected exception stopped one input, as a diagnostic (never a stack trace). */
function failure(path: string, e: unknown): Diagnostic {
  const reason = e instanceof Error ? e.message.split('\n')[0] : String(e);
  return diagnostic('error', path, 'INPUT_UNREADABLE', path, `failed while reading it: ${reason}`);
}

function finish(docs: RawDoc[], ids: IdRegistry, out: ReadResult): void {
  for (const doc of docs) {
    let built: ReturnType<typeof buildArticle>;
    try {
      built = buildArticle(doc);
    } catch (e) {
      // A bug, not bad input; still, one document must not end the run.
      out.diagnostics.push(failure(doc.source, e));
      continue;
    }
    const { article, diagnostics } = built;
    if (!article) {
      append(out.diagnostics, diagnostics);
      continue;
    }
    const id = ids.claim(article.id);
    if (id !== article.id) {
      article.diagnostics.push(diagnostic('warning', doc.source, 'DUPLICATE_ID', doc.source, article.id, id));
      article.id = id;
    }
    out.articles.push(article);
  }
}

function recordDocs(parsed: ParsedRecords, path: string, fileStem: string, format: InputFormat, encoding: string): RawDoc[] {
  return parsed.records.map(({ rec, source, n }) => recordToDoc(rec, source, {
    path,
    format: parsed.dataset && rec.cluster !== undefined ? 'dataset' : format,
    encoding,
    fallbackId: `${fileStem}#${n}`,
    publishedKey: (rec as { publishedKey?: string | null }).publishedKey ?? 'published',
  }));
}

/** A record → RawDoc (shared with `articleFromRecord`). */
export function recordToDoc(
  rec: ArticleRecord,
  source: string,
  o: { path: string; format: InputFormat; encoding: string; fallbackId?: string; publishedKey?: string },
): RawDoc {
  const doc: RawDoc = {
    id: (rec.id !== undefined && rec.id !== null && String(rec.id).trim() ? String(rec.id).trim() : o.fallbackId ?? source).slice(0, 200),
    path: o.path,
    source,
    format: o.format,
    encoding: o.encoding,
    text: normalizeText(typeof rec.text === 'string' ? rec.text : ''),
    url: rec.url ?? null,
    byline: rec.byline ?? null,
    outlet: rec.outlet ?? null,
    published:
      rec.published !== undefined && rec.published !== null && rec.published !== ''
        ? { value: rec.published, evidence: `${o.publishedKey ?? 'published'}: ${rec.published}` }
        : null,
  };
  if (rec.title !== undefined) doc.title = rec.title;
  if (rec.cluster !== undefined) doc.cluster = rec.cluster;
  if (rec.label !== undefined) doc.label = rec.label;
  return doc;
}

/**
 * Reads one in-memory input of any supported format. `name` is its file name, URL or
 * `-`; the format comes from `opts.contentType`, the extension of `name`, or the
 * content. Never throws for bad input: problems are returned as diagnostics.
 */
export function readBytes(name: string, bytes: Uint8Array, opts: ReadOptions = {}): ReadResult {
  try {
    return readBytesUnguarded(name, bytes, opts);
  } catch (e) {
    return { articles: [], diagnostics: [failure(opts.path ?? name, e)] };
  }
}

function readBytesUnguarded(name: string, bytes: Uint8Array, opts: ReadOptions): ReadResult {
  const out: ReadResult = { articles: [], diagnostics: [] };
  const path = opts.path ?? name;
  const cap = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const ids = opts.ids ?? new IdRegistry();
  if (bytes.length === 0) {
    out.diagnostics.push(diagnostic('error', path, 'INPUT_EMPTY', path));
    return out;
  }
  if (bytes.length > cap) {
    out.diagnostics.push(diagnostic('error', path, 'INPUT_TOO_LARGE', path, bytes.length, cap));
    return out;
  }
  const binary = binaryReason(bytes);
  if (binary) {
    out.diagnostics.push(diagnostic('error', path, 'INPUT_BINARY', path, binary));
    return out;
  }
  let text: string;
  let encoding: string;
  try {
    ({ text, encoding } = decode(bytes, contentTypeEncoding(opts.contentType)));
  } catch (e) {
    out.diagnostics.push(diagnostic('error', path, 'INPUT_ENCODING', path, (e as Error).message));
    return out;
  }
  if (!text.trim()) {
    out.diagnostics.push(diagnostic('error', path, 'INPUT_EMPTY', path));
    return out;
  }
  const fileStem = opts.id ?? stem(name);
  const format = detectFormat(name, opts.contentType, text);
  switch (format) {
    case 'text':
      finish([{ id: fileStem, path, source: path, format: 'text', encoding, text }], ids, out);
      break;
    case 'html': {
      const page = readHtml(text);
      if (!page) {
        out.diagnostics.push(diagnostic('error', path, 'HTML_NO_CONTENT', path));
        break;
      }
      const warnings = cappedWarnings(path, page.capped);
      finish(
        [
          {
            id: fileStem,
            path,
            source: path,
            format: 'html',
            encoding,
            text: normalizeText(page.text),
            title: page.title,
            url: page.url,
            byline: page.byline,
            outlet: page.outlet,
            published: page.published,
            captions: page.captions,
            warnings,
          },
        ],
        ids,
        out,
      );
      break;
    }
    case 'json':
    case 'jsonl': {
      const parsed = format === 'json' ? parseJson(text, path, opts.cluster) : parseJsonl(text, path, opts.cluster);
      append(out.diagnostics, parsed.diagnostics);
      finish(recordDocs(parsed, path, fileStem, format, encoding), ids, out);
      break;
    }
    case 'feed': {
      let feed;
      try {
        feed = readFeed(text);
      } catch (e) {
        out.diagnostics.push(diagnostic('error', path, 'FEED_MALFORMED', path, e instanceof FeedError ? e.message : String(e)));
        break;
      }
      if (feed.items.length === 0) {
        out.diagnostics.push(diagnostic('error', path, 'FEED_MALFORMED', path, 'it has no items'));
        break;
      }
      const docs: RawDoc[] = feed.items.map((it, i) => {
        const source = `${path}#${i + 1}`;
        return {
          id: (it.key ? idFromKey(it.key, fileStem) : null) ?? (it.link ? idFromKey(it.link, fileStem) : null) ?? `${fileStem}#${i + 1}`,
          path,
          source,
          format: 'feed',
          encoding,
          text: normalizeText(it.text),
          title: it.title,
          url: it.link ?? (it.key && /^https?:\/\//i.test(it.key) ? it.key : null),
          byline: it.byline,
          outlet: it.outlet,
          published: it.published ? { value: it.published, evidence: `feed date: ${it.published}` } : null,
          captions: it.captions,
          warnings: cappedWarnings(source, it.capped),
        };
      });
      finish(docs, ids, out);
      break;
    }
  }
  // Every input that yields nothing says why.
  if (out.articles.length === 0 && out.diagnostics.length === 0) {
    out.diagnostics.push(diagnostic('warning', path, 'INPUT_NO_ARTICLES', path, `nothing in it reads as an article (${format})`));
  }
  return out;
}
