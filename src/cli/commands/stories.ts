/** `crossread stories [--since DATE] [--json]`: list the stored stories. */
import { Command } from 'commander';
import type { CliContext } from '../context.js';
import { parseNonNegativeInt, parsePositiveInt, writeOutput } from '../util.js';
import { DB_HELP, parseIsoDate } from '../../store/cli.js';

interface StoriesCliOptions {
  db?: string;
  since?: string;
  until?: string;
  outlet?: string;
  search?: string;
  sort?: 'recent' | 'size';
  limit?: number;
  offset?: number;
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
    .option('--sort <order>', 'recent (default) or size', (v: string) => (v === 'size' ? 'size' : 'recent'))
    .option('--limit <n>', 'stories per page (default 50)', parsePositiveInt)
    .option('--offset <n>', 'skip this many stories', parseNonNegativeInt)
    .option('--json', 'print the page of stories as JSON')
    .action(async (o: StoriesCliOptions) => {
      const { openForCli, storyLines, LINEAGE_NOTE } = await import('../../store/cli.js');
      const store = await openForCli(ctx, o.db, 'read');
      try {
        const page = await store.listStories({
          ...(o.since ? { since: o.since } : {}),
          ...(o.until ? { until: o.until } : {}),
          ...(o.outlet ? { outlet: o.outlet } : {}),
          ...(o.search ? { q: o.search } : {}),
          ...(o.sort ? { sort: o.sort } : {}),
          ...(o.limit ? { limit: o.limit } : {}),
          ...(o.offset ? { offset: o.offset } : {}),
        });
        if (o.json) {
          await writeOutput(ctx, undefined, JSON.stringify(page, null, 2));
          return;
        }
        if (page.total === 0) {
          await writeOutput(ctx, undefined, 'no stories');
          return;
        }
        const shown = page.offset + page.items.length;
        const more = shown < page.total ? `\n(${page.items.length} of ${page.total}; --offset ${shown} for more)` : '';
        await writeOutput(ctx, undefined, `${storyLines(page.items, process.stdout.columns ?? 120)}${more}\n${LINEAGE_NOTE}`);
      } finally {
        await store.close();
      }
    });
}
