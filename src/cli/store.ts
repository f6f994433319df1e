/** Helpers shared by the store's CLI commands (ingest, stories, articles, forget, watch, brief --story). */
import { existsSync } from 'node:fs';
import type { CliContext } from './context.js';
import { CrossreadError } from '../errors.js';
import type { AddResult, Store, StorySummary } from '../store/store.js';

export const DB_HELP = 'database: a SQLite file, or a postgres://user@host:port/db URL (default ./crossread.db, or CROSSREAD_DB)';

/** Resolves `--db` / CROSSREAD_DB / ./crossread.db against the command's working directory. */
export async function resolveDb(ctx: CliContext, db: string | undefined): Promise<string> {
  const { defaultDbPath } = await import('../store/index.js');
  return defaultDbPath(db, ctx.env, ctx.cwd);
}

/**
 * Opens the store for a command; commands reading a store (`read`) refuse a missing
 * database file, or an empty PostgreSQL database, with a clear error.
 */
export async function openForCli(ctx: CliContext, db: string | undefined, mode: 'read' | 'write'): Promise<Store> {
  const { openStore, isPostgresUrl } = await import('../store/index.js');
  const path = await resolveDb(ctx, db);
  if (isPostgresUrl(path)) return openStore(path, { readonly: false, mustExist: mode === 'read' });
  if (mode === 'read' && path !== ':memory:' && !existsSync(path)) {
    throw CrossreadError.of('DB_OPEN', path, 'no such file; create it with `crossread ingest <inputs…> --db FILE`');
  }
  return openStore(path, { readonly: false });
}

/** Parses `--since`/`--until` values: ISO dates (YYYY-MM-DD, YYYY-MM, YYYY) only. */
export function parseIsoDate(value: string): string {
  if (!/^\d{4}(-\d{2}(-\d{2})?)?$/.test(value)) throw CrossreadError.of('USAGE', `"${value}" is not a date: use YYYY-MM-DD (or YYYY-MM, YYYY)`);
  return value;
}

/**
 * What the listing's lineage column counts, said where it is shown: the store's count
 * is an estimate made at ingest, a briefing's is the analysis stage's.
 */
export const LINEAGE_NOTE =
  'lineages (an estimate): groups of articles that share long word sequences (found at ingest) count once; `crossread brief --story ID` links articles on a single shared narrative sentence (quotations left out), so it may count fewer';

/** Shortens `s` to `n` characters with "…". */
function cut(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, Math.max(0, n - 1))}…`;
}

/** Narrowest outlets column worth showing; below it the column is left out (`--json` has every outlet). */
const MIN_OUTLETS = 12;

/** A story's date span, short: "2017-09-12…12-08" within one year. */
function spanText(from: string | null, to: string | null): string {
  if (!from) return 'undated';
  if (!to || from === to) return from;
  return from.slice(0, 4) === to.slice(0, 4) && to.length === 10 ? `${from}…${to.slice(5)}` : `${from}…${to}`;
}

/**
 * One line per story for the terminal, `width` columns wide: story, articles,
 * lineages, dates, headline, outlets. The headline keeps at least half the width
 * (all of it when it is shorter); the outlets get what is left, shortened with "…",
 * and are left out when too little is left.
 */
export function storyLines(items: StorySummary[], width = 100): string {
  const rows = items.map((s) => {
    const outlets = s.outlets.length ? s.outlets.slice(0, 3).join(', ') + (s.outlets.length > 3 ? ` +${s.outlets.length - 3}` : '') : '-';
    return [s.id, `${s.articleCount}`, `${s.lineageCount}`, spanText(s.dateSpan.from, s.dateSpan.to), s.headline, outlets];
  });
  const head = ['story', 'articles', 'lineages', 'dates', 'headline', 'outlets'];
  const all = [head, ...rows];
  const widthOf = (i: number) => Math.max(...all.map((r) => (r[i] ?? '').length));
  const fixed = [0, 1, 2, 3].map(widthOf);
  const avail = width - fixed.reduce((n, w) => n + w + 2, 0);
  const longest = widthOf(4);
  const half = Math.ceil(width / 2);
  let headline = Math.min(longest, Math.max(half, avail - 2 - MIN_OUTLETS));
  const outlets = Math.min(widthOf(5), avail - headline - 2);
  const showOutlets = outlets >= MIN_OUTLETS || outlets >= widthOf(5);
  if (!showOutlets) headline = Math.min(longest, Math.max(half, avail));
  return all
    .map((r) => {
      const cells = fixed.map((w, i) => (r[i] ?? '').padEnd(w));
      cells.push(cut(r[4] ?? '', headline).padEnd(showOutlets ? headline : 0));
      if (showOutlets) cells.push(cut(r[5] ?? '', outlets));
      return cells.join('  ').trimEnd();
    })
    .join('\n');
}

/**
 * The stories an ingest left its articles in, counted as `crossread stories` will list
 * them: stories merged during the run count once (under the story they merged into),
 * an article a later batch's re-split or refinement moved counts in the story it is in
 * now, and a story is new when every article in it was stored by this run. Each story
 * the run's articles were assigned to is read page by page (its article ids); only an
 * article found in none of them (moved elsewhere) is looked up on its own.
 */
export async function ingestStoryCounts(store: Store, added: AddResult['added']): Promise<{ stories: number; newStories: number }> {
  const mine = new Set(added.map((a) => a.id));
  const addedIn = new Map<string, number>();
  const sizeOf = new Map<string, number>();
  const found = new Set<string>();
  const count = (story: string, articleId: string): void => {
    if (found.has(articleId)) return;
    found.add(articleId);
    addedIn.set(story, (addedIn.get(story) ?? 0) + 1);
  };
  const read = async (raw: string): Promise<void> => {
    // listArticles resolves a merged story's old id to the story it is now part of.
    const PAGE = 500;
    for (let offset = 0; ; offset += PAGE) {
      const page = await store.listArticles({ storyId: raw, limit: PAGE, offset });
      for (const a of page.items) {
        if (a.storyId === null) continue;
        sizeOf.set(a.storyId, page.total);
        if (mine.has(a.id)) count(a.storyId, a.id);
      }
      if (page.items.length < PAGE) return;
    }
  };
  for (const raw of new Set(added.map((a) => a.storyId))) await read(raw);
  for (const id of mine) {
    if (found.has(id)) continue;
    const story = (await store.getArticle(id))?.storyId;
    if (story && !sizeOf.has(story)) await read(story);
  }
  let newStories = 0;
  for (const [id, n] of addedIn) if (n >= (sizeOf.get(id) ?? Infinity)) newStories++;
  return { stories: addedIn.size, newStories };
}
