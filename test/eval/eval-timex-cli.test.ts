/** `crossread eval-timex` through the real CLI (bin/crossread.js over dist/). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { crossread } from '../cli/run.js';

describe('crossread eval-timex', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crossread-eval-timex-'));
  const file = join(dir, 'gold.jsonl');
  const text = 'Talks will resume on Monday in Geneva. The envoy arrived Saturday.';
  const doc = {
    id: 'sun', dct: '2017-12-10', text,
    timexes: [
      { start: text.indexOf('Monday'), end: text.indexOf('Monday') + 6, text: 'Monday', type: 'DATE', value: '2017-12-11' },
      { start: text.indexOf('Saturday'), end: text.indexOf('Saturday') + 8, text: 'Saturday', type: 'DATE', value: '2017-12-09' },
    ],
  };
  writeFileSync(file, `${JSON.stringify(doc)}\n{broken\n`);

  it('prints the scores, warns about a malformed line and exits 0', () => {
    const r = crossread(['eval-timex', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('2 gold DATE/TIME expressions');
    expect(r.stdout).toMatch(/value\s+right 2\s+accuracy 1\.000/);
    expect(r.stderr).toContain(`${file}:2:`);
  });
  it('prints JSON with --json, and each error with --errors', () => {
    const r = crossread(['eval-timex', file, '--json', '--errors']);
    const j = JSON.parse(r.stdout) as { documents: number; dates: { gold: number; found: number; valueF1: number }; errors: unknown[] };
    expect(j.documents).toBe(1);
    expect(j.dates).toMatchObject({ gold: 2, found: 2, valueF1: 1 });
    expect(j.errors).toEqual([]);
  });
  it('names a missing file and exits 1', () => {
    const r = crossread(['eval-timex', join(dir, 'absent.jsonl')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('absent.jsonl: no such file');
  });
});
