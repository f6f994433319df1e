/**
 * Inputs and bad input: folders (recursive, sorted, hidden skipped), globs, missing
 * and unreadable paths, empty, binary, too large, malformed and non-English inputs.
 * Every problem is one diagnostic naming the input and the reason; the rest proceeds.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, openSync, closeSync, ftruncateSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import { EXAMPLE, REPO } from '../helpers/shared.js';

const STORY = (n: number) =>
  `Story number ${n} about the harbour\n\nThe harbour authority said on Monday that the ferry terminal would close for repairs for two weeks, and that passengers should use the northern pier until the work is finished, officials said.`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'crossread-ingest-'));
  mkdirSync(join(dir, 'b', 'deeper'), { recursive: true });
  mkdirSync(join(dir, '.hidden-dir'));
  writeFileSync(join(dir, 'b', 'deeper', 'z.txt'), STORY(3));
  writeFileSync(join(dir, 'b', 'a.txt'), STORY(2));
  writeFileSync(join(dir, 'a.txt'), STORY(1));
  writeFileSync(join(dir, '.hidden.txt'), STORY(9));
  writeFileSync(join(dir, '.hidden-dir', 'x.txt'), STORY(9));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('inputs', () => {
  it('reads folders recursively in sorted order, skipping hidden files and folders', async () => {
    const r = await ingest([dir]);
    expect(r.skipped).toEqual([]);
    expect(r.articles.map((a) => a.path.slice(dir.length + 1))).toEqual(['a.txt', 'b/a.txt', 'b/deeper/z.txt']);
  });
  it('gives clashing ids a suffix and a DUPLICATE_ID warning', async () => {
    const r = await ingest([dir]);
    expect(r.articles.map((a) => a.id)).toEqual(['a', 'a-2', 'z']);
    expect(r.articles[1]?.diagnostics).toEqual([
      expect.objectContaining({ code: 'DUPLICATE_ID', level: 'warning', message: `${join(dir, 'b', 'a.txt')}: id "a" is already used, renamed to "a-2"` }),
    ]);
  });
  it('expands globs (tinyglobby), sorted, and reads a file named twice once', async () => {
    const r = await ingest([join(dir, '**', '*.txt'), join(dir, 'a.txt')]);
    expect(r.articles.map((a) => a.path.slice(dir.length + 1))).toEqual(['a.txt', 'b/a.txt', 'b/deeper/z.txt']);
  });
  it('the example folder gives five articles', async () => {
    const r = await ingest([EXAMPLE]);
    expect(r.skipped).toEqual([]);
    expect(r.articles.map((a) => a.id.slice(0, 3))).toEqual(['000', '001', '002', '003', '004']);
  });
  it('reports progress per file', async () => {
    const seen: Array<[number, number]> = [];
    await ingest([dir], { onProgress: (p) => seen.push([p.done, p.total]) });
    expect(seen).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
  });
});

describe('bad input: one diagnostic each, the rest proceeds', () => {
  let bad: string;
  beforeAll(() => {
    bad = mkdtempSync(join(tmpdir(), 'crossread-bad-'));
    writeFileSync(join(bad, 'good.txt'), STORY(1));
    writeFileSync(join(bad, 'empty.txt'), '');
    writeFileSync(join(bad, 'blank.txt'), '\n \n\t\n');
    writeFileSync(join(bad, 'image.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]));
    writeFileSync(join(bad, 'broken.json'), '{"title": "x", "text": "unfinished');
    writeFileSync(
      join(bad, 'french.txt'),
      "Le conseil municipal a approuvé jeudi la construction d'une ligne de tramway qui reliera les quartiers du nord au port. Les travaux doivent commencer au printemps prochain et durer trois ans, selon la commission des transports de la ville.",
    );
    writeFileSync(join(bad, 'short.txt'), 'Just a few words here.');
    // A 50 MB file, created sparse (no 50 MB written to disk) and never committed.
    const fd = openSync(join(bad, 'huge.txt'), 'w');
    ftruncateSync(fd, 50 * 1024 * 1024);
    closeSync(fd);
    symlinkSync(join(bad, 'nowhere.txt'), join(bad, 'dangling.txt'));
    try {
      execFileSync('mkfifo', [join(bad, 'pipe.txt')]);
    } catch {
      // no mkfifo on this system: the FIFO case is skipped below
    }
  });
  afterAll(() => rmSync(bad, { recursive: true, force: true }));

  it('reads the good file and names every bad one with its reason', async () => {
    const r = await ingest([bad, join(bad, 'missing.txt'), join(bad, 'no-match-*.txt')]);
    expect(r.articles.map((a) => a.id)).toEqual(['good']);
    const by = new Map(r.skipped.map((d) => [d.source?.slice(bad.length + 1), d]));
    const msg = (f: string) => by.get(f)?.message.slice(bad.length + 1);
    expect(msg('empty.txt')).toBe('empty.txt: empty input, nothing to read');
    expect(msg('blank.txt')).toBe('blank.txt: empty input, nothing to read');
    expect(msg('image.png')).toBe('image.png: looks like binary data (PNG image), not text');
    expect(msg('broken.json')).toMatch(/^broken\.json: malformed JSON \(Unterminated string/);
    expect(msg('french.txt')).toBe('french.txt: text does not look like English (fr); crossread reads English');
    expect(by.get('french.txt')?.level).toBe('warning');
    expect(msg('short.txt')).toBe('short.txt: only 5 words after cleaning, too short to summarise');
    expect(msg('huge.txt')).toBe('huge.txt: 50.0 MiB is over the 16.0 MiB input cap (raise it with --max-bytes)');
    expect(msg('dangling.txt')).toBe('dangling.txt: cannot be read (broken symbolic link)');
    expect(msg('missing.txt')).toBe('missing.txt: no such file, folder or glob match');
    expect(msg('no-match-*.txt')).toBe('no-match-*.txt: no such file, folder or glob match');
    for (const d of r.skipped) {
      expect(d.message).not.toMatch(/\n\s+at /);
      expect(d.message.startsWith(d.source ?? '')).toBe(true);
    }
  });
  it('a FIFO (not a regular file) is reported, not read', async (ctx) => {
    const fifo = join(bad, 'pipe.txt');
    const r = await ingest([fifo]).catch((e: Error) => ({ articles: [], skipped: [{ message: e.message }] }));
    if (r.skipped.length === 0 && r.articles.length === 0) ctx.skip();
    expect(r.skipped.map((d) => d.message)).toEqual([`${fifo}: cannot be read (not a regular file)`]);
  });
  it.skipIf(process.getuid?.() === 0)('a file without read permission is reported (skipped when running as root)', async () => {
    const f = join(bad, 'secret.txt');
    writeFileSync(f, STORY(5));
    chmodSync(f, 0o000);
    const r = await ingest([f]);
    expect(r.skipped.map((d) => d.message)).toEqual([`${f}: cannot be read (permission denied)`]);
  });
  it('the cap is configurable', async () => {
    const r = await ingest([join(bad, 'good.txt')], { maxBytes: 64 });
    expect(r.skipped[0]?.code).toBe('INPUT_TOO_LARGE');
  });
  it('repository fixtures and examples hold no file over 1 MiB (large test files are created in tmp)', () => {
    const out = execFileSync('find', [join(REPO, 'test'), join(REPO, 'examples'), '-type', 'f', '-size', '+1024k']).toString().trim();
    expect(out).toBe('');
  });
});
