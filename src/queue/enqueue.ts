/**
 * Entering inputs into the queue (`crossread ingest … --queue`, scheduled feed polls):
 * paths are expanded here, as the one-process `ingest` expands them, so the queued run
 * reads the same files in the same order; each file and each URL gets the next arrival
 * number and one job (`read` for a file, `fetch` for a URL), all in one transaction: an
 * input is either queued with its job or not at all.
 *
 * File inputs are read by whichever worker takes the job, so they must be at the same
 * path on every worker's machine (a shared volume); paths are made absolute here.
 */
import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Diagnostic } from '../types.js';
import { CrossreadError } from '../errors.js';
import { DEFAULT_MAX_BYTES, SLOW_INPUT_BYTES, expandInputs } from '../ingest/index.js';
import { splitInputs } from '../store/ingest.js';
import type { QueueConnection } from './connection.js';
import { inTransaction } from '../store/postgres/connect.js';
import { ENQUEUE_LOCK, INPUTS } from './schema.js';
import { DEFAULT_JOB_SETTINGS, queueName, sendOptions, type InputJob, type InputOptions, type JobSettings } from './stages.js';

export interface EnqueueOptions extends InputOptions {
  settings?: Partial<JobSettings>;
  /** Working folder relative paths are resolved against (default: the process's). */
  cwd?: string;
}

export interface EnqueueResult {
  /** Inputs queued (files and URLs). */
  queued: number;
  /** Their arrival numbers, first and last (null when nothing was queued). */
  first: number | null;
  last: number | null;
  /** Inputs that could not be queued (no such file, …). */
  diagnostics: Diagnostic[];
}

interface Planned {
  input: string;
  kind: 'file' | 'url';
  flushBefore: boolean;
  flushAfter: boolean;
}

/**
 * Queues `inputs` (files, folders, globs, http(s) URLs; not `-`). Batch boundaries are
 * planned as `ingestIntoStore` makes them: files' articles run on across inputs, with a
 * boundary before each large file and after the last one; each URL's articles form
 * batches of their own.
 */
export async function enqueueInputs(q: QueueConnection, inputs: string[], opts: EnqueueOptions = {}): Promise<EnqueueResult> {
  if (inputs.includes('-')) throw CrossreadError.of('USAGE', 'standard input (-) cannot be queued: workers read inputs themselves; save it to a file first');
  const cwd = opts.cwd ?? process.cwd();
  const { urls, paths } = splitInputs(inputs);
  const expanded = paths.length ? await expandInputs(paths.map((p) => resolve(cwd, p))) : { files: [], diagnostics: [] };
  const cap = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const planned: Planned[] = [];
  for (const file of expanded.files) {
    // As `ingest` does: a boundary before a readable file large enough to be slow.
    const size = await stat(file).then((s) => (s.isFile() ? s.size : -1), () => -1);
    planned.push({ input: file, kind: 'file', flushBefore: size >= SLOW_INPUT_BYTES && size <= cap, flushAfter: false });
  }
  const lastFile = planned.at(-1);
  if (lastFile) lastFile.flushAfter = true;
  for (const url of urls) planned.push({ input: url, kind: 'url', flushBefore: true, flushAfter: true });
  const { settings: _s, cwd: _c, ...readOptions } = opts;
  const seqs = await enqueuePlanned(q, planned, readOptions, { ...DEFAULT_JOB_SETTINGS, ...opts.settings });
  return { queued: seqs.length, first: seqs[0] ?? null, last: seqs.at(-1) ?? null, diagnostics: expanded.diagnostics };
}

/** Inserts the rows and their jobs in one transaction; returns the arrival numbers. */
async function enqueuePlanned(q: QueueConnection, planned: Planned[], options: InputOptions, settings: JobSettings): Promise<number[]> {
  if (planned.length === 0) return [];
  // One enqueuer at a time (ENQUEUE_LOCK): arrival numbers are then committed in their
  // order, and the assigner never sees a later number before an earlier one.
  return inTransaction(q.pool, async (client) => {
    const seqs: number[] = [];
    const jobs: Array<{ id: string; name: string; data: InputJob } & ReturnType<typeof sendOptions>> = [];
    const optionsJson = JSON.stringify(options);
    // In chunks: one round trip per 500 inputs.
    for (let i = 0; i < planned.length; i += 500) {
      const chunk = planned.slice(i, i + 500);
      const ids = chunk.map(() => randomUUID());
      const r = await client.query<{ seq: string; job_id: string }>(
        `INSERT INTO ${INPUTS} (input, kind, options, flush_before, flush_after, job_id)
         SELECT input, kind, options, flush_before, flush_after, job_id
         FROM unnest($1::text[], $2::text[], $3::text[], $4::bool[], $5::bool[], $6::uuid[])
           WITH ORDINALITY AS t(input, kind, options, flush_before, flush_after, job_id, n)
         ORDER BY n
         RETURNING seq, job_id`,
        [chunk.map((p) => p.input), chunk.map((p) => p.kind), chunk.map(() => optionsJson), chunk.map((p) => p.flushBefore), chunk.map((p) => p.flushAfter), ids],
      );
      const seqOf = new Map(r.rows.map((row) => [row.job_id, Number(row.seq)]));
      chunk.forEach((p, k) => {
        const id = ids[k]!;
        const seq = seqOf.get(id)!;
        seqs.push(seq);
        jobs.push({ id, name: queueName(p.kind === 'url' ? 'fetch' : 'read'), data: { seq }, ...sendOptions(settings) });
      });
    }
    await q.boss.insert(jobs, { db: { executeSql: (text: string, values: unknown[]) => client.query(text, values) } });
    return seqs;
  }, ENQUEUE_LOCK);
}
