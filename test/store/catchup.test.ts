/**
 * Several writers on one database: each catches up with the others' writes
 * incrementally (only what changed since it last wrote), and its clustering state
 * then equals a freshly loaded one; older stores are migrated (schema v2 → v3) and
 * their story features re-extracted when the feature extraction changed.
 */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite.js';
import { MIGRATIONS, APPLICATION_ID, MARKER_TABLE } from '../../src/store/schema.js';
import { FEATURES_VERSION } from '../../src/stories/features.js';
import type { Article } from '../../src/types.js';
import { syntheticArticle } from './synthetic.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'crossread-catchup-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** The stored partition: story id → sorted article ids. */
function storedGroups(path: string): Map<string, string[]> {
  const db = new Database(path, { readonly: true });
  const rows = db.prepare('SELECT id, story_id FROM articles ORDER BY id').all() as Array<{ id: string; story_id: string }>;
  db.close();
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.story_id, [...(out.get(r.story_id) ?? []), r.id]);
  return out;
}

type Snapshot = Awaited<ReturnType<SqliteStore['clusterSnapshot']>>;

function expectSameState(a: Snapshot, b: Snapshot): void {
  expect(a.documents).toBe(b.documents);
  expect([...a.groups].sort()).toEqual([...b.groups].sort());
  expect([...a.df].sort()).toEqual([...b.df].sort());
}

/** An article whose text is the given words (made-up words: each its own term). */
function wordsArticle(id: string, words: string[]): Article {
  return { ...syntheticArticle(0, 0), id, path: `words/${id}.txt`, text: `${words.join(' ')}.`, rawText: `${words.join(' ')}.` };
}

describe('a writer restarted between two runs of one stream', () => {
  // a and b are one event; c shares one word with each, alike to the two together only
  // (the clusterer's revisit test, ../stories/revisit.test.ts), and arrives between them.
  const a = wordsArticle('a', ['aone', 'atwo', 'athree', 'afour', 'afive', 'pone', 'ptwo', 'pthree', 'sone']);
  const b = wordsArticle('b', ['bone', 'btwo', 'bthree', 'bfour', 'bfive', 'pone', 'ptwo', 'pthree', 'tone']);
  const c = wordsArticle('c', ['cone', 'sone', 'tone']);
  const others = Array.from({ length: 8 }, (_, k) => wordsArticle(`z${k}`, [`other${'abcdefgh'[k]}`, `thing${'abcdefgh'[k]}`]));
  const opts = { cluster: { backgroundDocs: 0 } };

  it('groups as one run: the lone founder c is revisited by the restarted writer when b arrives', async () => {
    const one = openSqliteStore(join(dir, 'one.db'), opts);
    for (const batch of [others, [a], [c], [b]]) await one.addArticles(batch);
    await one.close();
    const path = join(dir, 'two.db');
    let two = openSqliteStore(path, opts);
    for (const batch of [others, [a], [c]]) await two.addArticles(batch);
    await two.close();
    two = openSqliteStore(path, opts);
    await two.addArticles([b]);
    await two.close();
    const groups = (p: string): string[][] => [...storedGroups(p).values()].sort();
    const once = groups(join(dir, 'one.db'));
    expect(once).toContainEqual(['a', 'b', 'c']);
    expect(groups(path)).toEqual(once);
  });
});

// Two writers alternating and at once, on every backend: ./conformance.test.ts.
describe('several writers', () => {
  it('any interleaving of writes by two handles leaves both equal to a fresh load (folded frequencies included)', async () => {
    const op = fc.record({ who: fc.constantFrom(0, 1), event: fc.integer({ min: 0, max: 3 }), k: fc.integer({ min: 0, max: 11 }), forget: fc.boolean() });
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 20, maxLength: 90 }), async (ops) => {
        const path = join(dir, `p${Math.random().toString(36).slice(2)}.db`);
        const handles = [openSqliteStore(path), openSqliteStore(path)];
        try {
          for (const o of ops) {
            const h = handles[o.who] as SqliteStore;
            const art = syntheticArticle(o.event, o.k);
            if (o.forget && (await h.getArticle(art.id))) await h.forget(art.id);
            else await h.addArticles([art]);
          }
          const fresh = openSqliteStore(path);
          const want = await fresh.clusterSnapshot();
          await fresh.close();
          for (const h of handles) expectSameState(await h.clusterSnapshot(), want);
        } finally {
          for (const h of handles) await h.close();
        }
      }),
      { numRuns: 6 },
    );
  }, 120_000);
});

describe('migrations', () => {
  it('re-extracts story features written by an older extraction, keeping stories', async () => {
    const path = join(dir, 'old-features.db');
    const s = openSqliteStore(path);
    await s.addArticles([0, 1, 2].flatMap((e) => [0, 1, 2, 3].map((k) => syntheticArticle(e, k))));
    const before = storedGroups(path);
    const want = await s.clusterSnapshot();
    await s.close();
    // Make it look written by version 1: other terms, other frequencies.
    const db = new Database(path);
    db.prepare(`UPDATE ${MARKER_TABLE} SET value = '1' WHERE key = 'features_version'`).run();
    db.prepare("UPDATE features SET terms = 'obsolete\t1\n'").run();
    db.exec("DELETE FROM df; DELETE FROM df_delta; INSERT INTO df (term, n) VALUES ('obsolete', 12)");
    db.close();
    const again = openSqliteStore(path);
    try {
      expect(storedGroups(path)).toEqual(before);
      const got = await again.clusterSnapshot();
      expectSameState(got, want);
      const meta = new Database(path, { readonly: true });
      expect(meta.prepare(`SELECT value FROM ${MARKER_TABLE} WHERE key = 'features_version'`).pluck().get()).toBe(String(FEATURES_VERSION));
      expect(meta.prepare("SELECT COUNT(*) FROM features WHERE terms LIKE 'obsolete%'").pluck().get()).toBe(0);
      meta.close();
      const r = await again.addArticles([syntheticArticle(1, 7)]);
      expect(r.added[0]?.storyId).toBe((await again.getArticle('e1-a0'))?.storyId);
    } finally {
      await again.close();
    }
  });

  it('upgrades a schema-v2 store: new indexes, searchable, features re-extracted', async () => {
    const path = join(dir, 'v2.db');
    const db = new Database(path);
    db.exec('CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL) STRICT');
    db.pragma(`application_id = ${APPLICATION_ID}`);
    for (const m of MIGRATIONS.filter((x) => x.version <= 2)) {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_version VALUES (?, ?)').run(m.version, '2024-01-01T00:00:00Z');
    }
    db.exec(`INSERT INTO ${MARKER_TABLE} VALUES ('generation', '1'), ('documents', '1')`);
    const a = syntheticArticle(4, 0);
    db.prepare(`INSERT INTO articles (id, content_hash, url, path, format, title, byline, outlet, published, published_evidence, raw_text, text,
      raw_words, words, removed, diagnostics, encoding, language, cluster, ingested_at, story_id, sort_date)
      VALUES (?, 'h1', NULL, ?, 'text', NULL, NULL, ?, ?, NULL, ?, ?, ?, ?, '[]', '[]', 'utf-8', 'en', NULL, '2024-05-20T00:00:00Z', 's-old', ?)`).run(
      a.id, a.path, a.outlet, a.published, a.text, a.text, a.words, a.words, a.published,
    );
    db.prepare("INSERT INTO features VALUES (1, 'rocket\t1\n', x'', 0, NULL)").run();
    db.exec("INSERT INTO df VALUES ('rocket', 1)");
    db.exec(`INSERT INTO stories VALUES ('s-old', 'Launch', 1, 1, '2024-05-10', '2024-05-10', '2024-05-10', '2024-05-10', '["Outlet 0"]', 'x', 'x')`);
    db.close();
    const s = openSqliteStore(path);
    try {
      expect((await s.stats()).schemaVersion).toBe(4);
      expect((await s.listStories({ q: 'Tanegashima' })).items.map((x) => x.id)).toEqual(['s-old']);
      expect((await s.listStories({ outlet: 'outlet 0', since: '2024-05-01' })).total).toBe(1);
      const r = await s.addArticles([syntheticArticle(4, 1)]);
      expect(r.added[0]?.storyId).toBe('s-old');
    } finally {
      await s.close();
    }
  });
});
