/** `crossread jobs [--db URL] [--wait] [--json]`: what the job queue holds, per stage, with failed jobs and their reasons. */
import { Command } from 'commander';
import type { CliContext } from '../context.js';
import { parsePositiveInt, writeOutput } from '../util.js';
import { DB_HELP } from '../store.js';
import { queueDbOption } from '../queue.js';
import type { QueueStatus } from '../../queue/status.js';

interface JobsCliOptions {
  db?: string;
  queueDb?: string;
  wait?: boolean;
  json?: boolean;
  failed?: number;
  quiet?: boolean;
}

export function jobsCommand(ctx: CliContext): Command {
  return new Command('jobs')
    .description('show the job queue (PostgreSQL --db): jobs per stage, inputs waiting, failed jobs with their reasons')
    .option('--db <url>', `${DB_HELP}; the queue needs PostgreSQL`)
    .addOption(queueDbOption())
    .option('--wait', 'wait until the queue is drained (progress on stderr), then show it')
    .option('--failed <n>', 'running and failed jobs listed at most (default 20)', parsePositiveInt)
    .option('--json', 'print the state as JSON')
    .option('-q, --quiet', 'no progress on stderr')
    .action(async (o: JobsCliOptions) => {
      const { resolveQueueDb } = await import('../queue.js');
      const url = await resolveQueueDb(ctx, o.db, o.queueDb);
      const { openQueue } = await import('../../queue/connection.js');
      const { queueStatus } = await import('../../queue/status.js');
      const q = await openQueue(url);
      try {
        let s = await queueStatus(q, o.failed ?? 20);
        if (o.wait) {
          let last = '';
          while (!s.drained) {
            const line = waitLine(s);
            if (!o.quiet && line !== last) ctx.stderr.write(`${line}\n`);
            last = line;
            await new Promise((r) => setTimeout(r, 1000));
            s = await queueStatus(q, o.failed ?? 20);
          }
        }
        await writeOutput(ctx, undefined, o.json ? JSON.stringify({ database: q.location, ...s }, null, 2) : statusText(s));
      } finally {
        await q.close();
      }
    });
}

function waitLine(s: QueueStatus): string {
  const by = (stage: string) => s.stages.find((x) => x.stage === stage);
  const open = (stage: string) => {
    const x = by(stage);
    return x ? x.waiting + x.retrying + x.running : 0;
  };
  return `waiting: ${s.inputs.queued} input(s) to read, ${s.inputs.staged} read and waiting for the assigner, ${open('index')} search index run(s), ${open('brief')} briefing(s); ${s.stages.reduce((n, x) => n + x.failed, 0)} failed job(s)${s.assigner ? '' : '; no assigner running (start `crossread worker`)'}`;
}

/** The state as a table for the terminal. */
export function statusText(s: QueueStatus): string {
  const head = ['stage', 'waiting', 'retrying', 'running', 'done', 'failed'];
  // The assign stage's jobs are wake-up calls: its row shows the inputs instead (read and waiting, the assigner, passed).
  const rows = s.stages.map((x) =>
    (x.stage === 'assign'
      ? [x.stage, s.inputs.staged + s.inputs.failed, '-', s.assigner ? 1 : 0, s.inputs.done, '-']
      : [x.stage, x.waiting, x.retrying, x.running, x.completed, x.failed]
    ).map(String),
  );
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const out = [line(head), ...rows.map(line)];
  out.push('', `inputs: ${s.inputs.queued} waiting to be read, ${s.inputs.staged} read and waiting for the assigner, ${s.inputs.failed} failed and not yet passed, ${s.inputs.done} done`);
  out.push(s.assigner ? 'assigner: running (a worker holds the lock)' : 'assigner: none running (start `crossread worker`)');
  if (s.running.length) {
    out.push('', 'running jobs (longest first):');
    for (const r of s.running) out.push(`  ${r.stage}  ${r.subject || r.id}  (attempt ${r.attempt}, since ${r.startedAt})`);
  }
  if (s.failed.length) {
    out.push('', 'failed jobs (newest first):');
    for (const f of s.failed) out.push(`  ${f.stage}  ${f.subject || f.id}  (${f.attempts} attempt${f.attempts === 1 ? '' : 's'}): ${f.reason}`);
  }
  out.push('', s.drained ? 'the queue is drained' : 'the queue is busy');
  return out.join('\n');
}
