/** `crossread stories [--since DATE] [--json]`: list the stored stories. */
import { Command, Option } from 'commander';
import type { CliContext } from '../context.js';
import { listQuery, parseNonNegativeInt, parsePositiveInt, writeOutput, type ListCliOptions } from '../util.js';
import { DB_HELP, parseIsoDate } from '../store.js';

interface StoriesCliOptions extends ListCliOptions {
  db?: string;
  sort?: 'recent' | 'size';
  json?: boolean;
}

export function storiesCommand(ctx: CliContext): Command {
  return new Command('stories')
    .description('list stored stories: headline, articles, independent lineages, dates, outlets')
    .option('--db <path>', DB_HELP)
    .option('--since <date>', 'stories with an article on or after this date (YYYY-MM-DD)', parseIsoDate)
    .option('--until <date>', 'stories with an article on or before this date', parseIsoDate)
    .option('--outlet <name>', 'stories with an article from this outlet')
    .option('--search <words>', 'full-text search in titles and texts')
    .addOption(new Option('--sort <order>', 'most recent first, or largest first').choices(['recent', 'size']).default('recent'))
    .option('--limit <n>', 'stories per page (default 50)', parsePositiveInt)
    .option('--offset <n>', 'skip this many stories', parseNonNegativeInt)
    .option('--json', 'print the page of stories as JSON')
    .action(async (o: StoriesCliOptions) => {
      const { openForCli, storyLines, LINEAGE_NOTE } = await import('../store.js');
      const store = await openForCli(ctx, o.db, 'read');
      try {
        const page = await store.listStories({
          ...listQuery(o),
          ...(o.sort ? { sort: o.sort } : {}),
        });
        if (o.json) {
          await writeOutput(ctx, undefined, JSON.stringify(page, null, 2));
          return;
        }
        if (page.total === 0) {
          await writeOutput(ctx, undefined, 'no stories');
          return;
        }
        await writeOutput(ctx, undefined, storyLines(page.items, process.stdout.columns ?? 120));
        // Footnotes go to stderr: stdout is the table alone (for pipes, grep, head).
        const shown = page.offset + page.items.length;
        if (shown < page.total) ctx.stderr.write(`(${page.items.length} of ${page.total}; --offset ${shown} for more)\n`);
        ctx.stderr.write(`${LINEAGE_NOTE}\n`);
      } finally {
        await store.close();
      }
    });
}
