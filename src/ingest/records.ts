/**
 * JSON and JSON Lines inputs: article records, lists of them, and dataset lines
 * (`{"id", "documents": [{"id", "text"}], "references"}`: one cluster per line).
 *
 * Record fields: `title`|`headline`; `text`|`content`|`body`; `url`|`link`;
 * `source`|`outlet`|`publisher` (a string or `{name}`); `byline`|`author`|`authors`;
 * `published`|`date`|`publishedAt`|`published_at`|`pubDate`|`datePublished`; `id`;
 * `label`; `cluster`. A record's text is plain text (HTML in it stays text).
 */
import type { Diagnostic } from '../types.js';
import { diagnostic } from '../errors.js';
import type { ArticleRecord } from './article.js';

/** A record with the name of the field its date came from (for the date's evidence). */
export type ArticleRecordInput = ArticleRecord & { publishedKey?: string | null };

type Obj = Record<string, unknown>;

function isObj(x: unknown): x is Obj {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function str(x: unknown): string | null {
  if (typeof x === 'string') return x.trim() ? x : null;
  if (typeof x === 'number' && Number.isFinite(x)) return String(x);
  return null;
}

function firstStr(o: Obj, keys: string[]): string | null {
  for (const k of keys) {
    const v = o[k];
    const s = str(v);
    if (s) return s;
    if (isObj(v)) {
      const n = str(v.name);
      if (n) return n;
    }
    if (Array.isArray(v)) {
      const parts = v.map((p) => (isObj(p) ? str(p.name) : str(p))).filter((p): p is string => Boolean(p));
      if (parts.length) return parts.join(k === 'text' || k === 'content' || k === 'body' ? '\n' : ', ');
    }
  }
  return null;
}

const TEXT_KEYS = ['text', 'content', 'body'];
const DATE_KEYS = ['published', 'date', 'publishedAt', 'published_at', 'pubDate', 'datePublished', 'publication_date'];

/** One JSON value that should be an article record → the record, or why not. */
export function toRecord(x: unknown): { rec: ArticleRecordInput | null; reason: 'not-object' | 'no-text' | null } {
  if (!isObj(x)) return { rec: null, reason: 'not-object' };
  const text = firstStr(x, TEXT_KEYS);
  if (!text) return { rec: null, reason: 'no-text' };
  const dateKey = DATE_KEYS.find((k) => x[k] !== undefined && x[k] !== null && x[k] !== '');
  const rec: ArticleRecordInput = {
    text,
    id: str(x.id) ?? undefined,
    title: 'title' in x || 'headline' in x ? firstStr(x, ['title', 'headline']) : undefined,
    url: firstStr(x, ['url', 'link']),
    outlet: firstStr(x, ['outlet', 'source', 'publisher', 'site']),
    byline: firstStr(x, ['byline', 'author', 'authors']),
    published: dateKey ? (x[dateKey] as string | number) : null,
    publishedKey: dateKey ?? null,
  };
  const label = str(x.label);
  if (label) rec.label = label;
  const cluster = str(x.cluster);
  if (cluster) rec.cluster = cluster;
  return { rec, reason: null };
}

/** A dataset line: `{"id", "documents": [...]}`. */
export function isDatasetLine(x: unknown): x is { id?: unknown; documents: unknown[] } {
  return isObj(x) && Array.isArray(x.documents);
}

export interface ParsedRecords {
  /** Each record with the source naming it in diagnostics and its fallback number. */
  records: Array<{ rec: ArticleRecordInput; source: string; n: number; line?: number }>;
  diagnostics: Diagnostic[];
  dataset: boolean;
}

function pushDataset(
  out: ParsedRecords,
  value: { id?: unknown; documents: unknown[] },
  path: string,
  where: { line?: number; index?: number },
  cluster: string | undefined,
): boolean {
  const id = str(value.id) ?? (where.line !== undefined ? `line-${where.line}` : `cluster-${(where.index ?? 0) + 1}`);
  out.dataset = true;
  if (cluster !== undefined && id !== cluster) return false;
  if (value.documents.length === 0) {
    const source = `${path}${where.line !== undefined ? `:${where.line}` : ''}`;
    const d = diagnostic('warning', source, 'INPUT_NO_ARTICLES', source, `cluster ${id} has an empty "documents" list`);
    if (where.line !== undefined) d.where = { line: where.line };
    out.diagnostics.push(d);
    return true;
  }
  value.documents.forEach((d, i) => {
    const source = `${path}${where.line !== undefined ? `:${where.line}` : ''} cluster ${id} document ${i + 1}`;
    const { rec, reason } = toRecord(d);
    if (!rec) {
      const diag =
        reason === 'no-text'
          ? diagnostic('error', source, 'JSON_NO_TEXT', source)
          : diagnostic('error', source, 'JSON_MALFORMED', source, 'a document is not a JSON object');
      if (where.line !== undefined) diag.where = { line: where.line, record: i + 1 };
      out.diagnostics.push(diag);
      return;
    }
    rec.cluster = id;
    out.records.push({ rec, source, n: i + 1, ...(where.line !== undefined ? { line: where.line } : {}) });
  });
  return true;
}

/** Parses a JSON file: one record, an array of records, `{articles: [...]}`, or dataset clusters. */
export function parseJson(text: string, path: string, cluster?: string): ParsedRecords {
  const out: ParsedRecords = { records: [], diagnostics: [], dataset: false };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    out.diagnostics.push(diagnostic('error', path, 'JSON_MALFORMED', path, (e as Error).message));
    return out;
  }
  let list: unknown[];
  let listName = 'the top-level list';
  if (Array.isArray(value)) list = value;
  else if (isObj(value) && Array.isArray(value.articles)) {
    list = value.articles;
    listName = 'the "articles" list';
  } else if (isObj(value) && Array.isArray(value.items) && !TEXT_KEYS.some((k) => k in value)) {
    list = value.items;
    listName = 'the "items" list';
  } else list = [value];
  if (list.length === 0) {
    out.diagnostics.push(diagnostic('warning', path, 'INPUT_NO_ARTICLES', path, `${listName} is empty`));
    return out;
  }
  let matched = false;
  list.forEach((item, i) => {
    if (isDatasetLine(item)) {
      matched = pushDataset(out, item, path, { index: i }, cluster) || matched;
      return;
    }
    const source = list.length > 1 || Array.isArray(value) ? `${path}#${i + 1}` : path;
    const { rec, reason } = toRecord(item);
    if (!rec) {
      const d =
        reason === 'no-text'
          ? diagnostic('error', source, 'JSON_NO_TEXT', source)
          : diagnostic('error', source, 'JSON_MALFORMED', source, `record ${i + 1} is not a JSON object`);
      d.where = { record: i + 1 };
      out.diagnostics.push(d);
      return;
    }
    out.records.push({ rec, source, n: i + 1 });
  });
  if (out.dataset && cluster !== undefined && !matched) out.diagnostics.push(diagnostic('error', path, 'CLUSTER_NOT_FOUND', path, cluster));
  return out;
}

/** Parses JSON Lines: each line a record or a dataset cluster. Bad lines are reported by line number and skipped. */
export function parseJsonl(text: string, path: string, cluster?: string): ParsedRecords {
  const out: ParsedRecords = { records: [], diagnostics: [], dataset: false };
  let matched = false;
  let lineNo = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    lineNo++;
    const line = text.slice(start, end).trim();
    start = end + 1;
    if (!line) continue;
    const source = `${path}:${lineNo}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      const d = diagnostic('error', source, 'JSON_MALFORMED', source, (e as Error).message);
      d.where = { line: lineNo };
      out.diagnostics.push(d);
      continue;
    }
    if (isDatasetLine(value)) {
      // Only parse documents of the wanted cluster.
      matched = pushDataset(out, value, path, { line: lineNo }, cluster) || matched;
      continue;
    }
    const { rec, reason } = toRecord(value);
    if (!rec) {
      const d =
        reason === 'no-text'
          ? diagnostic('error', source, 'JSON_NO_TEXT', source)
          : diagnostic('error', source, 'JSON_MALFORMED', source, 'the line is not a JSON object');
      d.where = { line: lineNo };
      out.diagnostics.push(d);
      continue;
    }
    out.records.push({ rec, source, n: lineNo, line: lineNo });
  }
  if (out.dataset && cluster !== undefined && !matched) out.diagnostics.push(diagnostic('error', path, 'CLUSTER_NOT_FOUND', path, cluster));
  return out;
}
