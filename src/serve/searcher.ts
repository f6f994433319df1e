/**
 * Filtered story lists (search, outlet, dates) answered in a worker thread
 * (./search-worker.ts) with its own read-only handle on a SQLite store. On a SQLite
 * store every query runs synchronously on the thread that asks; a distinct search's
 * full-text match and story join are the largest part of its cost on the event loop
 * (~0.5 of ~1.1 ms at 10,000 articles), so with a worker the event loop only renders
 * the page and can answer other requests meanwhile, and a second CPU can do the
 * matching. The worker reads what is committed (WAL), as another process would.
 *
 * When the worker cannot start, stops, or answers an error, `listStories` answers
 * null and the caller asks the store in its own thread (which reports the error the
 * usual way): a search never fails because of the worker. After three stops the
 * searcher gives up on workers.
 */
import type { Worker } from 'node:worker_threads';
import type { Page, StoryQuery, StorySummary } from '../store/store.js';
import { startWorker } from './thread.js';

/** What the search worker is started with. */
export interface SearchData {
  /** The SQLite file. */
  db: string;
}
export interface SearchRequest {
  id: number;
  query: StoryQuery;
}
export type SearchResponse = { id: number; ok: true; page: Page<StorySummary> } | { id: number; ok: false; error: string };

/** Whether a list query filters (and so runs a search or a filter query worth a worker). */
export function isFiltered(q: StoryQuery): boolean {
  return Boolean(q.q || q.outlet || q.since || q.until);
}

export class Searcher {
  private worker: Worker | null = null;
  private ready = false;
  private readonly pending = new Map<number, (page: Page<StorySummary> | null) => void>();
  private nextId = 1;
  private failures = 0;
  private closed = false;
  /** Counters, for tests and the benchmark: lists answered by the worker, and handed back to the caller. */
  readonly stats = { answered: 0, fellBack: 0 };

  private started = false;

  /** The worker starts with the first filtered list (a server nobody searches, a test, starts none). */
  constructor(private readonly db: string, private readonly warn: (m: string) => void) {}

  private start(): void {
    this.started = true;
    let w: Worker;
    try {
      w = startWorker('search-worker', { db: this.db } satisfies SearchData);
    } catch (err) {
      this.giveUp(`cannot start the search worker (${(err as Error).message})`);
      return;
    }
    w.on('message', (m: SearchResponse | { ready: true }) => {
      if ('ready' in m) {
        this.ready = true;
        return;
      }
      const done = this.pending.get(m.id);
      if (!done) return;
      this.pending.delete(m.id);
      if (m.ok) this.stats.answered++;
      done(m.ok ? m.page : null);
    });
    w.on('error', (err) => this.lost(w, err.message));
    w.on('exit', (code) => this.lost(w, `exited with code ${code}`));
    w.unref();
    this.worker = w;
  }

  private lost(w: Worker, reason: string): void {
    if (this.worker !== w) return;
    this.worker = null;
    const wasReady = this.ready;
    this.ready = false;
    for (const done of this.pending.values()) done(null);
    this.pending.clear();
    if (this.closed) return;
    this.failures++;
    if (!wasReady) this.giveUp(`cannot start the search worker (${reason})`);
    else if (this.failures >= 3) this.giveUp(`the search worker stopped ${this.failures} times (${reason})`);
    else this.start();
  }

  private giveUp(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.warn(`${reason}; searching in the main thread from now on`);
  }

  /** Whether searches go to the worker now (it has started and not failed). */
  get running(): boolean {
    return this.worker !== null && this.ready && !this.closed;
  }

  /**
   * The page from the worker, or null: then the caller asks the store itself (also
   * while the worker is starting, ~0.2–0.8 s after the first call).
   */
  listStories(query: StoryQuery): Promise<Page<StorySummary> | null> {
    if (!this.started && !this.closed) this.start();
    const w = this.worker;
    if (!w || !this.ready || this.closed) {
      this.stats.fellBack++;
      return Promise.resolve(null);
    }
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, (page) => {
        if (!page) this.stats.fellBack++;
        resolve(page);
      });
      w.postMessage({ id, query } satisfies SearchRequest);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const w = this.worker;
    this.worker = null;
    for (const done of this.pending.values()) done(null);
    this.pending.clear();
    if (w) await w.terminate();
  }
}
