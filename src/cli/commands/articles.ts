/** `crossread articles --story ID`: list the stored articles of a story (or all, with filters). */
import { Command } from 'commander';
import type { CliContext } from '../context.js';
import { listQuery, parseNonNegativeInt, parsePositiveInt, writeOutput, type ListCliOptions } from '../util.js';
import { CrossreadError } from '../../errors.js';
import { DB_HELP, parseIsoDate } from '../store.js';
import { articleName } from '../../report/labels.js';

interface ArticlesCliOptions extends ListCliOptions {
  db?: string;
  story?: string;
  json?: boolean;
}

export function articlesCommand(ctx: CliContext): Command {
  return new Command('articles')
    .description('list stored articles (of one story with --story)')
    .option('--db <path>', DB_HELP)
    .option('--story <id>', 'the story whose articles to list')
    .option('--since <date>', 'articles on or after this date (YYYY-MM-DD)', parseIsoDate)
    .option('--until <date>', 'articles on or before this date', parseIsoDate)
    .option('--outlet <name>', 'articles from this outlet')
    .option('--search <words>', 'full-text search in titles and texts')
    .option('--limit <n>', 'articles per page (default 50)', parsePositiveInt)
    .option('--offset <n>', 'skip this many articles', parseNonNegativeInt)
    .option('--json', 'print the page of articles as JSON')
    .action(async (o: ArticlesCliOptions) => {
      const { openForCli } = await import('../store.js');
      const store = await openForCli(ctx, o.db, 'read');
      try {
        if (o.story && !(await store.getStory(o.story))) throw CrossreadError.of('STORY_NOT_FOUND', o.story);
        const page = await store.listArticles({
          ...(o.story ? { storyId: o.story } : {}),
          ...listQuery(o),
        });
        if (o.json) {
          await writeOutput(ctx, undefined, JSON.stringify(page, null, 2));
          return;
        }
        if (page.total === 0) {
          await writeOutput(ctx, undefined, 'no articles');
          return;
        }
        const lines = page.items.map((a) =>
          [a.id, a.published ?? 'undated', a.outlet ?? '-', `${a.words}w`, o.story ? '' : (a.storyId ?? '-'), a.title ?? a.url ?? articleName(a)].filter(Boolean).join('  '),
        );
        const shown = page.offset + page.items.length;
        await writeOutput(ctx, undefined, lines.join('\n'));
        if (shown < page.total) ctx.stderr.write(`(${page.items.length} of ${page.total}; --offset ${shown} for more)\n`);
      } finally {
        await store.close();
      }
    });
}
