/**
 * No input lost to an implementation limit, and every input that yields nothing says
 * why (issue 14, item 25).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readBytes } from '../../src/ingest/read.js';
import { ingest } from '../../src/ingest/index.js';
import { append } from '../../src/append.js';

const enc = new TextEncoder();
const dir = mkdtempSync(join(tmpdir(), 'crossread-lost-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const GOOD =
  'The ministry said on Tuesday that twelve civilians were killed in the strike near the town, according to officials who spoke to reporters at the scene. Rescue teams worked through the night.';

describe('a JSON Lines file of 150,000 small records', () => {
  it('is read, and every record that yields nothing is named', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 150_000; i++) lines.push(JSON.stringify({ id: `r${i}`, text: i % 50_000 === 0 ? GOOD : `short record ${i}` }));
    const path = join(dir, 'many.jsonl');
    writeFileSync(path, lines.join('\n'));
    const r = await ingest([path]);
    expect(r.articles.map((a) => a.id)).toEqual(['r0', 'r50000', 'r100000']);
    expect(r.skipped).toHaveLength(150_000 - 3);
    expect(r.skipped.every((d) => d.code === 'TOO_SHORT')).toBe(true);
    expect(r.skipped.some((d) => /Maximum call stack/.test(d.message))).toBe(false);
  }, 120_000);

  it('append takes any number of items', () => {
    const big = Array.from({ length: 500_000 }, (_, i) => i);
    expect(append([-1], big)).toHaveLength(500_001);
  });
});

describe('inputs that yield nothing say why', () => {
  it.each([
    ['empty.json', '[]', /top-level list is empty/],
    ['empty-articles.json', '{"articles": []}', /"articles" list is empty/],
    ['empty-items.json', '{"items": []}', /"items" list is empty/],
    ['empty-cluster.json', '{"id": "c1", "documents": []}', /cluster c1 has an empty "documents" list/],
    ['empty-cluster.jsonl', '{"id": "c1", "documents": []}\n', /cluster c1 has an empty "documents" list/],
    ['empty-object.json', '{}', /no text/],
    ['nested-empty.json', '[[]]', /not a JSON object/],
    ['only-null.json', 'null', /not a JSON object/],
  ])('%s', (name, content, reason) => {
    const r = readBytes(name, enc.encode(content));
    expect(r.articles).toHaveLength(0);
    expect(r.diagnostics.length).toBeGreaterThan(0);
    expect(r.diagnostics.map((d) => d.message).join('\n')).toMatch(reason);
  });

  it('an empty cluster among good lines is named, the good lines kept', () => {
    const text = [
      JSON.stringify({ id: 'c1', documents: [{ id: 'd1', text: GOOD }] }),
      JSON.stringify({ id: 'c2', documents: [] }),
    ].join('\n');
    const r = readBytes('mixed.jsonl', enc.encode(text));
    expect(r.articles.map((a) => a.id)).toEqual(['d1']);
    expect(r.diagnostics.map((d) => d.message)).toEqual(['mixed.jsonl:2: no articles in it (cluster c2 has an empty "documents" list)']);
  });

  it('any input with no article has a diagnostic', () => {
    for (const content of ['{"documents": [], "id": 3}', '<rss><channel></channel></rss>', '<html><body></body></html>', '[{}, []]', '\n\n{"a":1}\n']) {
      const r = readBytes('x', enc.encode(content));
      if (r.articles.length === 0) expect(r.diagnostics.length, content).toBeGreaterThan(0);
    }
  });
});
