import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Fetcher } from '../../src/fetch/http.js';
import { readUrl } from '../../src/fetch/sources.js';
import { openStore } from '../../src/store/index.js';
import { ingestIntoStore } from '../../src/store/ingest.js';
import { watch } from '../../src/store/watch.js';
import { startServer, type FixtureServer } from './server.js';

let srv: FixtureServer;
let dir: string;
beforeAll(async () => {
  srv = await startServer();
  dir = mkdtempSync(join(tmpdir(), 'crossread-src-'));
});
afterAll(async () => {
  await srv.close();
  rmSync(dir, { recursive: true, force: true });
});

const fetcher = (): Fetcher => new Fetcher({ sleep: async () => undefined, timeoutMs: 3000 });

describe('live sources', () => {
  it('reads an RSS feed and fetches each item page for the full text', async () => {
    srv.items = [1, 2, 3];
    const r = await readUrl(`${srv.url}/feed.xml`, fetcher());
    expect(r.kind).toBe('feed');
    expect(r.articles.map((a) => a.url)).toEqual([`${srv.url}/a/1.html`, `${srv.url}/a/2.html`]);
    const a1 = r.articles[0]!;
    expect(a1.words).toBeGreaterThan(60);
    expect(a1.text).toContain('Report 1-1');
    expect(a1.published).toBe('2024-05-11');
    // Item 3's page fails (HTTP 500): reported, and the feed's short summary is not enough.
    expect(r.diagnostics.map((d) => d.message).join('\n')).toContain(`${srv.url}/a/3.html: fetch failed (HTTP 500; using the feed's text)`);
  });

  it('reads an Atom feed; an item date comes from <updated>', async () => {
    const r = await readUrl(`${srv.url}/atom.xml`, fetcher(), { followLinks: false });
    expect(r.articles).toHaveLength(1);
    expect(r.articles[0]!.published).toBe('2024-06-02');
  });

  it('reads an article page given by URL', async () => {
    const r = await readUrl(`${srv.url}/redirect/1`, fetcher());
    expect(r.kind).toBe('page');
    expect(r.articles).toHaveLength(1);
    expect(r.articles[0]!.url).toBe(`${srv.url}/a/1.html`);
  });

  it('a failing URL is a diagnostic, not a crash', async () => {
    const r = await readUrl(`${srv.url}/missing`, fetcher());
    expect(r.kind).toBe('failed');
    expect(r.diagnostics[0]).toMatchObject({ code: 'FETCH_FAILED', level: 'error' });
  });

  it('ingests feed items into the store once; items already stored are not fetched again', async () => {
    srv.items = [1, 2];
    const store = await openStore(join(dir, 'feed.db'));
    const first = await ingestIntoStore(store, [`${srv.url}/feed.xml`], { fetcher: fetcher() });
    expect(first.added).toHaveLength(2);
    const pageHits = srv.hits.get('/a/1.html');
    const again = await ingestIntoStore(store, [`${srv.url}/feed.xml`], { fetcher: fetcher() });
    expect(again.added).toHaveLength(0);
    expect(srv.hits.get('/a/1.html')).toBe(pageHits);
    await store.close();
  });

  it('watch polls with conditional requests, picks up new items, and one failing feed never stops the others', async () => {
    srv.items = [5, 6];
    const list = join(dir, 'feeds.txt');
    writeFileSync(list, `# fixture feeds\n${srv.url}/gone.xml\n${srv.url}/feed.xml\n\n${srv.url}/atom.xml\n`);
    const store = await openStore(join(dir, 'watch.db'));
    const feeds: Array<{ url: string; kind: string; articles: number }> = [];
    const rounds = await watch(store, list, {
      everyMs: 10,
      rounds: 3,
      fetcher: fetcher(),
      onFeed: (f) => feeds.push({ url: f.url, kind: f.kind, articles: f.articles }),
      onRound: (r) => {
        if (r.round === 2) srv.items = [5, 6, 7];
      },
    });
    expect(rounds.map((r) => r.added)).toEqual([3, 0, 1]);
    expect(rounds.map((r) => r.failed)).toEqual([1, 1, 1]);
    const feedPolls = feeds.filter((f) => f.url.endsWith('/feed.xml')).map((f) => f.kind);
    expect(feedPolls).toEqual(['feed', 'unchanged', 'feed']);
    const state = await store.sourceState(`${srv.url}/feed.xml`);
    expect(state).toMatchObject({ status: 'ok', articles: 3 });
    expect((await store.sourceState(`${srv.url}/gone.xml`))?.status).toBe(`${srv.url}/gone.xml: fetch failed (HTTP 404 Not Found)`);
    await store.close();
  });
});
