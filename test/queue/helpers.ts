/** Inputs and comparisons for the job-queue tests: synthetic news as JSON Lines files in a temporary folder. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { syntheticArticle, EVENT_COUNT } from '../store/synthetic.js';
import type { Store } from '../../src/store/store.js';

/**
 * Writes `files` JSON Lines files of synthetic articles, events interleaved so that
 * files mix stories; file i holds (i % 3) + 2 records, numbered on from `start`. Returns the folder and the file paths in order.
 */
export function writeInputs(files: number, prefix = 'f', start = 0): { dir: string; paths: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'crossread-queue-'));
  const paths: string[] = [];
  let k = start;
  for (let i = 0; i < files; i++) {
    const lines: string[] = [];
    for (let j = 0; j < (i % 3) + 2; j++, k++) {
      const a = syntheticArticle(k % EVENT_COUNT, Math.floor(k / EVENT_COUNT));
      lines.push(JSON.stringify({ id: `${prefix}${a.id}`, title: `Report ${k}`, text: a.text, published: a.published, source: a.outlet }));
    }
    const path = join(dir, `${prefix}${String(i).padStart(3, '0')}.jsonl`);
    writeFileSync(path, `${lines.join('\n')}\n`);
    paths.push(path);
  }
  return { dir, paths };
}

/** Every stored article's story, by article id (stories listed as `stories` lists them). */
export async function grouping(store: Store): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let offset = 0; ; offset += 1000) {
    const page = await store.listArticles({ limit: 1000, offset });
    for (const a of page.items) out.set(a.id, a.storyId ?? '');
    if (offset + 1000 >= page.total) break;
  }
  return out;
}

/** Splits a JSON Lines file into files in a temporary folder, file i taking `sizeOf(i)` lines (a large file is a slow input for `ingest`). */
export function splitIntoFiles(path: string, sizeOf: (i: number) => number): { dir: string; files: number } {
  const lines = readFileSync(path, 'utf8').trim().split('\n');
  const dir = mkdtempSync(join(tmpdir(), 'crossread-queue-'));
  let files = 0;
  for (let at = 0; at < lines.length; files++) {
    const n = sizeOf(files);
    writeFileSync(join(dir, `part${String(files).padStart(4, '0')}.jsonl`), `${lines.slice(at, at + n).join('\n')}\n`);
    at += n;
  }
  return { dir, files };
}
