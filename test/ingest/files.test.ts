import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readUserFile } from '../../src/ingest/files.js';
import { CrossreadError } from '../../src/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'crossread-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function codeOf(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(CrossreadError);
    return { code: (e as CrossreadError).code, message: (e as Error).message };
  }
  throw new Error('expected an error');
}

describe('readUserFile: a file the user named, or a coded error naming it', () => {
  it('reads UTF-8 text', async () => {
    const p = join(dir, 'ok.txt');
    writeFileSync(p, 'héllo\n');
    expect(await readUserFile(p, 100)).toBe('héllo\n');
  });
  it.each([
    ['a missing file', () => join(dir, 'missing.jsonl'), 'INPUT_NOT_FOUND', /missing\.jsonl/],
    ['a folder', () => {
      const p = join(dir, 'sub');
      mkdirSync(p, { recursive: true });
      return p;
    }, 'INPUT_UNREADABLE', /sub.*is a folder, expected a list/],
    ['a file past the cap', () => {
      const p = join(dir, 'big.txt');
      writeFileSync(p, 'x'.repeat(101));
      return p;
    }, 'INPUT_TOO_LARGE', /big\.txt/],
  ])('%s', async (_name, make, code, text) => {
    const r = await codeOf(readUserFile(make(), 100, 'a list'));
    expect(r.code).toBe(code);
    expect(r.message).toMatch(text);
  });
});
