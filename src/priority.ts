/**
 * Lowering the CPU priority of the calling thread, shared by the batch commands
 * (`src/cli/priority.ts`: `ingest`, `watch`, `worker`) and the web app's background
 * briefing worker (`src/serve/worker.ts`). On Linux a nice value belongs to one thread
 * (setpriority on the calling thread); threads started afterwards inherit it.
 */
import { getPriority, setPriority } from 'node:os';

/**
 * Lowers the calling thread's CPU priority to nice `n` (nothing when `n` is 0 or the
 * priority is already that low: a priority is never raised). Returns the nice value the
 * thread now runs at, or null when the system refused (the caller then runs at its
 * priority; not an error).
 */
export function lowerPriority(n: number): number | null {
  try {
    const now = getPriority(0);
    if (n <= 0 || now >= n) return now;
    setPriority(0, n);
    return getPriority(0);
  } catch {
    return null;
  }
}
