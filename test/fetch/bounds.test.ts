/**
 * Feeds without bounds (issue 14, item 24), against a hostile server on 127.0.0.1:
 * pages that trickle one byte at a time, a feed of hundreds of items, feeds served
 * with a Content-Type their content contradicts. Every request has a total deadline,
 * item pages are capped per feed and per round, a round has a time budget, and the
 * content decides the format.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Fetcher } from '../../src/fetch/http.js';
import { readUrl } from '../../src/fetch/sources.js';
import { openStore } from '../../src/store/index.js';
import { ingestIntoStore } from '../../src/store/ingest.js';
import { syntheticText } from '../store/synthetic.js';

let server: Server;
let base = '';
const hits = new Map<string, number>();
const open = new Set<import('node:http').ServerResponse>();

function rss(items: Array<{ n: number; link: string }>): string {
  const entries = items
    .map(({ n, link }) => `<item><title>Item ${n}</title><link>${link}</link><guid>${link}</guid><description>${syntheticText(n % 6, n)}</description></item>`)
    .join('\n');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Hostile</title>${entries}</channel></rss>`;
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    hits.set(path.replace(/\d+/g, 'N'), (hits.get(path.replace(/\d+/g, 'N')) ?? 0) + 1);
    if (path.startsWith('/trickle/')) {
      // One byte every 100 ms, never ending: only a total deadline stops it.
      open.add(res);
      res.writeHead(200, { 'content-type': 'text/html' });
      const t = setInterval(() => res.write('a'), 100);
      res.on('close', () => {
        clearInterval(t);
        open.delete(res);
      });
      return;
    }
    if (path.startsWith('/p/')) {
      const n = Number(path.replace(/\D/g, ''));
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<html><head><title>Page ${n}</title></head><body><article><p>${syntheticText(n % 6, n + 1000)}</p></article></body></html>`);
      return;
    }
    const many = (count: number, link: (n: number) => string) => rss(Array.from({ length: count }, (_, i) => ({ n: i + 1, link: link(i + 1) })));
    if (path === '/big.xml') return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(many(200, (n) => `${base}/p/${n}.html`));
    if (path === '/slow.xml') return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(many(20, (n) => `${base}/trickle/${n}.html`));
    if (path === '/fast.xml') return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(many(3, (n) => `${base}/p/${n + 500}.html`));
    if (path === '/as-html.xml') return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(many(2, (n) => `${base}/p/${n + 600}.html`));
    if (path === '/as-json') return void res.writeHead(200, { 'content-type': 'application/json' }).end(many(2, (n) => `${base}/p/${n + 700}.html`));
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const r of open) r.destroy();
  await new Promise<void>((r) => server.close(() => r()));
});

describe('a total deadline per request', () => {
  it('a page trickling bytes ends at the deadline, retries included', async () => {
    const f = new Fetcher({ timeoutMs: 10_000, deadlineMs: 1200, retries: 3, backoffMs: 50 });
    const t = performance.now();
    await expect(f.get(`${base}/trickle/1.html`)).rejects.toThrow(/deadline|timed out/);
    // Before: each attempt ran its 10 s timeout and was retried 3 times (40 s and more).
    expect(performance.now() - t).toBeLessThan(3000);
  });
});

describe('item pages are capped', () => {
  it('per feed: a feed of 200 items fetches 10 pages, keeps the feed text of the rest, and says so', async () => {
    hits.clear();
    const r = await readUrl(`${base}/big.xml`, new Fetcher({ perHost: 8 }), { maxItemPages: 10 });
    expect(r.kind).toBe('feed');
    expect(hits.get('/p/N.html')).toBe(10);
    expect(r.articles).toHaveLength(200);
    const capped = r.diagnostics.find((d) => d.code === 'FEED_PAGES_CAPPED');
    expect(capped?.message).toContain('190 item page(s) not fetched (over the cap of 10 per feed)');
  }, 30_000);

  it('per round: feeds share one cap', async () => {
    hits.clear();
    const dir = mkdtempSync(join(tmpdir(), 'crossread-caps-'));
    const store = await openStore(join(dir, 's.db'));
    try {
      const s = await ingestIntoStore(store, [`${base}/big.xml`, `${base}/fast.xml`], { fetcher: new Fetcher({ perHost: 8 }), maxItemPages: 100, maxItemPagesPerRound: 12 });
      expect(hits.get('/p/N.html')).toBe(12);
      expect(s.diagnostics.some((d) => d.code === 'FEED_PAGES_CAPPED' && /per round/.test(d.message))).toBe(true);
      expect(s.added.length).toBeGreaterThan(100);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('a round has a time budget', () => {
  it('twenty trickling item pages hold neither the round past its budget nor the other feed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crossread-budget-'));
    const store = await openStore(join(dir, 's.db'));
    try {
      const t = performance.now();
      const s = await ingestIntoStore(store, [`${base}/slow.xml`, `${base}/fast.xml`], {
        fetcher: new Fetcher({ timeoutMs: 30_000, perHost: 2, retries: 2 }),
        budgetMs: 2000,
      });
      // Before: 20 pages × (30 s × 3 attempts) / 2 at a time.
      expect(performance.now() - t).toBeLessThan(8000);
      // Every item is stored (or found stored already): the fast feed's pages, the slow feed's own texts.
      expect(s.added.length + s.skipped.length).toBe(23);
      expect(s.diagnostics.filter((d) => d.code === 'FETCH_FAILED' && d.source?.includes('/trickle/')).length).toBe(20);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});

describe('the content wins over a contradicting Content-Type', () => {
  it.each(['/as-html.xml', '/as-json'])('RSS served from %s is read as a feed', async (path) => {
    const r = await readUrl(`${base}${path}`, new Fetcher(), { followLinks: false });
    expect(r.kind).toBe('feed');
    expect(r.articles).toHaveLength(2);
  });
});

describe('the caps from the command line', () => {
  it('ingest --max-pages-per-feed and --max-pages cap the pages fetched, and say so', async () => {
    const { execFile } = await import('node:child_process');
    const { REPO } = await import('../helpers/shared.js');
    const dir = mkdtempSync(join(tmpdir(), 'crossread-caps-cli-'));
    const run = (args: string[]) =>
      new Promise<{ code: number; stderr: string }>((resolve) => {
        execFile(process.execPath, [`${REPO}bin/crossread.js`, 'ingest', ...args, '--db', join(dir, 's.db')], { env: { ...process.env, NO_COLOR: '1' } }, (err, _out, stderr) =>
          resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stderr }),
        );
      });
    try {
      hits.clear();
      const a = await run([`${base}/big.xml`, '--max-pages-per-feed', '4']);
      expect(hits.get('/p/N.html')).toBe(4);
      expect(a.stderr).toContain('over the cap of 4 per feed');
      hits.clear();
      const b = await run([`${base}/fast.xml`, `${base}/as-html.xml`, '--max-pages', '2']);
      expect(hits.get('/p/N.html')).toBe(2);
      expect(b.stderr).toMatch(/per round|per run/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
