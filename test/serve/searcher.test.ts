/** Filtered story lists answered by the search worker (src/serve/searcher.ts), off the event loop. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, StorySummary } from '../../src/store/store.js';
import type { RunningServer } from '../../src/serve/index.js';
import { Searcher } from '../../src/serve/searcher.js';
import { articleFromRecord } from '../../src/ingest/index.js';
import { exampleArticles, harbourArticle, request, serve, tempStore, type TempStore } from './helpers.js';

async function until(cond: () => boolean, what: string, ms = 20_000): Promise<void> {
  for (const t0 = Date.now(); !cond(); ) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

let ts: TempStore;
let server: RunningServer;
const get = (path: string) => request(server.url, 'GET', path);

beforeAll(async () => {
  ts = tempStore();
  await ts.store.addArticles(await exampleArticles());
  server = await serve(ts.store);
  const searcher = server.app.searcher;
  if (!searcher) throw new Error('a server on a SQLite file has no search worker');
  expect(searcher.running).toBe(false); // started by the first filtered list, not before
  expect((await get('/api/stories?q=Gerasimov')).json<Page<StorySummary>>().total).toBe(1); // answered in the main thread meanwhile
  await until(() => searcher.running, 'the search worker to start');
});

afterAll(async () => {
  await server?.close();
  await ts?.cleanup();
});

describe('the search worker', () => {
  it('answers searches and filters with what the store answers in the main thread', async () => {
    const searcher = server.app.searcher as Searcher;
    const before = searcher.stats.answered;
    for (const q of ['q=Gerasimov', 'q=volcano', 'outlet=ap', 'since=2017-12-01&until=2017-12-31', `q=${encodeURIComponent('"NEAR( OR * -')}`]) {
      const r = await get(`/api/stories?${q}`);
      expect(r.status).toBe(200);
      const page = r.json<Page<StorySummary>>();
      const query = Object.fromEntries(new URLSearchParams(q));
      const direct = await ts.store.listStories({ ...query, limit: 50, offset: 0 });
      expect({ ...page, items: page.items.map((s) => s.id) }).toEqual({ ...direct, items: direct.items.map((s) => s.id) });
    }
    expect(searcher.stats.answered).toBe(before + 5);
    // The search page itself (rendered from the worker's answer).
    const html = await get('/?q=Gerasimov');
    expect(html.status).toBe(200);
    expect(html.text).toContain('1 story match');
    expect(searcher.stats.answered).toBe(before + 6);
    expect(searcher.stats.fellBack).toBe(1); // the first search, while the worker started
  });

  it('sees what was written through another handle once it is committed', async () => {
    expect((await get('/api/stories?q=harbour')).json<Page<StorySummary>>().total).toBe(0);
    const { article } = articleFromRecord({ id: 'harbour-1', text: harbourArticle() }, 'harbour-1');
    if (!article) throw new Error('the harbour article was not read');
    await ts.store.addArticles([article]);
    expect((await get('/api/stories?q=harbour')).json<Page<StorySummary>>().total).toBe(1);
  });

  it('is not started when turned off (or when the server runs no worker threads), and the main thread answers', async () => {
    for (const opts of [{ searchWorker: false }, { worker: false }]) {
      const other = await serve(ts.store, opts);
      try {
        expect(other.app.searcher).toBeNull();
        expect((await request(other.url, 'GET', '/api/stories?q=Gerasimov')).json<Page<StorySummary>>().total).toBe(1);
      } finally {
        await other.close();
      }
    }
  });

  it('answers null (the caller asks the store) when the worker cannot open the database, and says so once', async () => {
    const warnings: string[] = [];
    const s = new Searcher(`${ts.dir}/no-such.db`, (m) => warnings.push(m));
    try {
      expect(await s.listStories({ q: 'Gerasimov' })).toBeNull(); // starting
      await until(() => warnings.length > 0, 'the warning');
      expect(warnings[0]).toMatch(/^cannot start the search worker \(.*no-such\.db.*\); searching in the main thread from now on$/);
      expect(await s.listStories({ q: 'Gerasimov' })).toBeNull();
      expect(s.running).toBe(false);
      expect(warnings).toHaveLength(1);
    } finally {
      await s.close();
    }
  });
});
