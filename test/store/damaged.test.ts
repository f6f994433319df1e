/**
 * Damaged or read-only databases (issue 14, item 26): a dropped table, a row with
 * broken JSON, damaged full-text data or a file that cannot be written give a message
 * naming the database and what is wrong, and exit 1 — never "internal error", a stack
 * trace and exit 70. Real SQLite files, the real CLI entry point (in process).
 */
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable, PassThrough } from 'node:stream';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { openStore } from '../../src/store/index.js';
import { ingestIntoStore } from '../../src/store/ingest.js';
import { databaseError } from '../../src/store/sqlite.js';
import { CrossreadError } from '../../src/errors.js';
import { syntheticText } from './synthetic.js';

let dir: string;
let db: string;
let storyId: string;
let articleId: string;

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const sink = (f: (s: string) => void) =>
    new Writable({
      write(chunk, _enc, cb) {
        f(String(chunk));
        cb();
      },
    });
  const code = await main(['node', 'crossread', ...args], {
    stdout: sink((s) => (stdout += s)) as unknown as NodeJS.WriteStream,
    stderr: sink((s) => (stderr += s)) as unknown as NodeJS.WriteStream,
    stdin: new PassThrough() as unknown as NodeJS.ReadStream,
    isTTY: false,
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code, stdout, stderr };
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'crossread-damaged-'));
  db = join(dir, 's.db');
  for (let i = 0; i < 4; i++) writeFileSync(join(dir, `a${i}.txt`), syntheticText(i % 2, i));
  const store = await openStore(db);
  const s = await ingestIntoStore(store, [0, 1, 2, 3].map((i) => join(dir, `a${i}.txt`)));
  storyId = s.added[0]!.storyId;
  articleId = s.added[0]!.id;
  await store.close();
});
afterEach(() => {
  try {
    execFileSync('chattr', ['-i', db], { stdio: 'ignore' });
  } catch {
    // not immutable
  }
  rmSync(dir, { recursive: true, force: true });
});

function damage(sql: string): void {
  const d = new Database(db);
  if (sql.startsWith('page:')) {
    // Overwrite the b-tree page of a table in the file (as a disk or copy error would).
    const root = d.prepare('SELECT rootpage FROM sqlite_master WHERE name = ?').pluck().get(sql.slice(5)) as number;
    const size = d.pragma('page_size', { simple: true }) as number;
    d.close();
    const fd = openSync(db, 'r+');
    writeSync(fd, Buffer.alloc(size, 0xa5), 0, size, (root - 1) * size);
    closeSync(fd);
    return;
  }
  d.exec(sql);
  d.close();
}

const COMMANDS = (): string[][] => [
  ['articles', '--story', storyId, '--db', db],
  ['brief', '--story', storyId, '--db', db, '--format', 'json'],
  ['stories', '--search', 'civilians', '--db', db],
  ['stories', '--db', db],
  ['ingest', join(dir, 'new.txt'), '--db', db],
];

describe('a damaged database: a message and exit 1, for every command', () => {
  it.each([
    ['a dropped table', 'DROP TABLE articles_fts', /damaged|no such table/],
    ['a dropped stories table', 'PRAGMA foreign_keys = OFF; DROP TABLE stories', /damaged|no such table/],
    ['rows with broken JSON', "UPDATE articles SET removed = '{broken', diagnostics = '[oops'; UPDATE stories SET outlets = 'not json'", /damaged|not valid JSON/],
    ['damaged full-text data', 'page:articles_fts_data', /damaged|malformed|corrupt/i],
    ['a damaged articles table', 'page:articles', /damaged|malformed|corrupt/i],
  ])('%s', async (_what, sql, reason) => {
    writeFileSync(join(dir, 'new.txt'), syntheticText(3, 9));
    damage(sql);
    for (const args of COMMANDS()) {
      const r = await run(args);
      // Some commands do not touch the damaged part and succeed; none may crash.
      expect(r.stderr, args.join(' ')).not.toMatch(/internal error|    at /);
      expect([0, 1, 3], `${args.join(' ')}: ${r.stderr}`).toContain(r.code);
      if (r.code === 1) {
        expect(r.stderr).toContain(db);
        expect(r.stderr).toMatch(reason);
      }
    }
  }, 60_000);
});

describe('a database that cannot be written', () => {
  it('ingest says so and exits 1; reading commands still work', async () => {
    try {
      execFileSync('chattr', ['+i', db], { stdio: 'ignore' });
    } catch {
      if (process.getuid?.() === 0) return expect.fail('cannot make the file read-only: chattr failed and root ignores file modes');
      execFileSync('chmod', ['0444', db]);
    }
    writeFileSync(join(dir, 'new.txt'), syntheticText(3, 9));
    const r = await run(['ingest', join(dir, 'new.txt'), '--db', db]);
    expect(r.stderr).not.toMatch(/internal error|    at /);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(db);
    expect(r.stderr).toMatch(/cannot (?:be written|open)|read-?only/i);
    const list = await run(['articles', '--story', storyId, '--db', db]);
    expect(list.stderr).not.toMatch(/internal error/);
  }, 30_000);
});

describe('databaseError', () => {
  it.each([
    [{ code: 'SQLITE_READONLY', message: 'attempt to write a readonly database' }, 'DB_READONLY'],
    [{ code: 'SQLITE_READONLY_DBMOVED', message: 'x' }, 'DB_READONLY'],
    [{ code: 'SQLITE_CORRUPT_VTAB', message: 'database disk image is malformed' }, 'DB_DAMAGED'],
    [{ code: 'SQLITE_ERROR', message: 'no such table: articles' }, 'DB_DAMAGED'],
    [{ code: 'SQLITE_IOERR_READ', message: 'disk I/O error' }, 'DB_FAILED'],
    [{ code: 'SQLITE_BUSY', message: 'database is locked' }, 'DB_BUSY'],
  ])('%o → %s', (err, code) => {
    const e = databaseError('/x/s.db', Object.assign(new Error(err.message), { code: err.code }));
    expect(e).toBeInstanceOf(CrossreadError);
    expect((e as CrossreadError).code).toBe(code);
    expect((e as CrossreadError).exitCode).toBe(1);
    expect((e as CrossreadError).message).toContain('/x/s.db');
  });

  it('a broken JSON row is damage; a bug stays a bug', () => {
    let syntax: unknown;
    try {
      JSON.parse('{broken');
    } catch (e) {
      syntax = e;
    }
    expect((databaseError('s.db', syntax) as CrossreadError).code).toBe('DB_DAMAGED');
    const bug = new TypeError('x is undefined');
    expect(databaseError('s.db', bug)).toBe(bug);
  });

  it('getArticle of a broken row names the database', async () => {
    damage(`UPDATE articles SET removed = '{broken' WHERE id = '${articleId}'`);
    const store = await openStore(db);
    try {
      await expect(store.getArticle(articleId)).rejects.toThrow(/damaged \(a stored row is not valid JSON/);
    } finally {
      await store.close();
    }
  });
});
