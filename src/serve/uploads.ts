/**
 * Adding news through the web app: uploaded files and pasted text → ingest → store.
 *
 * Every upload is a job. Jobs run one after another (the store has one writer); each
 * reads its inputs with the ingest stage (`readBytes` for files of any supported
 * format, `articleFromRecord` for pasted text and JSON records) through `opts.read`:
 * the web app reads in a worker thread with a time budget per input (an input past
 * its budget is skipped with INPUT_TIMEOUT and its worker stopped), so that reading
 * and cleaning never hold the server's main thread. Then the articles are stored in
 * batches, yielding to the event loop between batches so that pages stay responsive
 * and the job's progress can be polled (`GET /api/jobs/:id`, the /uploads/:id page).
 *
 * Bad inputs never fail a job: each becomes a diagnostic and the rest is stored.
 */
import { randomUUID } from 'node:crypto';
import type { Article, Diagnostic } from '../types.js';
import { diagnostic } from '../errors.js';
import { IdRegistry, type ReadResult } from '../ingest/index.js';
import { readUpload, type ReadInput } from './tasks.js';
import { TaskTimeout } from './briefer.js';
import type { AddResult, ArticleLink, Store } from '../store/store.js';
import { append } from '../append.js';

export type UploadInput = ReadInput;

export interface UploadOutcome {
  /** Articles read from the inputs. */
  read: number;
  added: Array<{ id: string; title: string | null; outlet: string | null; storyId: string; newStory: boolean; related: ArticleLink[] }>;
  skipped: Array<{ id: string; title: string | null; reason: 'same-content' | 'same-url'; existingId: string }>;
  merged: AddResult['merged'];
  /** Inputs that produced no article (with the reason), and the store's notes. */
  diagnostics: Diagnostic[];
  /** Stories that received articles, most articles first. */
  stories: string[];
}

export type JobState = 'queued' | 'running' | 'done' | 'failed';

export interface UploadJob {
  id: string;
  state: JobState;
  /** `read`: reading the inputs; `store`: storing and grouping the articles. */
  stage: 'read' | 'store' | null;
  done: number;
  total: number;
  inputs: number;
  bytes: number;
  createdAt: string;
  finishedAt: string | null;
  outcome: UploadOutcome | null;
  /** Why the job failed (a store error; bad inputs do not fail a job). */
  error: string | null;
}

export interface UploadOptions {
  /** Largest single input, in bytes. */
  maxBytes: number;
  /** Articles per store transaction (default 25). */
  batchSize?: number;
  /** How long finished jobs stay readable, in ms (default one hour). */
  keepMs?: number;
  /**
   * Reads one input (default: in this thread, `readUpload`). The web app passes a
   * worker thread with a time budget; a rejection with `TaskTimeout` skips the input
   * with INPUT_TIMEOUT.
   */
  read?: (input: UploadInput) => Promise<ReadResult>;
}

/** Default time budget for reading one uploaded input in the web app, in ms. */
export const DEFAULT_READ_BUDGET_MS = 60_000;

function sourceOf(input: UploadInput): string {
  return input.kind === 'file' ? input.name : input.source;
}

const yieldToLoop = () => new Promise<void>((r) => setImmediate(r));

/** The file name of an upload as recorded on its articles: a base name, printable, at most 200 characters. */
export function uploadName(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 200);
  return clean || 'upload.txt';
}

export class UploadQueue {
  private readonly jobs = new Map<string, UploadJob>();
  private tail: Promise<void> = Promise.resolve();
  private readonly batchSize: number;
  private readonly keepMs: number;
  private readonly read: (input: UploadInput) => Promise<ReadResult>;

  constructor(
    private readonly store: Store,
    private readonly opts: UploadOptions,
    private readonly onStored: (outcome: UploadOutcome) => void = () => undefined,
  ) {
    this.batchSize = Math.max(1, opts.batchSize ?? 25);
    this.keepMs = opts.keepMs ?? 60 * 60 * 1000;
    this.read = opts.read ?? (async (input) => readUpload(input, opts.maxBytes));
  }

  /** Queues an upload; the returned job updates as it runs. */
  submit(inputs: UploadInput[]): { job: UploadJob; finished: Promise<UploadJob> } {
    this.prune();
    const bytes = inputs.reduce((n, i) => n + (i.kind === 'file' ? i.bytes.length : Buffer.byteLength(i.record.text ?? '', 'utf8')), 0);
    const job: UploadJob = {
      id: randomUUID(),
      state: 'queued',
      stage: null,
      done: 0,
      total: inputs.length,
      inputs: inputs.length,
      bytes,
      createdAt: new Date().toISOString(),
      finishedAt: null,
      outcome: null,
      error: null,
    };
    this.jobs.set(job.id, job);
    const finished = this.tail.then(() => this.run(job, inputs)).then(() => job);
    this.tail = finished.then(
      () => undefined,
      () => undefined,
    );
    return { job, finished };
  }

  get(id: string): UploadJob | undefined {
    return this.jobs.get(id);
  }

  /** Resolves when every queued job has finished. */
  drain(): Promise<void> {
    return this.tail;
  }

  private prune(): void {
    const cutoff = Date.now() - this.keepMs;
    for (const [id, j] of this.jobs) if (j.finishedAt && Date.parse(j.finishedAt) < cutoff) this.jobs.delete(id);
  }

  private async run(job: UploadJob, inputs: UploadInput[]): Promise<void> {
    job.state = 'running';
    job.stage = 'read';
    const outcome: UploadOutcome = { read: 0, added: [], skipped: [], merged: [], diagnostics: [], stories: [] };
    try {
      const articles: Article[] = [];
      const ids = new IdRegistry();
      for (const input of inputs) {
        let r: ReadResult;
        try {
          r = await this.read(input);
        } catch (err) {
          const src = sourceOf(input);
          r = {
            articles: [],
            diagnostics: [
              err instanceof TaskTimeout
                ? diagnostic('error', src, 'INPUT_TIMEOUT', src, Math.round(err.ms / 100) / 10)
                : diagnostic('error', src, 'INPUT_UNREADABLE', src, (err as Error).message),
            ],
          };
        }
        for (const a of r.articles) {
          const id = ids.claim(a.id);
          if (id !== a.id) {
            a.diagnostics.push(diagnostic('warning', sourceOf(input), 'DUPLICATE_ID', sourceOf(input), a.id, id));
            a.id = id;
          }
          articles.push(a);
        }
        append(outcome.diagnostics, r.diagnostics);
        job.done++;
        await yieldToLoop();
      }
      outcome.read = articles.length;
      job.stage = 'store';
      job.done = 0;
      job.total = articles.length;
      const byId = new Map<string, Article>();
      for (let i = 0; i < articles.length; i += this.batchSize) {
        const batch = articles.slice(i, i + this.batchSize);
        for (const a of batch) byId.set(a.id, a);
        const r = await this.store.addArticles(batch);
        for (const a of r.added) {
          const src = byId.get(a.id) ?? batch.find((b) => a.id.startsWith(`${b.id}~`));
          outcome.added.push({ id: a.id, title: src?.title ?? null, outlet: src?.outlet ?? null, storyId: a.storyId, newStory: a.newStory, related: a.related });
        }
        for (const s of r.skipped) outcome.skipped.push({ ...s, title: byId.get(s.id)?.title ?? null });
        append(outcome.merged, r.merged);
        append(outcome.diagnostics, r.diagnostics);
        job.done += batch.length;
        await yieldToLoop();
      }
      // Stories merged after an article was placed resolve to the story they went into.
      const into = new Map(outcome.merged.map((m) => [m.from, m.into]));
      const resolve = (id: string) => {
        let cur = id;
        for (let i = 0; i < 50 && into.has(cur); i++) cur = into.get(cur) as string;
        return cur;
      };
      for (const a of outcome.added) a.storyId = resolve(a.storyId);
      const counts = new Map<string, number>();
      for (const a of outcome.added) counts.set(a.storyId, (counts.get(a.storyId) ?? 0) + 1);
      outcome.stories = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([id]) => id);
      job.outcome = outcome;
      job.state = 'done';
      this.onStored(outcome);
    } catch (err) {
      job.outcome = outcome;
      job.state = 'failed';
      job.error = err instanceof Error ? err.message : String(err);
    } finally {
      job.stage = null;
      job.finishedAt = new Date().toISOString();
    }
  }
}
