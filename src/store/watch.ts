/**
 * Polling feeds into a store (`crossread watch`): every interval, each feed of the
 * list is fetched with conditional requests (ETag / Last-Modified kept in the store),
 * new items are stored and grouped. Feeds are polled concurrently (the fetcher limits
 * requests per host); one failing feed is reported and never stops the others. Each
 * round has a time budget (the interval) that no request of it outlives, and caps on
 * the item pages fetched per feed and per round.
 */
import type { Diagnostic } from '../types.js';
import { CrossreadError } from '../errors.js';
import { readUserFile } from '../ingest/files.js';
import type { Fetcher } from '../fetch/http.js';
import type { Store } from './store.js';
import { ingestIntoStore } from './ingest.js';

export interface WatchRound {
  round: number;
  at: string;
  feeds: number;
  added: number;
  failed: number;
}

export interface WatchOptions {
  everyMs: number;
  /** Stop after this many rounds (default: until the signal aborts). */
  rounds?: number | undefined;
  signal?: AbortSignal;
  fetcher: Fetcher;
  followLinks?: boolean;
  /** Item pages fetched per feed and round at most (default 30). */
  maxItemPages?: number;
  /** Item pages fetched per round for all feeds together at most (default 300). */
  maxItemPagesPerRound?: number;
  /** Time budget of a round in ms (default: the interval, at least 10 s): no request of a round runs past it. */
  roundBudgetMs?: number;
  onFeed?: (f: { url: string; kind: string; articles: number; known: number; diagnostics: Diagnostic[] }) => void;
  onRound?: (r: WatchRound) => void | Promise<void>;
}

/** Shortest default round budget (an interval of a few ms still gives requests time to answer). */
export const MIN_ROUND_BUDGET_MS = 10_000;

/** Default cap of item pages fetched per round, all feeds together. */
export const DEFAULT_PAGES_PER_ROUND = 300;

/** Largest feed list accepted (a list of URLs: 1 MiB is tens of thousands of feeds). */
export const MAX_WATCH_LIST_BYTES = 1024 * 1024;

/** Reads the feed list: one http(s) URL per line, blank lines and `#` comments ignored. */
export async function readWatchList(file: string): Promise<string[]> {
  const text = await readUserFile(file, MAX_WATCH_LIST_BYTES, 'a file listing feed URLs');
  const urls: string[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const s = line.replace(/#.*$/, '').trim();
    if (!s) return;
    if (!/^https?:\/\/\S+$/i.test(s)) throw CrossreadError.of('USAGE', `${file}:${i + 1}: "${s.slice(0, 100)}" is not an http(s) URL`);
    urls.push(s);
  });
  if (urls.length === 0) throw CrossreadError.of('INPUT_EMPTY', file);
  return [...new Set(urls)];
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done(): void {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

export async function watch(store: Store, feedsFile: string, opts: WatchOptions): Promise<WatchRound[]> {
  const rounds: WatchRound[] = [];
  for (let round = 1; !opts.signal?.aborted; round++) {
    const started = Date.now();
    // The list is re-read every round, so edits apply without a restart.
    const urls = await readWatchList(feedsFile);
    let failed = 0;
    const s = await ingestIntoStore(store, urls, {
      fetcher: opts.fetcher,
      conditional: true,
      followLinks: opts.followLinks ?? true,
      // Bounded rounds: a slow host can hold neither the other feeds nor the next round.
      budgetMs: opts.roundBudgetMs ?? Math.max(opts.everyMs, MIN_ROUND_BUDGET_MS),
      maxItemPagesPerRound: opts.maxItemPagesPerRound ?? DEFAULT_PAGES_PER_ROUND,
      ...(opts.maxItemPages !== undefined ? { maxItemPages: opts.maxItemPages } : {}),
      onSource: (f) => {
        if (f.kind === 'failed') failed++;
        opts.onFeed?.(f);
      },
    });
    const r: WatchRound = { round, at: new Date(started).toISOString(), feeds: urls.length, added: s.added.length, failed };
    rounds.push(r);
    await opts.onRound?.(r);
    if (opts.rounds !== undefined && round >= opts.rounds) break;
    await sleep(Math.max(0, opts.everyMs - (Date.now() - started)), opts.signal);
  }
  return rounds;
}
