/**
 * `npm run bench`: runs every bench/*.bench.ts scenario in its own Node process
 * (so that each one's peak RSS is its own) and prints their reports in turn.
 *
 *   npm run bench                 # all scenarios
 *   npm run bench -- pipeline     # scenarios whose file name contains "pipeline"
 *
 * Each scenario measures its own baseline in the same run and reports speed as a
 * ratio against it, plus peak RSS. Scenarios that need ../shared skip with a note.
 */
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const filters = process.argv.slice(2);
const scenarios = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
let failed = 0;
for (const f of scenarios) {
  process.stdout.write(`\n=== ${f.replace(/\.bench\.ts$/, '')} ===\n`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', `${dir}${f}`], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    process.stdout.write(`(${f} exited with ${r.status})\n`);
  }
}
process.exitCode = failed ? 1 : 0;
