/**
 * Access to the research data in ../shared (never copied into the repository).
 * Tests that need it call `sharedFile(rel)` and skip with a clear message when it is absent:
 *
 *   const duc = sharedFile('data/dev/duc2004-dev.jsonl');
 *   describe.skipIf(!duc)('…', () => { … });
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));
export const SHARED = process.env.CROSSREAD_SHARED ?? resolve(REPO, '..', 'shared');

/** Absolute path of a file in ../shared, or null (with a note on stderr) when it is absent. */
export function sharedFile(rel: string): string | null {
  const p = resolve(SHARED, rel);
  if (existsSync(p)) return p;
  process.stderr.write(`skipping tests that need ${p}: not found (set CROSSREAD_SHARED to the shared folder)\n`);
  return null;
}

/** The bundled example corpus. */
export const EXAMPLE = resolve(REPO, 'examples', 'syria-2017');
