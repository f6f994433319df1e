/**
 * Stories past the time horizon leave the writer's memory (StoryClusterer.evictStale)
 * and come back from SQLite when a late article, a forget or another writer needs
 * them: the stored partition must be the one a writer that keeps everything makes.
 */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite.js';
import type { Article } from '../../src/types.js';
import { syntheticArticle } from './synthetic.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'crossread-evict-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const DAY = 86_400_000;
/** Article k of event e, dated `offset` days after the event's start (events 400 days apart). */
function dated(e: number, k: number, offset = k): Article {
  const published = new Date(Date.UTC(2020, 0, 1) + (e * 400 + offset) * DAY).toISOString().slice(0, 10);
  return syntheticArticle(e, k, { published });
}

/** The stored partition: sorted lists of article ids, story ids aside. */
async function partition(store: SqliteStore): Promise<string[][]> {
  const page = await store.listArticles({ limit: 1000 });
  const groups = new Map<string, string[]>();
  for (const a of page.items) groups.set(a.storyId as string, [...(groups.get(a.storyId as string) ?? []), a.id]);
  return [...groups.values()].map((g) => g.sort()).sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
}

/** A writer that never evicts (a grace longer than any test's span). */
const KEEP_ALL = { cluster: { evictGraceDays: 1e9 } };

describe('eviction of stories past the time horizon', () => {
  it('keeps only recent stories in memory, and a late article still joins its old story', async () => {
    const store = openSqliteStore(join(dir, 'e.db'));
    try {
      await store.addArticles([0, 1, 2].map((k) => dated(0, k)));
      await store.addArticles([0, 1, 2].map((k) => dated(1, k)));
      const old = (await store.getArticle('e0-a0'))?.storyId as string;
      // Event 0 ended 400 days before event 1: out of memory, still stored.
      expect([...(await store.clusterSnapshot()).groups.keys()]).not.toContain(old);
      expect((await store.getStory(old))?.articleCount).toBe(3);
      // A late article of event 0 (dated with it) joins its story.
      const r = await store.addArticles([dated(0, 3)]);
      expect(r.added[0]?.storyId).toBe(old);
      expect((await store.getStory(old))?.articleCount).toBe(4);
      // Forgetting an article of an evicted story works and keeps the rest together.
      const f = await store.forget('e0-a1');
      expect(f.storyId).toBe(old);
      expect(f.splitInto).toEqual([]);
      expect((await store.getStory(old))?.articleCount).toBe(3);
    } finally {
      await store.close();
    }
  });

  it('a fresh load holds the same stories in memory as the writer that evicted them', async () => {
    const path = join(dir, 'f.db');
    const a = openSqliteStore(path);
    const b = openSqliteStore(path);
    try {
      for (let e = 0; e < 3; e++) await a.addArticles([0, 1, 2].map((k) => dated(e, k)));
      // B, loaded now, adds a late article to an evicted story; A catches up with it.
      await b.addArticles([dated(0, 4)]);
      await a.addArticles([dated(2, 3)]);
      const fresh = openSqliteStore(path);
      try {
        const want = await fresh.clusterSnapshot();
        for (const h of [a, b]) {
          const got = await h.clusterSnapshot();
          expect(got.documents).toBe(want.documents);
          expect([...got.groups].sort()).toEqual([...want.groups].sort());
        }
        // Only the latest event is in memory.
        expect(want.groups.size).toBe(1);
      } finally {
        await fresh.close();
      }
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('the stored partition equals that of a writer keeping every story, whatever the order of arrival (property)', async () => {
    // Three events far apart in time; each event's articles and some late ones, in any order.
    const corpus = [0, 1, 2].flatMap((e) => [0, 1, 2, 3].map((k) => dated(e, k, k * 20)));
    await fc.assert(
      fc.asyncProperty(fc.shuffledSubarray([...corpus.keys()], { minLength: corpus.length, maxLength: corpus.length }), fc.integer({ min: 1, max: 5 }), async (perm, size) => {
        const order = perm.map((i) => corpus[i]!);
        const run = async (name: string, opts: object): Promise<string[][]> => {
          const s = openSqliteStore(join(dir, `${name}.db`), opts);
          try {
            for (let i = 0; i < order.length; i += size) await s.addArticles(order.slice(i, i + size));
            return await partition(s);
          } finally {
            await s.close();
            rmSync(join(dir, `${name}.db`), { force: true });
            rmSync(join(dir, `${name}.db-wal`), { force: true });
            rmSync(join(dir, `${name}.db-shm`), { force: true });
          }
        };
        expect(await run('evicting', {})).toEqual(await run('keeping', KEEP_ALL));
      }),
      { numRuns: 15 },
    );
  });
});
