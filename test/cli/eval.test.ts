/** Issue 14, command line 7: eval takes its setting from the dataset or refuses; the default table fits 120 columns. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { crossread } from './run.js';
import { inferSetting } from '../../src/eval/setting.js';
import { EXAMPLE } from '../helpers/shared.js';

const dir = mkdtempSync(join(tmpdir(), 'crossread-evalset-'));
const TEXTS = ['000_47ea86874e02de87', '001_fdee696dc7c08430', '002_5e5bea258574097d'].map((id) => readFileSync(join(EXAMPLE, `${id}.txt`), 'utf8'));
const REFERENCE = 'Russia said Syria was completely liberated from Islamic State fighters.\nThe Pentagon disputed the claim.';

function dataset(name: string, id: string, extra: Record<string, unknown> = {}): string {
  const path = join(dir, name);
  const line = (i: number) => JSON.stringify({ id: `${id}${i}`, documents: TEXTS.map((text, j) => ({ id: `x${j}`, text })), references: [REFERENCE], ...extra });
  writeFileSync(path, `${line(1)}\n${line(2)}\n`);
  return path;
}

describe('inferSetting', () => {
  it.each([
    ['multinews-val-sample.jsonl', 'c', {}, 'multinews', 'file name'],
    ['Multi_News_test.jsonl', 'c', {}, 'multinews', 'file name'],
    ['duc2004-dev.jsonl', 'c', {}, 'duc2004', 'file name'],
    ['DUC04.jsonl', 'c', {}, 'duc2004', 'file name'],
    ['clusters.jsonl', 'd3000', {}, 'duc2004', 'cluster id'],
    ['clusters.jsonl', 'mnval-00', {}, 'multinews', 'cluster id'],
    ['clusters.jsonl', 'c', { setting: 'multinews' }, 'multinews', 'field'],
    ['duc2004.jsonl', 'c', { setting: 'multi-news' }, 'multinews', 'field'],
  ])('%s (ids %s…, %j) → %s from the %s', async (name, id, extra, setting, from) => {
    expect(await inferSetting(dataset(name, id, extra))).toEqual({ setting, from });
  });

  it.each([
    ['mine.jsonl', 'c', {}],
    ['production.jsonl', 'story', {}],
    ['reduce.jsonl', 'c', {}], // "duc" inside a word is not DUC
    ['mine2.jsonl', 'c', { setting: 'cnndm' }],
  ])('%s (ids %s…, %j) → unknown', async (name, id, extra) => {
    const r = await inferSetting(dataset(name, id, extra));
    expect(r?.setting).toBeNull();
  });

  it('an unreadable file is left to the evaluation to report', async () => {
    expect(await inferSetting(join(dir, 'absent.jsonl'))).toBeNull();
  });
});

describe('crossread eval', () => {
  it('uses the Multi-News setting for a Multi-News file, and says so', () => {
    const r = crossread(['eval', dataset('multinews-sample.jsonl', 'c'), '--system', 'lead', '--json']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { setting: string; words: number }).setting).toBe('multinews');
    expect(r.stderr).toContain('setting multinews (from the dataset');
  });

  it('refuses a dataset whose setting it cannot tell: exit 2, one clear line', () => {
    const path = dataset('mine.jsonl', 'c');
    const r = crossread(['eval', path, '--system', 'lead']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${path}: cannot tell the evaluation setting`);
    expect(r.stderr).toContain('--setting duc2004 or --setting multinews');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    // --setting settles it.
    expect(crossread(['eval', path, '--system', 'lead', '--setting', 'duc2004', '-q']).code).toBe(0);
  });

  it('the default table fits 120 columns; --wide shows R, P and F of every metric', () => {
    const path = dataset('duc2004-like.jsonl', 'd3000', { anchors: { 'A-Rather-Long-Anchor-Name': REFERENCE } });
    const t = crossread(['eval', path, '-q']);
    expect(t.code).toBe(0);
    const lines = t.stdout.trimEnd().split('\n');
    for (const l of lines) expect([...l].length, l).toBeLessThanOrEqual(120);
    expect(lines[0]).toMatch(/^system\s+R-1 R \(95% CI\)\s+R-2 R \(95% CI\)\s+R-L R \(95% CI\)\s+R-SU4 R \(95% CI\)\s+seconds\s+clusters\/s$/);
    expect(t.stdout).toMatch(/\nanchor:A-Rather\S*…\s+1\.0000 1\.000–1\.000/); // shortened to fit
    expect(t.stdout).toMatch(/\ncrossread\s+\d\.\d{4} \.\d{3}–\.\d{3}/);
    const w = crossread(['eval', path, '-q', '--wide']);
    expect(w.stdout).toMatch(/R-1 R\s+R-1 P\s+R-1 F\s+R-1 R 95% CI/);
  });
});
