/**
 * Feed polls as recurring jobs (`crossread watch` on PostgreSQL): one pg-boss cron
 * schedule on the `poll` queue carries the feed list; each time it fires, a worker takes
 * the poll job and queues one conditional `fetch` per feed (./enqueue.ts), which any
 * worker runs. No process polls in a loop of its own, and a poll is never lost with one
 * machine: whichever worker is up takes it. pg-boss keeps one schedule per queue, so
 * scheduling again replaces the list and the interval.
 */
import { CrossreadError } from '../errors.js';
import type { QueueConnection } from './connection.js';
import { DEFAULT_JOB_SETTINGS, queueName, sendOptions, type InputOptions, type JobSettings, type PollJob } from './stages.js';

/** The cron expression of a poll every `ms` (cron counts whole minutes within an hour, hours within a day). */
export function cronOf(ms: number): string {
  const minutes = ms / 60_000;
  if (Number.isInteger(minutes) && minutes >= 1 && minutes < 60 && 60 % minutes === 0) return minutes === 1 ? '* * * * *' : `*/${minutes} * * * *`;
  const hours = ms / 3_600_000;
  if (Number.isInteger(hours) && hours >= 1 && hours <= 24 && 24 % hours === 0) return hours === 24 ? '0 0 * * *' : `0 */${hours} * * *`;
  throw CrossreadError.of(
    'USAGE',
    `a recurring poll runs every N minutes with N dividing 60 (1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30) or every N hours with N dividing 24; ${Math.round(ms / 1000)} s is neither`,
  );
}

export interface ScheduleOptions extends InputOptions {
  settings?: Partial<JobSettings>;
}

/** Schedules polls of `feeds` every `everyMs` (replacing any schedule) and queues one poll now; returns the cron expression. */
export async function schedulePolls(q: QueueConnection, feeds: string[], everyMs: number, opts: ScheduleOptions = {}): Promise<string> {
  const cron = cronOf(everyMs);
  const { settings, ...options } = opts;
  const data: PollJob = { feeds, options };
  const send = sendOptions({ ...DEFAULT_JOB_SETTINGS, ...settings });
  await q.boss.schedule(queueName('poll'), cron, data, { ...send, tz: 'UTC' });
  await q.boss.send(queueName('poll'), data, send);
  return cron;
}

/** Queues one poll of `feeds` now (`watch --once`). */
export async function pollOnce(q: QueueConnection, feeds: string[], opts: ScheduleOptions = {}): Promise<void> {
  const { settings, ...options } = opts;
  await q.boss.send(queueName('poll'), { feeds, options } satisfies PollJob, sendOptions({ ...DEFAULT_JOB_SETTINGS, ...settings }));
}

/** Removes the poll schedule; returns whether there was one. */
export async function unschedulePolls(q: QueueConnection): Promise<boolean> {
  const had = (await q.boss.getSchedules()).some((s) => s.name === queueName('poll'));
  if (had) await q.boss.unschedule(queueName('poll'));
  return had;
}
