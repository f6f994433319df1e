/** A local HTTP server (127.0.0.1, random port) serving fixture feeds and pages for fetch tests. */
import { createServer, type IncomingMessage, type ServerResponse, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { syntheticText } from '../store/synthetic.js';

export interface FixtureServer {
  url: string;
  /** Requests seen, by path. */
  hits: Map<string, number>;
  /** Headers of the last request to each path. */
  headers: Map<string, IncomingMessage['headers']>;
  maxConcurrent: number;
  /** Items in /feed.xml (tests append to simulate new stories). */
  items: number[];
  close(): Promise<void>;
}

export function page(n: number): string {
  const paras = syntheticText(n % 6, n)
    .split(/(?<=\.)\s+/)
    .map((s) => `<p>${s}</p>`)
    .join('\n');
  return `<!doctype html><html><head><title>Story ${n} | Fixture News</title>
<meta property="og:site_name" content="Fixture News"><meta property="article:published_time" content="2024-05-1${n % 10}T08:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Story ${n}</h1>${paras}</article><footer>© Fixture News</footer></body></html>`;
}

function rss(base: string, items: number[]): string {
  const entries = items
    .map(
      (n) => `<item><title>Story ${n}</title><link>${base}/a/${n}.html</link><guid>${base}/a/${n}.html</guid>
<pubDate>Mon, 1${n % 10} May 2024 08:00:00 GMT</pubDate><description>Short summary of story ${n}.</description></item>`,
    )
    .join('\n');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Fixture News</title><link>${base}/</link>${entries}</channel></rss>`;
}

function atom(base: string): string {
  return `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Fixture</title><id>urn:fixture</id>
<entry><title>Story 40</title><id>urn:fixture:40</id><link href="${base}/a/40.html"/><updated>2024-06-02T10:00:00Z</updated>
<content type="html">${escapeXml(`<p>${syntheticText(4, 40)}</p>`)}</content></entry></feed>`;
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export async function startServer(): Promise<FixtureServer> {
  const hits = new Map<string, number>();
  const headers = new Map<string, IncomingMessage['headers']>();
  let active = 0;
  const state: FixtureServer = {
    url: '',
    hits,
    headers,
    maxConcurrent: 0,
    items: [1, 2, 3],
    close: async () => undefined,
  };
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0] as string;
    const n = (hits.get(path) ?? 0) + 1;
    hits.set(path, n);
    headers.set(path, req.headers);
    const base = state.url;
    const etag = `"items-${state.items.join('-')}"`;
    if (path === '/feed.xml') {
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, { etag });
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag, 'last-modified': 'Mon, 13 May 2024 08:00:00 GMT' });
      res.end(rss(base, state.items));
      return;
    }
    if (path === '/atom.xml') {
      res.writeHead(200, { 'content-type': 'application/atom+xml' });
      res.end(atom(base));
      return;
    }
    if (path === '/broken.xml') {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end('<rss><channel><item><title>unclosed');
      return;
    }
    let m = /^\/a\/(\d+)\.html$/.exec(path);
    if (m) {
      if (m[1] === '3') {
        res.writeHead(500);
        res.end('server error');
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page(Number(m[1])));
      return;
    }
    m = /^\/redirect\/(\d+)$/.exec(path);
    if (m) {
      const k = Number(m[1]);
      res.writeHead(302, { location: k > 0 ? `/redirect/${k - 1}` : '/a/1.html' });
      res.end();
      return;
    }
    if (path === '/loop') {
      res.writeHead(301, { location: '/loop' });
      res.end();
      return;
    }
    if (path === '/big') {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(2 * 1024 * 1024) });
      res.end(Buffer.alloc(2 * 1024 * 1024, 0x61));
      return;
    }
    if (path === '/big-chunked') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      for (let i = 0; i < 32; i++) res.write(Buffer.alloc(64 * 1024, 0x61));
      res.end();
      return;
    }
    if (path === '/slow') {
      await new Promise((r) => setTimeout(r, 1500));
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('late');
      return;
    }
    if (path === '/flaky') {
      if (n <= 2) {
        res.writeHead(503);
        res.end('try later');
        return;
      }
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('finally');
      return;
    }
    if (path === '/retry-after') {
      if (n === 1) {
        res.writeHead(429, { 'retry-after': '1' });
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('ok');
      return;
    }
    if (path.startsWith('/concurrent/')) {
      active++;
      state.maxConcurrent = Math.max(state.maxConcurrent, active);
      await new Promise((r) => setTimeout(r, 80));
      active--;
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('ok');
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  };
  const server: Server = createServer((req, res) => {
    void handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  state.url = `http://127.0.0.1:${port}`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}
