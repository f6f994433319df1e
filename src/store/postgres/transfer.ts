/**
 * Row-level access to a PostgreSQL store's tables, for copying a corpus between stores
 * (../transfer.ts). Text keys are ordered and compared with the "C" collation (bytewise,
 * as SQLite's BINARY), so a copy resumes at the same row on either side; composite keys
 * page with row values (`(a, b) > ($1, $2)`). Full-text vectors (`article_search`) are
 * not copied: they are computed from the copied title, text and outlet by the target's
 * search index step (`Store.indexSearch`, run by `crossread copy` at the end).
 */
import type pg from 'pg';
import { PG_MARKER_TABLE } from './schema.js';
import { inTransaction } from './connect.js';
import { headlinesOf } from './headlines.js';
import { normaliseRow, type Cell, type Row, type StoreRows, type TableSpec } from '../transfer.js';

/** A key column with bytewise ordering for text. */
function keyExpr(t: TableSpec, column: string): string {
  return t.integers.includes(column) ? column : `${column} COLLATE "C"`;
}

/** Bytes go to node-postgres as a Buffer (bytea). */
function param(v: Cell): unknown {
  return v instanceof Uint8Array && !Buffer.isBuffer(v) ? Buffer.from(v) : v;
}

/** Rows per INSERT statement (a statement takes at most 65,535 parameters). */
const ROWS_PER_INSERT = 200;

export class PgRows implements StoreRows {
  constructor(
    readonly location: string,
    private readonly pool: pg.Pool,
  ) {}

  async read(t: TableSpec, after: readonly Cell[] | null, limit: number): Promise<Row[]> {
    const keys = t.key.map((k) => keyExpr(t, k));
    const params: unknown[] = [];
    let where = '';
    if (after) {
      where = `WHERE (${keys.join(', ')}) > (${after.map((v, i) => (params.push(param(v)), `$${i + 1}`)).join(', ')})`;
    }
    params.push(limit);
    if (t.name === 'stories') return this.readStories(t, where, keys, params);
    const r = await this.pool.query(`SELECT ${t.columns.join(', ')} FROM ${t.name} ${where} ORDER BY ${keys.join(', ')} LIMIT $${params.length}`, params);
    return r.rows.map((row: Record<string, unknown>) => normaliseRow(t, row));
  }

  /**
   * Story rows as copied: a story whose headline the index step has not computed yet
   * (`headline_due`, ./headlines.ts) is given its headline here, so that the target, which
   * knows nothing of the mark, never keeps the provisional title.
   */
  private async readStories(t: TableSpec, where: string, keys: string[], params: unknown[]): Promise<Row[]> {
    return inTransaction(this.pool, async (client) => {
      const r = await client.query(`SELECT ${t.columns.join(', ')}, headline_due FROM stories ${where} ORDER BY ${keys.join(', ')} LIMIT $${params.length}`, params);
      const rows = r.rows as Array<Record<string, unknown>>;
      const due = rows.filter((row) => row.headline_due === true).map((row) => String(row.id));
      const computed = due.length > 0 ? await headlinesOf(client, due) : new Map<string, string>();
      return rows.map(({ headline_due: _due, ...row }) => normaliseRow(t, { ...row, headline: computed.get(String(row.id)) ?? row.headline }));
    });
  }

  async lastKey(t: TableSpec): Promise<Cell[] | null> {
    const order = t.key.map((k) => `${keyExpr(t, k)} DESC`).join(', ');
    const r = await this.pool.query(`SELECT ${t.key.join(', ')} FROM ${t.name} ORDER BY ${order} LIMIT 1`);
    const row = r.rows[0] as Record<string, unknown> | undefined;
    if (!row) return null;
    const n = normaliseRow({ ...t, columns: t.key }, row);
    return t.key.map((k) => n[k] ?? null);
  }

  async count(t: TableSpec): Promise<number> {
    const r = await this.pool.query(`SELECT COUNT(*)::text AS n FROM ${t.name}`);
    return Number((r.rows[0] as { n: string }).n);
  }

  async write(t: TableSpec, rows: readonly Row[]): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
        const chunk = rows.slice(i, i + ROWS_PER_INSERT);
        const params: unknown[] = [];
        const values = chunk.map((r) => `(${t.columns.map((c) => (params.push(param(r[c] ?? null)), `$${params.length}`)).join(', ')})`);
        await client.query(`INSERT INTO ${t.name} (${t.columns.join(', ')}) VALUES ${values.join(', ')}`, params);
      }
    });
  }

  async meta(): Promise<Map<string, string>> {
    const r = await this.pool.query(`SELECT key, value FROM ${PG_MARKER_TABLE}`);
    return new Map((r.rows as Array<{ key: string; value: string }>).map((x) => [x.key, x.value]));
  }

  async setMeta(entries: ReadonlyArray<[string, string | null]>): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      for (const [k, v] of entries) {
        if (v === null) await client.query(`DELETE FROM ${PG_MARKER_TABLE} WHERE key = $1`, [k]);
        else await client.query(`INSERT INTO ${PG_MARKER_TABLE} (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, [k, v]);
      }
    });
  }
}
