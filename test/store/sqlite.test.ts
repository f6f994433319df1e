import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openStore, type Store } from '../../src/store/index.js';
import { ingest } from '../../src/ingest/index.js';
import { CrossreadError } from '../../src/errors.js';
import { EXAMPLE } from '../helpers/shared.js';
import type { Article } from '../../src/types.js';

function article(id: string, text: string, extra: Partial<Article> = {}): Article {
  const words = text.split(/\s+/).filter(Boolean).length;
  return {
    id, path: `${id}.txt`, format: 'text', url: null, title: null, byline: null, outlet: null, published: null,
    publishedEvidence: null, rawText: text, text, rawWords: words, words, removed: [], encoding: 'utf-8',
    language: 'en', diagnostics: [], ...extra,
  };
}

let dir: string;
let store: Store;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'crossread-store-'));
  store = await openStore(join(dir, 'test.db'), { now: () => new Date('2024-03-01T12:00:00Z') });
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('SqliteStore', () => {
  it('stores the example articles as one story, and re-ingesting is a no-op', async () => {
    const { articles } = await ingest([EXAMPLE]);
    const first = await store.addArticles(articles);
    expect(first.added).toHaveLength(5);
    expect(new Set(first.added.map((a) => a.storyId)).size).toBe(1);
    const again = await store.addArticles(articles);
    expect(again.added).toHaveLength(0);
    expect(again.skipped.map((s) => s.reason)).toEqual(Array(5).fill('same-content'));
    const stats = await store.stats();
    expect(stats).toMatchObject({ articles: 5, stories: 1, schemaVersion: 4 });
  });

  it('keeps raw text, cleaned text, metadata and removals exactly', async () => {
    const a = article('a1', 'Cleaned body text about the harbour bridge closure in Sydney.', {
      rawText: 'By Jo Smith\nCleaned body text about the harbour bridge closure in Sydney.\nShare this',
      title: 'Bridge closed', outlet: 'Example Times', published: '2024-02-28', publishedEvidence: 'Feb 28, 2024',
      removed: [{ kind: 'byline', text: 'By Jo Smith' }, { kind: 'share', text: 'Share this' }],
      url: 'https://example.com/bridge',
    });
    await store.addArticles([a]);
    const got = await store.getArticle('a1');
    expect(got).toMatchObject({
      rawText: a.rawText, text: a.text, title: 'Bridge closed', outlet: 'Example Times', published: '2024-02-28',
      publishedEvidence: 'Feb 28, 2024', removed: a.removed, url: a.url, ingestedAt: '2024-03-01T12:00:00.000Z',
    });
    expect(got?.contentHash).toMatch(/^[0-9a-f]{64}$/);
    // Same URL with a different text is the same article.
    const r = await store.addArticles([article('a2', 'Other words entirely.', { url: 'https://example.com/bridge' })]);
    expect(r.skipped).toEqual([{ id: 'a2', reason: 'same-url', existingId: 'a1' }]);
  });

  it('renames a reused id and records it', async () => {
    await store.addArticles([article('x', 'The first article about a volcano eruption in Iceland today.')]);
    const r = await store.addArticles([article('x', 'A different article about football results in Madrid.')]);
    expect(r.added[0]?.id).toBe('x~2');
    expect(r.diagnostics[0]?.code).toBe('DUPLICATE_ID');
  });

  it('lists stories with search, filters and pagination', async () => {
    const { articles } = await ingest([EXAMPLE]);
    await store.addArticles(articles);
    await store.addArticles([
      article('v1', 'Lava from the Icelandic volcano reached the town of Grindavik overnight, officials said.', { outlet: 'Reykjavik Daily', published: '2024-01-15' }),
    ]);
    const all = await store.listStories();
    expect(all.total).toBe(2);
    expect((await store.listStories({ q: 'Gerasimov' })).items.map((s) => s.articleCount)).toEqual([5]);
    expect((await store.listStories({ q: 'Grindavik' })).items).toHaveLength(1);
    expect((await store.listStories({ q: 'nonexistentword' })).total).toBe(0);
    // FTS syntax in user input cannot break the query.
    // FTS operators are searched as plain words; punctuation alone matches nothing.
    await expect(store.listStories({ q: 'AND OR NEAR( "(' })).resolves.toBeDefined();
    expect((await store.listStories({ q: '"(*' })).total).toBe(0);
    expect((await store.listStories({ outlet: 'reykjavik daily' })).total).toBe(1);
    expect((await store.listStories({ since: '2024-01-01', until: '2024-01-31' })).items[0]?.headline).toMatch(/Lava/);
    const page = await store.listStories({ limit: 1, offset: 1 });
    expect(page.items).toHaveLength(1);
    expect(page.total).toBe(2);
    // The total is right whether it comes from a page that is not full, a count, or a page past the end.
    expect((await store.listStories({ limit: 1 })).total).toBe(2);
    expect((await store.listStories({ limit: 5, offset: 1 })).total).toBe(2);
    expect((await store.listStories({ limit: 5, offset: 7 })).total).toBe(2);
    expect((await store.listStories({ q: 'Grindavik', limit: 1, offset: 3 })).total).toBe(1);
    // A full filtered page counts every story the filters match, in the list's order, with the list's fields.
    const said = await store.listStories({ q: 'said', limit: 1 });
    expect(said.total).toBe(2);
    expect(said.items).toEqual(all.items.slice(0, 1));
    expect((await store.listStories({ q: 'said', limit: 1, offset: 1 })).items).toEqual(all.items.slice(1, 2));
    expect((await store.listStories({ q: 'said', outlet: 'reykjavik daily', limit: 1 })).total).toBe(1);
    expect((await store.listStories({ q: 'said', since: '2000-01-01', limit: 1 })).total).toBe(2);
    const story = await store.getStory(page.items[0]!.id);
    expect(story?.articles.length).toBe(page.items[0]!.articleCount);
  });

  it('forget removes an article and updates or removes its story', async () => {
    const { articles } = await ingest([EXAMPLE]);
    const r = await store.addArticles(articles);
    const sid = r.added[0]!.storyId;
    const f = await store.forget(articles[1]!.id);
    expect(f).toMatchObject({ storyId: sid, storyRemoved: false });
    expect((await store.getStory(sid))?.articleCount).toBe(4);
    expect(await store.getArticle(articles[1]!.id)).toBeNull();
    await expect(store.forget('nope')).rejects.toThrow(/no article with id "nope"/);
    for (const a of articles) if (a.id !== articles[1]!.id) await store.forget(a.id);
    expect(await store.getStory(sid)).toBeNull();
    expect((await store.stats()).stories).toBe(0);
  });
});

describe('opening databases', () => {
  it('refuses a file that is not a database, with a clear error', async () => {
    const p = join(dir, 'notes.db');
    writeFileSync(p, 'these are my notes, not a database\n'.repeat(10));
    await expect(openStore(p)).rejects.toThrow(CrossreadError);
    await expect(openStore(p)).rejects.toThrow(/notes\.db: not a crossread database \(the file is not an SQLite database\)/);
  });

  it('refuses a foreign SQLite database', async () => {
    const p = join(dir, 'other.db');
    const db = new Database(p);
    db.exec('CREATE TABLE customers (id INTEGER)');
    db.close();
    await expect(openStore(p)).rejects.toThrow(/other\.db: not a crossread database \(it is an SQLite database with other tables \(customers\)\)/);
  });

  it('refuses a database from a newer schema', async () => {
    const p = join(dir, 'newer.db');
    await (await openStore(p)).close();
    const db = new Database(p);
    db.prepare('INSERT INTO schema_version (version, applied_at) VALUES (99, ?)').run('2030-01-01');
    db.close();
    await expect(openStore(p)).rejects.toThrow(/newer\.db: database schema version 99 is newer than this crossread supports \(4\)/);
  });

  it('refuses a corrupt database (valid header, garbage after)', async () => {
    const p = join(dir, 'corrupt.db');
    const buf = Buffer.alloc(8192, 0x5a);
    buf.write('SQLite format 3\u0000', 0, 'latin1');
    writeFileSync(p, buf);
    const err = await openStore(p).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CrossreadError);
    expect((err as Error).message).toMatch(/corrupt\.db/);
  });
});
