/**
 * `ingestIntoStore` streams file inputs: articles are stored batch by batch while
 * the folder is still being read, never all held in memory first.
 */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../../src/store/index.js';
import { ingestIntoStore } from '../../src/store/ingest.js';
import { syntheticText } from './synthetic.js';
import { PassThrough } from 'node:stream';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'crossread-stream-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('streaming ingest', () => {
  it('stores batches while the folder is still being read, and stores every file', async () => {
    const folder = join(dir, 'news');
    mkdirSync(folder);
    const files = 40;
    for (let i = 0; i < files; i++) writeFileSync(join(folder, `a${String(i).padStart(2, '0')}.txt`), syntheticText(i % 4, Math.floor(i / 4)));
    writeFileSync(join(folder, 'empty.txt'), '');
    const store = await openStore(join(dir, 's.db'));
    let filesRead = 0;
    const readWhenStored: number[] = [];
    const spy: Store = Object.create(store) as Store;
    spy.addArticles = async (batch) => {
      readWhenStored.push(filesRead);
      return store.addArticles(batch);
    };
    try {
      const s = await ingestIntoStore(spy, [folder], {
        batchSize: 8,
        onProgress: (p) => {
          if (p.stage === 'read') filesRead = p.done;
        },
      });
      expect(s.added).toHaveLength(files);
      expect(s.read).toBe(files);
      expect(s.diagnostics.map((d) => d.code)).toEqual(['INPUT_EMPTY']);
      expect(readWhenStored).toHaveLength(files / 8);
      // The first batch went to the store long before the last file was read.
      expect(readWhenStored[0]).toBeLessThan(files / 2);
      expect((await store.stats()).articles).toBe(files);
    } finally {
      await store.close();
    }
  });

  it('commits what was read before an input that may be slow (stdin, a large file), so stopping there loses nothing', async () => {
    const a = join(dir, 'a.txt');
    const b = join(dir, 'b.txt');
    writeFileSync(a, syntheticText(0, 0));
    writeFileSync(b, syntheticText(1, 0));
    const path = join(dir, 's.db');
    const store = await openStore(path);
    const stdin = new PassThrough();
    try {
      // Standard input that does not end: the run is "stuck" reading it.
      const run = ingestIntoStore(store, [a, b, '-'], { batchSize: 256, stdin });
      const other = await openStore(path);
      let seen = 0;
      for (let i = 0; i < 100 && seen < 2; i++) {
        await new Promise((r) => setTimeout(r, 50));
        seen = (await other.stats()).articles;
      }
      await other.close();
      // Before: nothing was stored until the batch of 256 filled or the run ended.
      expect(seen).toBe(2);
      stdin.end(syntheticText(2, 0));
      const s = await run;
      expect(s.added).toHaveLength(3);
    } finally {
      await store.close();
    }
  });
});
