/**
 * The staging table (./schema.ts): inputs entered in arrival order, their read results
 * staged by any worker, taken in order by the one assigner.
 */
import type pg from 'pg';
import type { Article, Diagnostic } from '../types.js';
import { decodeFeatures, type EncodedFeatures, type PrecomputedFeatures } from '../stories/features.js';
import { INPUTS } from './schema.js';
import type { InputOptions } from './stages.js';

/** An input row as the workers read it. */
export interface InputRow {
  seq: number;
  input: string;
  kind: 'file' | 'url';
  options: InputOptions;
  state: 'queued' | 'staged' | 'failed';
  jobId: string | null;
  flushBefore: boolean;
  flushAfter: boolean;
  storedCount: number;
}

/** A staged row as the assigner reads it (with its articles; their features are read apart, see `stagedFeatures`). */
export interface OpenRow extends InputRow {
  articles: Article[];
}

type Row = Record<string, unknown>;

function toRow(r: Row): InputRow {
  return {
    seq: Number(r.seq),
    input: r.input as string,
    kind: r.kind as InputRow['kind'],
    options: JSON.parse((r.options as string) || '{}') as InputOptions,
    state: r.state as InputRow['state'],
    jobId: (r.job_id as string | null) ?? null,
    flushBefore: r.flush_before as boolean,
    flushAfter: r.flush_after as boolean,
    storedCount: Number(r.stored_count),
  };
}

const COLUMNS = 'seq, input, kind, options, state, job_id, flush_before, flush_after, stored_count';

/** The row of input `seq`, or null. */
export async function inputRow(db: pg.Pool, seq: number): Promise<InputRow | null> {
  const r = await db.query(`SELECT ${COLUMNS} FROM ${INPUTS} WHERE seq = $1`, [seq]);
  return r.rows[0] ? toRow(r.rows[0] as Row) : null;
}

/**
 * Stages the read result of input `seq`. Only the first result counts: a job run twice
 * (its first worker was taken as lost) finds the row staged and changes nothing, so the
 * assigner never sees a row's articles change under it. Returns whether it was staged.
 */
export async function stageRead(
  db: pg.Pool,
  seq: number,
  articles: Article[],
  diagnostics: Diagnostic[],
  features: StagedFacts[] | null = null,
): Promise<boolean> {
  const r = await db.query(
    `UPDATE ${INPUTS} SET state = 'staged', articles = $2, diagnostics = $3, features = $4, staged_at = clock_timestamp()
     WHERE seq = $1 AND state = 'queued'`,
    [seq, JSON.stringify(articles), JSON.stringify(diagnostics), features ? JSON.stringify(features) : null],
  );
  return (r.rowCount ?? 0) > 0;
}

/** Marks input `seq` failed for good with `reason` (its number then never holds the assigner up). */
export async function markFailed(db: pg.Pool, seq: number, reason: string): Promise<void> {
  await db.query(`UPDATE ${INPUTS} SET state = 'failed', reason = $2, staged_at = clock_timestamp() WHERE seq = $1 AND state = 'queued'`, [seq, reason]);
}

/**
 * What the read stage computes for each article it stages, so that the one assigner does
 * not: its story features (`EncodedFeatures`) and `h`, its content hash (the store's
 * `contentHash` of its text). A row staged before hashes were has no `h`: the store
 * hashes those texts itself.
 */
export type StagedFacts = EncodedFeatures & { h?: string };

/** Up to `limit` rows the assigner has not passed yet, in arrival order, with their articles. */
export async function openRows(db: pg.Pool | pg.ClientBase, limit: number, afterSeq = 0): Promise<OpenRow[]> {
  const r = await db.query(`SELECT ${COLUMNS}, articles FROM ${INPUTS} WHERE NOT done AND seq > $2 ORDER BY seq LIMIT $1`, [limit, afterSeq]);
  return (r.rows as Row[]).map((row) => ({
    ...toRow(row),
    articles: row.articles ? (JSON.parse(row.articles as string) as Article[]) : [],
  }));
}

/**
 * The staged story features and content hashes of the given articles (input number and
 * position in its row), in order: null for an article whose row has none (staged before
 * features, or hashes, were), whose row's features do not match its articles in number,
 * or whose entry does not decode; the store computes those itself (and features of
 * another version). Read when a batch is stored, not with `openRows`: the assigner reads
 * open rows again on every pass, and only the facts of the articles it stores are
 * needed, once.
 */
export async function stagedFeatures(
  db: pg.Pool | pg.ClientBase,
  wanted: ReadonlyArray<{ seq: number; index: number; rowLength: number }>,
): Promise<{ features: Array<PrecomputedFeatures | null>; hashes: Array<string | null> }> {
  const lengths = new Map(wanted.map((w) => [w.seq, w.rowLength]));
  const r = await db.query(`SELECT seq, features FROM ${INPUTS} WHERE seq = ANY($1::bigint[]) AND features IS NOT NULL`, [[...lengths.keys()]]);
  const bySeq = new Map<number, unknown[] | null>();
  for (const row of r.rows as Row[]) bySeq.set(Number(row.seq), parseFeatures(row.features, lengths.get(Number(row.seq)) ?? -1));
  const features: Array<PrecomputedFeatures | null> = [];
  const hashes: Array<string | null> = [];
  for (const w of wanted) {
    const entry = bySeq.get(w.seq)?.[w.index];
    features.push(entry === undefined ? null : decodeFeatures(entry));
    const h = entry !== null && typeof entry === 'object' ? (entry as { h?: unknown }).h : undefined;
    hashes.push(typeof h === 'string' ? h : null);
  }
  return { features, hashes };
}

/** A row's staged features as an array with one entry per article, or null. */
function parseFeatures(features: unknown, articles: number): unknown[] | null {
  if (typeof features !== 'string') return null;
  try {
    const parsed: unknown = JSON.parse(features);
    return Array.isArray(parsed) && parsed.length === articles ? parsed : null;
  } catch {
    return null;
  }
}

/** Records the assigner's progress: rows up to `doneThrough` passed, and `partial` articles stored of the row after. */
export async function markStored(db: pg.Pool | pg.ClientBase, doneThrough: number | null, partial: { seq: number; storedCount: number } | null): Promise<void> {
  if (doneThrough !== null) {
    await db.query(`UPDATE ${INPUTS} SET done = true, done_at = clock_timestamp(), articles = NULL, features = NULL WHERE NOT done AND seq <= $1`, [doneThrough]);
  }
  if (partial) await db.query(`UPDATE ${INPUTS} SET stored_count = $2 WHERE seq = $1`, [partial.seq, partial.storedCount]);
}

/** Counts of the inputs by where they are: waiting to be read, staged for the assigner, failed (not yet passed). */
export async function inputCounts(db: pg.Pool): Promise<{ queued: number; staged: number; failed: number; done: number }> {
  const r = await db.query(`SELECT state, done, count(*)::int AS n FROM ${INPUTS} GROUP BY state, done`);
  const out = { queued: 0, staged: 0, failed: 0, done: 0 };
  for (const row of r.rows as Array<{ state: string; done: boolean; n: number }>) {
    if (row.done) out.done += row.n;
    else if (row.state === 'queued') out.queued += row.n;
    else if (row.state === 'staged') out.staged += row.n;
    else out.failed += row.n;
  }
  return out;
}
