/** `crossread ingest <inputs…> [--db PATH]`: store articles (files, folders, globs, -, http(s) URLs of pages and feeds) and group them into stories. */
import { Command } from 'commander';
import type { CliContext } from '../context.js';
import { parseNonNegativeInt, parsePositiveInt, printDiagnostics, progressReporter, writeOutput } from '../util.js';
import { CrossreadError } from '../../errors.js';
import { DB_HELP } from '../store.js';
import { queueDbOption } from '../queue.js';
import { count } from '../../report/labels.js';
import { batchNiceness, niceOption } from '../priority.js';
import { lowerPriority } from '../../priority.js';

interface IngestCliOptions {
  db?: string;
  json?: boolean;
  batch?: number;
  maxBytes?: number;
  follow: boolean;
  timeout?: number;
  quiet?: boolean;
  maxPagesPerFeed?: number;
  maxPages?: number;
  queue?: boolean;
  queueDb?: string;
  jobTimeout?: number;
  retries?: number;
  nice?: number;
}

export function ingestCommand(ctx: CliContext): Command {
  return new Command('ingest')
    .description('store articles in the database and group them into stories')
    .argument('[inputs...]', 'files, folders (recursive), globs, - for stdin, http(s) URLs of articles or RSS/Atom feeds')
    .option('--db <path>', DB_HELP)
    .option('--json', 'print what was stored as JSON')
    .option('--batch <n>', 'articles per transaction (default 256)', parsePositiveInt)
    .option('--max-bytes <n>', 'largest input accepted, in bytes', parsePositiveInt)
    .option('--no-follow', "for feeds: use the items' own text, do not fetch their pages")
    .option('--timeout <seconds>', 'per-request timeout for URLs (default 15)', parsePositiveInt)
    .option('--max-pages-per-feed <n>', 'for feeds: item pages fetched per feed at most (default 30)', parsePositiveInt)
    .option('--max-pages <n>', 'for feeds: item pages fetched in this run for all feeds together at most', parsePositiveInt)
    .option('--queue', 'queue the inputs for `crossread worker` and return at once (PostgreSQL --db)')
    .addOption(queueDbOption())
    .option('--job-timeout <seconds>', 'with --queue: a job running longer is taken as lost and retried (default 600)', parsePositiveInt)
    .option('--retries <n>', 'with --queue: retries of a failing input before it is failed (default 3)', parseNonNegativeInt)
    .addOption(niceOption())
    .option('-q, --quiet', 'no warnings or progress on stderr')
    .action(async (inputs: string[], o: IngestCliOptions) => {
      if (inputs.length === 0) throw CrossreadError.of('NO_INPUTS');
      if (o.queue) return enqueue(ctx, inputs, o);
      if (o.jobTimeout !== undefined || o.retries !== undefined) throw CrossreadError.of('USAGE', '--job-timeout and --retries go with --queue');
      // Batch work: a server on the same machine answers first (./priority.ts).
      lowerPriority(batchNiceness(o.nice, ctx.env));
      const { openForCli, ingestStoryCounts } = await import('../store.js');
      const { ingestIntoStore, splitInputs } = await import('../../store/ingest.js');
      const store = await openForCli(ctx, o.db, 'write');
      try {
        const progress = o.quiet ? undefined : progressReporter(ctx);
        const hasUrls = splitInputs(inputs).urls.length > 0;
        const fetcher = hasUrls ? new (await import('../../fetch/http.js')).Fetcher(o.timeout ? { timeoutMs: o.timeout * 1000 } : {}) : undefined;
        const s = await ingestIntoStore(store, inputs, {
          ...(o.batch ? { batchSize: o.batch } : {}),
          ...(o.maxBytes ? { maxBytes: o.maxBytes } : {}),
          ...(fetcher ? { fetcher } : {}),
          followLinks: o.follow,
          ...(o.maxPagesPerFeed ? { maxItemPages: o.maxPagesPerFeed } : {}),
          ...(o.maxPages ? { maxItemPagesPerRound: o.maxPages } : {}),
          stdin: ctx.stdin,
          ...(progress ? { onProgress: progress } : {}),
        });
        progress?.({ stage: 'store', done: 1, total: 1, final: true });
        if (!o.quiet) printDiagnostics(ctx, s.diagnostics.filter((d) => d.level !== 'info'));
        const { stories, newStories } = await ingestStoryCounts(store, s.added);
        const errors = s.diagnostics.filter((d) => d.level === 'error').length;
        if (o.json) {
          await writeOutput(ctx, undefined, JSON.stringify({ database: store.location, stories, newStories, ...s }, null, 2));
        } else {
          const parts = [`stored ${count(s.added.length, 'article')} in ${count(stories, 'story', 'stories')} (${newStories} new)`, `${s.skipped.length} already stored`];
          if (s.merged.length) parts.push(`${count(s.merged.length, 'story', 'stories')} merged`);
          if (errors) parts.push(`${count(errors, 'input')} skipped`);
          await writeOutput(ctx, undefined, `${parts.join('; ')} → ${store.location}`);
        }
        ctx.exitCode = s.added.length === 0 && s.skipped.length === 0 ? 1 : errors > 0 ? 3 : 0;
      } finally {
        await store.close();
      }
    });
}

/** `ingest --queue`: enters the inputs into the job queue (one job each) and returns. */
async function enqueue(ctx: CliContext, inputs: string[], o: IngestCliOptions): Promise<void> {
  if (o.batch) throw CrossreadError.of('USAGE', '--batch is the worker\'s with --queue: `crossread worker --batch N`');
  if (o.maxPages) throw CrossreadError.of('USAGE', '--max-pages (a cap over one run) does not apply to queued inputs; use --max-pages-per-feed');
  const { resolveQueueDb } = await import('../queue.js');
  const url = await resolveQueueDb(ctx, o.db, o.queueDb);
  const { openQueue } = await import('../../queue/connection.js');
  const { enqueueInputs } = await import('../../queue/enqueue.js');
  const q = await openQueue(url);
  try {
    const r = await enqueueInputs(q, inputs, {
      cwd: ctx.cwd,
      settings: { ...(o.jobTimeout ? { timeoutSeconds: o.jobTimeout } : {}), ...(o.retries !== undefined ? { retries: o.retries } : {}) },
      ...(o.maxBytes ? { maxBytes: o.maxBytes } : {}),
      followLinks: o.follow,
      ...(o.maxPagesPerFeed ? { maxItemPages: o.maxPagesPerFeed } : {}),
      ...(o.timeout ? { timeoutMs: o.timeout * 1000 } : {}),
    });
    if (!o.quiet) printDiagnostics(ctx, r.diagnostics);
    if (o.json) await writeOutput(ctx, undefined, JSON.stringify({ queue: q.location, ...r }, null, 2));
    else await writeOutput(ctx, undefined, `queued ${count(r.queued, 'input')}${r.first !== null ? ` (arrival ${r.first}${r.last !== r.first ? `–${r.last}` : ''})` : ''} → ${q.location}; \`crossread worker\` processes them, \`crossread jobs --wait\` waits for them`);
    ctx.exitCode = r.queued === 0 ? 1 : r.diagnostics.some((d) => d.level === 'error') ? 3 : 0;
  } finally {
    await q.close();
  }
}
