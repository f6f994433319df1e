/** Helpers shared by the store's CLI commands (ingest, stories, articles, forget, watch, brief --story). */
import { existsSync } from 'node:fs';
import type { CliContext } from '../cli/context.js';
import { CrossreadError } from '../errors.js';
import type { StorySummary } from './store.js';

export const DB_HELP = 'database file (default ./crossread.db, or CROSSREAD_DB)';

/** Resolves `--db` / CROSSREAD_DB / ./crossread.db against the command's working directory. */
export async function resolveDb(ctx: CliContext, db: string | undefined): Promise<string> {
  const { defaultDbPath } = await import('./index.js');
  return defaultDbPath(db, ctx.env, ctx.cwd);
}

/** Opens the store for a command; read-only commands refuse a missing database with a clear error. */
export async function openForCli(ctx: CliContext, db: string | undefined, mode: 'read' | 'write') {
  const { openStore } = await import('./index.js');
  const path = await resolveDb(ctx, db);
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
  'est.lineages: groups of articles that share long word sequences (found at ingest) count once; `crossread brief --story ID` links articles on a single shared narrative sentence (quotations left out), so it may count fewer';

/** One line per story for the terminal. */
export function storyLines(items: StorySummary[], width = 100): string {
  const rows = items.map((s) => {
    const span = s.dateSpan.from ? (s.dateSpan.from === s.dateSpan.to ? s.dateSpan.from : `${s.dateSpan.from}…${s.dateSpan.to}`) : 'undated';
    const outlets = s.outlets.length ? s.outlets.slice(0, 3).join(', ') + (s.outlets.length > 3 ? ` +${s.outlets.length - 3}` : '') : '-';
    return [s.id, `${s.articleCount}`, `${s.lineageCount}`, span, outlets, s.headline];
  });
  const head = ['story', 'articles', 'est.lineages', 'dates', 'outlets', 'headline'];
  const all = [head, ...rows];
  const widths = head.map((_, i) => (i === 5 ? 0 : Math.max(...all.map((r) => (r[i] ?? '').length))));
  return all
    .map((r) => {
      const fixed = r.slice(0, 5).map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
      const room = Math.max(20, width - fixed.length - 2);
      const h = r[5] ?? '';
      return `${fixed}  ${h.length > room ? `${h.slice(0, room - 1)}…` : h}`;
    })
    .join('\n');
}
