/**
 * The JSON API and the request checks, over real HTTP against a server on 127.0.0.1
 * with a real SQLite store in a temporary folder.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Briefing } from '../../src/briefing.js';
import { briefArticles } from '../../src/brief.js';
import type { Page, StoredArticle } from '../../src/store/store.js';
import type { RunningServer } from '../../src/serve/index.js';
import type { UploadJob } from '../../src/serve/uploads.js';
import type { Article } from '../../src/types.js';
import { exampleArticles, harbourArticle, multipart, request, serve, tempStore, type TempStore } from './helpers.js';

type ListItem = { id: string; headline: string; articleCount: number; disagreements: number | null; url: string };
type ErrorBody = { error: { code: string; message: string } };

let ts: TempStore;
let server: RunningServer;
let examples: Article[];
let storyId: string;
const get = (path: string, headers: Record<string, string> = {}) => request(server.url, 'GET', path, { headers });
const post = (path: string, body: string | Buffer, type: string, headers: Record<string, string> = {}) =>
  request(server.url, 'POST', path, { body, headers: { 'content-type': type, ...headers } });

beforeAll(async () => {
  ts = tempStore();
  examples = await exampleArticles();
  const added = await ts.store.addArticles(examples);
  storyId = added.added[0]?.storyId as string;
  server = await serve(ts.store);
});

afterAll(async () => {
  await server?.close();
  await ts?.cleanup();
});

describe('GET /api/stories', () => {
  it('lists stored stories with counts, outlets and links', async () => {
    const r = await get('/api/stories');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/application\/json/);
    const page = r.json<Page<ListItem>>();
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({ id: storyId, articleCount: 5, url: `/stories/${storyId}` });
  });

  it('searches with FTS5 and filters by date and outlet', async () => {
    const hit = (await get('/api/stories?q=Gerasimov')).json<Page<ListItem>>();
    expect(hit.total).toBe(1);
    const miss = (await get('/api/stories?q=volcano')).json<Page<ListItem>>();
    expect(miss.total).toBe(0);
    // FTS operators in user input are quoted, never a syntax error.
    expect((await get(`/api/stories?q=${encodeURIComponent('"NEAR( OR * -')}`)).status).toBe(200);
    expect((await get('/api/stories?since=2017-12-01&until=2017-12-31')).json<Page<ListItem>>().total).toBe(1);
    // Undated articles count by the day they were stored, so only `until` can exclude this story.
    expect((await get('/api/stories?until=2017-01-01')).json<Page<ListItem>>().total).toBe(0);
    expect((await get('/api/stories?outlet=ap')).json<Page<ListItem>>().total).toBe(1);
    expect((await get('/api/stories?outlet=Reuters')).json<Page<ListItem>>().total).toBe(0);
  });

  it('paginates', async () => {
    const p = (await get('/api/stories?limit=1&offset=1')).json<Page<ListItem>>();
    expect(p).toMatchObject({ total: 1, limit: 1, offset: 1, items: [] });
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=5000', 'limit'],
    ['offset=-1', 'offset'],
    ['since=yesterday', 'since'],
    ['sort=random', 'sort'],
  ])('rejects %s with 400 naming the parameter', async (qs, name) => {
    const r = await get(`/api/stories?${qs}`);
    expect(r.status).toBe(400);
    const e = r.json<ErrorBody>();
    expect(e.error.code).toBe('BAD_REQUEST');
    expect(e.error.message).toContain(name);
  });

  it('reports disagreement counts once a story has been analysed', async () => {
    await get(`/api/stories/${storyId}`);
    const item = (await get('/api/stories')).json<Page<ListItem>>().items[0] as ListItem;
    const b = (await get(`/api/stories/${storyId}`)).json<Briefing>();
    expect(item.disagreements).toBe(b.stories[0]?.disagreements.filter((d) => (d.status ?? 'conflict') === 'conflict').length);
  });
});

describe('GET /api/stories/:id', () => {
  it('is the brief JSON: the same briefing the one-shot brief gives for the same articles', async () => {
    const r = await get(`/api/stories/${storyId}`);
    expect(r.status).toBe(200);
    const served = r.json<Briefing>();
    const oneShot = briefArticles(examples);
    expect(oneShot.stories).toHaveLength(1);
    const a = served.stories[0];
    const b = oneShot.stories[0];
    expect(a?.id).toBe(storyId);
    expect({ ...a, id: 'x' }).toEqual({ ...b, id: 'x' });
    expect(served.articles.map((x) => ({ ...x, storyId: null }))).toEqual(oneShot.articles.map((x) => ({ ...x, storyId: null })));
    expect(served.schemaVersion).toBe(oneShot.schemaVersion);
    expect(served.options).toEqual(oneShot.options);
  });

  it('answers 404 with a message naming the id', async () => {
    const r = await get('/api/stories/s-nope');
    expect(r.status).toBe(404);
    expect(r.json<ErrorBody>().error).toEqual({ code: 'STORY_NOT_FOUND', message: 'no story with id "s-nope"' });
  });
});

describe('story pages', () => {
  it('answer "being briefed" (202, self-refreshing) when a first briefing takes long, then the briefing', async () => {
    const slow = await serve(ts.store, { pendingAfterMs: 0, keepBriefings: false });
    try {
      const first = await request(slow.url, 'GET', `/stories/${storyId}`);
      expect(first.status).toBe(202);
      expect(first.text).toContain('Briefing this story');
      expect(first.text).toContain('<meta http-equiv="refresh" content="2">');
      expect(first.text).toContain(examples[1]?.title as string);
      let r = first;
      for (let i = 0; i < 300 && r.status === 202; i++) {
        await new Promise((res) => setTimeout(res, 50));
        r = await request(slow.url, 'GET', `/stories/${storyId}`);
      }
      expect(r.status).toBe(200);
      expect(r.text).toContain('What happened');
    } finally {
      await slow.close();
    }
  });

  it('answer 404 for an unknown story, and show every section with ?full=1', async () => {
    expect((await get('/stories/s-unknown')).status).toBe(404);
    const full = await get(`/stories/${storyId}?full=1`);
    expect(full.status).toBe(200);
    expect(full.text).not.toContain('Show everything');
  });
});

describe('GET /api/articles/:id', () => {
  it('returns raw and cleaned text, metadata, evidence and removals', async () => {
    const id = examples[2]?.id as string;
    const a = (await get(`/api/articles/${encodeURIComponent(id)}`)).json<StoredArticle>();
    expect(a.id).toBe(id);
    expect(a.storyId).toBe(storyId);
    expect(a.text).toBe(examples[2]?.text);
    expect(a.rawText).toBe(examples[2]?.rawText);
    expect(a.publishedEvidence).toBe(examples[2]?.publishedEvidence);
    expect(a.removed).toEqual(examples[2]?.removed);
  });

  it('answers 404 for an unknown article', async () => {
    const r = await get('/api/articles/nope');
    expect(r.status).toBe(404);
    expect(r.json<ErrorBody>().error.code).toBe('ARTICLE_NOT_FOUND');
  });
});

describe('POST /api/articles', () => {
  it('adds JSON records and answers 201 with the stories they joined', async () => {
    const rec = { id: 'harbour-1', title: 'Rotterdam port traffic rises', outlet: 'Harbour Times', published: '2024-10-01', text: harbourArticle(1) };
    const r = await post('/api/articles', JSON.stringify(rec), 'application/json');
    expect(r.status).toBe(201);
    const job = r.json<UploadJob>();
    expect(job.state).toBe('done');
    expect(job.outcome?.added.map((a) => a.id)).toEqual(['harbour-1']);
    const sid = job.outcome?.added[0]?.storyId as string;
    expect(job.outcome?.stories).toEqual([sid]);
    const b = (await get(`/api/stories/${sid}`)).json<Briefing>();
    expect(b.articles.map((a) => a.outlet)).toEqual(['Harbour Times']);
    // The same article again: nothing new, 200, reported as already stored.
    const again = await post('/api/articles', JSON.stringify(rec), 'application/json');
    expect(again.status).toBe(200);
    expect(again.json<UploadJob>().outcome?.skipped).toMatchObject([{ reason: 'same-content', existingId: 'harbour-1' }]);
  });

  it('reads one raw document by its content type, named by ?name=', async () => {
    const html = `<!doctype html><html><head><title>Harbour berths approved</title></head><body><article><h1>Harbour berths approved</h1><p>${harbourArticle(7).replace(/\n\n/g, '</p><p>')}</p></article></body></html>`;
    const r = await post('/api/articles?name=berths.html', html, 'text/html; charset=utf-8');
    expect(r.status).toBe(201);
    const added = r.json<UploadJob>().outcome?.added[0];
    expect(added?.id).toBe('berths');
    const a = (await get('/api/articles/berths')).json<StoredArticle>();
    expect(a.format).toBe('html');
    expect(a.text).not.toContain('<p>');
  });

  it('takes multipart files and pasted text', async () => {
    const m = multipart([
      { name: 'files', filename: 'cranes.txt', type: 'text/plain', value: `Cranes at Rotterdam\n\n${harbourArticle(11)}` },
      { name: 'title', value: 'Union warns over automated cranes' },
      { name: 'outlet', value: 'Dock Weekly' },
      { name: 'text', value: harbourArticle(12).replace('Rotterdam', 'the Dutch port city') },
    ]);
    const r = await post('/api/articles', m.body, m.type);
    expect(r.status).toBe(201);
    const ids = r.json<UploadJob>().outcome?.added.map((a) => a.id).sort();
    expect(ids).toEqual(['cranes', 'union-warns-over-automated-cranes']);
  });

  it('answers 202 with a job when asked to run in the background, and the job reports progress to the end', async () => {
    const recs = Array.from({ length: 6 }, (_, i) => ({ id: `bulk-${i}`, text: harbourArticle(20 + i).replace('Tuesday', ['Monday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'][i] as string) }));
    const r = await post('/api/articles?async=1', JSON.stringify(recs), 'application/json');
    expect(r.status).toBe(202);
    const job = r.json<UploadJob & { statusUrl: string }>();
    expect(r.headers.location).toBe(`/api/jobs/${job.id}`);
    let j = job;
    for (let i = 0; i < 200 && j.state !== 'done' && j.state !== 'failed'; i++) {
      await new Promise((res) => setTimeout(res, 25));
      j = (await get(job.statusUrl)).json<UploadJob & { statusUrl: string }>();
    }
    expect(j.state).toBe('done');
    expect(j.done).toBe(j.total);
    expect(j.outcome?.read).toBe(6);
    expect((await get(`/uploads/${job.id}`)).text).toContain('Upload processed');
  });

  it('answers 422 when no article could be read, with the reasons', async () => {
    const r = await post('/api/articles', JSON.stringify({ text: 'Too short to summarise.' }), 'application/json');
    expect(r.status).toBe(422);
    const d = r.json<UploadJob>().outcome?.diagnostics ?? [];
    expect(d.map((x) => x.code)).toContain('TOO_SHORT');
  });

  const emptyForm = () => multipart([{ name: 'title', value: 'only a title' }]);
  it.each([
    ['malformed JSON', () => ({ body: '{"text": "unterminated', type: 'application/json' }), 400, 'BAD_REQUEST', /malformed JSON/],
    ['an empty JSON body', () => ({ body: '', type: 'application/json' }), 400, 'BAD_REQUEST', /JSON/],
    ['an unsupported content type', () => ({ body: 'x', type: 'image/png' }), 415, 'UNSUPPORTED_MEDIA_TYPE', /image\/png/],
    ['a form with no file and no text', emptyForm, 400, 'BAD_REQUEST', /no files were chosen/],
  ])('rejects %s', async (_what, make, status, code, msg) => {
    const { body, type } = make();
    const r = await post('/api/articles', body, type);
    expect(r.status).toBe(status);
    const e = r.json<ErrorBody>();
    expect(e.error.code).toBe(code);
    expect(e.error.message).toMatch(msg);
  });

  it('answers 404 for unknown jobs and routes', async () => {
    expect((await get('/api/jobs/nope')).json<ErrorBody>().error.code).toBe('JOB_NOT_FOUND');
    const r = await get('/api/nothing-here');
    expect(r.status).toBe(404);
    expect(r.json<ErrorBody>().error).toEqual({ code: 'ROUTE_NOT_FOUND', message: 'GET /api/nothing-here: no such page or API route' });
  });
});

describe('request checks', () => {
  it.each([
    ['evil.example', 403],
    ['evil.example:4317', 403],
    ['127.0.0.1.nip.io', 403],
    ['localhost', 200],
    ['127.0.0.1', 200],
    ['[::1]:4317', 200],
    ['app.localhost', 200],
  ])('Host %s → %i (DNS rebinding)', async (host, status) => {
    const r = await get('/api/stories', { host });
    expect(r.status).toBe(status);
    if (status === 403) expect(r.json<ErrorBody>().error.code).toBe('HOST_NOT_ALLOWED');
  });

  it('accepts names given with allowedHosts', async () => {
    const other = await serve(ts.store, { allowedHosts: ['news.internal'] });
    try {
      expect((await request(other.url, 'GET', '/api/stories', { headers: { host: 'news.internal:8080' } })).status).toBe(200);
      expect((await request(other.url, 'GET', '/api/stories', { headers: { host: 'other.internal' } })).status).toBe(403);
    } finally {
      await other.close();
    }
  });

  it('refuses state-changing requests from other origins, accepts same-origin and non-browser ones', async () => {
    const body = JSON.stringify({ id: 'origin-check', text: harbourArticle(40) });
    const host = new URL(server.url).host;
    const cross = await post('/api/articles', body, 'application/json', { origin: 'http://evil.example' });
    expect(cross.status).toBe(403);
    expect(cross.json<ErrorBody>().error).toMatchObject({ code: 'CROSS_ORIGIN' });
    expect(cross.json<ErrorBody>().error.message).toContain('http://evil.example');
    // Another port on the same machine is another origin.
    expect((await post('/api/articles', body, 'application/json', { origin: 'http://127.0.0.1:1' })).status).toBe(403);
    expect((await post('/api/articles', body, 'application/json', { origin: 'null' })).status).toBe(403);
    expect((await post('/api/articles', body, 'application/json', { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    const form = multipart([{ name: 'text', value: harbourArticle(41) }]);
    expect((await post('/add', form.body, form.type, { origin: 'http://evil.example', accept: 'text/html' })).status).toBe(403);
    const same = await post('/api/articles', body, 'application/json', { origin: `http://${host}`, 'sec-fetch-site': 'same-origin' });
    expect(same.status).toBe(201);
  });

  it('sends a Content-Security-Policy without inline scripts, and the other security headers', async () => {
    for (const path of ['/', `/stories/${storyId}`, '/api/stories', '/nope']) {
      const r = await get(path);
      const csp = String(r.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("default-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['x-frame-options']).toBe('DENY');
    }
  });

  it.each([
    '/static/../package.json',
    '/static/..%2f..%2fpackage.json',
    '/static/%2e%2e%2fsrc%2fserve%2fapp.ts',
    '/static/app.css%00.js',
    '/static/__proto__',
    '/static/constructor',
    '/static//etc/passwd',
  ])('serves no file outside the asset table: %s', async (path) => {
    const r = await get(path);
    expect([400, 404]).toContain(r.status);
    expect(r.text).not.toContain('"name": "crossread"');
    expect(r.text).not.toContain('root:');
  });

  it('serves the assets with their types and long caching when versioned', async () => {
    const css = await get('/static/app.css?v=x');
    expect(css.status).toBe(200);
    expect(css.headers['content-type']).toMatch(/text\/css/);
    const page = (await get('/')).text;
    const jsUrl = /src="(\/static\/app\.js\?v=[0-9a-f]+)"/.exec(page)?.[1] as string;
    const js = await get(jsUrl);
    expect(js.headers['content-type']).toMatch(/javascript/);
    expect(js.headers['cache-control']).toContain('immutable');
  });
});

describe('body size limits', () => {
  let small: RunningServer;
  let ts2: TempStore;
  beforeAll(async () => {
    ts2 = tempStore();
    small = await serve(ts2.store, { maxBytes: 4_000, maxUploadBytes: 12_000 });
  });
  afterAll(async () => {
    await small?.close();
    await ts2?.cleanup();
  });
  const p = (path: string, body: Buffer | string, type: string) => request(small.url, 'POST', path, { body, headers: { 'content-type': type } });

  it('answers 413 for a JSON body over the upload limit', async () => {
    const r = await p('/api/articles', JSON.stringify({ text: 'word '.repeat(5_000) }), 'application/json');
    expect(r.status).toBe(413);
    expect(r.json<ErrorBody>().error).toMatchObject({ code: 'REQUEST_TOO_LARGE' });
    expect(r.json<ErrorBody>().error.message).toContain('11.7 KiB');
  });

  it('answers 413 naming the file when one uploaded file is over the per-file limit', async () => {
    const m = multipart([{ name: 'files', filename: 'big.txt', type: 'text/plain', value: 'word '.repeat(1_000) }]);
    const r = await p('/api/articles', m.body, m.type);
    expect(r.status).toBe(413);
    expect(r.json<ErrorBody>().error.message).toBe('file "big.txt": over the 3.9 KiB limit');
  });

  it('answers 413 when the files together are over the upload limit', async () => {
    const parts = Array.from({ length: 4 }, (_, i) => ({ name: 'files', filename: `f${i}.txt`, type: 'text/plain', value: 'word '.repeat(700) }));
    const m = multipart(parts);
    const r = await p('/api/articles', m.body, m.type);
    expect(r.status).toBe(413);
    expect(r.json<ErrorBody>().error.message).toContain('the upload');
  });
});
