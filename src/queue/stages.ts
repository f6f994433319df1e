/**
 * The stages of the job queue (one pg-boss queue each) and the settings their jobs are
 * sent with. See DESIGN.md, "Workers and the job queue".
 *
 * - `fetch`: one http(s) URL (a page or a feed with its item pages) → staged articles.
 * - `read`: one file → staged articles (reading, decoding, cleaning, metadata).
 * - `assign`: story assignment, one at a time across all workers, in arrival order
 *   (./assigner.ts). Its pg-boss queue carries wake-up calls only (policy `stately`: at
 *   most one waiting), the work list is the staging table (./staging.ts).
 * - `index`: makes the articles the assigner stored findable by search (the
 *   PostgreSQL store's full-text vectors, `Store.indexSearch`), outside the assigner's
 *   lock: search lags assignment by a few seconds. Its jobs carry nothing (policy
 *   `stately`: at most one waiting and one running); each indexes every article not yet
 *   indexed, in arrival order.
 * - `brief`: the briefing of one changed story, kept in the store (policy `stately`,
 *   keyed by story: a story changed ten times while waiting is briefed once).
 * - `poll`: a scheduled poll of a list of feeds (`crossread watch` on PostgreSQL): it
 *   enqueues one `fetch` per feed.
 */
export const STAGES = ['fetch', 'read', 'assign', 'index', 'brief', 'poll'] as const;
export type Stage = (typeof STAGES)[number];

/** pg-boss queue names (prefixed, so that a database shared with other pg-boss users stays apart). */
export function queueName(stage: Stage): string {
  return `crossread-${stage}`;
}

/** How jobs are retried and when a job whose worker went silent is taken as lost. */
export interface JobSettings {
  /** Retries after the first attempt (pg-boss retryLimit; default 3). */
  retries: number;
  /** Seconds before a retry (default 10), doubled each time when `backoff`. */
  retryDelaySeconds: number;
  backoff: boolean;
  /**
   * Seconds a job may run (pg-boss expireIn; default 600). A job still active after it —
   * its worker was killed or lost the server — is failed by whichever worker runs the
   * queue's maintenance next, and retried like any failure.
   */
  timeoutSeconds: number;
}

export const DEFAULT_JOB_SETTINGS: JobSettings = { retries: 3, retryDelaySeconds: 10, backoff: true, timeoutSeconds: 600 };

/** The pg-boss send options of `settings`. */
export function sendOptions(settings: JobSettings): { retryLimit: number; retryDelay: number; retryBackoff: boolean; expireInSeconds: number } {
  return { retryLimit: settings.retries, retryDelay: settings.retryDelaySeconds, retryBackoff: settings.backoff, expireInSeconds: settings.timeoutSeconds };
}

/** Data of a `fetch` or `read` job: the input's arrival number (its row in the staging table). */
export interface InputJob {
  seq: number;
}

/** Data of a `brief` job. */
export interface BriefJob {
  storyId: string;
}

/** Data of a `poll` job (and of its schedule). */
export interface PollJob {
  feeds: string[];
  options: InputOptions;
}

/** How an input is read, as given to `ingest --queue` (kept with the input). */
export interface InputOptions {
  maxBytes?: number;
  cluster?: string;
  /** URLs: fetch feed items' pages (default true). */
  followLinks?: boolean;
  maxItemPages?: number;
  /** URLs: per-request timeout in ms. */
  timeoutMs?: number;
  /** URLs: send the stored ETag/Last-Modified and record the new ones (watch). */
  conditional?: boolean;
}
