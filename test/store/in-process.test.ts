/**
 * One handle used by several callers at once (the web app ingests and serves pages
 * with one store): a write's transaction spans awaits (the corpus log is
 * asynchronous), so writes of the handle run one at a time and readers wait for the
 * write in progress. Started together, they must leave the store as the same calls
 * made one after the other.
 */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite.js';
import { syntheticCorpus } from './synthetic.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'crossread-inprocess-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function partition(s: SqliteStore): Promise<Array<[string, string[]]>> {
  const out: Array<[string, string[]]> = [];
  for (const st of (await s.listStories({ limit: 1000 })).items) {
    const full = await s.getStory(st.id);
    out.push([st.id, (full?.articles ?? []).map((a) => a.id).sort()]);
  }
  return out.sort((a, b) => a[0].localeCompare(b[0]));
}

describe('one handle, several callers', () => {
  it('writes started together run one at a time, readers wait for them: the same store as sequential calls', async () => {
    const corpus = syntheticCorpus(4, 6);
    const batches = [corpus.slice(0, 8), corpus.slice(8, 16), corpus.slice(16)];
    const seq = openSqliteStore(join(dir, 'seq.db'));
    const par = openSqliteStore(join(dir, 'par.db'));
    try {
      for (const b of batches) await seq.addArticles(b);
      await seq.forget(corpus[3]!.id);
      const calls: Array<Promise<unknown>> = [];
      for (const b of batches) {
        calls.push(par.addArticles(b));
        calls.push(par.listStories({ limit: 5 }));
        calls.push(par.stats());
      }
      calls.push(par.forget(corpus[3]!.id));
      const results = await Promise.all(calls);
      // Each reader ran between writes, never inside one: it saw a committed store.
      for (const i of [1, 4, 7]) expect((results[i] as { items: unknown[] }).items.length).toBeGreaterThan(0);
      expect(await partition(par)).toEqual(await partition(seq));
      expect((await par.clusterSnapshot()).groups).toEqual((await seq.clusterSnapshot()).groups);
    } finally {
      await seq.close();
      await par.close();
    }
  });
});

describe('two handles on one file in one process', () => {
  it('writes started together queue up (no handle waits on the lock the other holds): both stored, the state equals a fresh load', async () => {
    const path = join(dir, 'two.db');
    const corpus = syntheticCorpus(3, 6);
    const a = openSqliteStore(path, { busyTimeoutMs: 200 });
    const b = openSqliteStore(path, { busyTimeoutMs: 200 });
    try {
      const res = await Promise.all([a.addArticles(corpus.slice(0, 6)), b.addArticles(corpus.slice(6, 12)), a.addArticles(corpus.slice(12))]);
      expect(res.map((r) => r.added.length)).toEqual([6, 6, 6]);
      const fresh = openSqliteStore(path);
      const want = await fresh.clusterSnapshot();
      await fresh.close();
      for (const h of [a, b]) expect((await h.clusterSnapshot()).groups).toEqual(want.groups);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
