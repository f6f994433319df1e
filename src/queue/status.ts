/**
 * What the queue holds (`crossread jobs`): per stage, jobs waiting (created or waiting
 * for a retry), running and failed, the failed ones with their reasons; the inputs not
 * yet read and those read and waiting for the assigner. The queue is drained when no
 * job waits or runs and every input has been passed by the assigner.
 */
import type { QueueConnection } from './connection.js';
import { inputCounts } from './staging.js';
import { failureReason } from './assigner.js';
import { ASSIGN_LOCK } from './schema.js';
import { STAGES, queueName, type Stage } from './stages.js';

export interface StageStatus {
  stage: Stage;
  waiting: number;
  retrying: number;
  running: number;
  completed: number;
  failed: number;
}

export interface FailedJob {
  stage: Stage;
  id: string;
  /** The input (file or URL), the story, or the feeds of a poll. */
  subject: string;
  reason: string;
  attempts: number;
  failedAt: string;
}

export interface RunningJob {
  stage: Stage;
  id: string;
  subject: string;
  /** When this attempt started (ISO), and which attempt it is. */
  startedAt: string;
  attempt: number;
}

export interface QueueStatus {
  /** Per stage. The assign stage's jobs are wake-up calls; its work waiting is `inputs.staged`. */
  stages: StageStatus[];
  /** Whether a worker holds the assigner's lock (an assigner is running). */
  assigner: boolean;
  inputs: { queued: number; staged: number; failed: number; done: number };
  /** Jobs running now (at most `failedLimit`), longest running first. */
  running: RunningJob[];
  /** The most recent failed jobs (at most `failedLimit`), newest first. */
  failed: FailedJob[];
  drained: boolean;
}

/** The queue's state now. */
export async function queueStatus(q: QueueConnection, failedLimit = 20): Promise<QueueStatus> {
  const names = STAGES.map(queueName);
  // Stages whose jobs are work (the assign stage's are wake-up calls: not listed as failed, not waited for).
  const work = STAGES.filter((s) => s !== 'assign').map(queueName);
  // pg-boss keeps a queue's jobs in its own table (partition) of pgboss.job; counts by state in one query.
  const r = await q.pool.query<{ name: string; state: string; n: number }>(
    `SELECT name, state::text AS state, count(*)::int AS n FROM pgboss.job WHERE name = ANY($1) GROUP BY name, state`,
    [names],
  );
  const stages: StageStatus[] = STAGES.map((stage) => ({ stage, waiting: 0, retrying: 0, running: 0, completed: 0, failed: 0 }));
  for (const row of r.rows) {
    const s = stages[names.indexOf(row.name)];
    if (!s) continue;
    if (row.state === 'created') s.waiting += row.n;
    else if (row.state === 'retry') s.retrying += row.n;
    else if (row.state === 'active') s.running += row.n;
    else if (row.state === 'completed') s.completed += row.n;
    else if (row.state === 'failed') s.failed += row.n;
  }
  type JobRow = { name: string; id: string; data: Record<string, unknown>; output: unknown; retry_count: number; completed_on: Date | null; started_on: Date | null; input: string | null };
  const jobs = (state: 'failed' | 'active', order: string) =>
    q.pool.query<JobRow>(
      `SELECT j.name, j.id::text AS id, j.data, j.output, j.retry_count, j.completed_on, j.started_on, i.input
       FROM pgboss.job j LEFT JOIN crossread_queue.inputs i ON i.job_id = j.id
       WHERE j.name = ANY($1) AND j.state = $3 ORDER BY ${order} LIMIT $2`,
      [work, failedLimit, state],
    );
  const subject = (row: JobRow): string =>
    row.input ?? (typeof row.data.storyId === 'string' ? `story ${row.data.storyId}` : Array.isArray(row.data.feeds) ? `poll of ${row.data.feeds.length} feed(s)` : '');
  const stageOf = (name: string): Stage => STAGES[names.indexOf(name)] ?? 'read';
  const failed: FailedJob[] = (await jobs('failed', 'j.completed_on DESC NULLS LAST')).rows.map((row) => ({
    stage: stageOf(row.name),
    id: row.id,
    subject: subject(row),
    reason: failureReason(row.output),
    attempts: Number(row.retry_count) + 1,
    failedAt: row.completed_on ? row.completed_on.toISOString() : '',
  }));
  const running: RunningJob[] = (await jobs('active', 'j.started_on')).rows.map((row) => ({
    stage: stageOf(row.name),
    id: row.id,
    subject: subject(row),
    startedAt: row.started_on ? row.started_on.toISOString() : '',
    attempt: Number(row.retry_count) + 1,
  }));
  const inputs = await inputCounts(q.pool);
  const lock = await q.pool.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid = $1 AND objid = $2 AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
    ASSIGN_LOCK,
  );
  const busy = stages.some((s) => s.stage !== 'assign' && s.waiting + s.retrying + s.running > 0);
  return { stages, assigner: (lock.rows[0]?.n ?? 0) > 0, inputs, running, failed, drained: !busy && inputs.queued + inputs.staged + inputs.failed === 0 };
}
