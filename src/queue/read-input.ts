/**
 * The `read` and `fetch` stages: one queued input → its articles, staged under the
 * input's arrival number for the assigner, with their story features (extracted here,
 * in parallel, so that the one serial assigner only decodes them). The reading is the one-process ingest's:
 * `ingest` on the one file (decoding, format readers, cleaning, metadata, checks), and
 * `readUrl` for a URL (the fetcher's limits, feeds with their item pages).
 *
 * Content verdicts (empty, not English, too short, malformed) are results, staged with
 * their diagnostics, as `ingest` reports them. What may pass is retried instead: a file
 * that cannot be found or read (a shared volume not mounted yet) and a URL that cannot
 * be fetched throw, so pg-boss retries the job; after the last retry the input is
 * marked failed with the reason.
 */
import type { Article, Diagnostic } from '../types.js';
import { ingest } from '../ingest/index.js';
import { encodeFeatures, precompute } from '../stories/features.js';
import { contentHash } from '../store/content-hash.js';
import type { Fetcher } from '../fetch/http.js';
import type { Store } from '../store/store.js';
import { stageRead, type InputRow } from './staging.js';
import type pg from 'pg';

/** Diagnostic codes of a file input that may be transient (retried). */
const RETRIED_CODES = new Set(['INPUT_NOT_FOUND', 'INPUT_UNREADABLE']);

export interface ReadContext {
  pool: pg.Pool;
  store: Store;
  /** The fetcher for URL inputs (shared by this worker's jobs: its per-host limits hold across them). */
  fetcher: () => Promise<Fetcher>;
}

/** An input that could not be read this time (the job is retried). */
export class InputFailure extends Error {}

/** Reads input `row` and stages its articles (a no-op when it was staged already). */
export async function readInput(ctx: ReadContext, row: InputRow): Promise<{ articles: number; staged: boolean }> {
  const r = row.kind === 'url' ? await readUrlInput(ctx, row) : await readFileInput(row);
  // Story features and content hashes are computed here, by any number of read workers, not by the one assigner.
  const features = r.articles.map((a) => ({ ...encodeFeatures(precompute(a)), h: contentHash(a.text) }));
  const staged = await stageRead(ctx.pool, row.seq, r.articles, r.diagnostics, features);
  // A conditional poll (watch) records the feed's validators for the next poll; `added`
  // counts the articles read (items already stored were not fetched).
  if (staged && r.source) await ctx.store.saveSourceState({ ...r.source, checkedAt: new Date().toISOString(), added: r.articles.length });
  return { articles: r.articles.length, staged };
}

async function readFileInput(row: InputRow): Promise<{ articles: Article[]; diagnostics: Diagnostic[]; source: null }> {
  const r = await ingest([row.input], {
    ...(row.options.maxBytes ? { maxBytes: row.options.maxBytes } : {}),
    ...(row.options.cluster ? { cluster: row.options.cluster } : {}),
  });
  const transient = r.articles.length === 0 ? r.skipped.find((d) => RETRIED_CODES.has(d.code)) : undefined;
  if (transient) throw new InputFailure(transient.message);
  return { articles: r.articles, diagnostics: r.skipped, source: null };
}

interface SourceOutcome {
  url: string;
  etag: string | null;
  lastModified: string | null;
  status: string;
}

async function readUrlInput(ctx: ReadContext, row: InputRow): Promise<{ articles: Article[]; diagnostics: Diagnostic[]; source: SourceOutcome | null }> {
  const { readUrl } = await import('../fetch/sources.js');
  const o = row.options;
  const state = o.conditional ? await ctx.store.sourceState(row.input) : null;
  const r = await readUrl(row.input, await ctx.fetcher(), {
    ...(o.maxBytes ? { maxBytes: o.maxBytes } : {}),
    ...(state ? { conditional: { etag: state.etag, lastModified: state.lastModified } } : {}),
    known: (u) => ctx.store.hasUrl(u),
    followLinks: o.followLinks ?? true,
    ...(o.maxItemPages !== undefined ? { maxItemPages: o.maxItemPages } : {}),
  });
  if (r.kind === 'failed') throw new InputFailure(r.diagnostics.find((d) => d.level === 'error')?.message ?? `${row.input}: fetch failed`);
  const source = o.conditional ? { url: row.input, etag: r.etag, lastModified: r.lastModified, status: r.kind === 'unchanged' ? 'unchanged' : 'ok' } : null;
  return { articles: r.articles, diagnostics: r.diagnostics, source };
}
