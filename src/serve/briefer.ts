/**
 * Briefings of stored stories, for the story page and `GET /api/stories/:id`.
 *
 * A stored story is briefed by the one function `crossread brief --story` uses
 * (`briefStored`, src/brief-story.ts, run by ./tasks.ts), so the page shows what
 * `crossread brief` would print for the same articles. Briefing is CPU work (annotation, analysis,
 * summary), so it runs in worker threads (./worker.ts) and the main thread keeps
 * answering: one worker for page requests, started with the server, and one for
 * background warming, started when first needed, so that a reader never waits behind
 * a background brief. When no worker can be started it all runs in the main thread.
 *
 * Results are cached by story id, `updatedAt` and article count: a story whose
 * membership changes gets a new `updatedAt` from the store and is briefed again.
 * Two levels: the last briefings in memory, and every briefing kept in the store
 * (`Store.putCachedBriefing`, keyed also by the crossread version and the summary
 * options), so that a restarted server answers story pages without briefing again and
 * knows the badges of every story briefed before. Concurrent requests for one story
 * share one run (a reader asking for a story being warmed waits for that run). Warming
 * briefs the stories a list page shows, so that their "sources disagree" badges appear;
 * `warmAll` briefs every story not kept yet, most recent first, in the background.
 */
import type { Worker } from 'node:worker_threads';
import { startWorker } from './thread.js';
import type { Article } from '../types.js';
import type { Briefing } from '../briefing.js';
import { keptBriefingFacts, keptBriefingKey } from '../kept-briefing.js';
import { toArticle, type Store, type StoryRecord, type StorySummary } from '../store/store.js';
import { BACKGROUND_NICENESS, runTask, type SentenceSpan, type SummaryOptions, type Task, type TaskValue, type WorkerData, type WorkerRequest, type WorkerResponse } from './tasks.js';

export interface BrieferOptions {
  summary?: SummaryOptions;
  /** Brief in a worker thread (default true); false runs everything in the main thread. */
  worker?: boolean;
  /** Briefings kept in memory (default 200). */
  cacheSize?: number;
  /** Sentence maps of articles kept in memory (default 500). */
  sentenceCacheSize?: number;
  /** Called with a message when something degrades (the worker could not start, …). */
  onWarn?: (message: string) => void;
  /** Start the worker at once rather than on the first request (default true). */
  prestart?: boolean;
  /** Keep briefings in the store and read them back (default true). */
  persist?: boolean;
  /**
   * Whether readers are being served right now (page requests in flight or just
   * answered). Background briefing then waits (up to `yieldMs` per story), because its
   * main-thread share (loading a story's articles, handing them to the worker, keeping
   * the result) would otherwise delay every request. Default: never busy.
   */
  readersBusy?: () => boolean;
  /** Longest wait for readers before the next background briefing, in ms (default 10000: under sustained load a background step runs at most every 10 s; a story larger than `busyMaxArticles` is not taken then). */
  yieldMs?: number;
  /**
   * Largest story (in articles) that background briefing takes while readers are being
   * served (default 50): a larger one waits for a moment without requests, since loading
   * its articles and keeping its briefing hold the event loop (~0.4 ms per article:
   * ~130 ms for 334 articles on the 10k benchmark store, ~400 ms while another process
   * ingests). Opening such a story briefs it at once, as always.
   */
  busyMaxArticles?: number;
}

/** Default of `BrieferOptions.busyMaxArticles`. */
export const DEFAULT_BUSY_MAX_ARTICLES = 50;

type Priority = 'high' | 'low';

interface Pending {
  task: Task;
  resolve: (v: TaskValue) => void;
  reject: (e: Error) => void;
  /** Time budget in ms: past it the worker is stopped and the task fails with a `TaskTimeout`. */
  timeoutMs?: number;
}

/** A task that ran past its time budget (its worker was stopped). */
export class TaskTimeout extends Error {
  constructor(readonly ms: number) {
    super(`took longer than ${Math.round(ms / 1000)} s`);
    this.name = 'TaskTimeout';
  }
}

/**
 * Runs tasks one at a time, page requests first, in a worker thread or inline. A task
 * may have a time budget: past it the worker is terminated (a new one starts for the
 * next task) and the task fails with `TaskTimeout`. Inline (no worker), budgets cannot
 * be enforced.
 */
export class TaskRunner {
  private worker: Worker | null = null;
  private inline: boolean;
  private readonly queues: Record<Priority, Pending[]> = { high: [], low: [] };
  private current: (Pending & { id: number }) | null = null;
  private nextId = 1;
  private closed = false;
  private failures = 0;
  private workerReady = false;

  /**
   * `background`: the worker runs at the lowest CPU priority (see ./worker.ts), so that
   * its briefings take only CPU time that the server's main thread and other processes
   * leave idle.
   */
  constructor(useWorker: boolean, private readonly warn: (m: string) => void, private readonly background = false) {
    this.inline = !useWorker;
  }

  /** Starts the worker now (loading the language model takes a while) instead of on the first page request. */
  prestart(): void {
    if (this.inline || this.closed) return;
    const probe: Task = { kind: 'sentences', article: { id: 'warm-up', path: '-', format: 'text', url: null, title: null, byline: null, outlet: null, published: null, publishedEvidence: null, rawText: '', text: 'Warm up. The model loads now.', rawWords: 5, words: 5, removed: [], encoding: 'utf-8', language: 'en', diagnostics: [] } };
    this.run(probe, 'low').catch(() => undefined);
  }

  run(task: Task, priority: Priority, timeoutMs?: number): Promise<TaskValue> {
    if (this.closed) return Promise.reject(new Error('the briefing service is closed'));
    return new Promise((resolve, reject) => {
      this.queues[priority].push({ task, resolve, reject, ...(timeoutMs !== undefined ? { timeoutMs } : {}) });
      this.pump();
    });
  }

  private timer: NodeJS.Timeout | null = null;

  /** The current task ran out of time: stop its worker, fail it, go on with the next. */
  private expire(id: number, ms: number): void {
    const job = this.current;
    if (!job || job.id !== id) return;
    this.current = null;
    const w = this.worker;
    this.worker = null; // `lost` ignores the exit of a worker it no longer holds
    this.workerReady = false;
    if (w) void w.terminate();
    job.reject(new TaskTimeout(ms));
    this.pump();
  }

  get busy(): boolean {
    return this.current !== null || this.queues.high.length > 0;
  }

  private pump(): void {
    if (this.current || this.closed) return;
    const next = this.queues.high.shift() ?? this.queues.low.shift();
    if (!next) return;
    const job = { ...next, id: this.nextId++ };
    this.current = job;
    if (this.inline) {
      setImmediate(() => {
        try {
          this.finish(job.id, { id: job.id, ok: true, value: runTask(job.task) });
        } catch (err) {
          this.finish(job.id, { id: job.id, ok: false, error: (err as Error).message });
        }
      });
      return;
    }
    const w = this.ensureWorker();
    if (!w) {
      this.current = null;
      this.queues.high.unshift(next);
      this.pump();
      return;
    }
    w.postMessage({ id: job.id, task: job.task } satisfies WorkerRequest);
    // The budget counts from when the worker can run the task (a new worker loads first).
    if (this.workerReady) this.startTimer();
  }

  /** Starts the current task's time budget, when it has one. */
  private startTimer(): void {
    const job = this.current;
    if (!job || job.timeoutMs === undefined || this.timer || this.inline) return;
    const ms = job.timeoutMs;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.expire(job.id, ms);
    }, ms);
    this.timer.unref();
  }

  private finish(id: number, res: WorkerResponse): void {
    const job = this.current;
    if (!job || job.id !== id) return;
    this.current = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (res.ok) job.resolve(res.value);
    else job.reject(new Error(res.error));
    this.pump();
  }

  private ensureWorker(): Worker | null {
    if (this.worker) return this.worker;
    try {
      const w = startWorker('worker', { niceness: this.background ? BACKGROUND_NICENESS : 0 } satisfies WorkerData);
      w.on('message', (m: WorkerResponse | { ready: true }) => {
        if ('ready' in m) {
          this.workerReady = true;
          this.startTimer();
          return;
        }
        this.finish(m.id, m);
      });
      w.on('error', (err) => this.lost(w, err.message));
      w.on('exit', (code) => this.lost(w, `exited with code ${code}`));
      w.unref();
      this.worker = w;
      return w;
    } catch (err) {
      this.fallBack(`cannot start the briefing worker (${(err as Error).message})`);
      return null;
    }
  }

  /** The worker died: fail its task, and start a new one for the next (or run inline after repeated failures). */
  private lost(w: Worker, reason: string): void {
    if (this.worker !== w || this.closed) return;
    this.worker = null;
    this.failures++;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const job = this.current;
    this.current = null;
    if (!this.workerReady) {
      // The worker never started (e.g. its module cannot load here): brief in this thread.
      this.fallBack(`cannot start the briefing worker (${reason})`);
      if (job) this.queues.high.unshift(job);
      this.pump();
      return;
    }
    this.workerReady = false;
    if (job) job.reject(new Error(`the briefing worker stopped (${reason})`));
    if (this.failures >= 3) this.fallBack(`the briefing worker stopped ${this.failures} times (${reason})`);
    this.pump();
  }

  private fallBack(reason: string): void {
    if (this.inline) return;
    this.inline = true;
    this.warn(`${reason}; briefing in the main thread from now on`);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    const err = new Error('the briefing service is closed');
    for (const q of [this.queues.high, this.queues.low]) for (const p of q.splice(0)) p.reject(err);
    this.current?.reject(err);
    this.current = null;
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }
}

/** Small LRU map (Map keeps insertion order; a hit moves the entry to the end). */
export class Lru<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly max: number) {}
  get(k: string): V | undefined {
    const v = this.map.get(k);
    if (v !== undefined) {
      this.map.delete(k);
      this.map.set(k, v);
    }
    return v;
  }
  set(k: string, v: V): void {
    this.map.delete(k);
    this.map.set(k, v);
    while (this.map.size > this.max) {
      const oldest = this.map.keys().next().value as string;
      this.map.delete(oldest);
    }
  }
  get size(): number {
    return this.map.size;
  }
}

type StoryState = Pick<StorySummary, 'id' | 'updatedAt' | 'articleCount'>;

/** Whether story state `a` is older than `b` (stores give `updatedAt` as ISO 8601 UTC, which sorts as text). */
function olderState(a: StoryState, b: StoryState): boolean {
  return a.updatedAt < b.updatedAt || (a.updatedAt === b.updatedAt && a.articleCount < b.articleCount);
}

/** The cache key of a story's briefing: it changes whenever the story's membership changes. */
export function storyKey(s: Pick<StorySummary, 'id' | 'updatedAt' | 'articleCount'>): string {
  return `${s.id}\u0000${s.updatedAt}\u0000${s.articleCount}`;
}

/** What the list page knows about a story's analysis without briefing it again. */
export interface AnalysisFacts {
  /** Disagreements in conflict (the rule of `agreementBadge`). */
  disagreements: number;
  /** Independent sources compared: lineages that are not only background. */
  lineages: number;
  /** The first sentence of the story's summary (the list's snippet), when known. */
  lead?: string;
}

/** The first summary sentence of a briefing ('' when it has none). */
export function leadOf(b: Briefing): string {
  return b.stories[0]?.summary[0]?.text ?? '';
}

export class Briefer {
  /** Page requests: a worker of their own, so that they never wait behind background briefing. */
  private readonly runner: TaskRunner;
  /** Background warming: a second worker, started on first use. */
  private readonly background: TaskRunner;
  private readonly cache: Lru<Briefing>;
  private readonly sentenceCache: Lru<SentenceSpan[]>;
  /** Facts of every story briefed so far (small: kept for all of them). */
  private readonly facts = new Map<string, { key: string; facts: AnalysisFacts }>();
  private readonly inflight = new Map<string, Promise<Briefing>>();
  private readonly warmQueue: string[] = [];
  private readonly warmQueued = new Set<string>();
  /** Large stories put off until no reader is being served (`busyMaxArticles`). */
  private readonly deferred = new Set<string>();
  private warming = false;
  private closed = false;
  private readonly summary: SummaryOptions;
  private readonly persist: boolean;
  private readonly onWarn: (message: string) => void;
  private persistWarned = false;
  /**
   * The newest state seen of each story (from any request, list or briefing). A briefing
   * of an older state (a background run that took its articles before the last ingest and
   * finished after the newer state was briefed) is answered to whoever asked for it, but
   * neither records its facts nor replaces the kept briefing: the list badge and the store
   * keep the newest state's.
   */
  private readonly latest = new Map<string, StoryState>();
  /** Facts of the briefings kept in the store, by story id (with the key they were kept under). */
  private kept = new Map<string, { key: string; facts: AnalysisFacts }>();
  /** Resolves when the kept facts have been read (at start). */
  readonly ready: Promise<void>;
  /** Counters, for tests and the benchmark. */
  readonly stats = { briefed: 0, cacheHits: 0, warmed: 0, fromStore: 0 };

  private readonly readersBusy: () => boolean;
  private readonly yieldMs: number;
  private readonly busyMaxArticles: number;

  constructor(private readonly store: Store, opts: BrieferOptions = {}) {
    this.summary = opts.summary ?? {};
    this.readersBusy = opts.readersBusy ?? (() => false);
    this.yieldMs = opts.yieldMs ?? 10_000;
    this.busyMaxArticles = opts.busyMaxArticles ?? DEFAULT_BUSY_MAX_ARTICLES;
    this.persist = opts.persist ?? true;
    this.onWarn = opts.onWarn ?? (() => undefined);
    this.runner = new TaskRunner(opts.worker ?? true, opts.onWarn ?? (() => undefined));
    this.background = new TaskRunner(opts.worker ?? true, opts.onWarn ?? (() => undefined), true);
    if (opts.prestart ?? true) this.runner.prestart();
    this.cache = new Lru(opts.cacheSize ?? 200);
    this.sentenceCache = new Lru(opts.sentenceCacheSize ?? 500);
    this.ready = this.persist
      ? store.cachedBriefingFacts().then(
          (m) => {
            for (const [id, f] of m) if (!this.kept.has(id)) this.kept.set(id, { key: f.key, facts: { disagreements: f.disagreements, lineages: f.lineages } });
          },
          (err: unknown) => this.onWarn(`kept briefings could not be read from ${store.location}: ${(err as Error).message}`),
        )
      : Promise.resolve();
  }

  /** Notes a state of a story; false when a newer state of it has been seen (this one is stale). */
  private seen(s: StoryState): boolean {
    const l = this.latest.get(s.id);
    if (l && olderState(s, l)) return false;
    if (!l || olderState(l, s)) this.latest.set(s.id, { id: s.id, updatedAt: s.updatedAt, articleCount: s.articleCount });
    return true;
  }

  /** Records what a briefing of state `s` tells the list page, unless a newer state of the story has been seen. */
  private record(s: StoryState, b: Briefing, facts?: AnalysisFacts): AnalysisFacts | null {
    if (!this.seen(s)) return null;
    const key = storyKey(s);
    const f = this.facts.get(s.id);
    if (f && f.key === key) return f.facts;
    const fresh = facts ?? { ...keptBriefingFacts(b), lead: leadOf(b) };
    this.facts.set(s.id, { key, facts: fresh });
    return fresh;
  }

  /** The key a briefing is kept under in the store: the story state, this version and the summary options. */
  keptKey(s: Pick<StorySummary, 'id' | 'updatedAt' | 'articleCount'>): string {
    return keptBriefingKey(s, this.summary);
  }

  /**
   * The briefing kept in the store for this story state, or null. Looked up even when
   * this briefer did not know of it: another server on the same database (or one that
   * ran since this one started) may have kept it, and reading it back is one indexed
   * row where briefing again is seconds of CPU.
   */
  private async fromStore(s: Pick<StorySummary, 'id' | 'updatedAt' | 'articleCount'>): Promise<Briefing | null> {
    if (!this.persist) return null;
    const key = this.keptKey(s);
    let row;
    try {
      row = await this.store.getCachedBriefing(s.id, key);
    } catch {
      return null;
    }
    if (!row) return null;
    let b: Briefing;
    try {
      b = JSON.parse(row.json) as Briefing;
    } catch {
      return null; // a damaged row is briefed again (and replaced)
    }
    this.cache.set(storyKey(s), b);
    this.stats.fromStore++;
    if (!this.seen(s)) return b;
    let k = this.kept.get(s.id);
    if (!k || k.key !== key) {
      k = { key, facts: { disagreements: row.disagreements, lineages: row.lineages } };
      this.kept.set(s.id, k);
    }
    k.facts.lead = leadOf(b);
    this.facts.set(s.id, { key: storyKey(s), facts: k.facts });
    return b;
  }

  /** Keeps a new briefing in the store (best effort: a failure is reported once and the server goes on). */
  private async keep(s: Pick<StorySummary, 'id' | 'updatedAt' | 'articleCount'>, b: Briefing, facts: AnalysisFacts): Promise<void> {
    if (!this.persist || this.closed || !this.seen(s)) return;
    const key = this.keptKey(s);
    try {
      await this.store.putCachedBriefing(s.id, { key, json: JSON.stringify(b), ...facts });
      if (this.seen(s)) this.kept.set(s.id, { key, facts });
    } catch (err) {
      if (!this.persistWarned) this.onWarn(`briefings are not kept in ${this.store.location}: ${(err as Error).message}`);
      this.persistWarned = true;
    }
  }

  /** The briefing of a stored story (cached while the story is unchanged). */
  briefing(rec: StoryRecord, priority: Priority = 'high'): Promise<Briefing> {
    const key = storyKey(rec);
    const hit = this.cache.get(key);
    if (hit) {
      this.record(rec, hit);
      this.stats.cacheHits++;
      return Promise.resolve(hit);
    }
    const running = this.inflight.get(key);
    if (running) return running;
    const p = (async () => {
      const kept = await this.fromStore(rec);
      if (kept) return kept;
      const articles: Article[] = rec.articles.map(toArticle);
      const runner = priority === 'high' ? this.runner : this.background;
      const b = (await runner.run({ kind: 'brief', storyId: rec.id, articles, options: this.summary }, priority)) as Briefing;
      const story = b.stories[0];
      if (!story) throw new Error(`story ${rec.id}: its ${articles.length} stored articles gave no briefed story`);
      const facts: AnalysisFacts = { ...keptBriefingFacts(b), lead: leadOf(b) };
      this.cache.set(key, b);
      this.record(rec, b, facts);
      this.stats.briefed++;
      await this.keep(rec, b, facts);
      return b;
    })();
    this.inflight.set(key, p);
    const clear = () => this.inflight.delete(key);
    p.then(clear, clear);
    return p;
  }

  /** The briefing when it is cached in memory, without briefing. */
  cached(s: StorySummary): Briefing | null {
    const hit = this.cache.get(storyKey(s));
    if (!hit) return null;
    this.record(s, hit);
    return hit;
  }

  /** The briefing when it is cached in memory or kept in the store, without briefing (nor loading the articles). */
  async stored(s: StorySummary): Promise<Briefing | null> {
    return this.cached(s) ?? (await this.fromStore(s));
  }

  /** What is known of a story's analysis (null until it has been briefed in its current state). */
  factsOf(s: StorySummary): AnalysisFacts | null {
    const f = this.facts.get(s.id);
    if (f && f.key === storyKey(s)) return f.facts;
    const k = this.kept.get(s.id);
    return k && k.key === this.keptKey(s) ? k.facts : null;
  }

  /**
   * Makes the snippets (`lead`) of these stories known where a briefing is kept in the
   * store but was not read since the start: each kept briefing is read once (a list
   * page after a restart), then its lead stays in memory.
   */
  async withLeads(stories: StorySummary[]): Promise<void> {
    if (!this.persist) return;
    for (const s of stories) {
      const f = this.factsOf(s);
      if (!f || f.lead !== undefined) continue;
      const k = this.kept.get(s.id);
      if (!k || k.key !== this.keptKey(s)) continue;
      try {
        const row = await this.store.getCachedBriefing(s.id, k.key);
        k.facts.lead = row ? leadOf(JSON.parse(row.json) as Briefing) : '';
      } catch {
        k.facts.lead = ''; // a damaged row: no snippet (the story page briefs it again)
      }
    }
  }

  /**
   * Briefs, in the background, every stored story that has no kept briefing in its
   * current state, most recent first (page requests go first). Resolves when done or
   * when the briefer is closed.
   */
  async warmAll(pageSize = 200): Promise<void> {
    await this.ready;
    for (let offset = 0; !this.closed; offset += pageSize) {
      let page;
      try {
        page = await this.store.listStories({ sort: 'recent', limit: pageSize, offset });
      } catch {
        return;
      }
      this.warm(page.items);
      // Keep the queue short, so that list pages can still put their stories first.
      while (!this.closed && this.warmQueue.length > pageSize / 4) await new Promise((r) => setTimeout(r, 200));
      if (offset + pageSize >= page.total) break;
    }
  }

  /**
   * Briefs the given stories in the background (page requests go first), so that list
   * pages can show which stories have disagreeing sources; `first` puts them before
   * the stories already waiting (a list page being read goes before `warmAll`).
   */
  warm(stories: StorySummary[], first = false): void {
    const add: string[] = [];
    for (const s of stories) {
      this.seen(s);
      if (this.factsOf(s) || this.warmQueue.length + add.length >= 1000) continue;
      if (this.warmQueued.has(s.id)) {
        if (!first) continue;
        this.warmQueue.splice(this.warmQueue.indexOf(s.id), 1);
      }
      add.push(s.id);
      this.warmQueued.add(s.id);
    }
    if (first) this.warmQueue.unshift(...add);
    else this.warmQueue.push(...add);
    if (!this.warming) void this.warmLoop();
  }

  private async warmLoop(): Promise<void> {
    this.warming = true;
    const pause = () => new Promise((r) => setTimeout(r, 25));
    try {
      for (;;) {
        let id = this.warmQueue.shift();
        if (id === undefined) {
          // Only large stories are left: they wait for a moment without readers.
          if (this.deferred.size === 0 || this.closed) break;
          while (!this.closed && this.readersBusy() && this.warmQueue.length === 0) await pause();
          if (this.warmQueue.length === 0) {
            this.warmQueue.push(...this.deferred);
            this.deferred.clear();
          }
          continue;
        }
        this.warmQueued.delete(id);
        // Readers first: wait while requests are being served (at most yieldMs, so warming still advances).
        for (let waited = 0; waited < this.yieldMs && !this.closed && this.readersBusy(); waited += 25) await pause();
        let rec: StoryRecord | null;
        try {
          const summary = await this.store.getStorySummary(id);
          if (!summary || this.factsOf(summary)) continue;
          id = summary.id;
          // Loading a large story and keeping its briefing holds the event loop for tens to
          // hundreds of ms (~0.4 ms per article): not while readers wait.
          if (summary.articleCount > this.busyMaxArticles && this.readersBusy()) {
            this.deferred.add(id);
            continue;
          }
          rec = await this.store.getStory(id);
        } catch {
          continue;
        }
        if (!rec || !this.seen(rec) || this.facts.get(rec.id)?.key === storyKey(rec)) continue;
        try {
          await this.briefing(rec, 'low');
          this.stats.warmed++;
        } catch {
          // A story that cannot be briefed shows no badge; its page reports the error.
        }
      }
    } finally {
      this.warming = false;
    }
  }

  /** True while background warming has work left. */
  get idle(): boolean {
    return !this.warming && this.warmQueue.length === 0 && this.deferred.size === 0 && !this.runner.busy && !this.background.busy;
  }

  /** Sentence spans of an article (as citations number them), for anchors on its page. */
  async sentences(a: Article & { contentHash?: string }): Promise<SentenceSpan[]> {
    const key = `${a.id}\u0000${a.contentHash ?? a.text.length}`;
    const hit = this.sentenceCache.get(key);
    if (hit) return hit;
    const spans = (await this.runner.run({ kind: 'sentences', article: toArticle(a) }, 'high')) as SentenceSpan[];
    this.sentenceCache.set(key, spans);
    return spans;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.warmQueue.length = 0;
    this.deferred.clear();
    await Promise.all([this.runner.close(), this.background.close()]);
  }
}
