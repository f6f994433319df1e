/**
 * The `assign` stage: story assignment, strictly one at a time across all workers and
 * in arrival order, so that the grouping is the one-process `ingest`'s for the same
 * inputs in the same order.
 *
 * - One assigner: the worker holding a PostgreSQL session advisory lock (on a
 *   connection of its own) assigns; the others skip the stage and try the lock now and
 *   then, so that one takes over when the holder dies (its connection, and with it the
 *   lock, goes away). The lock is checked before each batch is stored.
 * - Arrival order: inputs are taken by arrival number; the assigner stops at the first
 *   input not yet read (a gap) and goes on when it is. An input whose job failed for
 *   good (marked by its worker, or found so in pg-boss here when its worker died on the
 *   last try) counts as read with no articles, so it never holds the queue up.
 * - The same batches: `Store.addArticles` is one batch's assignment, and the batch is
 *   part of the result (the IDF a batch's terms are selected under includes the whole
 *   batch). The batches are cut as `ingestIntoStore` cuts them: articles run on across
 *   files, `batchSize` at a time, with a boundary where the input was marked at enqueue
 *   (before a large file, after the last file of a run, around each URL). Articles not
 *   making a whole batch wait for the next input, or for the run's end.
 * - Crash safety without a shared transaction (the store may be another database): a
 *   batch is stored, then the rows it finished are marked done (and how far into a
 *   partly stored row). Dying in between means the batch is given again: the store
 *   skips articles it holds (same content), so nothing is stored twice, and the batches
 *   after it are cut as before.
 *
 * - Story features and content hashes come precomputed from the read stage (staged
 *   with the articles, read for each batch as it is stored); the store computes them
 *   only for articles staged without them.
 *
 * With `index` (a worker that also runs the `index` stage), batches are stored with
 * `deferSearch`: making them findable by search is the `index` stage's job (a call
 * at most every second during a pass and one after it, at most one waiting), run
 * beside the assigner, outside its lock; without
 * it the store indexes each batch right after writing it. Changed stories are then
 * queued for briefing (`brief` stage).
 */
import pg from 'pg';
import type { Article } from '../types.js';
import type { AddResult, Store } from '../store/store.js';
import { DEFAULT_BATCH } from '../store/ingest.js';
import type { QueueConnection } from './connection.js';
import { ASSIGN_LOCK } from './schema.js';
import { markFailed, markStored, openRows, stagedFeatures, type OpenRow } from './staging.js';
import { DEFAULT_JOB_SETTINGS, queueName, sendOptions, type BriefJob, type JobSettings } from './stages.js';

export interface AssignerOptions {
  /** Articles per batch (default 256, as `ingest`). */
  batchSize?: number;
  /** Queue changed stories for briefing (default true). */
  brief?: boolean;
  /** Leave search indexing to the `index` stage (default true); false: the store indexes each batch after writing it. */
  index?: boolean;
  /** Settings of the brief jobs sent. */
  settings?: Partial<JobSettings>;
  /** Called after each stored batch. */
  onBatch?: (b: { articles: number; added: number; skipped: number; throughSeq: number | null }) => void;
}

export interface PassResult {
  /** Articles given to the store, and of them stored (the rest were already there). */
  articles: number;
  added: number;
  /** Whether the pass stopped at an input not yet read. */
  waiting: boolean;
}

/** The assigner gave up the lock (its connection was lost) during a pass. */
export class LostLock extends Error {}

/** Rows read per round trip. */
const ROWS_PER_READ = 64;

/** Least time between two `index` jobs sent during a pass (see `callIndexer`). */
const INDEX_CALL_EVERY_MS = 1000;

export class Assigner {
  private lockClient: pg.Client | null = null;
  private readonly batchSize: number;
  /** When the last `index` job was sent (ms since the epoch). */
  private indexSentAt = 0;

  constructor(
    private readonly url: string,
    private readonly q: QueueConnection,
    private readonly store: Store,
    private readonly opts: AssignerOptions = {},
  ) {
    this.batchSize = Math.max(1, opts.batchSize ?? DEFAULT_BATCH);
  }

  /** Whether this process holds the assigner's lock (after `tryLock`). */
  get holder(): boolean {
    return this.lockClient !== null;
  }

  /** Takes the assigner's lock if nobody holds it; true while this process holds it. */
  async tryLock(): Promise<boolean> {
    if (this.lockClient) {
      if (await this.alive()) return true;
    }
    const client = new pg.Client({ connectionString: this.url, application_name: 'crossread-assigner' });
    client.on('error', () => {
      if (this.lockClient === client) this.lockClient = null;
    });
    try {
      await client.connect();
      const r = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS ok', ASSIGN_LOCK);
      if (r.rows[0]?.ok) {
        this.lockClient = client;
        return true;
      }
    } catch {
      // No server right now: try again later.
    }
    await client.end().catch(() => {});
    return false;
  }

  /** Gives the lock up. */
  async release(): Promise<void> {
    const c = this.lockClient;
    this.lockClient = null;
    if (c) await c.end().catch(() => {});
  }

  private async alive(): Promise<boolean> {
    const c = this.lockClient;
    if (!c) return false;
    try {
      await c.query('SELECT 1');
      return true;
    } catch {
      this.lockClient = null;
      await c.end().catch(() => {});
      return false;
    }
  }

  /** Stores every batch that is complete, in arrival order (only while holding the lock); stops between inputs once `signal` aborts. */
  async pass(signal?: AbortSignal): Promise<PassResult> {
    const out: PassResult = { articles: 0, added: 0, waiting: false };
    if (!this.lockClient) return out;
    const pool = this.q.pool;
    let pending: Array<{ article: Article; seq: number; index: number; rowLength: number }> = [];
    /** Rows walked (in order) since the last point where nothing was pending. */
    let walked: OpenRow[] = [];
    let doneThrough: number | null = null;
    let partial: { seq: number; storedCount: number } | null = null;
    let afterSeq = 0;
    let gapChecks = 0;
    let indexDue = false;
    let lastAdded = 0;

    const emit = async (n: number): Promise<void> => {
      if (n <= 0 || pending.length === 0) return;
      if (!(await this.alive())) throw new LostLock('the assigner lost its lock (connection to the server lost)');
      const batch = pending.slice(0, n);
      pending = pending.slice(n);
      const { features, hashes } = await stagedFeatures(pool, batch);
      const deferSearch = this.opts.index !== false;
      const r = await this.store.addArticles(batch.map((p) => p.article), { features, contentHashes: hashes, deferSearch });
      if (r.added.length) lastAdded = Date.now();
      out.articles += batch.length;
      out.added += r.added.length;
      if (deferSearch && r.added.length) {
        indexDue = true;
        if (Date.now() - this.indexSentAt >= INDEX_CALL_EVERY_MS) await this.callIndexer();
      }
      await this.queueBriefs(r);
      const head = pending[0];
      if (head) {
        for (const w of walked) if (w.seq < head.seq) doneThrough = w.seq;
        partial = head.index > 0 ? { seq: head.seq, storedCount: head.index } : null;
      } else {
        doneThrough = walked.at(-1)?.seq ?? doneThrough;
        partial = null;
      }
      walked = walked.filter((w) => doneThrough === null || w.seq > doneThrough);
      await markStored(pool, doneThrough, partial);
      this.opts.onBatch?.({ articles: batch.length, added: r.added.length, skipped: r.skipped.length, throughSeq: doneThrough });
    };

    for (;;) {
      const rows = await openRows(pool, ROWS_PER_READ, afterSeq);
      if (rows.length === 0) break;
      let stop = false;
      for (const row of rows) {
        if (signal?.aborted) {
          stop = true;
          break;
        }
        afterSeq = row.seq;
        if (row.state === 'queued') {
          // A few looks into pg-boss per pass: a long run of failed inputs is passed over the next passes.
          if (gapChecks++ >= 16 || !(await this.failedForGood(row))) {
            out.waiting = true;
            stop = true;
            break;
          }
        }
        // The boundary before this row closes what earlier rows left pending; only then is this row walked.
        if (row.flushBefore) await emit(pending.length);
        walked.push(row);
        row.articles.forEach((article, index) => {
          if (index >= row.storedCount) pending.push({ article, seq: row.seq, index, rowLength: row.articles.length });
        });
        while (pending.length >= this.batchSize) await emit(this.batchSize);
        if (row.flushAfter) await emit(pending.length);
        if (pending.length === 0 && walked.length > 0) {
          doneThrough = row.seq;
          partial = null;
          walked = [];
        }
      }
      if (stop) break;
    }
    // Rows passed with nothing left pending (inputs without articles, failed inputs).
    if (doneThrough !== null) await markStored(pool, doneThrough, null);
    // The batches stored since the last call to the indexer.
    if (indexDue && this.indexSentAt < lastAdded) await this.callIndexer();
    return out;
  }

  /**
   * Sends the `index` stage a job (it indexes every article not indexed yet): at most one
   * per INDEX_CALL_EVERY_MS while a pass stores batch after batch, and one after the
   * pass's last batch. One per batch cost a pg-boss insert (and an index run) per batch,
   * which for inputs of a few articles each was a share of every article's cost.
   */
  private async callIndexer(): Promise<void> {
    this.indexSentAt = Date.now();
    await this.q.boss.send(queueName('index'), {}, sendOptions({ ...DEFAULT_JOB_SETTINGS, ...this.opts.settings }));
  }

  /** Whether the job of a row still `queued` failed for good (then the row is marked failed). */
  private async failedForGood(row: OpenRow): Promise<boolean> {
    if (!row.jobId) return false;
    const name = queueName(row.kind === 'url' ? 'fetch' : 'read');
    const job = await this.q.boss.getJobById(name, row.jobId, { includeArchive: true });
    if (job && job.state !== 'failed' && job.state !== 'cancelled') return false;
    const reason = job ? failureReason(job.output) : 'its job is gone from the queue';
    await markFailed(this.q.pool, row.seq, reason);
    row.state = 'failed';
    row.articles = [];
    return true;
  }

  /** Queues the stories a stored batch changed for briefing. */
  private async queueBriefs(r: AddResult): Promise<void> {
    if (this.opts.brief === false) return;
    const stories = new Set<string>();
    for (const a of r.added) stories.add(a.storyId);
    for (const m of r.merged) stories.add(m.into);
    const options = { ...sendOptions({ ...DEFAULT_JOB_SETTINGS, ...this.opts.settings }) };
    for (const storyId of stories) {
      const data: BriefJob = { storyId };
      await this.q.boss.send(queueName('brief'), data, { ...options, singletonKey: storyId });
    }
  }
}

/** The reason a failed pg-boss job carries (its output: `{ message }`, or pg-boss's own `{ value: { message } }`). */
export function failureReason(output: unknown): string {
  const o = output as { message?: unknown; value?: { message?: unknown } } | null;
  const m = o?.message ?? o?.value?.message;
  return typeof m === 'string' && m ? m : 'failed';
}
