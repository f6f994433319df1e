/** `crossread forget ARTICLE_ID`: remove an article from the store and update its story. */
import { Command } from 'commander';
import type { CliContext } from '../context.js';
import { writeOutput } from '../util.js';
import { DB_HELP } from '../../store/cli.js';

export function forgetCommand(ctx: CliContext): Command {
  return new Command('forget')
    .description('remove an article from the database (the only deletion) and update its story')
    .argument('<article-id>', 'id of the stored article')
    .option('--db <path>', DB_HELP)
    .option('--json', 'print the result as JSON')
    .action(async (id: string, o: { db?: string; json?: boolean }) => {
      const { openForCli } = await import('../../store/cli.js');
      const store = await openForCli(ctx, o.db, 'read');
      try {
        const r = await store.forget(id);
        if (o.json) {
          await writeOutput(ctx, undefined, JSON.stringify(r, null, 2));
          return;
        }
        let msg = `forgot ${r.articleId}; `;
        if (r.storyRemoved) msg += `story ${r.storyId} had no other article and is gone`;
        else {
          const s = await store.getStory(r.storyId);
          msg += `story ${r.storyId} now has ${s?.articleCount ?? 0} article${s?.articleCount === 1 ? '' : 's'}`;
          if (r.splitInto.length) msg += `; it split off ${r.splitInto.join(', ')}`;
        }
        await writeOutput(ctx, undefined, msg);
      } finally {
        await store.close();
      }
    });
}
