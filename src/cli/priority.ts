/**
 * CPU priority of batch commands (`ingest`, `watch`, `worker`): they lower their own
 * priority (a nice value, default 10) so that on a machine they share with an
 * interactive server (`crossread serve`, a browser) the server's requests go first.
 * A nice value only matters while CPUs are contended: on an idle machine the batch
 * runs as fast as before. `--nice <n>` or $CROSSREAD_NICE chooses it, 0 keeps the
 * priority the command was started with.
 *
 * On Linux a nice value belongs to one thread: the main thread (where a batch command
 * does its work: reading, clustering, SQLite) is lowered, and the threads it starts
 * afterwards inherit the value. A priority already lower (the command run under
 * `nice -n 15`) is kept, never raised.
 */
import { InvalidArgumentError, Option } from 'commander';
import { CrossreadError } from '../errors.js';

/** The nice value of batch commands unless `--nice` or $CROSSREAD_NICE says otherwise. */
export const BATCH_NICENESS = 10;
/** The lowest priority there is (POSIX nice values run from -20 to 19). */
export const MAX_NICENESS = 19;

const RANGE = `a whole number from 0 (unchanged) to ${MAX_NICENESS} (lowest priority)`;

function niceness(value: string): number | null {
  const t = value.trim();
  if (!/^\d+$/.test(t)) return null;
  const n = Number(t);
  return n <= MAX_NICENESS ? n : null;
}

/** The `--nice <n>` option of the batch commands. */
export function niceOption(): Option {
  return new Option('--nice <n>', `lower this process's CPU priority to nice n, so that a server on the same machine answers first (0–${MAX_NICENESS}; 0 leaves it; default ${BATCH_NICENESS}, or $CROSSREAD_NICE)`).argParser(
    (v: string) => {
      const n = niceness(v);
      if (n === null) throw new InvalidArgumentError(`"${v}" is not ${RANGE}.`);
      return n;
    },
  );
}

/** The nice value a batch command runs at: `--nice`, else $CROSSREAD_NICE, else BATCH_NICENESS. */
export function batchNiceness(flag: number | undefined, env: NodeJS.ProcessEnv): number {
  if (flag !== undefined) return flag;
  const raw = env.CROSSREAD_NICE;
  if (raw === undefined || raw.trim() === '') return BATCH_NICENESS;
  const n = niceness(raw);
  if (n === null) throw CrossreadError.of('USAGE', `CROSSREAD_NICE="${raw}" is not ${RANGE}`);
  return n;
}
