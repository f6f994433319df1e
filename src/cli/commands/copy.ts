/** `crossread copy --from DB --to DB`: move a corpus between stores (SQLite, PostgreSQL), resumable. */
import { Command } from 'commander';
import type { CliContext } from '../context.js';
import { progressReporter, writeOutput } from '../util.js';
import { CrossreadError } from '../../errors.js';

interface CopyCliOptions {
  from?: string;
  to?: string;
  json?: boolean;
}

export function copyCommand(ctx: CliContext): Command {
  return new Command('copy')
    .description(
      'copy a whole corpus (articles, removals, stories and their ids, kept briefings) from one database to another, SQLite or PostgreSQL, in either direction; run it again to resume an interrupted copy',
    )
    .requiredOption('--from <db>', 'the database to copy (a file, or a postgres:// URL)')
    .requiredOption('--to <db>', 'a new or empty database (a file, or a postgres:// URL), or one holding an interrupted copy of the same source')
    .option('--json', 'print the result as JSON')
    .action(async (o: CopyCliOptions) => {
      const { openForCli, resolveDb } = await import('../store.js');
      const { copyStore } = await import('../../store/transfer.js');
      const from = await resolveDb(ctx, o.from);
      const to = await resolveDb(ctx, o.to);
      if (from === to) throw CrossreadError.of('USAGE', `--from and --to are the same database (${from})`);
      const source = await openForCli(ctx, o.from, 'read');
      try {
        const target = await openForCli(ctx, o.to, 'write');
        try {
          const report = progressReporter(ctx);
          const r = await copyStore(source.rows(), target.rows(), {
            onProgress: report && ((p) => report({ stage: `copying ${p.table}`, done: p.copied, total: p.total })),
          });
          // The copied articles become findable by search (PostgreSQL indexes full text apart from the rows).
          await target.indexSearch();
          report?.({ stage: '', done: 0, total: 0, final: true });
          if (o.json) {
            await writeOutput(ctx, undefined, JSON.stringify(r, null, 2));
            return;
          }
          const n = (k: string, one: string, many: string) => `${r.rows[k] ?? 0} ${(r.rows[k] ?? 0) === 1 ? one : many}`;
          await writeOutput(
            ctx,
            undefined,
            `${r.resumed ? 'finished the interrupted copy' : 'copied'} ${source.location} to ${target.location}: ${n('articles', 'article', 'articles')}, ${n('stories', 'story', 'stories')}, ${n('story_aliases', 'merged story id', 'merged story ids')}, ${n('briefings', 'kept briefing', 'kept briefings')}, ${n('sources', 'polled source', 'polled sources')}`,
          );
        } finally {
          await target.close();
        }
      } finally {
        await source.close();
      }
    });
}
