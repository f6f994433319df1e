/**
 * Document frequencies are logged per write and folded into the df table every 64
 * writes, from the log or (when no other process wrote since the last fold) from the
 * writer's own running sum: either way the stored frequencies must equal a recount.
 */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { extractFeatures } from '../../src/stories/features.js';
import { syntheticArticle } from './synthetic.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'crossread-dffold-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Document frequencies recounted from the stored articles' text. */
function recount(path: string): Map<string, number> {
  const db = new Database(path, { readonly: true });
  const rows = db.prepare('SELECT title, text, published FROM articles').all() as Array<{ title: string | null; text: string; published: string | null }>;
  db.close();
  const df = new Map<string, number>();
  for (const r of rows) for (const t of extractFeatures(r).allTerms.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  return df;
}

/** The folded table alone (what a fresh handle starts from before the log). */
function folded(path: string): { df: Map<string, number>; log: number } {
  const db = new Database(path, { readonly: true });
  const df = new Map(db.prepare('SELECT term, n FROM df').raw().all() as Array<[string, number]>);
  const log = Number(db.prepare('SELECT COUNT(*) FROM df_delta').pluck().get());
  db.close();
  return { df, log };
}

const sorted = (m: Map<string, number>): Array<[string, number]> => [...m].sort((a, b) => (a[0] < b[0] ? -1 : 1));

describe('document-frequency folds', () => {
  it('one writer: folds past 64 and 128 writes (the second from its running sum) equal a recount, forgets included', async () => {
    const path = join(dir, 'one.db');
    const s = openSqliteStore(path);
    try {
      let k = 0;
      for (let w = 0; w < 128; w++) {
        if (w === 70) await s.forget('e0-a3');
        else await s.addArticles([syntheticArticle(w % 3, k++)]);
      }
      const f = folded(path);
      expect(f.log).toBe(0);
      expect(sorted(f.df)).toEqual(sorted(recount(path)));
      expect(sorted((await s.clusterSnapshot()).df)).toEqual(sorted(recount(path)));
    } finally {
      await s.close();
    }
  });

  it('two writers interleaved around the folds: the table still equals a recount', async () => {
    const path = join(dir, 'two.db');
    const a = openSqliteStore(path);
    const b = openSqliteStore(path);
    try {
      let k = 0;
      // A writes alone up to its first fold, then B joins in now and then.
      for (let w = 0; w < 192; w++) {
        const h = w > 64 && w % 10 === 0 ? b : a;
        await h.addArticles([syntheticArticle(w % 4, k++)]);
      }
      const f = folded(path);
      expect(f.log).toBe(0);
      expect(sorted(f.df)).toEqual(sorted(recount(path)));
    } finally {
      await a.close();
      await b.close();
    }
  });
});
