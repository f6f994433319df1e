/**
 * Issue 12 §3, the last reliability bullet: two `crossread serve` processes on one
 * PostgreSQL database answer consistently while another process writes into it.
 *
 * Real processes from the built CLI (bin/crossread.js over dist/): two servers started
 * with `serve --db URL --port 0` (background briefing on, as deployed: both keep
 * briefings in the same table), and `crossread ingest <file> --db URL --batch 4`, run
 * once per batch file, one run after the other. Meanwhile both servers are polled in
 * turn; every answer must be a consistent state of the store:
 * - no 5xx (and no warning on a server's stderr, where it reports a 5xx);
 * - /api/stories lists every story (one page), and the article counts of the listed
 *   stories sum to the number of stored articles at some moment between the request's
 *   start and end (read directly from the database just before and just after), a sum
 *   that never decreases between one server's successive answers;
 * - a listed story's page answers 200 (or 202 "being briefed"), never 404; a 301 is
 *   allowed only towards the story it was merged into, which then answers;
 * - a story a server listed before and lists no more was merged (batch 3 merges two
 *   stories, see QUARRY): its page redirects (301) to the story it went into, which
 *   answers; and each merge an ingest run reports redirects so on both servers.
 * The poller also takes a round after each run has finished, so every run's final
 * state is seen by both servers, whatever the machine's speed. After the writes both
 * servers answer identically: the same briefing of every story, then the same list
 * with its disagreement badges (a server knows a story's badge once it has briefed it
 * or read the briefing another server kept).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIST_TTL_MS } from '../../src/serve/app.js';
import type { Page, StorySummary } from '../../src/store/store.js';
import { createTestDatabase, postgresMissing, type TestDatabase } from '../helpers/postgres.js';
import { REPO } from '../helpers/shared.js';
import { syntheticText } from '../store/synthetic.js';
import { request, startServeProcess, type ServeProcess } from './helpers.js';

const pgMissing = await postgresMissing();

/**
 * A seventh event, for a merge: event 0's sentences with its people, places and things
 * renamed (a rockfall at a quarry in Tarnby instead of a flood in Riverton).
 */
const RENAMED: Array<[string, string]> = [
  ['Mayor Elena Vasquez', 'Governor Lena Marsh'], ['Commissioner Raj Patel', 'Inspector Yusuf Karim'], ['engineer Bo Lindahl', 'surveyor Pia Holm'],
  ['Riverton harbour', 'Tarnby quarry'], ['Riverton', 'Tarnby'], ['Kell river', 'Osk valley'], ['flood barrier', 'rail bridge'], ['storm surge', 'rockfall'],
  ['levee breach', 'track buckling'], ['evacuation', 'road closure'], ['sandbags', 'steel girders'], ['floodwater', 'debris'],
];
const quarryText = (k: number): string => RENAMED.reduce((t, [from, to]) => t.split(from).join(to), syntheticText(0, k));
/**
 * Its articles, by batch: two of November 2023 (batch 1) and two of July 2024 (batch 2)
 * are further apart than the clusterer's horizon (180 days), so they make two stories;
 * one of March 2024 (batch 3) is within reach of both, joins one, and the two stories,
 * on the same event, merge.
 */
const QUARRY: Record<number, Array<{ id: string; k: number; published: string }>> = {
  1: [{ id: 'q-early-1', k: 1, published: '2023-11-01' }, { id: 'q-early-2', k: 2, published: '2023-11-02' }],
  2: [{ id: 'q-late-1', k: 3, published: '2024-07-20' }, { id: 'q-late-2', k: 4, published: '2024-07-21' }],
  3: [{ id: 'q-bridge', k: 5, published: '2024-03-15' }],
};

/** Batch files: batch b holds articles 3b…3b+2 of events 0…min(5, 2+b), so later batches grow stories and start new ones, and the quarry articles of batch b. */
const BATCHES = 5;
function batchRecords(b: number): string {
  const lines: string[] = [];
  for (let e = 0; e <= Math.min(5, 2 + b); e++) {
    for (let k = 3 * b; k < 3 * b + 3; k++) {
      lines.push(JSON.stringify({ id: `e${e}-a${k}`, title: `Report ${e}-${k}`, text: syntheticText(e, k), outlet: `Outlet ${k % 4}`, published: `2024-05-${10 + (k % 5)}` }));
    }
  }
  for (const q of QUARRY[b] ?? []) lines.push(JSON.stringify({ id: q.id, title: `Quarry report ${q.k}`, text: quarryText(q.k), outlet: `Outlet ${q.k % 4}`, published: q.published }));
  return `${lines.join('\n')}\n`;
}

/** One `crossread ingest` run; resolves with its exit code and output. */
function ingestRun(file: string, url: string): { done: Promise<{ code: number | null; stdout: string; stderr: string }>; running: () => boolean } {
  const child = spawn(process.execPath, [`${REPO}bin/crossread.js`, 'ingest', file, '--db', url, '--batch', '4', '--json', '-q'], { env: { ...process.env, NO_COLOR: '1' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  let running = true;
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((r) =>
    child.on('exit', (code) => {
      running = false;
      r({ code, stdout, stderr });
    }),
  );
  return { done, running: () => running };
}

type Item = StorySummary & { disagreements: number | null };

/** Answers with the times of this run left out. */
function timeless(text: string): unknown {
  return JSON.parse(text, (k, v: unknown) => (k === 'createdAt' || k === 'updatedAt' || k === 'ingestedAt' || k === 'generatedAt' ? '<time>' : v));
}

describe.skipIf(pgMissing)('two serve processes on one PostgreSQL database while another process ingests', () => {
  let db: TestDatabase;
  let dir: string;
  let pool: pg.Pool;
  const servers: ServeProcess[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    dir = mkdtempSync(join(tmpdir(), 'crossread-serve-pg-'));
    for (let b = 0; b < BATCHES; b++) writeFileSync(join(dir, `batch-${b}.jsonl`), batchRecords(b));
    pool = new pg.Pool({ connectionString: db.url, max: 2 });
  });

  afterAll(async () => {
    for (const s of servers) if (s.child.exitCode === null) s.child.kill('SIGKILL');
    await pool?.end();
    await db?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const storedArticles = async () => Number((await pool.query<{ n: string }>('SELECT COUNT(*) AS n FROM articles')).rows[0]!.n);

  it('answer consistent states during the writes and the same answers after them', async () => {
    // The first batch makes the store; then the two servers.
    const first = await ingestRun(join(dir, 'batch-0.jsonl'), db.url).done;
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    let expected = (JSON.parse(first.stdout) as { added: unknown[] }).added.length;
    expect(expected).toBe(9);
    servers.push(...(await Promise.all([startServeProcess(['--db', db.url, '--port', '0'], dir), startServeProcess(['--db', db.url, '--port', '0'], dir)])));

    const last = servers.map(() => -1);
    const seen = servers.map(() => new Set<number>());
    let polls = 0;
    let pollsDuringWrites = 0;
    let redirects = 0;
    /** Story ids each server listed (a story merged away is checked once, then forgotten). */
    const listed = servers.map(() => new Set<string>());
    /** The page of story `id`, merged away: a 301 to another story, which answers; the id it went to. */
    const mergedAway = async (s: ServeProcess, id: string): Promise<string> => {
      const sp = await request(s.url, 'GET', `/stories/${id}`);
      expect(sp.status, `the page of story ${id}, merged away`).toBe(301);
      const to = /^\/stories\/([^/?]+)$/.exec(String(sp.headers.location))?.[1];
      expect(to).toBeTruthy();
      expect(to).not.toBe(id);
      const merged = await request(s.url, 'GET', `/stories/${to}`);
      expect([200, 202], `the page of story ${to}, into which ${id} was merged`).toContain(merged.status);
      redirects++;
      return to!;
    };
    /** One consistency check of server `i`: the list, the pages of stories it no longer lists, then the page of one listed story. */
    const poll = async (i: number, during: boolean) => {
      const s = servers[i]!;
      const before = await storedArticles();
      const r = await request(s.url, 'GET', '/api/stories?limit=1000');
      const after = await storedArticles();
      expect([r.status, r.text.slice(0, 300)]).toEqual([200, r.text.slice(0, 300)]);
      const page = r.json<Page<Item>>();
      expect(page.items.length).toBe(page.total);
      const sum = page.items.reduce((n, x) => n + x.articleCount, 0);
      expect(sum).toBeGreaterThanOrEqual(before);
      expect(sum).toBeLessThanOrEqual(after);
      expect(sum).toBeGreaterThanOrEqual(last[i]!);
      last[i] = sum;
      seen[i]!.add(sum);
      polls++;
      if (during) pollsDuringWrites++;
      const now = new Set(page.items.map((x) => x.id));
      for (const id of [...listed[i]!]) {
        if (now.has(id)) continue;
        await mergedAway(s, id);
        listed[i]!.delete(id);
      }
      for (const id of now) listed[i]!.add(id);
      const story = page.items[polls % page.items.length];
      if (!story) return;
      const sp = await request(s.url, 'GET', `/stories/${story.id}`);
      if (sp.status === 301) {
        // Merged between the list and this request.
        await mergedAway(s, story.id);
      } else {
        expect([200, 202], `the page of story ${story.id}`).toContain(sp.status);
      }
    };

    const merges: Array<{ from: string; into: string }> = [];
    for (let b = 1; b < BATCHES; b++) {
      const run = ingestRun(join(dir, `batch-${b}.jsonl`), db.url);
      // Both servers in turn while the run writes (at least one round each)…
      do {
        for (let i = 0; i < servers.length; i++) await poll(i, run.running());
      } while (run.running());
      const r = await run.done;
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const out = JSON.parse(r.stdout) as { added: unknown[]; merged: Array<{ from: string; into: string }> };
      expected += out.added.length;
      merges.push(...out.merged);
      // …and once after it.
      for (let i = 0; i < servers.length; i++) await poll(i, false);
      // Each merge of the run: the merged-away story redirects to the one it went into, on both servers.
      for (const m of out.merged) for (const s of servers) expect(await mergedAway(s, m.from)).toBe(m.into);
    }
    expect(await storedArticles()).toBe(expected);
    expect(expected).toBe(9 + 14 + 17 + 19 + 18);
    // The quarry stories merged (in batch 3), and every server saw the merged-away story go from its list.
    expect(merges).toHaveLength(1);
    expect(redirects).toBeGreaterThanOrEqual(2 * servers.length);
    for (let i = 0; i < servers.length; i++) {
      expect(last[i]).toBe(expected);
      // Each run's final state was seen (the round after it), so at least one sum per run.
      expect(seen[i]!.size).toBeGreaterThanOrEqual(BATCHES - 1);
    }
    expect(polls).toBeGreaterThanOrEqual(4 * (BATCHES - 1));

    // After the writes: the same briefing of every story on both servers…
    const lists = await Promise.all(servers.map((s) => request(s.url, 'GET', '/api/stories?limit=1000')));
    for (const l of lists) expect(l.status).toBe(200);
    const items = lists[0]!.json<Page<Item>>().items;
    expect(items.length).toBeGreaterThanOrEqual(6);
    expect(items.reduce((n, x) => n + x.articleCount, 0)).toBe(expected);
    for (const story of items) {
      const [a, b] = await Promise.all(servers.map((s) => request(s.url, 'GET', `/api/stories/${story.id}`)));
      expect([story.id, a!.status, b!.status]).toEqual([story.id, 200, 200]);
      expect(timeless(a!.text)).toEqual(timeless(b!.text));
    }
    // … and then the same list, disagreement badges included (each server knows every briefing now).
    // A list page is kept for LIST_TTL_MS and shared meanwhile: the last poll's page, computed
    // before this server read every briefing, may still be served for that long.
    await new Promise((r) => setTimeout(r, LIST_TTL_MS + 100));
    const [l0, l1] = await Promise.all(servers.map((s) => request(s.url, 'GET', '/api/stories?limit=1000')));
    expect(timeless(l1!.text)).toEqual(timeless(l0!.text));
    for (const x of l0!.json<Page<Item>>().items) expect([x.id, x.disagreements]).not.toEqual([x.id, null]);
    for (const s of servers) {
      expect(s.stderr()).not.toContain('warning');
      expect(await s.stop()).toBe(0);
    }
    process.stderr.write(`two servers: ${polls} consistency checks (${pollsDuringWrites} while an ingest ran), ${redirects} merged-story redirects, distinct article sums seen per server ${seen.map((x) => x.size).join(' and ')}, ${expected} articles in ${items.length} stories\n`);
  });
});
