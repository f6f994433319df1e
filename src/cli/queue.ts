/** Helpers of the job-queue commands (`ingest --queue`, `worker`, `jobs`, `watch` on PostgreSQL). */
import { Option } from 'commander';
import type { CliContext } from './context.js';
import { resolveDb } from './store.js';

/**
 * `--queue-db URL`: the queue's database when it is not the store's (the store on a
 * SQLite file, the queue on PostgreSQL). Hidden: the documented form is one
 * PostgreSQL `--db` holding both.
 */
export function queueDbOption(): Option {
  return new Option('--queue-db <url>', 'PostgreSQL database of the job queue (default: --db)').hideHelp();
}

/** The queue's database URL: `--queue-db`, else `--db` (or CROSSREAD_DB) when it is PostgreSQL; refused otherwise. */
export async function resolveQueueDb(ctx: CliContext, db: string | undefined, queueDb: string | undefined): Promise<string> {
  const { isPostgresUrl } = await import('../store/postgres/connect.js');
  const { queueNeedsPostgres } = await import('../queue/connection.js');
  const url = queueDb ?? db ?? (ctx.env.CROSSREAD_DB?.trim() || undefined);
  if (url && isPostgresUrl(url)) return url.trim();
  throw queueNeedsPostgres(url ?? (await resolveDb(ctx, db)));
}

/** Parses `--stages fetch,read,assign,index,brief,poll`. */
export async function parseStages(value: string): Promise<Array<'fetch' | 'read' | 'assign' | 'index' | 'brief' | 'poll'>> {
  const { STAGES } = await import('../queue/stages.js');
  const out: Array<(typeof STAGES)[number]> = [];
  for (const s of value.split(',').map((x) => x.trim()).filter(Boolean)) {
    const stage = STAGES.find((x) => x === s);
    if (!stage) {
      const { CrossreadError } = await import('../errors.js');
      throw CrossreadError.of('USAGE', `"${s}" is not a stage: use ${STAGES.join(', ')}`);
    }
    out.push(stage);
  }
  return out;
}
