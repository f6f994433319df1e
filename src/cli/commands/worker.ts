/** `crossread worker [--db URL] [--concurrency N]`: run the job queue's stages until interrupted. */
import { Command } from 'commander';
import type { CliContext } from '../context.js';
import { parsePositiveInt } from '../util.js';
import { DB_HELP } from '../store.js';
import { queueDbOption } from '../queue.js';
import { batchNiceness, niceOption } from '../priority.js';
import { lowerPriority } from '../../priority.js';

interface WorkerCliOptions {
  db?: string;
  queueDb?: string;
  concurrency?: number;
  stages?: string;
  drain?: boolean;
  queueBriefs?: boolean;
  sweepEvery?: number;
  batch?: number;
  verbose?: boolean;
  quiet?: boolean;
  nice?: number;
}

export function workerCommand(ctx: CliContext): Command {
  return new Command('worker')
    .description('run the job queue (PostgreSQL --db): fetch, read, assign stories, index them for search, brief; until interrupted')
    .option('--db <url>', `${DB_HELP}; the queue needs PostgreSQL`)
    .addOption(queueDbOption())
    .option('--concurrency <n>', 'jobs at once per stage in this process (default 2; fetching 4 times as many)', parsePositiveInt)
    .option('--stages <list>', 'stages this worker runs, comma-separated (default fetch,read,assign,index,brief,poll)')
    .option('--drain', 'stop once the queue is empty')
    .option('--queue-briefs', 'as the assigner, queue changed stories for briefing by other workers (default: only when this worker runs the brief stage)')
    .option('--sweep-every <seconds>', 'how often jobs of lost workers are looked for (default 30)', parsePositiveInt)
    .option('--batch <n>', 'articles per assignment batch (default 256, as ingest)', parsePositiveInt)
    .option('-v, --verbose', 'one line per job on stderr')
    .addOption(niceOption())
    .option('-q, --quiet', 'only problems on stderr')
    .action(async (o: WorkerCliOptions) => {
      // Background batch work: a server on the same machine answers first (./priority.ts).
      lowerPriority(batchNiceness(o.nice, ctx.env));
      const { resolveQueueDb, parseStages } = await import('../queue.js');
      const url = await resolveQueueDb(ctx, o.db, o.queueDb);
      const stages = o.stages ? await parseStages(o.stages) : undefined;
      const { openForCli } = await import('../store.js');
      const { runWorker, OPEN_WAIT_SECONDS } = await import('../../queue/worker.js');
      const { whenServerAnswers } = await import('../../store/postgres/connect.js');
      // A server restarting as the worker starts is waited for, as the worker waits for the queue's.
      let told = false;
      const store = await whenServerAnswers(() => openForCli(ctx, o.db, 'write'), {
        seconds: OPEN_WAIT_SECONDS,
        onWait: (e) => {
          if (!o.quiet && !told) ctx.stderr.write(`worker: waiting for the database (for ${OPEN_WAIT_SECONDS} s at most): ${(e as Error).message}\n`);
          told = true;
        },
      });
      const controller = new AbortController();
      let interrupts = 0;
      const stop = (): void => {
        interrupts++;
        if (interrupts === 1) {
          if (!o.quiet) ctx.stderr.write('worker: stopping after the jobs in hand (interrupt again to stop at once)\n');
          controller.abort();
        } else process.exit(130);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
      const say = (line: string): void => void ctx.stderr.write(`worker: ${line}\n`);
      // Per-job lines with --verbose; otherwise problems, the assigner's lock, and totals every 10 s when they changed.
      const log = (line: string): void => {
        const problem = /failed|error|lost|ECONN|terminat|assigner|waiting for the server|database system/i.test(line);
        if (o.verbose || (problem && !o.quiet) || /for good/.test(line)) say(line);
      };
      const { newTotals } = await import('../../queue/worker.js');
      const totals = newTotals();
      const summary = (t: typeof totals): string => {
        const failed = Object.values(t.failed).reduce((a, b) => a + b, 0);
        return `read ${t.jobs.read}, fetched ${t.jobs.fetch}, stored ${t.added} of ${t.assigned} article(s) assigned here, briefed ${t.jobs.brief} stories; ${failed} failed attempt(s)`;
      };
      let shown = '';
      const ticker = setInterval(() => {
        const line = summary(totals);
        if (o.quiet || line === shown) return;
        shown = line;
        say(line);
      }, 10_000);
      ticker.unref();
      try {
        const t = await runWorker({
          url,
          store,
          ...(o.concurrency ? { concurrency: o.concurrency } : {}),
          ...(stages ? { stages } : {}),
          ...(o.drain ? { drain: true } : {}),
          ...(o.queueBriefs ? { queueBriefs: true } : {}),
          ...(o.sweepEvery ? { maintenanceSeconds: o.sweepEvery } : {}),
          ...(o.batch ? { batchSize: o.batch } : {}),
          log,
          totals,
          signal: controller.signal,
        });
        if (!o.quiet) say(`stopped: ${summary(t)}`);
      } finally {
        clearInterval(ticker);
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        await store.close();
      }
    });
}
