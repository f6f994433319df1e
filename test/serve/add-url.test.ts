/**
 * "Add by URL" on the Add news page: an article page or a feed, fetched with the
 * project's fetcher and its limits (private and loopback addresses refused for URLs
 * from the web form), then grouped like an upload. Real HTTP, a real store; the
 * "public" site is a local server reached through the fetcher's DNS and fetch hooks.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { Fetcher } from '../../src/fetch/http.js';
import type { RunningServer } from '../../src/serve/index.js';
import type { UploadJob } from '../../src/serve/uploads.js';
import { harbourArticle, multipart, request, serve, tempStore, type TempStore } from './helpers.js';

const PAGE = (n: number) =>
  `<!doctype html><html><head><title>Harbour ${n}</title><meta property="og:site_name" content="Port Gazette"><meta property="article:published_time" content="2024-03-0${n}T10:00:00Z"></head>` +
  `<body><article><h1>Rotterdam harbour expands, part ${n}</h1>${harbourArticle(n).split('\n\n').map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;
const FEED = (base: string) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>Port Gazette</title><link>${base}</link>` +
  [3, 4].map((n) => `<item><title>Rotterdam harbour expands, part ${n}</title><link>${base}/page-${n}.html</link><pubDate>Tue, 0${n} Mar 2024 10:00:00 GMT</pubDate><description>Short.</description></item>`).join('') +
  '</channel></rss>';

let site: Server;
let siteUrl: string;
let ts: TempStore;
let server: RunningServer;
let guarded: TempStore;
let guardedServer: RunningServer;

function listen(s: Server): Promise<string> {
  return new Promise((r) => s.listen(0, '127.0.0.1', () => r(`http://127.0.0.1:${(s.address() as AddressInfo).port}`)));
}

beforeAll(async () => {
  site = createServer((req, res) => {
    const path = req.url ?? '/';
    if (path === '/feed.xml') return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(FEED('http://news.example'));
    const m = /^\/page-(\d)\.html$/.exec(path);
    if (m) return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE(Number(m[1])));
    res.writeHead(404).end('not found');
  });
  siteUrl = await listen(site);
  // "news.example" resolves to a public address; requests to it are served by the local site.
  const fetchImpl: typeof fetch = (input, init) => fetch(String(input instanceof Request ? input.url : input).replace('http://news.example', siteUrl), init);
  const fetcher = new Fetcher({ blockPrivateAddresses: true, lookup: async () => ['93.184.216.34'], fetchImpl, retries: 0 });
  ts = tempStore();
  server = await serve(ts.store, { fetcher, worker: false });
  guarded = tempStore();
  guardedServer = await serve(guarded.store, { worker: false });
});

afterAll(async () => {
  await server?.close();
  await guardedServer?.close();
  await ts?.cleanup();
  await guarded?.cleanup();
  await new Promise((r) => site.close(r));
});

async function addUrl(base: string, source: string) {
  const { body, type } = multipart([{ name: 'source', value: source }]);
  return request(base, 'POST', '/add/url', { body, headers: { 'content-type': type, accept: 'text/html' } });
}

async function finished(base: string, location: string): Promise<UploadJob> {
  const id = location.split('/').pop() as string;
  for (let i = 0; i < 200; i++) {
    const j = (await request(base, 'GET', `/api/jobs/${id}`)).json<UploadJob>();
    if (j.state === 'done' || j.state === 'failed') return j;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the job did not finish');
}

describe('the Add news page', () => {
  it('has one file picker, and a form to add by URL', async () => {
    const r = await request(server.url, 'GET', '/add');
    const { document } = parseHTML(r.text);
    expect(document.querySelectorAll('input[type=file]').length).toBe(1);
    // The picker is the labelled drop box (the native button is hidden, still focusable).
    expect(document.querySelector('label.drop input[type=file]')).not.toBeNull();
    expect(document.querySelector('form[action="/add/url"] input[type=url][name=source]')).not.toBeNull();
  });
});

describe('POST /add/url', () => {
  it('adds an article page: fetched, stored with its URL, grouped', async () => {
    const r = await addUrl(server.url, 'http://news.example/page-1.html');
    expect(r.status).toBe(303);
    const j = await finished(server.url, String(r.headers.location));
    expect(j.state).toBe('done');
    expect(j.outcome?.added.map((a) => a.title)).toEqual(['Rotterdam harbour expands, part 1']);
    const stored = await ts.store.getArticle(j.outcome?.added[0]?.id as string);
    expect(stored?.url).toBe('http://news.example/page-1.html');
    expect(stored?.outlet).toBe('Port Gazette');
  });

  it('shows the new story on the list at once, though list pages are reused for a moment', async () => {
    const before = await request(server.url, 'GET', '/');
    const again = await request(server.url, 'GET', '/');
    expect(again.text).toBe(before.text);
    const articles = (html: string) => Number(/from ([\d,]+) articles?/.exec(html)?.[1]?.replace(/,/g, ''));
    const r = await addUrl(server.url, 'http://news.example/page-5.html');
    expect((await finished(server.url, String(r.headers.location))).state).toBe('done');
    expect(articles((await request(server.url, 'GET', '/')).text)).toBe(articles(before.text) + 1);
  });

  it('adds a feed: each item read from its page', async () => {
    const r = await addUrl(server.url, 'http://news.example/feed.xml');
    expect(r.status).toBe(303);
    const j = await finished(server.url, String(r.headers.location));
    expect(j.outcome?.added.map((a) => a.title).sort()).toEqual(['Rotterdam harbour expands, part 3', 'Rotterdam harbour expands, part 4']);
  });

  it.each([
    ['a loopback address', (): string => `${siteUrl}/page-2.html`, 422, /private|loopback|not public|refused/i],
    ['a private network address', (): string => 'http://192.168.1.10/page-2.html', 422, /private|not public|refused/i],
    ['a scheme other than http(s)', (): string => 'file:///etc/passwd', 422, /unsupported scheme/i],
    ['no URL', (): string => '', 400, /no URL/],
  ] as const)('refuses %s with the reason on the page, storing nothing', async (_what, url, status, reason) => {
    const before = (await guarded.store.stats()).articles;
    const r = await addUrl(guardedServer.url, url());
    expect(r.status).toBe(status);
    const { document } = parseHTML(r.text);
    expect(document.querySelector('.url-form .form-error')?.textContent).toMatch(reason);
    expect((await guarded.store.stats()).articles).toBe(before);
  });
});
