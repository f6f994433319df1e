import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openStore } from '../../src/store/index.js';
import { CrossreadError } from '../../src/errors.js';

/** SQLite only: what a file can be. The store's behaviour is tested on every backend in ./conformance.test.ts. */
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'crossread-store-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('opening databases', () => {
  it('refuses a file that is not a database, with a clear error', async () => {
    const p = join(dir, 'notes.db');
    writeFileSync(p, 'these are my notes, not a database\n'.repeat(10));
    await expect(openStore(p)).rejects.toThrow(CrossreadError);
    await expect(openStore(p)).rejects.toThrow(/notes\.db: not a crossread database \(the file is not an SQLite database\)/);
  });

  it('refuses a foreign SQLite database', async () => {
    const p = join(dir, 'other.db');
    const db = new Database(p);
    db.exec('CREATE TABLE customers (id INTEGER)');
    db.close();
    await expect(openStore(p)).rejects.toThrow(/other\.db: not a crossread database \(it is an SQLite database with other tables \(customers\)\)/);
  });

  it('refuses a database from a newer schema', async () => {
    const p = join(dir, 'newer.db');
    await (await openStore(p)).close();
    const db = new Database(p);
    db.prepare('INSERT INTO schema_version (version, applied_at) VALUES (99, ?)').run('2030-01-01');
    db.close();
    await expect(openStore(p)).rejects.toThrow(/newer\.db: database schema version 99 is newer than this crossread supports \(4\)/);
  });

  it('refuses a corrupt database (valid header, garbage after)', async () => {
    const p = join(dir, 'corrupt.db');
    const buf = Buffer.alloc(8192, 0x5a);
    buf.write('SQLite format 3\u0000', 0, 'latin1');
    writeFileSync(p, buf);
    const err = await openStore(p).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CrossreadError);
    expect((err as Error).message).toMatch(/corrupt\.db/);
  });
});
