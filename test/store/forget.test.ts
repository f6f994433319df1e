import { describe, it, expect } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { openStore, type Store } from '../../src/store/index.js';
import { syntheticCorpus } from './synthetic.js';

/** The partition of stored articles into stories, as sorted lists of ids (story ids aside). */
async function partition(store: Store): Promise<string[][]> {
  const page = await store.listArticles({ limit: 1000 });
  const groups = new Map<string, string[]>();
  for (const a of page.items) {
    const g = groups.get(a.storyId as string) ?? [];
    g.push(a.id);
    groups.set(a.storyId as string, g);
  }
  return [...groups.values()].map((g) => g.sort()).sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
}

describe('forget', () => {
  it('forgetting an article then ingesting it again restores the same stories', async () => {
    const corpus = syntheticCorpus(4, 4);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: corpus.length - 1 }), async (k) => {
        const dir = mkdtempSync(join(tmpdir(), 'crossread-forget-'));
        const store = await openStore(join(dir, 'f.db'));
        try {
          for (let i = 0; i < corpus.length; i += 4) await store.addArticles(corpus.slice(i, i + 4));
          const before = await partition(store);
          const victim = corpus[k]!;
          const storyBefore = (await store.getArticle(victim.id))?.storyId;
          const f = await store.forget(victim.id);
          expect(f.storyId).toBe(storyBefore);
          expect(await store.getArticle(victim.id)).toBeNull();
          const r = await store.addArticles([victim]);
          expect(r.added).toHaveLength(1);
          expect(await partition(store)).toEqual(before);
        } finally {
          await store.close();
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: 8 },
    );
  });

  it('keeps document frequencies exact across forget', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crossread-forget-'));
    const path = join(dir, 'df.db');
    const corpus = syntheticCorpus(2, 3);
    const store = await openStore(path);
    await store.addArticles(corpus);
    for (const a of corpus.slice(0, 3)) await store.forget(a.id);
    await store.close();
    const fresh = await openStore(join(dir, 'fresh.db'));
    await fresh.addArticles(corpus.slice(3));
    await fresh.close();
    const Database = (await import('better-sqlite3')).default;
    // The effective document frequencies: the folded table plus the changes not folded yet.
    const dump = (p: string): Array<[string, number]> => {
      const db = new Database(p, { readonly: true });
      const df = new Map(db.prepare('SELECT term, n FROM df').raw().all() as Array<[string, number]>);
      for (const terms of db.prepare('SELECT terms FROM df_delta ORDER BY gen').pluck().all() as string[]) {
        for (const line of terms.split('\n').filter(Boolean)) {
          const [t, d] = line.split('\t') as [string, string];
          df.set(t, (df.get(t) ?? 0) + Number(d));
        }
      }
      db.close();
      return [...df].filter(([, n]) => n > 0).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    };
    expect(dump(path)).toEqual(dump(join(dir, 'fresh.db')));
    rmSync(dir, { recursive: true, force: true });
  });
});
