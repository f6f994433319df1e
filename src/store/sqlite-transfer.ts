/**
 * Row-level access to a SQLite store's tables, for copying a corpus between stores
 * (./transfer.ts). Keys compare with SQLite's BINARY collation (bytewise), as the
 * transfer expects; row values (`(a, b) > (?, ?)`) page through composite keys.
 */
import type Database from 'better-sqlite3';
import { MARKER_TABLE } from './schema.js';
import { normaliseRow, type Cell, type Row, type StoreRows, type TableSpec } from './transfer.js';

/** SQLite binds bytes as Buffer. */
function bindable(v: Cell): string | number | Buffer | null {
  return v instanceof Uint8Array && !Buffer.isBuffer(v) ? Buffer.from(v) : (v as string | number | Buffer | null);
}

export class SqliteRows implements StoreRows {
  constructor(
    readonly location: string,
    private readonly db: Database.Database,
  ) {}

  private keyOrder(t: TableSpec): string {
    return t.key.map((k) => `${k} COLLATE BINARY`).join(', ');
  }

  async read(t: TableSpec, after: readonly Cell[] | null, limit: number): Promise<Row[]> {
    const cols = t.columns.join(', ');
    const keys = `(${t.key.join(', ')})`;
    const where = after ? `WHERE ${keys} > (${t.key.map(() => '?').join(', ')})` : '';
    const rows = this.db
      .prepare(`SELECT ${cols} FROM ${t.name} ${where} ORDER BY ${this.keyOrder(t)} LIMIT ?`)
      .all(...(after ?? []).map(bindable), limit) as Array<Record<string, unknown>>;
    return rows.map((r) => normaliseRow(t, r));
  }

  async lastKey(t: TableSpec): Promise<Cell[] | null> {
    const order = t.key.map((k) => `${k} COLLATE BINARY DESC`).join(', ');
    const row = this.db.prepare(`SELECT ${t.key.join(', ')} FROM ${t.name} ORDER BY ${order} LIMIT 1`).get() as Record<string, unknown> | undefined;
    if (!row) return null;
    const n = normaliseRow({ ...t, columns: t.key }, row);
    return t.key.map((k) => n[k] ?? null);
  }

  async count(t: TableSpec): Promise<number> {
    const row = this.db.prepare(`SELECT COUNT(*) AS n FROM ${t.name}`).get() as { n: number };
    return Number(row.n);
  }

  async write(t: TableSpec, rows: readonly Row[]): Promise<void> {
    const insert = this.db.prepare(`INSERT INTO ${t.name} (${t.columns.join(', ')}) VALUES (${t.columns.map(() => '?').join(', ')})`);
    this.db.transaction(() => {
      for (const r of rows) insert.run(...t.columns.map((c) => bindable(r[c] ?? null)));
    }).immediate();
  }

  async meta(): Promise<Map<string, string>> {
    const rows = this.db.prepare(`SELECT key, value FROM ${MARKER_TABLE}`).all() as Array<{ key: string; value: string }>;
    return new Map(rows.map((r) => [String(r.key), String(r.value)]));
  }

  async setMeta(entries: ReadonlyArray<[string, string | null]>): Promise<void> {
    const put = this.db.prepare(`INSERT INTO ${MARKER_TABLE} (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`);
    const del = this.db.prepare(`DELETE FROM ${MARKER_TABLE} WHERE key = ?`);
    this.db.transaction(() => {
      for (const [k, v] of entries) {
        if (v === null) del.run(k);
        else put.run(k, v);
      }
    }).immediate();
  }
}
