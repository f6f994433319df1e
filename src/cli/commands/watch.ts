/** `crossread watch <feeds-file> [--every 10m]`: poll a list of feeds and store new items. */
import { Command, InvalidArgumentError, Option } from 'commander';
import type { CliContext } from '../context.js';
import { parsePositiveInt, writeOutput } from '../util.js';
import { DB_HELP, resolveDb } from '../store.js';
import { queueDbOption } from '../queue.js';
import { CrossreadError } from '../../errors.js';
import { batchNiceness, niceOption } from '../priority.js';
import { lowerPriority } from '../../priority.js';

interface WatchCliOptions {
  db?: string;
  every: number;
  rounds?: number;
  once?: boolean;
  follow: boolean;
  timeout?: number;
  json?: boolean;
  quiet?: boolean;
  maxPagesPerFeed?: number;
  maxPagesPerRound?: number;
  roundBudget?: number;
  queueDb?: string;
  unschedule?: boolean;
  nice?: number;
}

/** Parses `90`, `30s`, `10m`, `1h` into milliseconds (at least 1 s). */
export function parseInterval(value: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/i.exec(value.trim());
  if (!m) throw new InvalidArgumentError(`"${value}" is not an interval: use e.g. 30s, 10m or 1h.`);
  const n = Number(m[1]);
  const unit = (m[2] ?? 's').toLowerCase();
  const ms = unit === 'ms' ? n : unit === 's' ? n * 1000 : unit === 'm' ? n * 60_000 : n * 3_600_000;
  if (ms < 1000) throw new InvalidArgumentError(`"${value}" is shorter than 1 second.`);
  return ms;
}

export function watchCommand(ctx: CliContext): Command {
  return new Command('watch')
    .description('poll RSS/Atom feeds (one URL per line; # comments) and store new items, until interrupted; on PostgreSQL, schedule the polls for `crossread worker`')
    .argument('[feeds-file]', 'file listing feed URLs, one per line')
    .option('--db <path>', `${DB_HELP}; with PostgreSQL the polls become recurring jobs that workers run`)
    .addOption(queueDbOption())
    .option('--unschedule', 'PostgreSQL: stop the recurring polls')
    .addOption(new Option('--every <interval>', 'time between polls (e.g. 30s, 10m, 1h)').argParser(parseInterval).default(600_000, '10m'))
    .option('--rounds <n>', 'stop after this many polls', parsePositiveInt)
    .option('--once', 'poll once and exit (same as --rounds 1)')
    .option('--no-follow', "use the items' own text, do not fetch their pages")
    .option('--timeout <seconds>', 'per-request timeout (default 15)', parsePositiveInt)
    .option('--max-pages-per-feed <n>', 'item pages fetched per feed and poll at most (default 30)', parsePositiveInt)
    .option('--max-pages-per-round <n>', 'item pages fetched per poll for all feeds together at most (default 300)', parsePositiveInt)
    .addOption(new Option('--round-budget <interval>', 'time budget of one poll: no request runs past it (default: the interval, at least 10s)').argParser(parseInterval))
    .option('--json', 'print one JSON line per poll on stdout')
    .addOption(niceOption())
    .option('-q, --quiet', 'no per-feed lines on stderr')
    .action(async (feedsFile: string | undefined, o: WatchCliOptions) => {
      const { readWatchList, watch } = await import('../../store/watch.js');
      const { isPostgresUrl } = await import('../../store/postgres/connect.js');
      const target = o.queueDb ?? o.db ?? (ctx.env.CROSSREAD_DB?.trim() || undefined);
      if (target && isPostgresUrl(target)) return scheduled(ctx, target, feedsFile, o);
      if (o.unschedule) throw CrossreadError.of('QUEUE_NEEDS_POSTGRES', await resolveDb(ctx, o.db));
      if (!feedsFile) throw CrossreadError.of('USAGE', 'name the feeds file: crossread watch <feeds-file>');
      // Background batch work: a server on the same machine answers first (./priority.ts).
      lowerPriority(batchNiceness(o.nice, ctx.env));
      const { openForCli } = await import('../store.js');
      const { Fetcher } = await import('../../fetch/http.js');
      await readWatchList(feedsFile); // fail early on a missing or empty list
      const store = await openForCli(ctx, o.db, 'write');
      const controller = new AbortController();
      const stop = (): void => controller.abort();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      try {
        await watch(store, feedsFile, {
          everyMs: o.every,
          rounds: o.once ? 1 : o.rounds,
          signal: controller.signal,
          fetcher: new Fetcher(o.timeout ? { timeoutMs: o.timeout * 1000 } : {}),
          followLinks: o.follow,
          ...(o.maxPagesPerFeed ? { maxItemPages: o.maxPagesPerFeed } : {}),
          ...(o.maxPagesPerRound ? { maxItemPagesPerRound: o.maxPagesPerRound } : {}),
          ...(o.roundBudget ? { roundBudgetMs: o.roundBudget } : {}),
          onFeed: (f) => {
            if (o.quiet) return;
            const err = f.diagnostics.find((d) => d.level === 'error');
            const line = err ? `error: ${err.message}` : f.kind === 'unchanged' ? `${f.url}: unchanged` : `${f.url}: ${f.articles} new, ${f.known} already stored`;
            ctx.stderr.write(`${line}\n`);
          },
          onRound: async (r) => {
            if (o.json) await writeOutput(ctx, undefined, JSON.stringify(r));
            else if (!o.quiet) ctx.stderr.write(`poll ${r.round}: ${r.added} new article(s) from ${r.feeds} feed(s), ${r.failed} failed\n`);
          },
        });
      } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        await store.close();
      }
    });
}

/**
 * `watch` on PostgreSQL: the polls become a recurring job (pg-boss cron) that workers
 * run, replacing any earlier schedule; `--once` queues one poll; `--unschedule` stops them.
 */
async function scheduled(ctx: CliContext, url: string, feedsFile: string | undefined, o: WatchCliOptions): Promise<void> {
  if (o.rounds && o.rounds > 1) throw CrossreadError.of('USAGE', '--rounds counts polls of this process; on PostgreSQL the polls recur until `crossread watch --unschedule`');
  if (o.maxPagesPerRound || o.roundBudget) throw CrossreadError.of('USAGE', '--max-pages-per-round and --round-budget apply to polling in this process; on PostgreSQL each feed is a job of its own (use --max-pages-per-feed, --timeout)');
  const { openQueue } = await import('../../queue/connection.js');
  const { pollOnce, schedulePolls, unschedulePolls } = await import('../../queue/schedule.js');
  const { readWatchList } = await import('../../store/watch.js');
  if (o.unschedule) {
    const q = await openQueue(url);
    try {
      const had = await unschedulePolls(q);
      await writeOutput(ctx, undefined, had ? `recurring polls stopped → ${q.location}` : `no recurring polls were scheduled → ${q.location}`);
    } finally {
      await q.close();
    }
    return;
  }
  if (!feedsFile) throw CrossreadError.of('USAGE', 'name the feeds file: crossread watch <feeds-file>');
  const feeds = await readWatchList(feedsFile);
  const options = { followLinks: o.follow, ...(o.maxPagesPerFeed ? { maxItemPages: o.maxPagesPerFeed } : {}), ...(o.timeout ? { timeoutMs: o.timeout * 1000 } : {}) };
  const q = await openQueue(url);
  try {
    if (o.once || o.rounds === 1) {
      await pollOnce(q, feeds, options);
      await writeOutput(ctx, undefined, `queued one poll of ${feeds.length} feed(s) → ${q.location}; \`crossread worker\` runs it`);
    } else {
      const cron = await schedulePolls(q, feeds, o.every, options);
      await writeOutput(ctx, undefined, `polls of ${feeds.length} feed(s) scheduled (cron "${cron}", UTC; the first queued now) → ${q.location}; \`crossread worker\` runs them; \`crossread watch --unschedule\` stops them`);
    }
  } finally {
    await q.close();
  }
}
