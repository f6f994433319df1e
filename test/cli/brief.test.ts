import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import Ajv2020 from 'ajv/dist/2020.js';
import { crossread } from './run.js';
import { EXAMPLE, REPO } from '../helpers/shared.js';

const schema = JSON.parse(readFileSync(join(REPO, 'docs/briefing.schema.json'), 'utf8')) as object;
const validate = new Ajv2020.default({ allErrors: true, strict: false }).compile(schema);

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'crossread-cli-'));
}

describe('crossread brief (CLI)', () => {
  it('briefs the bundled example in the terminal format', () => {
    const r = crossread(['brief', EXAMPLE]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('What happened');
    expect(r.stdout).toContain('Sources');
    expect(r.stdout).not.toMatch(/\x1b\[/); // no colour when stdout is not a terminal
  });

  it('prints JSON that validates against docs/briefing.schema.json', () => {
    const r = crossread(['brief', EXAMPLE, '--format', 'json']);
    expect(r.code).toBe(0);
    const b = JSON.parse(r.stdout) as { articles: Array<{ id: string }>; stories: unknown[]; schemaVersion: string };
    expect(validate(b), JSON.stringify(validate.errors)).toBe(true);
    expect(b.articles.map((a) => a.id)).toEqual([
      '000_47ea86874e02de87',
      '001_fdee696dc7c08430',
      '002_5e5bea258574097d',
      '003_c9036755b914990e',
      '004_1431156e20cd0360',
    ]);
    expect(b.stories.length).toBeGreaterThan(0);
  });

  it('respects --words and --sentences', () => {
    const w = JSON.parse(crossread(['brief', EXAMPLE, '-f', 'json', '--words', '60']).stdout) as {
      stories: Array<{ summary: Array<{ text: string }> }>;
    };
    const words = w.stories[0]!.summary.reduce((n, s) => n + s.text.split(/\s+/).length, 0);
    expect(words).toBeLessThanOrEqual(60);
    expect(words).toBeGreaterThan(0);
    const s = JSON.parse(crossread(['brief', EXAMPLE, '-f', 'json', '--sentences', '2']).stdout) as {
      stories: Array<{ summary: unknown[] }>;
      options: { sentences: number };
    };
    expect(s.stories[0]!.summary).toHaveLength(2);
    expect(s.options.sentences).toBe(2);
  });

  it('writes Markdown and HTML to --out', () => {
    const dir = tmp();
    expect(crossread(['brief', EXAMPLE, '-f', 'markdown', '--out', join(dir, 'b.md')]).code).toBe(0);
    expect(readFileSync(join(dir, 'b.md'), 'utf8')).toMatch(/^# crossread briefing/);
    expect(crossread(['brief', EXAMPLE, '-f', 'html', '-o', join(dir, 'b.html')]).code).toBe(0);
    const html = readFileSync(join(dir, 'b.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    // self-contained: no external resources
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=["']?https?:/i);
  });

  it('reads an article from stdin with -', () => {
    const text = readFileSync(join(EXAMPLE, '001_fdee696dc7c08430.txt'), 'utf8');
    const r = crossread(['brief', '-', '-f', 'json'], { input: text });
    expect(r.code).toBe(0);
    const b = JSON.parse(r.stdout) as { articles: Array<{ id: string; path: string }> };
    expect(b.articles).toHaveLength(1);
    expect(b.articles[0]!.path).toBe('-');
  });
});

describe('exit codes', () => {
  it('2 for usage errors, with the help text', () => {
    const none = crossread(['brief']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no inputs/);
    const bad = crossread(['brief', EXAMPLE, '--words', 'many']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/many/);
    const unknown = crossread(['brief', EXAMPLE, '--frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--help/);
    expect(crossread(['no-such-command']).code).toBe(2);
    expect(crossread([]).code).toBe(2);
  });

  it('1 when nothing could be processed, with one line per input', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'empty.txt'), '');
    const r = crossread(['brief', join(dir, 'empty.txt'), join(dir, 'missing.txt')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('empty.txt');
    expect(r.stderr).toContain('missing.txt');
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('3 when some inputs were skipped, and the rest is still briefed', () => {
    const dir = tmp();
    mkdirSync(join(dir, 'in'));
    writeFileSync(join(dir, 'in', 'empty.txt'), '');
    writeFileSync(join(dir, 'in', 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3, 0, 0, 0, 255]));
    writeFileSync(join(dir, 'in', 'bad.json'), '{"title": "x", "text": ');
    writeFileSync(join(dir, 'in', 'good.txt'), readFileSync(join(EXAMPLE, '001_fdee696dc7c08430.txt')));
    const r = crossread(['brief', join(dir, 'in'), '-f', 'json']);
    expect(r.code).toBe(3);
    const b = JSON.parse(r.stdout) as { articles: Array<{ id: string }>; skipped: Array<{ source: string; message: string }> };
    expect(b.articles.map((a) => a.id)).toEqual(['good']);
    expect(b.skipped.map((s) => s.message).join('\n')).toMatch(/empty\.txt/);
    expect(b.skipped.map((s) => s.message).join('\n')).toMatch(/binary\.txt/);
    expect(b.skipped.map((s) => s.message).join('\n')).toMatch(/bad\.json/);
    for (const line of r.stderr.trim().split('\n')) expect(line).toMatch(/^(warning|error|info): /);
  });
});
