/**
 * The web app under hostile or heavy input (issue 14, items 22 and 26): uploads are
 * read off the main thread with a time budget per input, so the server keeps
 * answering; deeply nested JSON answers 400; a damaged database answers a clear page.
 * A real server on 127.0.0.1, real worker threads, real SQLite.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { UploadJob } from '../../src/serve/uploads.js';
import { harbourArticle, request, serve, tempStore, type TempStore } from './helpers.js';
import type { RunningServer } from '../../src/serve/index.js';

let ts: TempStore | null = null;
let server: RunningServer | null = null;
afterEach(async () => {
  await server?.close();
  await ts?.cleanup();
  server = null;
  ts = null;
});

const ORIGIN = (s: RunningServer) => s.url.replace(/\/$/, '');

async function postJson(s: RunningServer, path: string, body: string, type = 'application/json') {
  return request(s.url, 'POST', path, { headers: { 'content-type': type, origin: ORIGIN(s), host: new URL(s.url).host }, body });
}

async function waitJob(s: RunningServer, id: string, onPoll?: () => Promise<void>): Promise<UploadJob> {
  let j: UploadJob | null = null;
  for (let i = 0; i < 2400; i++) {
    j = (await request(s.url, 'GET', `/api/jobs/${id}`)).json<UploadJob>();
    if (j.state === 'done' || j.state === 'failed') return j;
    await onPoll?.();
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`job ${id} did not finish: ${JSON.stringify(j)}`);
}

/** A JSON Lines upload of `n` records too short to store: seconds of reading, nothing to store. */
function shortRecords(n: number): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) lines.push(JSON.stringify({ id: `short-${i}`, title: `Note ${i}`, text: `A short note number ${i}, too short to keep.` }));
  return lines.join('\n');
}

/** A JSON Lines upload of `n` distinct articles: seconds of reading and cleaning. */
function bulk(n: number): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) lines.push(JSON.stringify({ id: `bulk-${i}`, text: `${harbourArticle(i)}\n\nReport number ${i} of the series, filed ${i % 28} days after the first.` }));
  return lines.join('\n');
}

describe('uploads are read off the main thread', () => {
  it('the server keeps answering other requests while a heavy upload is read', async () => {
    ts = tempStore();
    server = await serve(ts.store, { readBudgetMs: 120_000 });
    const s = server;
    const posted = await postJson(s, '/api/articles?async=1&name=bulk.jsonl', shortRecords(40_000), 'application/x-ndjson');
    expect(posted.status).toBe(202);
    const id = posted.json<UploadJob>().id;
    const latencies: number[] = [];
    let readingPolls = 0;
    const job = await waitJob(s, id, async () => {
      const state = s.app.uploads.get(id);
      if (state?.stage !== 'read') return;
      readingPolls++;
      const t = performance.now();
      const r = await request(s.url, 'GET', '/api/stories');
      latencies.push(performance.now() - t);
      expect(r.status).toBe(200);
    });
    expect(job.state).toBe('done');
    expect(job.outcome?.diagnostics).toHaveLength(40_000);
    // Reading took long enough to be measured, and the server answered during it.
    expect(readingPolls).toBeGreaterThan(1);
    expect(Math.max(...latencies)).toBeLessThan(1000);
  }, 240_000);

  it('an input past its time budget is skipped with INPUT_TIMEOUT; the inputs around it are stored', async () => {
    ts = tempStore();
    // A budget far below the slow input's reading time (150,000 records: seconds) and far above a
    // warm read of one article (milliseconds), so that neither a fast nor a loaded machine flips it.
    server = await serve(ts.store, { readBudgetMs: 500 });
    const s = server;
    // Warm the reader's worker with a first upload, so that the budget measures reading.
    // (its first read loads the readers' modules, and may itself run past the budget).
    await postJson(s, '/api/articles?name=a.txt', harbourArticle(1), 'text/plain');
    await postJson(s, '/api/articles?name=b.txt', harbourArticle(9).replace('Rotterdam', 'Genoa'), 'text/plain');
    const form = await import('./helpers.js').then((h) =>
      h.multipart([
        { name: 'files', value: harbourArticle(2).replace('Rotterdam', 'Antwerp'), filename: 'before.txt', type: 'text/plain' },
        { name: 'files', value: shortRecords(150_000), filename: 'slow.jsonl', type: 'application/x-ndjson' },
        { name: 'files', value: harbourArticle(3).replace('Rotterdam', 'Hamburg'), filename: 'after.txt', type: 'text/plain' },
      ]),
    );
    const r = await request(s.url, 'POST', '/api/articles', { headers: { 'content-type': form.type, origin: ORIGIN(s), host: new URL(s.url).host }, body: form.body });
    const job = r.json<UploadJob>();
    expect(job.state).toBe('done');
    const codes = job.outcome?.diagnostics.map((d) => `${d.source} ${d.code}`) ?? [];
    expect(codes).toContain('slow.jsonl INPUT_TIMEOUT');
    expect(job.outcome?.added.map((a) => a.id).sort()).toEqual(['after', 'before']);
  }, 120_000);
});

describe('hostile request bodies', () => {
  it.each([
    ['arrays', (n: number) => '['.repeat(n) + ']'.repeat(n)],
    ['objects', (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n)],
  ])('deeply nested JSON (%s) answers 400, not 500', async (_what, make) => {
    ts = tempStore();
    server = await serve(ts.store, { worker: false });
    const r = await postJson(server, '/api/articles', make(100_000));
    expect(r.status).toBe(400);
    expect(r.json<{ error: { code: string; message: string } }>().error.message).toMatch(/nested deeper than 64/);
  });

  it('an https Origin of this host is refused over http (the scheme is part of the origin)', async () => {
    ts = tempStore();
    server = await serve(ts.store, { worker: false });
    const host = new URL(server.url).host;
    const r = await request(server.url, 'POST', '/api/articles', {
      headers: { 'content-type': 'text/plain', origin: `https://${host}`, host },
      body: harbourArticle(1),
    });
    expect(r.status).toBe(403);
    expect(r.text).toContain('CROSS_ORIGIN');
  });
});

describe('a damaged database', () => {
  it('answers a clear error page and JSON error, not an internal error', async () => {
    ts = tempStore();
    server = await serve(ts.store, { worker: false });
    const up = await postJson(server, '/api/articles?name=a.txt', harbourArticle(1), 'text/plain');
    expect(up.status).toBe(201);
    const storyId = up.json<UploadJob>().outcome?.added[0]?.storyId as string;
    // Break the stored rows from another connection, as a crash or a bad copy would.
    const d = new Database(ts.path);
    d.exec("UPDATE stories SET outlets = '{not json'; UPDATE articles SET removed = '[oops'");
    const root = d.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'articles_fts_data'").pluck().get() as number;
    const size = d.pragma('page_size', { simple: true }) as number;
    d.pragma('wal_checkpoint(TRUNCATE)');
    d.close();
    const fd = openSync(ts.path, 'r+');
    writeSync(fd, Buffer.alloc(size, 0xa5), 0, size, (root - 1) * size);
    closeSync(fd);
    for (const path of ['/', `/stories/${storyId}`, '/?q=Rotterdam', '/api/stories', '/api/stories?q=Rotterdam']) {
      const r = await request(server.url, 'GET', path, { headers: { accept: path.startsWith('/api') ? 'application/json' : 'text/html' } });
      expect(r.status, `${path}: ${r.text.slice(0, 300)}`).toBe(503);
      expect(r.text).not.toMatch(/internal error/i);
      expect(r.text).toMatch(/damaged/);
      if (!path.startsWith('/api')) expect(r.text).toContain('Database problem');
    }
  }, 60_000);
});
