import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crossread } from '../cli/run.js';
import { evaluate, METRICS } from '../../src/eval/run.js';
import { readDataset } from '../../src/eval/dataset.js';
import { TEXTS } from '../summarize/fixture.js';

let dir = '';
let dataset = '';

const reference = 'Floods swept through the river valley and forced thousands from their homes.\nThe regional governor declared a state of emergency.\nAt least twelve people died.';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'crossread-eval-'));
  dataset = join(dir, 'tiny.jsonl');
  const cluster = (id: string, n: number) =>
    JSON.stringify({
      id,
      documents: TEXTS.slice(0, n).map((text, i) => ({ id: `${id}-${i}`, text })),
      references: [reference, 'A state of emergency was declared after deadly floods in the valley.'],
      anchors: { Oracle: reference, Short: 'Floods.' },
    });
  writeFileSync(dataset, [cluster('c1', 5), cluster('c2', 3), '{"id": "broken", "documents": []}', 'not json'].join('\n') + '\n');
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('crossread eval --json on a constructed dataset', () => {
  it('prints every system with R, P, F and the interval of each metric, anchors included', () => {
    const r = crossread(['eval', dataset, '--json', '--system', 'crossread,lead,random', '--setting', 'multinews', '--words', '40']);
    expect(r.code).toBe(3); // two malformed lines were skipped
    const out = JSON.parse(r.stdout) as {
      dataset: string;
      clusters: number;
      setting: string;
      systems: Record<string, Record<string, unknown> & { seconds: number | null }>;
      perCluster: Array<{ id: string; scores: Record<string, Record<string, { R: number; P: number; F: number }>> }>;
    };
    expect(out.dataset).toBe(dataset);
    expect(out.clusters).toBe(2);
    expect(out.setting).toBe('multinews');
    expect(Object.keys(out.systems)).toEqual(['crossread', 'lead', 'random', 'anchor:Oracle', 'anchor:Short']);
    for (const [name, s] of Object.entries(out.systems)) {
      for (const m of METRICS) {
        const x = s[m] as { R: number; P: number; F: number; ciLow: number; ciHigh: number };
        for (const k of ['R', 'P', 'F', 'ciLow', 'ciHigh'] as const) {
          expect(x[k]).toBeGreaterThanOrEqual(0);
          expect(x[k]).toBeLessThanOrEqual(1);
        }
        expect(x.ciLow).toBeLessThanOrEqual(x.F + 1e-9);
        expect(x.ciHigh).toBeGreaterThanOrEqual(x.F - 1e-9);
      }
      if (name.startsWith('anchor:')) expect(s.seconds).toBeNull();
      else expect(typeof s.seconds).toBe('number');
    }
    // The anchor that is one of the references scores far above the one-word anchor.
    expect((out.systems['anchor:Oracle']?.['ROUGE-2'] as { R: number }).R).toBeGreaterThan(0.4);
    expect((out.systems['anchor:Short']?.['ROUGE-2'] as { R: number }).R).toBe(0);
    expect(out.perCluster.map((c) => c.id)).toEqual(['c1', 'c2']);
    expect(Object.keys(out.perCluster[0]?.scores ?? {})).toContain('crossread');
    // Reasons for the skipped lines name the file and line on stderr.
    expect(r.stderr).toContain(`${dataset}:3`);
    expect(r.stderr).toContain(`${dataset}:4`);
  });
  it('prints a table by default and rejects an unknown system with the list of known ones', () => {
    const t = crossread(['eval', dataset, '--system', 'lead', '--limit', '1', '-q', '--setting', 'duc2004']);
    expect(t.code).toBe(0);
    expect(t.stdout).toMatch(/^system\s+R-1 R/);
    expect(t.stdout).toContain('anchor:Oracle');
    const bad = crossread(['eval', dataset, '--system', 'nosuch']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown system "nosuch"');
    expect(bad.stderr).toContain('lexrank');
  });
  it('fails clearly on a missing dataset file', () => {
    const r = crossread(['eval', join(dir, 'absent.jsonl')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('absent.jsonl');
  });
});

describe('dataset reading', () => {
  it('records malformed lines with file:line and the reason, and keeps the rest', async () => {
    const ds = await readDataset(dataset);
    expect(ds.clusters.map((c) => c.id)).toEqual(['c1', 'c2']);
    expect(ds.diagnostics.map((d) => d.message)).toEqual([
      `${dataset}:3: cluster "broken" has no "documents" array`,
      expect.stringContaining(`${dataset}:4: not valid JSON`),
    ]);
  });
  it('times each system apart from the shared annotation', async () => {
    const r = await evaluate(dataset, { systems: ['lead', 'klsum'], anchors: false });
    expect(Object.keys(r.systems)).toEqual(['lead', 'klsum']);
    expect(r.annotateSeconds).toBeGreaterThan(0);
    expect(r.systems.klsum?.clustersPerSecond).toBeGreaterThan(0);
  });
});
