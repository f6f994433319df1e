/**
 * The queue's own table, beside pg-boss's schema: every queued input with its arrival
 * number (`seq`, from a PostgreSQL sequence), and once read, its articles staged for the
 * assigner. In schema `crossread_queue`, apart from the store's tables.
 *
 * `state`: `queued` (waiting to be read), `staged` (read; `articles` holds them),
 * `failed` (its job failed for good; `reason` says why). `features`: the staged
 * articles' story features, one `EncodedFeatures` (../stories/features.ts) or null per
 * article, computed by the read stage so that the assigner does not (added later: a
 * table made before has it added, and its rows staged before have none). `done`: the assigner has
 * passed it (its articles are in the store); done rows always form a prefix of `seq`.
 * `stored_count`: articles of the row already given to the store (a batch boundary may
 * fall inside a row). `flush_before`/`flush_after`: batch boundaries, placed as the
 * one-process `ingest` places them (see ./assigner.ts).
 */
import type pg from 'pg';
import { inTransaction } from '../store/postgres/connect.js';

export const QUEUE_SCHEMA = 'crossread_queue';
export const INPUTS = `${QUEUE_SCHEMA}.inputs`;

/** Advisory-lock keys ("CRSR", n): creating the queue schema, the one assigner, enqueueing. */
const SCHEMA_LOCK: [number, number] = [0x43525352, 2];
export const ASSIGN_LOCK: [number, number] = [0x43525352, 3];
export const ENQUEUE_LOCK: [number, number] = [0x43525352, 4];

const DDL = `
CREATE SCHEMA IF NOT EXISTS ${QUEUE_SCHEMA};
CREATE SEQUENCE IF NOT EXISTS ${QUEUE_SCHEMA}.input_seq;
CREATE TABLE IF NOT EXISTS ${INPUTS} (
  seq          BIGINT PRIMARY KEY DEFAULT nextval('${QUEUE_SCHEMA}.input_seq'),
  input        TEXT NOT NULL,
  kind         TEXT NOT NULL CHECK (kind IN ('file', 'url')),
  options      TEXT NOT NULL DEFAULT '{}',
  flush_before BOOLEAN NOT NULL DEFAULT false,
  flush_after  BOOLEAN NOT NULL DEFAULT false,
  state        TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'staged', 'failed')),
  job_id       UUID,
  articles     TEXT,
  diagnostics  TEXT,
  reason       TEXT,
  stored_count INTEGER NOT NULL DEFAULT 0,
  done         BOOLEAN NOT NULL DEFAULT false,
  enqueued_at  TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
  staged_at    TIMESTAMPTZ,
  done_at      TIMESTAMPTZ
);
CREATE INDEX IF NOT EXISTS inputs_open ON ${INPUTS} (seq) WHERE NOT done;
-- Added later. Looked up first: ALTER TABLE takes the table's strongest lock even when the column is there.
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = '${QUEUE_SCHEMA}' AND table_name = 'inputs' AND column_name = 'features') THEN
    ALTER TABLE ${INPUTS} ADD COLUMN features TEXT;
  END IF;
END $$;
`;

/** Creates the queue's schema when missing (once, even when processes start together). */
export async function ensureQueueSchema(pool: pg.Pool): Promise<void> {
  await inTransaction(pool, async (client) => void (await client.query(DDL)), SCHEMA_LOCK);
}
