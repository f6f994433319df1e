/**
 * Adding news through the web app: uploaded files and pasted text → ingest → store.
 *
 * Every upload is a job. Jobs run one after another (the store has one writer); each
 * reads its inputs with the ingest stage (`readBytes` for files of any supported
 * format, `articleFromRecord` for pasted text and JSON records), then stores the
 * articles in batches, yielding to the event loop between files and batches so that
 * pages stay responsive and the job's progress can be polled
 * (`GET /api/jobs/:id`, the /uploads/:id page).
 *
 * Bad inputs never fail a job: each becomes a diagnostic and the rest is stored.
 */
import { randomUUID } from 'node:crypto';
import type { Article, Diagnostic } from '../types.js';
import { diagnostic } from '../errors.js';
import { IdRegistry, articleFromRecord, readBytes, type ArticleRecord } from '../ingest/index.js';
import type { AddResult, ArticleLink, Store } from '../store/store.js';
import { append } from '../append.js';

export type UploadInput =
  | { kind: 'file'; name: string; bytes: Uint8Array; contentType?: string }
  | { kind: 'record'; source: string; record: ArticleRecord };

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

  constructor(
    private readonly store: Store,
    private readonly opts: UploadOptions,
    private readonly onStored: (outcome: UploadOutcome) => void = () => undefined,
  ) {
    this.batchSize = Math.max(1, opts.batchSize ?? 25);
    this.keepMs = opts.keepMs ?? 60 * 60 * 1000;
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
        if (input.kind === 'file') {
          const r = readBytes(input.name, input.bytes, {
            maxBytes: this.opts.maxBytes,
            ids,
            path: input.name,
            ...(input.contentType ? { contentType: input.contentType } : {}),
          });
          append(articles, r.articles);
          append(outcome.diagnostics, r.diagnostics);
        } else {
          const r = articleFromRecord(input.record, input.source, { maxBytes: this.opts.maxBytes, path: input.source, format: 'text' });
          if (r.article) {
            const id = ids.claim(r.article.id);
            if (id !== r.article.id) {
              r.article.diagnostics.push(diagnostic('warning', input.source, 'DUPLICATE_ID', input.source, r.article.id, id));
              r.article.id = id;
            }
            articles.push(r.article);
          } else append(outcome.diagnostics, r.diagnostics);
        }
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
