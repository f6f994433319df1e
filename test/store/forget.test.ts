import { describe, it, expect } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/store/index.js';
import { syntheticCorpus } from './synthetic.js';

/** SQLite's tables read directly; forgetting on every backend is in ./conformance.test.ts. */
describe('forget', () => {
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
