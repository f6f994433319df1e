/** The store commands through the real CLI (bin/crossread.js over dist/). */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { crossread, type CliResult } from './run.js';
import { EXAMPLE, REPO } from '../helpers/shared.js';
import { syntheticCorpus, eventOf } from '../store/synthetic.js';
import { startServer, type FixtureServer } from '../fetch/server.js';

/** As `crossread`, without blocking this process (the fixture HTTP server runs in it). */
function crossreadAsync(args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [`${REPO}bin/crossread.js`, ...args], { env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

let dir: string;
let db: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'crossread-cli-store-'));
  db = join(dir, 'news.db');
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('crossread ingest / stories / articles / brief --story / forget', () => {
  it('ingests the example into a new database, and again as a no-op', () => {
    const r = crossread(['ingest', EXAMPLE, '--db', db]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`stored 5 articles in 1 story (1 new); 0 already stored → ${db}\n`);
    const again = crossread(['ingest', EXAMPLE, '--db', db, '--json']);
    expect(again.code).toBe(0);
    const j = JSON.parse(again.stdout) as { added: unknown[]; skipped: Array<{ reason: string }> };
    expect(j.added).toHaveLength(0);
    expect(j.skipped).toHaveLength(5);
  });

  it('uses CROSSREAD_DB, else ./crossread.db', () => {
    const cwd = mkdtempSync(join(dir, 'cwd-'));
    const viaEnv = join(dir, 'env.db');
    expect(crossread(['ingest', EXAMPLE], { cwd, env: { CROSSREAD_DB: viaEnv } }).code).toBe(0);
    expect(existsSync(viaEnv)).toBe(true);
    expect(crossread(['ingest', EXAMPLE], { cwd, env: { CROSSREAD_DB: '' } }).code).toBe(0);
    expect(existsSync(join(cwd, 'crossread.db'))).toBe(true);
  });

  it('lists stories as a table and as JSON, with --since', () => {
    const table = crossread(['stories', '--db', db]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^story\s+articles\s+lineages\s+dates\s+headline\s+outlets\n/);
    expect(table.stderr).toMatch(/lineages \(an estimate\): groups of articles that share long word sequences/);
    expect(table.stdout).not.toMatch(/an estimate/);
    expect(table.stdout).toMatch(/s-[0-9a-f]{12}\s+5\s+\d\s+2017-09-12…12-08/);
    const json = JSON.parse(crossread(['stories', '--db', db, '--json']).stdout) as { total: number; items: Array<{ id: string; articleCount: number; lineageCount: number; outlets: string[] }> };
    expect(json.total).toBe(1);
    expect(json.items[0]).toMatchObject({ articleCount: 5 });
    expect(json.items[0]!.lineageCount).toBeGreaterThanOrEqual(1);
    const later = JSON.parse(crossread(['stories', '--db', db, '--json', '--since', '2030-01-01']).stdout) as { total: number };
    expect(later.total).toBe(0);
    const bad = crossread(['stories', '--db', db, '--since', 'last week']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"last week" is not a date');
  });

  it('lists a story’s articles and briefs the stored story like the one-shot brief', () => {
    const story = (JSON.parse(crossread(['stories', '--db', db, '--json']).stdout) as { items: Array<{ id: string }> }).items[0]!.id;
    const arts = crossread(['articles', '--story', story, '--db', db]);
    expect(arts.code).toBe(0);
    expect(arts.stdout.trim().split('\n')).toHaveLength(5);
    const stored = JSON.parse(crossread(['brief', '--story', story, '--db', db, '--format', 'json']).stdout) as {
      stories: Array<{ id: string; articleIds: string[]; summary: unknown[]; lineages: unknown[] }>;
      articles: Array<{ storyId: string }>;
      status: number;
    };
    const oneShot = JSON.parse(crossread(['brief', EXAMPLE, '--format', 'json']).stdout) as typeof stored;
    expect(stored.status).toBe(0);
    expect(stored.stories).toHaveLength(1);
    expect(stored.stories[0]!.id).toBe(story);
    expect(stored.articles.every((a) => a.storyId === story)).toBe(true);
    expect([...stored.stories[0]!.articleIds].sort()).toEqual([...oneShot.stories[0]!.articleIds].sort());
    expect(stored.stories[0]!.summary).toEqual(oneShot.stories[0]!.summary);
    expect(stored.stories[0]!.lineages).toEqual(oneShot.stories[0]!.lineages);
    const missing = crossread(['brief', '--story', 's-nope', '--db', db]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('crossread: no story with id "s-nope"\n');
  });

  it('forgets an article and updates its story', () => {
    const r = crossread(['forget', '001_fdee696dc7c08430', '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^forgot 001_fdee696dc7c08430; story s-[0-9a-f]{12} now has 4 articles: “[^”]+”\n$/);
    const again = crossread(['forget', '001_fdee696dc7c08430', '--db', db]);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe('crossread: no article with id "001_fdee696dc7c08430"\n');
  });

  it('gives clear errors for a missing, foreign or corrupt database', () => {
    const none = crossread(['stories', '--db', join(dir, 'none.db')]);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('none.db: cannot open the database (no such file; create it with `crossread ingest');
    const notes = join(dir, 'notes.txt');
    writeFileSync(notes, 'shopping list\n'.repeat(20));
    const foreign = crossread(['ingest', EXAMPLE, '--db', notes]);
    expect(foreign.code).toBe(1);
    expect(foreign.stderr).toBe(`crossread: ${notes}: not a crossread database (the file is not an SQLite database)\n`);
    const corrupt = join(dir, 'corrupt.db');
    const buf = Buffer.alloc(16384, 7);
    buf.write('SQLite format 3\u0000', 0, 'latin1');
    writeFileSync(corrupt, buf);
    const c = crossread(['stories', '--db', corrupt]);
    expect(c.code).toBe(1);
    expect(c.stderr).toMatch(/^crossread: .*corrupt\.db: (not a crossread database|cannot open the database) \(/);
    expect(c.stderr).not.toContain('internal error');
  });
});

describe('crossread eval-cluster', () => {
  it('scores a labelled JSONL file and prints metrics (text and JSON)', () => {
    const file = join(dir, 'gold.jsonl');
    writeFileSync(file, syntheticCorpus(4, 4).map((a) => JSON.stringify({ id: a.id, label: eventOf(a.id), text: a.text, published: a.published })).join('\n'));
    const text = crossread(['eval-cluster', file]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/B-cubed\s+P 1\.000\s+R 1\.000\s+F1 1\.000/);
    expect(text.stdout).toMatch(/stories\s+4 predicted, 4 gold/);
    expect(text.stdout).toMatch(/speed\s+\d+ articles\/s/);
    expect(text.stdout).toContain('(extended B-cubed (Amigó et al. 2009); equal to B-cubed here, one gold story per document)');
    expect(text.stdout).toMatch(/mixing\s+0 predicted stories hold articles of more than two gold stories; at most 1 gold stories in one/);
    const json = JSON.parse(crossread(['eval-cluster', file, '--json', '--seeds', '2']).stdout) as {
      runs: Array<{ bcubed: { f1: number }; ari: number; pairwise: { f1: number }; seed: number }>;
      spread: { bcubedF1: { min: number } };
    };
    expect(json.runs.map((r) => r.seed)).toEqual([1, 2]);
    expect(json.spread.bcubedF1.min).toBe(1);
    expect(json.spread).toMatchObject({ storiesOverTwoGold: { min: 0, max: 0 }, maxGoldInOneStory: 1 });
    // A dataset whose clusters share a document: read, ingested once, scored with extended B-cubed.
    const corpus = syntheticCorpus(2, 3);
    const cluster = (e: string) => ({ id: e, documents: corpus.filter((a) => eventOf(a.id) === e).map((a) => ({ id: a.id, text: a.text })) });
    const [e0, e1] = [...new Set(corpus.map((a) => eventOf(a.id)))] as [string, string];
    const c1 = cluster(e1);
    c1.documents.push({ id: corpus[0]!.id, text: corpus[0]!.text });
    const overlap = join(dir, 'overlap.jsonl');
    writeFileSync(overlap, [cluster(e0), c1].map((c) => JSON.stringify(c)).join('\n'));
    const o = crossread(['eval-cluster', overlap]);
    expect(o.code).toBe(0);
    expect(o.stdout).toContain(`${overlap}: 6 documents, 2 gold stories, 1 documents in several (seed 1)`);
    expect(o.stdout).toMatch(/B-cubed\s+P 1\.000\s+R 0\.\d{3}\s+F1 0\.\d{3}\s+\(extended B-cubed \(Amigó et al\. 2009\)\)/);
    expect(o.stdout).toContain('ARI        not given: defined for one gold story per document');
    const oj = JSON.parse(crossread(['eval-cluster', overlap, '--json']).stdout) as { overlappingGold: number; ari: null; maxGoldInOneStory: number };
    expect(oj).toMatchObject({ overlappingGold: 1, ari: null, maxGoldInOneStory: 1 });
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, '{"id": "x", "text": "no label here"}\n');
    const b = crossread(['eval-cluster', bad]);
    expect(b.code).toBe(1);
    expect(b.stderr).toBe(`crossread: ${bad}:1: expected a "label" (or a "documents" array of a dataset cluster)\n`);
  });

  it('takes the cohesion floor of stories for sensitivity checks (0: off)', () => {
    const file = join(dir, 'gold-cohesion.jsonl');
    writeFileSync(file, syntheticCorpus(4, 4).map((a) => JSON.stringify({ id: a.id, label: eventOf(a.id), text: a.text, published: a.published })).join('\n'));
    for (const x of ['0', '0.14']) expect(crossread(['eval-cluster', file, '--split-cohesion', x]).stdout).toMatch(/stories\s+4 predicted, 4 gold/);
    // Above every story's cohesion: every story is re-grouped, so more stories than events.
    expect(crossread(['eval-cluster', file, '--split-cohesion', '0.99']).stdout).not.toMatch(/stories\s+4 predicted/);
    const bad = crossread(['eval-cluster', file, '--split-cohesion', '1']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"1" is not a number from 0 to below 1.');
  });

  it('groups with the learned linking model on request, and names a missing or malformed model file', () => {
    const file = join(dir, 'gold-linking.jsonl');
    writeFileSync(file, syntheticCorpus(4, 4).map((a) => JSON.stringify({ id: a.id, label: eventOf(a.id), text: a.text, published: a.published })).join('\n'));
    const shipped = crossread(['eval-cluster', file, '--linking', 'model']);
    expect(shipped.code).toBe(0);
    expect(shipped.stdout).toMatch(/B-cubed\s+P \d\.\d{3}/);
    // A model that never links: every article its own story.
    const never = join(dir, 'never.json');
    writeFileSync(never, JSON.stringify({ features: ['cosine', 'average', 'names', 'cohesion', 'logSize', 'cosineLogSize'], intercept: -50, weights: [0, 0, 0, 0, 0, 0], threshold: 0.5 }));
    expect(crossread(['eval-cluster', file, '--linking-model', never]).stdout).toMatch(/stories\s+16 predicted, 4 gold/);
    const missing = join(dir, 'no-model.json');
    const m = crossread(['eval-cluster', file, '--linking-model', missing]);
    expect(m.code).toBe(1);
    expect(m.stderr).toBe(`crossread: ${missing}: not a usable story-linking model (the file is missing); refit it with scripts/fit-linking-model.ts\n`);
    const wrong = join(dir, 'wrong-model.json');
    writeFileSync(wrong, JSON.stringify({ features: ['cosine'], intercept: 0, weights: [1], threshold: 0.5 }));
    expect(crossread(['eval-cluster', file, '--linking-model', wrong]).stderr).toContain(`${wrong}: not a usable story-linking model (its features (cosine) are not the clusterer's`);
    expect(crossread(['eval-cluster', file, '--linking', 'svm']).code).toBe(2);
  });
});

describe('crossread ingest <url> and watch', () => {
  let srv: FixtureServer;
  beforeAll(async () => {
    srv = await startServer();
  });
  afterAll(async () => {
    await srv.close();
  });

  it('ingests a feed URL, then watch --once finds nothing new', async () => {
    srv.items = [1, 2];
    const wdb = join(dir, 'watch.db');
    const r = await crossreadAsync(['ingest', `${srv.url}/feed.xml`, '--db', wdb]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^stored 2 articles/);
    const list = join(dir, 'feeds.txt');
    writeFileSync(list, `${srv.url}/feed.xml\n${srv.url}/gone.xml\n`);
    const w = await crossreadAsync(['watch', list, '--db', wdb, '--once', '--json']);
    expect(w.code).toBe(0);
    expect(JSON.parse(w.stdout)).toMatchObject({ round: 1, feeds: 2, added: 0, failed: 1 });
    expect(w.stderr).toContain(`${srv.url}/feed.xml: 0 new, 2 already stored`);
    expect(w.stderr).toContain(`error: ${srv.url}/gone.xml: fetch failed (HTTP 404 Not Found)`);
  });
});
