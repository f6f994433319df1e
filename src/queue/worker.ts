/**
 * A worker (`crossread worker`): runs the queue's stages in this process until stopped.
 *
 * Each stage is a few loops over `boss.fetch` (one job at a time), not `boss.work`:
 * pg-boss's `work` waits a whole polling interval after every batch, even when more
 * jobs wait; these loops fetch again at once while jobs remain and wait 0.2–1 s when
 * the queue is empty. `concurrency` loops run per stage (fetching, I/O-bound, gets four
 * times as many); reading and briefing are CPU work on this process's one thread, so
 * more of it means more worker processes.
 *
 * The index stage makes what the assigner stored findable by search
 * (`Store.indexSearch`), one run at a time, in whichever worker takes its job.
 *
 * The assign stage runs in the worker holding the assigner's lock (./assigner.ts);
 * every worker tries the lock every few seconds, so another takes over when it dies.
 *
 * Failures: a job that throws is failed with its reason and retried by pg-boss
 * (`JobSettings`); on its last attempt an input is marked failed in the staging table
 * so that the assigner passes it. A worker that dies mid-job (killed, or cut off from
 * the server) leaves its job active until its timeout; pg-boss's maintenance (run by
 * the workers) then fails it and it is retried. Every stage is idempotent: an input
 * is staged once (the first result counts), the store skips articles it holds, a
 * story briefed in its current state is not briefed again.
 *
 * Connection errors (the server restarted, connections terminated) are caught in each
 * loop, reported once in a while, and the loop goes on after a pause: node-postgres and
 * pg-boss open new connections on the next query. A job in hand is not left active
 * until its timeout (600 s by default, holding the assigner up at its arrival number):
 * its handler runs again and its outcome is recorded once the server answers. The
 * assigner's lock goes with its connection; the assign loop takes it again.
 */
import { setMaxListeners } from 'node:events';
import type { Store } from '../store/store.js';
import type { Fetcher } from '../fetch/http.js';
import type { KeptSummaryOptions } from '../kept-briefing.js';
import type PgBoss from 'pg-boss';
import { whenServerAnswers } from '../store/postgres/connect.js';
import { openQueue } from './connection.js';
import { Assigner, LostLock } from './assigner.js';
import { briefChangedStory } from './brief-stage.js';
import { enqueueInputs } from './enqueue.js';
import { readInput } from './read-input.js';
import { inputRow, markFailed } from './staging.js';
import { queueStatus } from './status.js';
import { STAGES, queueName, type BriefJob, type InputJob, type JobSettings, type PollJob, type Stage } from './stages.js';

export interface WorkerOptions {
  /** The queue's PostgreSQL database. */
  url: string;
  /** The store articles are assigned into and briefings kept in. */
  store: Store;
  /** Jobs run at once per stage in this process (default 2; fetching: four times as many). */
  concurrency?: number;
  /** Stages this worker runs (default all). */
  stages?: Stage[];
  /**
   * Whether the assigner (when this worker holds its lock) queues the stories each batch
   * changed for briefing. Default: when this worker runs the `brief` stage itself; true
   * for an assigner whose briefings other workers run (`--stages assign,index` beside
   * `--stages brief,poll` workers).
   */
  queueBriefs?: boolean;
  /** Stop once the queue is drained (nothing waiting, running, or staged). */
  drain?: boolean;
  /** Seconds between pg-boss maintenance runs: lost jobs are found this often (default 30). */
  maintenanceSeconds?: number;
  /** Summary options of kept briefings (default: the web app's). */
  summary?: KeptSummaryOptions;
  /** Articles per assignment batch (default 256). */
  batchSize?: number;
  /** Settings of jobs this worker sends (brief jobs, polled feeds). */
  settings?: Partial<JobSettings>;
  /** Progress and problems, one line each. */
  log?: (line: string) => void;
  /** Filled in as the worker goes (for progress reports); also what `runWorker` resolves with. */
  totals?: WorkerTotals;
  signal?: AbortSignal;
}

export interface WorkerTotals {
  jobs: Record<Stage, number>;
  failed: Record<Stage, number>;
  /** Articles given to the store by this worker's assigner, and of them stored. */
  assigned: number;
  added: number;
}

/** How long a starting worker waits for a server that does not answer (restarting, not up yet). */
export const OPEN_WAIT_SECONDS = 60;

/** Runs a worker until `signal` aborts (or the queue drains with `drain`); resolves with what it did. */
export async function runWorker(opts: WorkerOptions): Promise<WorkerTotals> {
  const log = opts.log ?? (() => undefined);
  const errors = new RateLimitedLog(log);
  // A server restarting as the worker starts is waited for (a minute at most).
  const q = await whenServerAnswers(
    () => openQueue(opts.url, { supervise: true, maintenanceSeconds: opts.maintenanceSeconds ?? 30, onError: (e) => errors.say('queue', e.message) }),
    { seconds: OPEN_WAIT_SECONDS, ...(opts.signal ? { signal: opts.signal } : {}), onWait: (e) => errors.say('queue', `waiting for the server: ${(e as Error).message}`) },
  );
  const totals: WorkerTotals = opts.totals ?? newTotals();
  const stages = new Set(opts.stages ?? STAGES);
  const concurrency = Math.max(1, opts.concurrency ?? 2);
  const stop = new AbortController();
  // Every loop waits on it (more than Node's default of 10 listeners).
  setMaxListeners(0, stop.signal);
  const onAbort = (): void => stop.abort();
  opts.signal?.addEventListener('abort', onAbort);
  if (opts.signal?.aborted) stop.abort();

  const fetchers = new Map<number, Fetcher>();
  const fetcher = async (timeoutMs?: number): Promise<Fetcher> => {
    const key = timeoutMs ?? 0;
    let f = fetchers.get(key);
    if (!f) {
      const { Fetcher: F } = await import('../fetch/http.js');
      f = new F(timeoutMs ? { timeoutMs } : {});
      fetchers.set(key, f);
    }
    return f;
  };
  const assigner = new Assigner(opts.url, q, opts.store, {
    ...(opts.batchSize ? { batchSize: opts.batchSize } : {}),
    brief: opts.queueBriefs ?? stages.has('brief'),
    index: stages.has('index'),
    ...(opts.settings ? { settings: opts.settings } : {}),
    onBatch: (b) => log(`assign: stored ${b.added} of ${b.articles} article(s)${b.skipped ? ` (${b.skipped} already stored)` : ''}`),
  });

  const handlers: Partial<Record<Stage, (data: unknown) => Promise<string>>> = {
    read: (d) => inputJob(d as InputJob),
    fetch: (d) => inputJob(d as InputJob),
    brief: async (d) => {
      const { storyId } = d as BriefJob;
      const r = await briefChangedStory(opts.store, storyId, opts.summary ?? {});
      return `story ${storyId}: ${r}`;
    },
    index: async () => `index: ${await opts.store.indexSearch()} article(s) made findable by search`,
    poll: async (d) => {
      const { feeds, options } = d as PollJob;
      const r = await enqueueInputs(q, feeds, { ...options, conditional: true, ...(opts.settings ? { settings: opts.settings } : {}) });
      return `poll: ${r.queued} feed(s) queued`;
    },
  };

  /**
   * A wake-up call to the assigner (at most one waits: the queue is `stately`). Lost
   * calls only delay: the assigner also looks every second. One left active by a
   * killed worker expires in a minute and is not retried.
   */
  async function wakeAssigner(): Promise<void> {
    await q.boss.send(queueName('assign'), {}, { expireInSeconds: 60, retryLimit: 0 }).catch(() => null);
  }

  async function inputJob(job: InputJob): Promise<string> {
    const row = await inputRow(q.pool, job.seq);
    if (!row) return `input ${job.seq}: gone`;
    if (row.state !== 'queued') return `input ${job.seq}: read already`;
    const r = await readInput({ pool: q.pool, store: opts.store, fetcher: () => fetcher(row.options.timeoutMs) }, row);
    if (r.staged) await wakeAssigner();
    return `${row.kind === 'url' ? 'fetch' : 'read'}: ${row.input}: ${r.articles} article(s)`;
  }

  const idle = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      if (stop.signal.aborted) return resolve();
      const t = setTimeout(done, ms);
      function done(): void {
        clearTimeout(t);
        stop.signal.removeEventListener('abort', done);
        resolve();
      }
      stop.signal.addEventListener('abort', done);
    });

  /** Waits out a lost connection while `fn` fails for want of one (no deadline: a job in hand must be recorded), until a stop. */
  function persist<T>(source: string, fn: () => Promise<T>): Promise<T> {
    return whenServerAnswers(fn, { signal: stop.signal, onWait: (err) => errors.say(source, (err as Error).message) });
  }

  /**
   * Runs one job and records its outcome. The job stays this worker's while it runs, so
   * a lost connection is waited out rather than counted against the input: the handler
   * (idempotent) runs again once the server answers (8 tries over about 40 s),
   * and the completion or failure is recorded then; a job left active would otherwise
   * wait for its timeout.
   */
  async function runJob(stage: Stage, name: string, job: PgBoss.JobWithMetadata<unknown>): Promise<void> {
    const handler = handlers[stage]!;
    let line: string | null = null;
    let failure: unknown = null;
    try {
      line = await whenServerAnswers(() => handler(job.data), { retries: 8, signal: stop.signal, onWait: (err) => errors.say(stage, (err as Error).message) });
    } catch (err) {
      failure = err;
    }
    if (line !== null) {
      await persist(stage, () => q.boss.complete(name, job.id));
      totals.jobs[stage]++;
      log(line);
      return;
    }
    const reason = (failure as Error)?.message || String(failure);
    const final = job.retryCount >= job.retryLimit;
    if (final && (stage === 'read' || stage === 'fetch')) {
      await persist(stage, () => markFailed(q.pool, (job.data as InputJob).seq, reason));
      await wakeAssigner();
    }
    await persist(stage, () => q.boss.fail(name, job.id, { message: reason }));
    totals.failed[stage]++;
    log(`${stage}: ${final ? 'failed for good' : `failed (attempt ${job.retryCount + 1} of ${job.retryLimit + 1}), will retry`}: ${reason}`);
  }

  /** One loop of a stage: fetch a job, run it, complete or fail it; wait a little when there is none. */
  async function stageLoop(stage: Stage): Promise<void> {
    const name = queueName(stage);
    let wait = 200;
    while (!stop.signal.aborted) {
      try {
        const [job] = await q.boss.fetch<unknown>(name, { batchSize: 1, includeMetadata: true });
        if (!job) {
          await idle(wait);
          wait = Math.min(1000, wait * 2);
          continue;
        }
        wait = 200;
        await runJob(stage, name, job);
      } catch (err) {
        errors.say(stage, (err as Error).message);
        await idle(1000);
      }
    }
  }

  /** The assign loop: holds or tries the lock; while holding it, stores what is ready on each wake-up call, and every second. */
  async function assignLoop(): Promise<void> {
    const name = queueName('assign');
    let lastTry = 0;
    let lastPass = 0;
    while (!stop.signal.aborted) {
      try {
        if (!assigner.holder) {
          if (Date.now() - lastTry < 2000) {
            await idle(250);
            continue;
          }
          lastTry = Date.now();
          if (!(await assigner.tryLock())) continue;
          log('assign: this worker is the assigner');
        }
        // Wake-up calls carry nothing: done as soon as taken (a pass that fails is run again by the timer).
        const calls = await q.boss.fetch(name, { batchSize: 10 });
        if (calls.length) await q.boss.complete(name, calls.map((c) => c.id));
        totals.jobs.assign += calls.length;
        if (calls.length === 0 && Date.now() - lastPass < 1000) {
          await idle(200);
          continue;
        }
        lastPass = Date.now();
        const r = await assigner.pass(stop.signal);
        totals.assigned += r.articles;
        totals.added += r.added;
      } catch (err) {
        errors.say('assign', err instanceof LostLock ? err.message : (err as Error).message);
        await idle(1000);
      }
    }
  }

  /** With `drain`: stops the worker once the queue has stayed drained for two looks in a row. */
  async function drainWatch(): Promise<void> {
    let calm = 0;
    while (!stop.signal.aborted) {
      await idle(500);
      try {
        const s = await queueStatus(q, 0);
        calm = s.drained ? calm + 1 : 0;
        if (calm >= 2) stop.abort();
      } catch (err) {
        errors.say('status', (err as Error).message);
      }
    }
  }

  const loops: Array<Promise<void>> = [];
  for (const stage of ['fetch', 'read', 'index', 'brief', 'poll'] as const) {
    if (!stages.has(stage)) continue;
    const n = stage === 'fetch' ? concurrency * 4 : stage === 'poll' || stage === 'index' ? 1 : concurrency;
    for (let i = 0; i < n; i++) loops.push(stageLoop(stage));
  }
  if (stages.has('assign')) loops.push(assignLoop());
  if (opts.drain) loops.push(drainWatch());
  try {
    await Promise.all(loops);
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    await assigner.release();
    await q.close();
  }
  return totals;
}

/** Totals at zero. */
export function newTotals(): WorkerTotals {
  return { jobs: zeros(), failed: zeros(), assigned: 0, added: 0 };
}

function zeros(): Record<Stage, number> {
  return { fetch: 0, read: 0, assign: 0, index: 0, brief: 0, poll: 0 };
}

/** Reports a repeated problem once per 10 s per source (a lost server would otherwise fill the log). */
class RateLimitedLog {
  private readonly last = new Map<string, number>();
  constructor(private readonly log: (line: string) => void) {}
  say(source: string, message: string): void {
    const key = `${source}\u0000${message}`;
    const now = Date.now();
    if (now - (this.last.get(key) ?? 0) < 10_000) return;
    this.last.set(key, now);
    this.log(`${source}: ${message}`);
  }
}

