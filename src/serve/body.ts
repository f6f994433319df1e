/**
 * Request bodies of uploads → ingest inputs. Three shapes are accepted, as the CLI
 * accepts files:
 * - multipart/form-data (the page's forms, `curl -F files=@a.html`): every file part is
 *   one input file; a non-empty `text` field is a pasted article (with optional
 *   `title`, `outlet`, `published`, `url`, `byline` fields);
 * - application/json: records as in a .json input file (one record, an array, …),
 *   read by the same reader;
 * - a raw document (text/plain, text/html, RSS/Atom XML, JSON Lines): one input file
 *   named by `?name=` (default from the content type).
 * Sizes are capped per input (`maxBytes`) and per request (`maxUploadBytes`).
 */
import type { FastifyRequest } from 'fastify';
import { message } from '../errors.js';
import type { ArticleRecord } from '../ingest/index.js';
import { uploadName, type UploadInput } from './uploads.js';

/** Content types accepted as one raw document. */
export const RAW_TYPES = [
  'text/plain',
  'text/markdown',
  'text/html',
  'application/xhtml+xml',
  'application/x-ndjson',
  'application/jsonl',
  'application/rss+xml',
  'application/atom+xml',
  'application/xml',
  'text/xml',
];

const DEFAULT_NAME: Record<string, string> = {
  'text/plain': 'upload.txt',
  'text/markdown': 'upload.md',
  'text/html': 'upload.html',
  'application/xhtml+xml': 'upload.html',
  'application/x-ndjson': 'upload.jsonl',
  'application/jsonl': 'upload.jsonl',
  'application/rss+xml': 'upload.rss',
  'application/atom+xml': 'upload.atom',
  'application/xml': 'upload.xml',
  'text/xml': 'upload.xml',
};

/** An error with an HTTP status, a catalogued code and a message naming the value and the reason. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    msg: string,
  ) {
    super(msg);
    this.name = 'HttpError';
  }
}

export function tooLarge(what: string, cap: number): HttpError {
  return new HttpError(413, 'REQUEST_TOO_LARGE', message('REQUEST_TOO_LARGE', what, cap));
}

export function badRequest(what: string, reason: string): HttpError {
  return new HttpError(400, 'BAD_REQUEST', message('BAD_REQUEST', what, reason));
}

export interface BodyLimits {
  maxBytes: number;
  maxUploadBytes: number;
}

const PASTE_FIELDS = ['title', 'outlet', 'published', 'url', 'byline', 'text'] as const;

/** A pasted article's record from form fields (null when no text was pasted). */
export function pastedRecord(fields: Partial<Record<(typeof PASTE_FIELDS)[number], string>>, now = new Date()): ArticleRecord | null {
  const text = fields.text ?? '';
  if (!text.trim()) return null;
  const opt = (v: string | undefined) => (v && v.trim() ? v.trim() : null);
  const title = opt(fields.title);
  const slug = (title ?? '')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  const rec: ArticleRecord = {
    id: slug || `pasted-${now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '')}`,
    text,
    outlet: opt(fields.outlet),
    url: opt(fields.url),
    byline: opt(fields.byline),
    published: opt(fields.published),
  };
  // No headline given: the ingest stage takes it from the first line when that reads like one.
  if (title) rec.title = title;
  return rec;
}

/** JSON bodies nested deeper than this are refused (records are a few levels deep). */
export const MAX_JSON_DEPTH = 64;

/** Whether a parsed JSON value nests arrays and objects deeper than `max` (iterative: any depth is safe). */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length) {
    const [v, d] = stack.pop() as [unknown, number];
    if (typeof v !== 'object' || v === null) continue;
    if (d > max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) if (typeof child === 'object' && child !== null) stack.push([child, d + 1]);
  }
  return false;
}

/** Reads a multipart request into inputs, enforcing the per-file and per-request caps. */
export async function readMultipart(req: FastifyRequest, limits: BodyLimits): Promise<UploadInput[]> {
  const inputs: UploadInput[] = [];
  const fields: Record<string, string> = {};
  let total = 0;
  for await (const part of req.parts()) {
    if (part.type === 'file') {
      const name = uploadName(part.filename);
      let bytes: Buffer;
      try {
        bytes = await part.toBuffer();
      } catch (err) {
        if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(`file "${name}"`, limits.maxBytes);
        throw err;
      }
      total += bytes.length;
      if (total > limits.maxUploadBytes) throw tooLarge('the upload', limits.maxUploadBytes);
      // A form submitted without choosing a file sends one empty, unnamed part.
      if (bytes.length === 0 && !part.filename) continue;
      const type = part.mimetype && part.mimetype !== 'application/octet-stream' ? part.mimetype : undefined;
      inputs.push(type ? { kind: 'file', name, bytes, contentType: type } : { kind: 'file', name, bytes });
    } else {
      if (part.valueTruncated) throw tooLarge(`field "${part.fieldname}"`, limits.maxBytes);
      const value = typeof part.value === 'string' ? part.value : String(part.value ?? '');
      total += Buffer.byteLength(value, 'utf8');
      if (total > limits.maxUploadBytes) throw tooLarge('the upload', limits.maxUploadBytes);
      if ((PASTE_FIELDS as readonly string[]).includes(part.fieldname)) fields[part.fieldname] = value;
    }
  }
  const rec = pastedRecord(fields);
  if (rec) inputs.push({ kind: 'record', source: 'pasted text', record: rec });
  return inputs;
}

/** The inputs of an upload request of any accepted content type. */
export async function readUploadBody(req: FastifyRequest, limits: BodyLimits, name?: string): Promise<UploadInput[]> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (req.isMultipart()) return readMultipart(req, limits);
  if (type === 'application/json' || type.endsWith('+json')) {
    const body = req.body;
    if (body === undefined || body === null) throw badRequest('request body', 'empty JSON body');
    // Serialising (and reading) a value nested thousands deep overflows the stack: refuse it.
    if (nestedDeeperThan(body, MAX_JSON_DEPTH)) throw badRequest('request body', `JSON nested deeper than ${MAX_JSON_DEPTH} levels`);
    // Records are read by the same reader as a .json input file.
    const bytes = Buffer.from(JSON.stringify(body), 'utf8');
    return [{ kind: 'file', name: uploadName(name ?? 'request.json'), bytes, contentType: 'application/json' }];
  }
  if (RAW_TYPES.includes(type)) {
    const bytes = req.body as Buffer;
    if (!Buffer.isBuffer(bytes) || bytes.length === 0) throw badRequest('request body', 'empty body');
    return [{ kind: 'file', name: uploadName(name ?? DEFAULT_NAME[type]), bytes, contentType: req.headers['content-type'] ?? type }];
  }
  throw new HttpError(
    415,
    'UNSUPPORTED_MEDIA_TYPE',
    message('UNSUPPORTED_MEDIA_TYPE', type || '(none)', 'multipart/form-data, application/json, or one document as text/plain, text/html, XML or JSON Lines'),
  );
}
