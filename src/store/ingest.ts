/**
 * Ingesting inputs into a store: files, folders, globs, `-` and http(s) URLs (pages
 * and RSS/Atom feeds) → the ingest stage → `Store.addArticles` in batches (one
 * transaction each). Used by `crossread ingest`, `crossread watch` and the web app.
 */
import type { Article, Diagnostic } from '../types.js';
import { ingest, type IngestOptions } from '../ingest/index.js';
import type { Fetcher } from '../fetch/http.js';
import type { AddResult, Store } from './store.js';
import { append } from '../append.js';

export const DEFAULT_BATCH = 256;

export interface StoreIngestOptions extends Pick<IngestOptions, 'maxBytes' | 'stdin' | 'cluster'> {
  /** Articles per transaction (default 256). */
  batchSize?: number;
  /** For URL inputs: the fetcher (with its limits). Required when inputs include URLs. */
  fetcher?: Fetcher;
  /** Use stored ETag/Last-Modified for URLs and record the new ones (watch). */
  conditional?: boolean;
  /** Fetch feed items' pages for their full text (default true). */
  followLinks?: boolean;
  /** Item pages fetched per feed at most (default 30). */
  maxItemPages?: number;
  /** Item pages fetched for all feeds of this run together at most (default: no cap beyond the per-feed one). */
  maxItemPagesPerRound?: number;
  /** Time budget for the URLs of this run, in ms: no request runs past it, so one slow host holds up nothing else. */
  budgetMs?: number;
  onProgress?: (p: { stage: 'read' | 'fetch' | 'store'; done: number; total: number }) => void;
  /** Called after each URL is read (watch reports per feed). */
  onSource?: (s: { url: string; kind: string; articles: number; known: number; diagnostics: Diagnostic[] }) => void;
}

export interface StoreIngestSummary {
  /** Articles stored, with their stories. */
  added: AddResult['added'];
  /** Articles already stored (same content or URL). */
  skipped: AddResult['skipped'];
  merged: AddResult['merged'];
  /** Problems with inputs (unreadable files, failed fetches, skipped records). */
  diagnostics: Diagnostic[];
  /** Inputs read (files, records, URLs). */
  read: number;
}

/** Splits inputs into http(s) URLs and paths. */
export function splitInputs(inputs: string[]): { urls: string[]; paths: string[] } {
  const urls: string[] = [];
  const paths: string[] = [];
  for (const i of inputs) (/^https?:\/\//i.test(i) ? urls : paths).push(i);
  return { urls, paths };
}

export async function ingestIntoStore(store: Store, inputs: string[], opts: StoreIngestOptions = {}): Promise<StoreIngestSummary> {
  const summary: StoreIngestSummary = { added: [], skipped: [], merged: [], diagnostics: [], read: 0 };
  const { urls, paths } = splitInputs(inputs);
  const batchSize = Math.max(1, opts.batchSize ?? DEFAULT_BATCH);
  const progress = opts.onProgress ?? (() => undefined);

  const addBatch = async (batch: Article[]): Promise<void> => {
    const r = await store.addArticles(batch);
    append(summary.added, r.added);
    append(summary.skipped, r.skipped);
    append(summary.merged, r.merged);
    append(summary.diagnostics, r.diagnostics);
  };
  const store_ = async (articles: Article[]): Promise<void> => {
    for (let i = 0; i < articles.length; i += batchSize) {
      await addBatch(articles.slice(i, i + batchSize));
      progress({ stage: 'store', done: Math.min(i + batchSize, articles.length), total: articles.length });
    }
  };

  if (paths.length) {
    // Streamed: articles are stored batch by batch as files are read, never all held at once.
    const pending: Article[] = [];
    let stored = 0;
    const flush = async (all: boolean): Promise<void> => {
      while (pending.length >= batchSize || (all && pending.length > 0)) {
        const batch = pending.splice(0, batchSize);
        await addBatch(batch);
        stored += batch.length;
        progress({ stage: 'store', done: stored, total: summary.read });
      }
    };
    const r = await ingest(paths, {
      ...(opts.maxBytes ? { maxBytes: opts.maxBytes } : {}),
      ...(opts.stdin !== undefined ? { stdin: opts.stdin } : {}),
      ...(opts.cluster ? { cluster: opts.cluster } : {}),
      onProgress: (p) => progress({ stage: 'read', done: p.done, total: p.total }),
      onArticles: async (articles) => {
        summary.read += articles.length;
        append(pending, articles);
        await flush(false);
      },
      // Commit what was read before an input that may be slow: stopping the run during
      // it then loses nothing read before it.
      beforeSlowInput: () => flush(true),
    });
    append(summary.diagnostics, r.skipped);
    await flush(true);
  }

  if (urls.length) {
    const fetcher = opts.fetcher ?? new (await import('../fetch/http.js')).Fetcher();
    const { readUrl } = await import('../fetch/sources.js');
    let done = 0;
    const deadlineAt = opts.budgetMs !== undefined ? Date.now() + opts.budgetMs : undefined;
    const roundPages = opts.maxItemPagesPerRound !== undefined ? { left: opts.maxItemPagesPerRound } : undefined;
    // Every URL is read concurrently (the fetcher limits per host); one failing never stops the others.
    await Promise.all(
      urls.map(async (url) => {
        const state = opts.conditional ? await store.sourceState(url) : null;
        const r = await readUrl(url, fetcher, {
          ...(opts.maxBytes ? { maxBytes: opts.maxBytes } : {}),
          ...(state ? { conditional: { etag: state.etag, lastModified: state.lastModified } } : {}),
          known: (u) => store.hasUrl(u),
          followLinks: opts.followLinks ?? true,
          ...(opts.maxItemPages !== undefined ? { maxItemPages: opts.maxItemPages } : {}),
          ...(roundPages ? { roundPages } : {}),
          ...(deadlineAt !== undefined ? { deadlineAt } : {}),
        });
        append(summary.diagnostics, r.diagnostics);
        summary.read += r.articles.length;
        const before = summary.added.length;
        await store_(r.articles);
        const added = summary.added.length - before;
        if (opts.conditional) {
          const failed = r.kind === 'failed' ? (r.diagnostics.find((d) => d.level === 'error')?.message ?? 'failed') : null;
          await store.saveSourceState({
            url,
            etag: failed ? (state?.etag ?? null) : r.etag,
            lastModified: failed ? (state?.lastModified ?? null) : r.lastModified,
            checkedAt: new Date().toISOString(),
            status: failed ?? (r.kind === 'unchanged' ? 'unchanged' : 'ok'),
            added,
          });
        }
        opts.onSource?.({ url, kind: r.kind, articles: added, known: r.known, diagnostics: r.diagnostics });
        progress({ stage: 'fetch', done: ++done, total: urls.length });
      }),
    );
  }
  return summary;
}
