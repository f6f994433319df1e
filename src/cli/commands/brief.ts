/** `crossread brief <inputs…>`: brief a set of articles (files, folders, globs, `-` for stdin). */
import { Command, Option } from 'commander';
import type { CliContext } from '../context.js';
import type { Article } from '../../types.js';
import type { Briefing } from '../../briefing.js';
import type { BriefOptions } from '../../brief.js';
import { parsePositiveInt, writeOutput, progressReporter, reportDiagnostics } from '../util.js';
import { formatOfPath, type ReportFormat } from '../../report/format.js';
import { CrossreadError } from '../../errors.js';

export function briefCommand(ctx: CliContext): Command {
  return new Command('brief')
    .description('brief a set of news articles: cited summary, sources, analysis')
    .argument('[inputs...]', 'files, folders (recursive), globs, or - for stdin')
    .addOption(new Option('-f, --format <format>', 'output format (default: from the --out extension .html, .md, .json; else terminal)').choices(['terminal', 'markdown', 'json', 'html']))
    .option('-o, --out <file>', 'write the report to a file instead of stdout')
    .option('--with-text', "json: include each article's cleaned text, so every citation {start, end} can be checked from the file alone")
    .addOption(new Option('-w, --words <n>', 'summary length in words (default 120)').argParser(parsePositiveInt).conflicts('sentences'))
    .addOption(new Option('-s, --sentences <n>', 'summary length in sentences (instead of --words)').argParser(parsePositiveInt).conflicts('words'))
    .option('--cluster <id>', 'for dataset files: the cluster (line id) to brief')
    .option('--max-bytes <n>', 'largest input file accepted, in bytes', parsePositiveInt)
    .option('--story <id>', 'brief a stored story instead of inputs (ids from `crossread stories`)')
    .option('--db <path>', 'database for --story (default ./crossread.db, or CROSSREAD_DB)')
    .option('--no-color', 'no colour in terminal output')
    .option('-q, --quiet', 'no warnings or progress on stderr')
    .action(async (inputs: string[], o: BriefCliOptions) => {
      const { briefWithArticles } = await import('../../brief.js');
      const { render } = await import('../../report/index.js');
      if (inputs.length === 0 && !o.story) throw CrossreadError.of('NO_INPUTS');
      const progress = o.quiet ? undefined : progressReporter(ctx);
      const run = o.story ? storyBriefer(ctx, o.story, o.db) : briefWithArticles;
      const { briefing, articles } = await run(inputs, {
        words: o.words,
        sentences: o.sentences,
        cluster: o.cluster,
        maxBytes: o.maxBytes,
        stdin: ctx.stdin,
        onProgress: progress,
      });
      progress?.({ stage: 'summarize', done: 1, total: 1, final: true });
      if (!o.quiet) reportDiagnostics(ctx, briefing);
      const texts = new Map(articles.map((a) => [a.id, a.text]));
      const format = o.format ?? formatOfPath(o.out) ?? 'terminal';
      if (briefing.articles.length > 0 || format === 'json') {
        await writeOutput(ctx, o.out, render(briefing, format, { color: colorOn(ctx, o), width: termWidth(), texts, withText: Boolean(o.withText) }));
      }
      ctx.exitCode = briefing.status;
    });
}

/** For `--story ID [--db PATH]`: a function shaped like `briefWithArticles` that briefs the stored story. */
function storyBriefer(
  ctx: CliContext,
  id: string,
  db: string | undefined,
): (inputs: string[], opts: BriefOptions) => Promise<{ briefing: Briefing; articles: Article[] }> {
  return async (inputs, opts) => {
    if (inputs.length > 0) throw CrossreadError.of('USAGE', 'give either inputs or --story, not both');
    const { openForCli } = await import('../store.js');
    const { briefStoredStory } = await import('../../brief-story.js');
    const store = await openForCli(ctx, db, 'read');
    try {
      return await briefStoredStory(store, id, opts);
    } finally {
      await store.close();
    }
  };
}

interface BriefCliOptions {
  story?: string;
  db?: string;
  format?: ReportFormat;
  out?: string;
  withText?: boolean;
  words?: number;
  sentences?: number;
  cluster?: string;
  maxBytes?: number;
  color: boolean;
  quiet?: boolean;
}

function colorOn(ctx: CliContext, o: BriefCliOptions): boolean {
  return o.color && !o.out && ctx.isTTY && !ctx.env.NO_COLOR;
}

function termWidth(): number {
  return process.stdout.columns ?? 100;
}
