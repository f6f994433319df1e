import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { mergeLabels, parseLabelLine, readLabels } from '../../src/eval/briefing-labels.js';
import { evaluateBriefings, locate } from '../../src/eval/briefing.js';
import { articleFromRecord } from '../../src/ingest/index.js';
import { REPO } from '../helpers/shared.js';

const SRC = { dir: 'labels/piles/x' };

describe('label lines', () => {
  const cases: Array<[string, unknown, RegExp | null]> = [
    ['not json', '{', /not valid JSON/],
    ['not an object', '[1]', /JSON object/],
    ['no id', { source: SRC }, /"id"/],
    ['no source', { id: 'a' }, /"source"/],
    ['bad lineages', { id: 'a', source: SRC, lineages: [[1, 2]] }, /lineages/],
    ['bad headline', { id: 'a', source: SRC, headline: [] }, /headline/],
    ['good', { id: 'a', source: SRC, figures: [], disputes: [] }, null],
  ];
  it.each(cases)('%s', (_name, rec, error) => {
    const text = typeof rec === 'string' ? rec : JSON.stringify(rec);
    const { cluster, diagnostics } = parseLabelLine(text, 'l.jsonl', 3);
    if (error) {
      expect(cluster).toBeNull();
      expect(diagnostics[0]?.message).toMatch(/^l\.jsonl:3: /);
      expect(diagnostics[0]?.message).toMatch(error);
    } else {
      expect(cluster).not.toBeNull();
      expect(diagnostics).toEqual([]);
    }
  });

  it('skips a malformed item with a warning and keeps the rest', () => {
    const figure = (kind: string, n: number) => ({ what: 'x', kind, positions: Array.from({ length: n }, (_, i) => ({ article: 'a', start: i * 10, end: i * 10 + 5, value: i })) });
    const { cluster, diagnostics } = parseLabelLine(JSON.stringify({ id: 'a', source: SRC, figures: [figure('conflict', 2), figure('clash', 2), figure('update', 1)] }), 'l.jsonl', 1);
    expect(cluster?.figures?.length).toBe(1);
    expect(diagnostics.map((d) => d.message)).toEqual([
      expect.stringMatching(/figure 2: figure kind "clash"/),
      expect.stringMatching(/figure 3: a figure needs at least two positions/),
    ]);
  });

  it('merges lines with the same id, each section from the line that has it', () => {
    const a = parseLabelLine(JSON.stringify({ id: 'c', source: SRC, figures: [] }), 'a.jsonl', 1).cluster!;
    const b = parseLabelLine(JSON.stringify({ id: 'c', source: SRC, lineages: [['x', 'y']] }), 'b.jsonl', 4).cluster!;
    const [m, ...rest] = mergeLabels([a, b]);
    expect(rest).toEqual([]);
    expect(m?.figures).toEqual([]);
    expect(m?.lineages).toEqual([['x', 'y']]);
    expect(m?.disputes).toBeUndefined();
    expect(m?.origin).toEqual(['a.jsonl:1', 'b.jsonl:4']);
  });
});

describe('locating a raw span in the cleaned text', () => {
  it('finds a span across changed whitespace and misses one cleaning removed', () => {
    const raw = 'Floods hit the valley.\n\n  Twelve   people died on Monday, officials said.\n\nShare this on Facebook';
    const { article } = articleFromRecord({ id: 'f1', text: raw + '\nThe river rose three metres overnight and kept rising through the day.' }, 'f1');
    expect(article).not.toBeNull();
    const s = raw.indexOf('Twelve');
    const l = locate(article!, { article: 'f1', start: s, end: s + 'Twelve   people died'.length });
    expect(l).not.toBeNull();
    expect(article!.text.slice(l!.start, l!.end).replace(/\s+/g, ' ')).toBe('Twelve people died');
    const share = raw.indexOf('Share this');
    expect(locate(article!, { article: 'f1', start: share, end: share + 22 })).toBeNull();
  });
});

describe('eval-briefing on the bundled example', () => {
  it('scores the labelled example: disputes found, citations checked', async () => {
    const { clusters, diagnostics } = await readLabels([join(REPO, 'labels/briefing/disagreements.jsonl')]);
    expect(diagnostics).toEqual([]);
    const syria = clusters.filter((c) => c.id === 'syria-2017');
    const r = await evaluateBriefings(['x'], syria, { repoDir: REPO });
    expect(r.diagnostics.filter((d) => d.code === 'LABEL_SPAN_NOT_FOUND')).toEqual([]);
    expect(r.disputes.found).toBe(r.disputes.gold);
    expect(r.disputes.precision).toBe(1);
    expect(r.citations.unsupportedSentences).toBe(0);
    expect(r.citations.unstatedSentences).toBe(0);
    expect(r.citations.sentences).toBeGreaterThan(0);
  }, 30_000);
});

describe('the citation check reads what a cited sentence states beyond names and figures', () => {
  it('flags a citation sharing only names, not a rewording of the same words', async () => {
    const { plainShare } = await import('../../src/eval/briefing-citations.js');
    const summary = 'Obermann was investigating the deaths of Lena Ruiz, Omar Tal and Piet Hoorn of Vienna.';
    expect(plainShare(summary, 'The victims Lena Ruiz, Omar Tal and Piet Hoorn of Vienna were engineers.')).toBeLessThan(0.25);
    expect(plainShare(summary, 'Police said Obermann investigates the death of Lena Ruiz, Omar Tal and Piet Hoorn.')).toBe(1);
  });
});

describe('crossread eval-briefing (the built CLI)', () => {
  it('prints every section and the citation check; --json gives the numbers; a bad line is named', async () => {
    const { mkdtempSync, rmSync, writeFileSync, readFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { crossread } = await import('../cli/run.js');
    const dir = mkdtempSync(join(tmpdir(), 'crossread-evb-'));
    try {
      const labels = join(dir, 'l.jsonl');
      const syria = readFileSync(join(REPO, 'labels/briefing/disagreements.jsonl'), 'utf8').split('\n')[0];
      writeFileSync(labels, `${syria}\n{"id": "broken"}\n`);
      const text = crossread(['eval-briefing', labels, '-q']);
      expect(text.code).toBe(0);
      for (const section of ['figures', 'disputes', 'lineages', 'headline', 'citations']) expect(text.stdout).toMatch(new RegExp(`^${section}\\s`, 'm'));
      expect(text.stderr).toMatch(/l\.jsonl:2: .*"source"/);
      const json = JSON.parse(crossread(['eval-briefing', labels, '--json', '-q']).stdout) as { clusters: number; disputes: { precision: number; recall: number }; citations: { unsupportedSentences: number } };
      expect(json.clusters).toBe(1);
      expect(json.disputes.recall).toBe(1);
      expect(json.citations.unsupportedSentences).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('label offsets count in the dataset text', () => {
  it('reads a headline span past zero-width characters, which ingest drops from the article', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crossread-labels-'));
    try {
      // Zero-width spaces, as some Multi-News documents hold: the label's offsets count them.
      const text =
        '\u200bFloods \u200bcut \u200bthe \u200bHarlow \u200bvalley off from the coast on Monday\u200b. \n\nRescuers reached the last villages of the valley by boat on Tuesday, officials said. The river rose three metres overnight.';
      const line = { id: 'zw-1', documents: [{ id: 'zw-1-0', text }], references: ['Floods cut the valley off.'] };
      writeFileSync(join(dir, 'zw.jsonl'), JSON.stringify(line) + '\n');
      const end = text.indexOf('\u200b.') + 2;
      const { cluster } = parseLabelLine(JSON.stringify({ id: 'zw-1', source: { file: 'zw.jsonl' }, headline: { ok: [{ article: 'zw-1-0', start: 0, end }] } }), 'l.jsonl', 1);
      const r = await evaluateBriefings(['l.jsonl'], [cluster!], { dataDir: dir, repoDir: REPO });
      expect(r.perCluster[0]?.headline?.ok).toEqual(['floods cut the harlow valley off from the coast on monday.']);
      expect(r.perCluster[0]?.headline?.right).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it('names the dataset line of a cluster in its warnings', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crossread-labels-'));
    try {
      const text = 'Rescuers reached the last villages of the valley by boat on Tuesday, officials said. The river rose three metres overnight.';
      const other = { id: 'other', documents: [{ id: 'o-0', text }], references: ['x'] };
      const line = { id: 'short-1', documents: [{ id: 's-0', text }, { id: 's-1', text: 'Too short.' }], references: ['Floods.'] };
      writeFileSync(join(dir, 'd.jsonl'), `${JSON.stringify(other)}\n${JSON.stringify(line)}\n`);
      const { cluster } = parseLabelLine(JSON.stringify({ id: 'short-1', source: { file: 'd.jsonl' }, figures: [] }), 'l.jsonl', 1);
      const r = await evaluateBriefings(['l.jsonl'], [cluster!], { dataDir: dir, repoDir: REPO });
      expect(r.diagnostics.map((d) => d.source)).toContain(`${join(dir, 'd.jsonl')}:2 document 2`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
