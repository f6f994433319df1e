/**
 * The search index step of the PostgreSQL store: makes stored articles findable by
 * full-text search after their assignment committed, outside the writers' lock.
 *
 * An article is indexed when its `article_search` row exists (./schema.ts, version 2).
 * Articles are indexed in arrival order (`seq`), a chunk per transaction, so every
 * article up to the greatest indexed `seq` is indexed and the next ones to index are
 * simply those after it: found through the primary keys, never by scanning the table.
 * This holds because writers number articles after every stored one (MAX(seq) + 1,
 * under the writers' lock) and commit one at a time, and because indexers take turns
 * (a transaction-level advisory lock of their own: two processes indexing at once
 * would otherwise each see the other's chunk as not there yet). A forgotten article's
 * row goes with it (ON DELETE CASCADE).
 *
 * The lock never meets the writers': the indexer reads article rows and references
 * them (a FOR KEY SHARE lock, which a writer's story moves do not wait for); only a
 * forget of an article being indexed waits for its chunk to commit.
 */
import type pg from 'pg';
import { inTransaction } from './connect.js';
import { SEARCH_VECTOR } from './schema.js';

/** Advisory-lock key of the search indexers ("CRSR", 5): one at a time. */
export const SEARCH_INDEX_LOCK: readonly [number, number] = [0x43525352, 5];

/** Articles indexed per transaction. */
const CHUNK = 500;

/** Indexes every stored article not yet findable by search; returns how many. */
export async function indexSearch(pool: pg.Pool): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await inTransaction(
      pool,
      async (client) =>
        (
          await client.query(
            `INSERT INTO article_search (seq, search)
             SELECT a.seq, ${SEARCH_VECTOR} FROM articles a
             WHERE a.seq > (SELECT COALESCE(MAX(seq), 0) FROM article_search) ORDER BY a.seq LIMIT $1
             ON CONFLICT (seq) DO NOTHING`,
            [CHUNK],
          )
        ).rowCount ?? 0,
      SEARCH_INDEX_LOCK,
    );
    total += n;
    if (n < CHUNK) return total;
  }
}

