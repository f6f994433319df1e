/**
 * Issue 14, command line 1–4 and 8: how the CLI ends and where its output goes, over
 * the built binary (a real pipe, real files and folders).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import Ajv2020 from 'ajv/dist/2020.js';
import { crossread } from './run.js';
import { EXAMPLE, REPO } from '../helpers/shared.js';

const schema = JSON.parse(readFileSync(join(REPO, 'docs/briefing.schema.json'), 'utf8')) as object;
const validate = new Ajv2020.default({ allErrors: true, strict: false }).compile(schema);
const STACK = /\n\s+at .+:\d+/;

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'crossread-out-'));
}

/** Runs `crossread ARGS | head -1` in bash; returns crossread's own exit code and stderr. */
function piped(args: string[]): { code: number; stderr: string; first: string } {
  const cmd = `node ${JSON.stringify(join(REPO, 'bin/crossread.js'))} ${args.map((a) => JSON.stringify(a)).join(' ')} 2>"$ERR" | head -1; echo "exit=\${PIPESTATUS[0]}"`;
  const err = join(tmp(), 'stderr');
  const r = spawnSync('bash', ['-c', cmd], { env: { ...process.env, NO_COLOR: '1', ERR: err }, encoding: 'utf8' });
  const m = /exit=(\d+)\s*$/.exec(r.stdout);
  return { code: m ? Number(m[1]) : -1, first: r.stdout.split('\n')[0] ?? '', stderr: readFileSync(err, 'utf8') };
}

describe('a reader that stops early (| head -1)', () => {
  it.each(['terminal', 'markdown', 'json', 'html'])('brief -f %s ends quietly with exit 0', (format) => {
    const r = piped(['brief', EXAMPLE, '-f', format]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.first.length).toBeGreaterThan(0);
  });

  it('a large JSON output of many records', () => {
    const dir = tmp();
    const lines = Array.from({ length: 40 }, (_, i) =>
      JSON.stringify({ id: `d${i}`, story: `s${i % 4}`, text: readFileSync(join(EXAMPLE, '001_fdee696dc7c08430.txt'), 'utf8').slice(0, 400 + i) }),
    );
    writeFileSync(join(dir, 'l.jsonl'), `${lines.join('\n')}\n`);
    const r = piped(['brief', join(dir, 'l.jsonl'), '-f', 'json', '-q']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});

describe('--out that cannot be written: one line naming the path, exit 1', () => {
  const dir = tmp();
  writeFileSync(join(dir, 'file'), 'x');
  const locked = join(dir, 'locked');
  spawnSync('mkdir', [locked]);
  chmodSync(locked, 0o500);
  const rootCanWrite = process.getuid?.() === 0;
  const cases: Array<[string, string, RegExp, boolean?]> = [
    ['a folder that does not exist', join(dir, 'no', 'such', 'b.md'), /folder .*no\/such does not exist/],
    ['a folder itself', dir, /is a folder/],
    ['under a file', join(dir, 'file', 'b.md'), /not a folder/],
    ['a folder without write permission', join(locked, 'b.md'), /permission denied/, rootCanWrite],
  ];
  it.each(cases)('%s', (_what, out, reason, skip) => {
    if (skip) return; // root may write anywhere
    const r = crossread(['brief', EXAMPLE, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(STACK);
    expect(r.stderr).not.toMatch(/internal error|bug in crossread/);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(out);
    expect(lines[0]).toMatch(reason);
  });

  it('eval --out too', () => {
    const out = join(dir, 'missing', 'e.txt');
    const text = readFileSync(join(EXAMPLE, '001_fdee696dc7c08430.txt'), 'utf8');
    const data = join(dir, 'd.jsonl');
    writeFileSync(data, `${JSON.stringify({ id: 'c1', documents: [{ id: 'a', text }], references: ['Putin said the defeat of IS in Syria was complete.'] })}\n`);
    const r = crossread(['eval', data, '--out', out, '--system', 'lead', '-q', '--no-anchors', '--setting', 'duc2004']);
    expect(r.stderr).not.toMatch(STACK);
    expect(r.stderr).toContain(out);
    expect(r.code).toBe(1);
  });
});

describe('--out picks the format from its extension unless --format is given', () => {
  const dir = tmp();
  const cases: Array<[string, string[], RegExp]> = [
    ['b.html', [], /^<!doctype html>/],
    ['b.HTM', [], /^<!doctype html>/],
    ['b.md', [], /^# crossread briefing/],
    ['b.markdown', [], /^# crossread briefing/],
    ['b.json', [], /^\{\n {2}"schemaVersion"/],
    ['b.txt', [], /^crossread · 5 articles/],
    ['b', [], /^crossread · 5 articles/],
    ['c.html', ['-f', 'markdown'], /^# crossread briefing/],
    ['c.json', ['--format', 'terminal'], /^crossread · 5 articles/],
  ];
  it.each(cases)('%s %j', (name, extra, start) => {
    const out = join(dir, name);
    const r = crossread(['brief', EXAMPLE, '--out', out, ...extra]);
    expect(r.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(start);
  });
});

describe('--words with --sentences', () => {
  it('is a usage error (exit 2) naming both', () => {
    for (const args of [['--words', '50', '--sentences', '2'], ['-s', '2', '-w', '50']]) {
      const r = crossread(['brief', EXAMPLE, ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--words/);
      expect(r.stderr).toMatch(/--sentences/);
      expect(r.stdout).toBe('');
    }
  });
});

describe('--format json --with-text', () => {
  it("includes each article's cleaned text, and every citation can be checked from the file alone", () => {
    const r = crossread(['brief', EXAMPLE, '-f', 'json', '--with-text']);
    expect(r.code).toBe(0);
    const b = JSON.parse(r.stdout) as {
      schemaVersion: string;
      articles: Array<{ id: string; text?: string }>;
      stories: Array<{ summary: Array<{ text: string; evidence: Array<{ articleId: string; start: number; end: number }> }> }>;
    };
    expect(validate(b), JSON.stringify(validate.errors)).toBe(true);
    expect(b.schemaVersion).toBe('1.2.0');
    const texts = new Map(b.articles.map((a) => [a.id, a.text]));
    for (const a of b.articles) expect(typeof a.text).toBe('string');
    let checked = 0;
    for (const s of b.stories) {
      for (const x of s.summary) {
        for (const e of x.evidence) {
          const t = texts.get(e.articleId)!;
          expect(e.end).toBeLessThanOrEqual(t.length);
          const cited = t.slice(e.start, e.end);
          expect(cited.length).toBeGreaterThan(0);
          if (e.articleId === x.evidence[0]!.articleId) checked++;
        }
        // The summary sentence is (a compression of) the sentence it was taken from.
        const from = x.evidence.find((e) => texts.get(e.articleId)!.slice(e.start, e.end).includes(x.text.split(' ').slice(0, 3).join(' ')));
        expect(from, x.text).toBeDefined();
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('without the flag, no text (the default output is unchanged)', () => {
    const b = JSON.parse(crossread(['brief', EXAMPLE, '-f', 'json']).stdout) as { articles: Array<{ text?: string }> };
    for (const a of b.articles) expect(a.text).toBeUndefined();
  });
});
