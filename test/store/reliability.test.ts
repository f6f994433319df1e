/**
 * Reliability with real processes: a SIGKILL in the middle of an ingest leaves a
 * consistent database that a re-run completes; two processes ingesting into one
 * database at once do not corrupt it.
 */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { openStore } from '../../src/store/index.js';
import { clusterMetrics } from '../../src/eval/cluster-metrics.js';
import { syntheticArticle, eventOf } from './synthetic.js';
import type { Article } from '../../src/types.js';

const CHILD = fileURLToPath(new URL('./fixtures/ingest-child.ts', import.meta.url));

function child(args: Array<string | number>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', CHILD, ...args.map(String)], { stdio: ['ignore', 'pipe', 'pipe'] });
}

function exited(p: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  let stderr = '';
  p.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => p.on('exit', (code, signal) => resolve({ code, signal, stderr })));
}

/** Checks the invariants a crossread database must always satisfy; returns the article count. */
function checkConsistency(path: string): number {
  const db = new Database(path, { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const articles = Number(db.prepare('SELECT COUNT(*) FROM articles').pluck().get());
    expect(Number(db.prepare('SELECT COUNT(*) FROM features').pluck().get())).toBe(articles);
    expect(Number(db.prepare("SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH 'report'").pluck().get())).toBe(articles);
    // Every article is in a story that exists, and every story's count is right.
    expect(Number(db.prepare('SELECT COUNT(*) FROM articles a LEFT JOIN stories s ON s.id = a.story_id WHERE s.id IS NULL').pluck().get())).toBe(0);
    const wrong = db.prepare('SELECT s.id FROM stories s WHERE s.article_count != (SELECT COUNT(*) FROM articles a WHERE a.story_id = s.id)').all();
    expect(wrong).toEqual([]);
    expect(Number(db.prepare('SELECT COUNT(*) FROM stories WHERE article_count = 0').pluck().get())).toBe(0);
    // Document frequencies agree with the number of stored articles.
    expect(Number(db.prepare("SELECT value FROM crossread_meta WHERE key = 'documents'").pluck().get())).toBe(articles);
    expect(Number(db.prepare('SELECT COUNT(DISTINCT content_hash) FROM articles').pluck().get())).toBe(articles);
    return articles;
  } finally {
    db.close();
  }
}

function corpus(first: number, last: number, perEvent: number): Article[] {
  const out: Article[] = [];
  for (let k = 0; k < perEvent; k++) for (let e = first; e <= last; e++) out.push(syntheticArticle(e, k));
  return out;
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'crossread-rel-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('store reliability', () => {
  it('survives a SIGKILL mid-ingest; re-running completes with no duplicates and nothing lost', async () => {
    const db = join(dir, 'kill.db');
    const p = child([db, 0, 5, 10, 4, 150]);
    const done = exited(p);
    let committed = 0;
    await new Promise<void>((resolve) => {
      p.stdout?.on('data', (d: Buffer) => {
        committed += (d.toString().match(/committed/g) ?? []).length;
        if (committed >= 3) resolve();
      });
      void done.then(() => resolve());
    });
    p.kill('SIGKILL');
    const r = await done;
    expect(r.signal).toBe('SIGKILL');
    const partial = checkConsistency(db);
    expect(partial).toBeGreaterThanOrEqual(12);
    expect(partial).toBeLessThan(60);
    expect(partial % 4).toBe(0); // whole batches only
    // Re-run the same ingest.
    const store = await openStore(db);
    const all = corpus(0, 5, 10);
    let added = 0;
    let skipped = 0;
    for (let i = 0; i < all.length; i += 4) {
      const res = await store.addArticles(all.slice(i, i + 4));
      added += res.added.length;
      skipped += res.skipped.length;
    }
    expect(skipped).toBe(partial);
    expect(added).toBe(60 - partial);
    await store.close();
    expect(checkConsistency(db)).toBe(60);
  });

  it('two processes ingesting into one database at once do not corrupt it', async () => {
    const db = join(dir, 'both.db');
    // Overlapping corpora: events 0–4 and 2–6; events 2–4 are sent by both.
    const a = child([db, 0, 4, 8, 3, 0]);
    const b = child([db, 2, 6, 8, 3, 0]);
    const [ra, rb] = await Promise.all([exited(a), exited(b)]);
    expect(ra.stderr).toBe('');
    expect(rb.stderr).toBe('');
    expect([ra.code, rb.code]).toEqual([0, 0]);
    expect(checkConsistency(db)).toBe(7 * 8);
    // And the stories are still right.
    const store = await openStore(db);
    const page = await store.listArticles({ limit: 1000 });
    const m = clusterMetrics(new Map(page.items.map((x) => [x.id, x.storyId as string])), new Map(page.items.map((x) => [x.id, eventOf(x.id)])));
    expect(m.bcubed.f1).toBeGreaterThan(0.9);
    await store.close();
  });
});
