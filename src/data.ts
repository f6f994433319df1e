/**
 * Access to crossread's bundled data files (lexicons, schemas) in `data/`.
 * Data lives in JSON files rather than code so that it can be reviewed and
 * extended without touching the algorithms that use it.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Absolute path of a file under the package's `data/` folder (works from `src/` and `dist/`). */
export function dataPath(rel: string): string {
  return fileURLToPath(new URL(`../data/${rel}`, import.meta.url));
}

const cache = new Map<string, unknown>();

/** Reads and caches a JSON data file. The caller states the expected shape. */
export function loadJson<T>(rel: string): T {
  let v = cache.get(rel);
  if (v === undefined) {
    v = JSON.parse(readFileSync(dataPath(rel), 'utf8')) as unknown;
    cache.set(rel, v);
  }
  return v as T;
}
