/**
 * The store commands on PostgreSQL through the real CLI (bin/crossread.js over dist/):
 * `--db postgres://…` (and CROSSREAD_DB) give what the same commands give on a SQLite
 * file for the same input. A fresh database per run, dropped afterwards; skipped with a
 * reason when no server answers (a failure under CI=true).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crossread } from './run.js';
import { EXAMPLE } from '../helpers/shared.js';
import { createTestDatabase, postgresMissing, type TestDatabase } from '../helpers/postgres.js';

const pgMissing = await postgresMissing();

/** JSON output with the times of this run left out (stories are stamped when stored). */
function json(stdout: string): unknown {
  return JSON.parse(stdout, (k, v: unknown) => (k === 'createdAt' || k === 'updatedAt' || k === 'ingestedAt' || k === 'generatedAt' ? '<time>' : v));
}

describe.skipIf(pgMissing)('crossread --db postgres://…', () => {
  let pg: TestDatabase;
  let empty: TestDatabase;
  let dir: string;
  let file: string;
  beforeAll(async () => {
    [pg, empty] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    dir = mkdtempSync(join(tmpdir(), 'crossread-cli-pg-'));
    file = join(dir, 'news.db');
  });
  afterAll(async () => {
    await Promise.all([pg.drop(), empty.drop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  /** The same command on both stores: its PostgreSQL and its SQLite result. */
  function both(args: string[]): { pg: ReturnType<typeof crossread>; sqlite: ReturnType<typeof crossread> } {
    return { pg: crossread([...args, '--db', pg.url]), sqlite: crossread([...args, '--db', file]) };
  }

  it('ingest, stories, articles, brief --story and forget answer as on SQLite', () => {
    const ingest = both(['ingest', EXAMPLE]);
    expect(ingest.pg.stderr).toBe('');
    expect(ingest.pg.code).toBe(0);
    expect(ingest.pg.stdout).toBe(`stored 5 articles in 1 story (1 new); 0 already stored → ${pg.url}\n`);
    expect(ingest.pg.stdout.replace(pg.url, file)).toBe(ingest.sqlite.stdout);
    // Again: a no-op.
    const again = JSON.parse(crossread(['ingest', EXAMPLE, '--db', pg.url, '--json']).stdout) as { added: unknown[]; skipped: unknown[] };
    expect([again.added.length, again.skipped.length]).toEqual([0, 5]);

    const stories = both(['stories', '--json']);
    expect(stories.pg.code).toBe(0);
    expect(json(stories.pg.stdout)).toEqual(json(stories.sqlite.stdout));
    const story = (JSON.parse(stories.pg.stdout) as { items: Array<{ id: string }> }).items[0]!.id;
    expect(both(['stories']).pg.stdout).toBe(both(['stories']).sqlite.stdout);

    const articles = both(['articles', '--story', story, '--json']);
    expect(articles.pg.code).toBe(0);
    expect(json(articles.pg.stdout)).toEqual(json(articles.sqlite.stdout));

    const brief = both(['brief', '--story', story, '--format', 'json']);
    expect(brief.pg.code).toBe(0);
    expect(json(brief.pg.stdout)).toEqual(json(brief.sqlite.stdout));
    expect((JSON.parse(brief.pg.stdout) as { stories: Array<{ id: string }> }).stories[0]?.id).toBe(story);

    const victim = (JSON.parse(articles.pg.stdout) as { items: Array<{ id: string }> }).items[1]!.id;
    const forget = both(['forget', victim, '--yes', '--json']);
    expect(forget.pg.code).toBe(0);
    expect(JSON.parse(forget.pg.stdout)).toEqual(JSON.parse(forget.sqlite.stdout));
    expect(JSON.parse(forget.pg.stdout)).toMatchObject({ articleId: victim, storyId: story, storyRemoved: false });
    const after = both(['stories', '--json']);
    expect(json(after.pg.stdout)).toEqual(json(after.sqlite.stdout));
    expect((JSON.parse(after.pg.stdout) as { items: Array<{ articleCount: number }> }).items[0]?.articleCount).toBe(4);
  });

  it('takes the URL from CROSSREAD_DB', () => {
    const r = crossread(['stories', '--json'], { env: { CROSSREAD_DB: pg.url } });
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { total: number }).total).toBe(1);
  });

  it('refuses to read an empty database, and names an unknown one without its password', () => {
    const r = crossread(['stories', '--db', empty.url]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${empty.url}: not a crossread database (the database is empty`);
    const gone = new URL(empty.url);
    gone.pathname = '/crossread_no_such_database';
    gone.password = 'hunter2';
    const missing = crossread(['stories', '--db', gone.toString()]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('the database does not exist');
    expect(missing.stderr).toContain(':***@');
    expect(missing.stderr).not.toContain('hunter2');
    expect(missing.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});
