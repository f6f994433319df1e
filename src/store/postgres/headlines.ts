/**
 * The story headline step of the PostgreSQL store: computes the headlines of the
 * stories whose members changed, after the write that changed them committed, outside
 * the writers' lock (the index step, beside the search index: ./search-index.ts).
 *
 * A write marks each story it touches `headline_due` and lists it under a provisional
 * title (../rows.ts `provisionalHeadline`); this step reads the members' titles and
 * openings and stores `storyHeadline`'s result (the same function `brief` uses, so a
 * story's headline is the same everywhere once computed), clearing the mark. Stories are
 * taken a chunk per transaction, their rows locked first (FOR UPDATE SKIP LOCKED): a
 * writer touching one of them meanwhile waits for the chunk to commit and marks it due
 * again, so a headline is never cleared with members it was not computed from; a story
 * a writer holds is skipped (it will be due again when the writer commits).
 */
import type pg from 'pg';
import { LEAD_CHARS } from '../../summarize/headline.js';
import { DATELINE_MARK, headlineOfRows, type HeadRow } from '../rows.js';
import { inTransaction, type Queryable } from './connect.js';

/** Stories headlined per transaction. */
const CHUNK = 500;

/** The headlines of the given stories, computed from their members (a story without members has none). */
export async function headlinesOf(db: Queryable, storyIds: readonly string[]): Promise<Map<string, string>> {
  const members = new Map<string, HeadRow[]>();
  const rows = (
    await db.query<HeadRow & { story_id: string }>(
      `SELECT story_id, id, title, outlet, published, left(text, ${LEAD_CHARS}) AS text, strpos(removed, '${DATELINE_MARK}') > 0 AS dateline
       FROM articles WHERE story_id = ANY($1::text[]) ORDER BY seq`,
      [storyIds],
    )
  ).rows;
  for (const r of rows) {
    const list = members.get(r.story_id);
    if (list) list.push(r);
    else members.set(r.story_id, [r]);
  }
  const out = new Map<string, string>();
  for (const [id, heads] of members) out.set(id, headlineOfRows(heads));
  return out;
}

/** Computes every due story headline; returns how many stories it headlined. */
export async function refreshHeadlines(pool: pg.Pool): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await inTransaction(pool, async (client) => {
      const due = (await client.query<{ id: string }>('SELECT id FROM stories WHERE headline_due ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED', [CHUNK])).rows.map((r) => r.id);
      if (due.length === 0) return 0;
      const computed = await headlinesOf(client, due);
      const ids = [...computed.keys()];
      const headlines = [...computed.values()];
      // A due story without members (none is kept: a write removes an emptied story) only loses its mark.
      await client.query(
        `UPDATE stories s SET headline = COALESCE(u.headline, s.headline), headline_due = false
         FROM unnest($1::text[]) AS d(id) LEFT JOIN unnest($2::text[], $3::text[]) AS u(id, headline) ON u.id = d.id
         WHERE s.id = d.id`,
        [due, ids, headlines],
      );
      return due.length;
    });
    total += n;
    if (n < CHUNK) return total;
  }
}
