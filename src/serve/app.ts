/**
 * The web app: fastify with server-rendered pages, a JSON API mirroring the CLI, and
 * the request checks of ./security.ts. Routes:
 *
 *   GET  /                          story list (search, filters, pagination)
 *   GET  /stories/:id               story page          GET /stories/:id/briefing.{md,json,html}
 *   GET  /articles/:id              article page        (?fragment=1: the text only, for the side panel)
 *   GET  /add   POST /add           add news (upload files, paste text) → 303 to the job page
 *   POST /add/url                   add an article page or a feed by URL (fetched; public addresses only) → 303 to the job page
 *   GET  /uploads/:id               upload progress and results
 *   GET  /static/:name              the stylesheet, the script, the icon (in memory)
 *   GET  /api/stories               GET /api/stories/:id (the brief JSON)
 *   GET  /api/articles/:id          POST /api/articles (uploads; ?async=1 → 202 and a job)
 *   GET  /api/jobs/:id              GET /api/openapi.json
 */
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import { CrossreadError, message } from '../errors.js';
import { DEFAULT_MAX_BYTES } from '../ingest/index.js';
import type { Store, StoryQuery, StorySummary } from '../store/store.js';
import { renderHtml, renderJson, renderMarkdown } from '../report/index.js';
import { ASSETS } from './assets/index.js';
import { Briefer, Lru, TaskRunner, storyKey, type BrieferOptions } from './briefer.js';
import { Searcher, isFiltered } from './searcher.js';
import type { ReadResult } from '../ingest/index.js';
import { HttpError, RAW_TYPES, badRequest, readUploadBody, type BodyLimits } from './body.js';
import { OPENAPI } from './openapi.js';
import { Fetcher } from '../fetch/http.js';
import { readUrl } from '../fetch/sources.js';
import type { ArticleRecord } from '../ingest/index.js';
import type { Article } from '../types.js';
import { REPORT_CSP, SECURITY_HEADERS, UNSAFE_METHODS, crossOriginOf, hostAllowed } from './security.js';
import { DEFAULT_READ_BUDGET_MS, UploadQueue, type UploadJob } from './uploads.js';
import { addBody, jobBody } from './views/add.js';
import { articleBody, articleFragment } from './views/article.js';
import { errorBody, page } from './views/layout.js';
import { listBody } from './views/list.js';
import { storyBody, storyPendingBody } from './views/story.js';
import { storyUrl } from './views/util.js';

export interface AppOptions {
  store: Store;
  /** The address the server is bound to (for the Host check). Default 127.0.0.1. */
  host?: string;
  /** Extra host names accepted in the Host header. */
  allowedHosts?: string[];
  /** Summary length, as `brief --words/--sentences`. */
  words?: number;
  sentences?: number;
  /** Brief in a worker thread (default true). */
  worker?: boolean;
  /** Largest single uploaded input, in bytes (default 16 MiB, as the CLI). */
  maxBytes?: number;
  /** Largest upload request, in bytes (default 64 MiB). */
  maxUploadBytes?: number;
  /** Articles per store transaction during uploads. */
  batchSize?: number;
  /** Time budget for reading one uploaded input, in ms (default 60 s); past it the input is skipped. */
  readBudgetMs?: number;
  /** How long a story page waits for a first briefing before answering "being analysed" (default 2.5 s). */
  pendingAfterMs?: number;
  /** Brief every story not briefed yet in the background, from the start (default false; `crossread serve` turns it on). */
  warmAll?: boolean;
  /** Keep briefings in the store so that they survive restarts (default true). */
  keepBriefings?: boolean;
  onWarn?: (message: string) => void;
  /**
   * Fetches the URLs readers add ("Add by URL"). Default: the project's fetcher with its
   * limits, private and loopback addresses refused (the URL comes from a web form).
   */
  fetcher?: Fetcher;
  /**
   * The SQLite file the store reads, when it is one: filtered lists (search, outlet,
   * dates) are then answered by a worker thread with its own read-only handle on it
   * (./searcher.ts), off the event loop. `startServer` sets it for a SQLite store.
   */
  searchDb?: string;
  /** Answer filtered lists in the search worker when `searchDb` is set (default: as `worker`, true). */
  searchWorker?: boolean;
}

/** An article read from a fetched page or feed, as a record for the upload queue. */
function fetchedRecord(a: Article): ArticleRecord {
  return { id: a.id, title: a.title, text: a.text, url: a.url, outlet: a.outlet, byline: a.byline, published: a.published };
}

export interface App {
  fastify: FastifyInstance;
  briefer: Briefer;
  /** The search worker, when filtered lists are answered off the event loop. */
  searcher: Searcher | null;
  uploads: UploadQueue;
  /** Stops background work (the store stays open: its owner closes it). */
  close(): Promise<void>;
}

export const DEFAULT_MAX_UPLOAD_BYTES = 64 * 1024 * 1024;
/** How long a rendered list or search page is reused, in ms. */
export const LIST_TTL_MS = 1000;
/** Body limit of requests that are not uploads. */
const SMALL_BODY = 64 * 1024;

// Empty values come from the list page's form when a field is left blank.
const DATE = '^(\\d{4}-\\d{2}-\\d{2})?$';
const listQuerySchema = {
  type: 'object',
  properties: {
    q: { type: 'string', maxLength: 500 },
    since: { type: 'string', pattern: DATE },
    until: { type: 'string', pattern: DATE },
    outlet: { type: 'string', maxLength: 200 },
    sort: { type: 'string', enum: ['recent', 'size', ''] },
    limit: { type: 'integer', minimum: 1, maximum: 1000 },
    offset: { type: 'integer', minimum: 0, maximum: 10_000_000 },
  },
} as const;
const idParams = { type: 'object', properties: { id: { type: 'string', minLength: 1, maxLength: 500 } }, required: ['id'] } as const;

interface ListQuery {
  q?: string;
  since?: string;
  until?: string;
  outlet?: string;
  sort?: 'recent' | 'size' | '';
  limit?: number;
  offset?: number;
}
type IdParams = { id: string };

function storyQuery(q: ListQuery, defaultLimit: number): StoryQuery {
  const out: StoryQuery = { limit: q.limit ?? defaultLimit, offset: q.offset ?? 0 };
  const trimmed = (v: string | undefined) => (v && v.trim() ? v.trim() : undefined);
  const text = trimmed(q.q);
  if (text) out.q = text;
  if (q.since) out.since = q.since;
  if (q.until) out.until = q.until;
  const outlet = trimmed(q.outlet);
  if (outlet) out.outlet = outlet;
  if (q.sort) out.sort = q.sort;
  return out;
}

const isApi = (req: FastifyRequest) => req.url.startsWith('/api/');

/** Sends an error as JSON (API) or as a page. */
function sendError(req: FastifyRequest, reply: FastifyReply, status: number, code: string, msg: string): FastifyReply {
  reply.code(status);
  if (isApi(req) || !(req.headers.accept ?? '').includes('text/html') && req.method !== 'GET') {
    return reply.type('application/json; charset=utf-8').send({ error: { code, message: msg } });
  }
  const titles: Record<number, string> = { 400: 'Bad request', 403: 'Not allowed', 404: 'Not found', 413: 'Too large', 415: 'Unsupported upload', 503: code === 'DB_BUSY' ? 'Busy' : 'Database problem' };
  return reply
    .type('text/html; charset=utf-8')
    .send(page({ title: titles[status] ?? 'Error', kind: 'error', body: errorBody(status, titles[status] ?? 'Something went wrong', msg) }));
}

/** Maps framework and library errors to an HTTP status, a code and a message naming what and why. */
function classify(err: FastifyError | Error, req: FastifyRequest, limits: BodyLimits): { status: number; code: string; msg: string } {
  if (err instanceof HttpError) return { status: err.statusCode, code: err.code, msg: err.message };
  if (err instanceof CrossreadError) {
    // A busy, damaged or unwritable database: 503 with the reason, not an internal error.
    const dbProblem = err.code === 'DB_BUSY' || err.code === 'DB_DAMAGED' || err.code === 'DB_READONLY' || err.code === 'DB_FAILED' || err.code === 'DB_OPEN';
    const status = dbProblem ? 503 : err.code === 'STORY_NOT_FOUND' || err.code === 'ARTICLE_NOT_FOUND' ? 404 : 500;
    return { status, code: err.code, msg: err.message };
  }
  const e = err as FastifyError & { validation?: unknown; validationContext?: string };
  if (e.validation) return { status: 400, code: 'BAD_REQUEST', msg: message('BAD_REQUEST', `${req.method} ${req.url.split('?')[0]}`, e.message) };
  switch (e.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, code: 'REQUEST_TOO_LARGE', msg: message('REQUEST_TOO_LARGE', 'the request body', req.url.startsWith('/api/articles') ? limits.maxUploadBytes : SMALL_BODY) };
    case 'FST_REQ_FILE_TOO_LARGE':
      return { status: 413, code: 'REQUEST_TOO_LARGE', msg: message('REQUEST_TOO_LARGE', 'an uploaded file', limits.maxBytes) };
    case 'FST_FILES_LIMIT':
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return { status: 413, code: 'REQUEST_TOO_LARGE', msg: `the upload has too many parts (${e.message})` };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, code: 'BAD_REQUEST', msg: message('BAD_REQUEST', 'request body', `malformed JSON (${e.message})`) };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', msg: message('UNSUPPORTED_MEDIA_TYPE', String(req.headers['content-type'] ?? '(none)'), 'multipart/form-data, application/json or one document') };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
    case 'FST_MP_PREMATURE_CLOSE':
    case 'FST_PROTO_VIOLATION':
      return { status: 400, code: 'BAD_REQUEST', msg: message('BAD_REQUEST', 'request body', e.message) };
    default:
      break;
  }
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) return { status: e.statusCode, code: 'BAD_REQUEST', msg: e.message };
  return { status: 500, code: 'INTERNAL', msg: `internal error: ${err.message}` };
}

function jobJson(j: UploadJob): Record<string, unknown> {
  return { ...j, statusUrl: `/api/jobs/${j.id}`, pageUrl: `/uploads/${j.id}` };
}

/** Builds the app on an open store. */
export async function buildApp(opts: AppOptions): Promise<App> {
  const store = opts.store;
  const limits: BodyLimits = { maxBytes: opts.maxBytes ?? DEFAULT_MAX_BYTES, maxUploadBytes: opts.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES };
  const brieferOpts: BrieferOptions = { summary: {} };
  if (opts.words !== undefined) brieferOpts.summary!.words = opts.words;
  if (opts.sentences !== undefined) brieferOpts.summary!.sentences = opts.sentences;
  if (opts.worker !== undefined) brieferOpts.worker = opts.worker;
  if (opts.onWarn) brieferOpts.onWarn = opts.onWarn;
  if (opts.keepBriefings !== undefined) brieferOpts.persist = opts.keepBriefings;
  // Requests in flight, and when the last one ended: background briefing yields to readers.
  let inFlight = 0;
  let lastAnswer = 0;
  brieferOpts.readersBusy = () => inFlight > 0 || performance.now() - lastAnswer < 50;
  const briefer = new Briefer(store, brieferOpts);
  await briefer.ready;
  if (opts.warmAll) void briefer.warmAll();
  // Uploads are read and cleaned in a worker thread of their own, with a time budget per input.
  const reader = new TaskRunner(opts.worker ?? true, opts.onWarn ?? (() => undefined));
  const budget = opts.readBudgetMs ?? DEFAULT_READ_BUDGET_MS;
  const uploads = new UploadQueue(store, {
    maxBytes: limits.maxBytes,
    ...(opts.batchSize ? { batchSize: opts.batchSize } : {}),
    read: async (input) => (await reader.run({ kind: 'read', input, maxBytes: limits.maxBytes }, 'high', budget)) as ReadResult,
  });
  const searcher = opts.searchDb && (opts.searchWorker ?? opts.worker ?? true) ? new Searcher(opts.searchDb, opts.onWarn ?? (() => undefined)) : null;
  const hostPolicy = { bindHost: opts.host ?? '127.0.0.1', allowedHosts: opts.allowedHosts ?? [] };

  const app = Fastify({
    logger: false,
    bodyLimit: SMALL_BODY,
    trustProxy: false,
    forceCloseConnections: true,
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 1000 },
    ajv: { customOptions: { coerceTypes: true, removeAdditional: true, allErrors: false } },
  });

  await app.register(multipart, {
    limits: { fileSize: limits.maxBytes, files: 1000, fields: 20, fieldSize: limits.maxBytes, parts: 1100, headerPairs: 100 },
    throwFileSizeLimit: true,
  });
  // One raw document per request (POST /api/articles); fastify's own text/plain parser gives a string.
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser(RAW_TYPES, { parseAs: 'buffer', bodyLimit: limits.maxUploadBytes }, (_req, body, done) => done(null, body));

  // ---- checks on every request ----
  app.addHook('onRequest', async (req, reply) => {
    const host = req.headers.host;
    if (!hostAllowed(host, hostPolicy)) {
      return sendError(req, reply, 403, 'HOST_NOT_ALLOWED', message('HOST_NOT_ALLOWED', String(host ?? '(none)')));
    }
    if (UNSAFE_METHODS.has(req.method)) {
      const h = req.headers;
      const bad = crossOriginOf({ origin: h.origin, host: h.host, 'sec-fetch-site': h['sec-fetch-site'] as string | undefined }, req.protocol === 'https' ? 'https' : 'http');
      if (bad !== null) return sendError(req, reply, 403, 'CROSS_ORIGIN', message('CROSS_ORIGIN', req.method, bad));
    }
    return undefined;
  });
  app.addHook('onRequest', async () => {
    inFlight++;
  });
  app.addHook('onResponse', async () => {
    inFlight = Math.max(0, inFlight - 1);
    lastAnswer = performance.now();
  });
  app.addHook('onSend', async (req, reply, payload) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) if (!reply.hasHeader(k)) reply.header(k, v);
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    void req;
    return payload;
  });
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const { status, code, msg } = classify(err, req, limits);
    if (status >= 500) opts.onWarn?.(`${req.method} ${req.url}: ${err.stack ?? err.message}`);
    return sendError(req, reply, status, code, msg);
  });
  app.setNotFoundHandler((req, reply) => sendError(req, reply, 404, 'ROUTE_NOT_FOUND', message('ROUTE_NOT_FOUND', req.method, req.url.split('?')[0] ?? req.url)));

  const html = (reply: FastifyReply, body: string) => reply.type('text/html; charset=utf-8').send(body);

  // ---- static assets (a fixed in-memory table: no file system path is ever built from a request) ----
  app.get<{ Params: { name: string } }>('/static/:name', async (req, reply) => {
    const a = ASSETS.get(req.params.name);
    if (!a) return sendError(req, reply, 404, 'ROUTE_NOT_FOUND', message('ROUTE_NOT_FOUND', 'GET', `/static/${req.params.name}`));
    reply.header('cache-control', (req.query as Record<string, string>).v === a.hash ? 'public, max-age=31536000, immutable' : 'no-cache');
    reply.header('etag', `"${a.hash}"`);
    if (req.headers['if-none-match'] === `"${a.hash}"`) return reply.code(304).send();
    return reply.type(a.type).send(a.body);
  });

  // ---- story list ----
  const listing = async (q: ListQuery, defaultLimit: number) => {
    const query = storyQuery(q, defaultLimit);
    const page = (searcher && isFiltered(query) ? await searcher.listStories(query) : null) ?? (await store.listStories(query));
    briefer.warm(page.items, true);
    return { query, page };
  };
  const withFacts = (s: StorySummary) => {
    const f = briefer.factsOf(s);
    return { ...s, disagreements: f ? f.disagreements : null, url: storyUrl(s.id), apiUrl: `/api${storyUrl(s.id)}` };
  };

  // List and search pages are kept for a moment (LIST_TTL_MS) and shared by identical
  // requests meanwhile: under load, the same page is computed once rather than once per
  // reader. A page is at most that old; an upload through this server empties the cache.
  const listPages = new Map<string, { at: number; body: Promise<string> }>();
  // The article count in the list's heading, kept as long as a list page (two COUNT(*)
  // per distinct search otherwise, slower while another process writes).
  let counted: { at: number; stats: ReturnType<Store['stats']> } | null = null;
  const storeStats = () => {
    const now = performance.now();
    if (!counted || now - counted.at > LIST_TTL_MS) {
      const entry = { at: now, stats: store.stats() };
      entry.stats.catch(() => {
        if (counted === entry) counted = null;
      });
      counted = entry;
    }
    return counted.stats;
  };
  const renderList = async (q: ListQuery) => {
    const { query, page: p } = await listing(q, 20);
    await briefer.withLeads(p.items);
    const stats = await storeStats();
    const shown: StoryQuery = { ...query };
    if (shown.limit === 20) delete shown.limit;
    if (!shown.offset) delete shown.offset;
    const title = query.q ? `“${query.q}”` : 'Stories';
    return page({ title, kind: 'list', nav: 'stories', q: query.q ?? '', body: listBody({ page: p, query: shown, facts: (s) => briefer.factsOf(s), totalArticles: stats.articles }) });
  };
  app.get<{ Querystring: ListQuery }>('/', { schema: { querystring: listQuerySchema } }, async (req, reply) => {
    const key = JSON.stringify(storyQuery(req.query, 20));
    const now = performance.now();
    let entry = listPages.get(key);
    if (!entry || now - entry.at > LIST_TTL_MS) {
      entry = { at: now, body: renderList(req.query) };
      listPages.delete(key);
      listPages.set(key, entry);
      if (listPages.size > 200) listPages.delete(listPages.keys().next().value as string);
      entry.body.catch(() => listPages.delete(key));
    }
    return html(reply, await entry.body);
  });

  app.get<{ Querystring: ListQuery }>('/api/stories', { schema: { querystring: listQuerySchema } }, async (req) => {
    const { page: p } = await listing(req.query, 50);
    return { ...p, items: p.items.map(withFacts) };
  });

  // ---- one story ----
  const loadSummary = async (id: string) => {
    const s = await store.getStorySummary(id);
    if (!s) throw new HttpError(404, 'STORY_NOT_FOUND', message('STORY_NOT_FOUND', id));
    return s;
  };
  const loadStory = async (id: string) => {
    const rec = await store.getStory(id);
    if (!rec) throw new HttpError(404, 'STORY_NOT_FOUND', message('STORY_NOT_FOUND', id));
    return rec;
  };
  /** The briefing of a story: from the cache (no articles loaded), else briefed. */
  const briefingOf = async (summary: StorySummary) => (await briefer.stored(summary)) ?? briefer.briefing(await loadStory(summary.id));

  app.get<{ Params: IdParams }>('/api/stories/:id', { schema: { params: idParams } }, async (req, reply) => {
    const b = await briefingOf(await loadSummary(req.params.id));
    return reply.type('application/json; charset=utf-8').send(renderJson(b));
  });

  // Rendered story pages, by story state: a warm page is a map lookup.
  const pages = new Lru<string>(100);
  const pendingAfter = opts.pendingAfterMs ?? 2500;
  app.get<{ Params: IdParams; Querystring: { full?: string } }>(
    '/stories/:id',
    { schema: { params: idParams, querystring: { type: 'object', properties: { full: { type: 'string', enum: ['', '0', '1'] } } } } },
    async (req, reply) => {
      const full = req.query.full === '1';
      const summary = await loadSummary(req.params.id);
      if (summary.id !== req.params.id) return reply.redirect(`${storyUrl(summary.id)}${full ? '?full=1' : ''}`, 301);
      const key = `${storyKey(summary)}\u0000${full ? 'full' : ''}`;
      const hit = pages.get(key);
      if (hit !== undefined) return html(reply, hit);
      let b = await briefer.stored(summary);
      if (!b) {
        const rec = await loadStory(summary.id);
        const running = briefer.briefing(rec);
        // A large story can take long to analyse the first time: answer with what is known
        // (a page that refreshes itself) rather than keep the reader waiting.
        let timer: NodeJS.Timeout | undefined;
        const late = new Promise<null>((r) => (timer = setTimeout(() => r(null), pendingAfter)));
        b = await Promise.race([running, late]);
        clearTimeout(timer);
        if (!b) {
          running.catch(() => undefined);
          reply.code(202).header('retry-after', '2');
          return html(reply, page({ title: rec.headline, kind: 'story', nav: 'stories', body: storyPendingBody(rec), head: '<meta http-equiv="refresh" content="2">' }));
        }
      }
      const body = page({ title: b.stories[0]?.headline ?? summary.headline, kind: 'story', nav: 'stories', body: storyBody({ briefing: b, full }) });
      pages.set(key, body);
      return html(reply, body);
    },
  );

  app.get<{ Params: { id: string; ext: string } }>('/stories/:id/briefing.:ext', async (req, reply) => {
    const { id, ext } = req.params;
    if (!['md', 'json', 'html'].includes(ext)) {
      return sendError(req, reply, 404, 'ROUTE_NOT_FOUND', message('ROUTE_NOT_FOUND', req.method, req.url.split('?')[0] ?? req.url));
    }
    const summary = await loadSummary(id);
    const file = `crossread-${summary.id.replace(/[^\w.-]/g, '_')}.${ext}`;
    reply.header('content-disposition', `attachment; filename="${file}"`);
    if (ext === 'md') return reply.type('text/markdown; charset=utf-8').send(renderMarkdown(await briefingOf(summary)));
    if (ext === 'json') {
      // The download always carries each article's cleaned text, so its citations can be checked from the file alone.
      const texts = new Map((await loadStory(summary.id)).articles.map((a) => [a.id, a.text]));
      return reply.type('application/json; charset=utf-8').send(renderJson(await briefingOf(summary), { texts, withText: true }));
    }
    const rec = await loadStory(summary.id);
    const b = await briefer.briefing(rec);
    reply.header('content-security-policy', REPORT_CSP);
    return reply.type('text/html; charset=utf-8').send(renderHtml(b, { texts: new Map(rec.articles.map((a) => [a.id, a.text])) }));
  });

  // ---- one article ----
  const loadArticle = async (id: string) => {
    const a = await store.getArticle(id);
    if (!a) throw new HttpError(404, 'ARTICLE_NOT_FOUND', message('ARTICLE_NOT_FOUND', id));
    return a;
  };

  app.get<{ Params: IdParams }>('/api/articles/:id', { schema: { params: idParams } }, async (req) => loadArticle(req.params.id));

  app.get<{ Params: IdParams; Querystring: { fragment?: string } }>('/articles/:id', { schema: { params: idParams } }, async (req, reply) => {
    const a = await loadArticle(req.params.id);
    const spans = await briefer.sentences(a);
    if (req.query.fragment) return html(reply, articleFragment({ article: a, spans, story: null }));
    const story = a.storyId ? await store.getStorySummary(a.storyId) : null;
    return html(reply, page({ title: a.title ?? a.id, kind: 'article', nav: 'stories', body: articleBody({ article: a, spans, story }) }));
  });

  // ---- adding news ----
  /** Queues inputs; the list pages kept for a moment are dropped when the job has stored its articles. */
  const submitted = (inputs: Parameters<UploadQueue['submit']>[0]) => {
    const r = uploads.submit(inputs);
    const clear = () => {
      listPages.clear();
      counted = null;
    };
    r.finished.then(clear, clear);
    return r;
  };
  app.get('/add', async (_req, reply) => html(reply, page({ title: 'Add news', kind: 'add', nav: 'add', body: addBody(limits) })));

  const submitUpload = async (req: FastifyRequest) => {
    const name = (req.query as { name?: string } | undefined)?.name;
    const inputs = await readUploadBody(req, limits, typeof name === 'string' ? name : undefined);
    if (inputs.length === 0) throw badRequest('upload', 'no files were chosen and no text was pasted');
    return submitted(inputs);
  };

  // Add by URL: the page or feed is fetched here (the fetcher's timeouts, size cap and
  // private-address refusal apply), its articles go to the upload queue like an upload.
  const fetcher = opts.fetcher ?? new Fetcher({ blockPrivateAddresses: true, maxBytes: limits.maxBytes, timeoutMs: 10_000, retries: 1 });
  app.post('/add/url', async (req, reply) => {
    let source = '';
    if (req.isMultipart()) {
      for await (const part of req.parts()) {
        if (part.type === 'file') await part.toBuffer();
        else if (part.fieldname === 'source') source = String(part.value ?? '').trim();
      }
    } else {
      source = String((req.body as { source?: unknown } | undefined)?.source ?? '').trim();
    }
    const again = (status: number, msg: string) =>
      reply.code(status).type('text/html; charset=utf-8').send(page({ title: 'Add news', kind: 'add', nav: 'add', body: addBody(limits, { url: source, message: msg }) }));
    if (!source) return again(400, message('BAD_REQUEST', 'add by URL', 'no URL was given'));
    const r = await readUrl(source, fetcher, { maxBytes: limits.maxBytes });
    if (r.articles.length === 0) {
      const why = r.diagnostics.map((d) => d.message).slice(0, 3).join('; ') || message('BAD_REQUEST', source, 'no article could be read from it');
      return again(422, why);
    }
    const { job } = submitted(r.articles.map((a) => ({ kind: 'record' as const, source: a.url ?? source, record: fetchedRecord(a) })));
    return reply.redirect(`/uploads/${job.id}`, 303);
  });

  app.post('/add', { bodyLimit: limits.maxUploadBytes }, async (req, reply) => {
    const { job } = await submitUpload(req);
    return reply.redirect(`/uploads/${job.id}`, 303);
  });

  app.post<{ Querystring: { async?: string; name?: string } }>(
    '/api/articles',
    {
      bodyLimit: limits.maxUploadBytes,
      schema: {
        querystring: { type: 'object', properties: { async: { type: 'string', enum: ['', '1', '0', 'true', 'false'] }, name: { type: 'string', maxLength: 200 } } },
      },
    },
    async (req, reply) => {
      const { job, finished } = await submitUpload(req);
      if (req.query.async === '1' || req.query.async === 'true') {
        reply.header('location', `/api/jobs/${job.id}`);
        return reply.code(202).send(jobJson(job));
      }
      const done = await finished;
      const o = done.outcome;
      const status = done.state === 'failed' ? 500 : o && o.added.length > 0 ? 201 : o && o.read === 0 ? 422 : 200;
      return reply.code(status).send(jobJson(done));
    },
  );

  app.get<{ Params: IdParams }>('/api/jobs/:id', { schema: { params: idParams } }, async (req) => {
    const j = uploads.get(req.params.id);
    if (!j) throw new HttpError(404, 'JOB_NOT_FOUND', message('JOB_NOT_FOUND', req.params.id));
    return jobJson(j);
  });

  app.get<{ Params: IdParams }>('/uploads/:id', { schema: { params: idParams } }, async (req, reply) => {
    const j = uploads.get(req.params.id);
    if (!j) throw new HttpError(404, 'JOB_NOT_FOUND', message('JOB_NOT_FOUND', req.params.id));
    const running = j.state === 'queued' || j.state === 'running';
    const stories = new Map<string, StorySummary>();
    for (const id of j.outcome?.stories.slice(0, 50) ?? []) {
      const s = await store.getStorySummary(id);
      if (s) stories.set(id, s);
    }
    return html(
      reply,
      page({ title: running ? 'Processing upload' : 'Upload processed', kind: 'job', nav: 'add', body: jobBody(j, stories), head: running ? '<meta http-equiv="refresh" content="1">' : '' }),
    );
  });

  app.get('/api/openapi.json', async () => OPENAPI);

  return {
    fastify: app,
    briefer,
    searcher,
    uploads,
    async close() {
      await app.close();
      await searcher?.close();
      await uploads.drain();
      await reader.close();
      await briefer.close();
    },
  };
}
