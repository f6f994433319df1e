/**
 * eval-entities: the scorer on tables of constructed cases, the label parser on bad
 * lines, the offset map as a property, the whole command on a small dataset written
 * by the test (real files, real analysis), and the goals on the hand-labelled dev set
 * (skipped when ../shared is absent).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { scoreEntities, type GoldMention, type SystemMention } from '../../src/eval/entity-metrics.js';
import { parseLabelLine } from '../../src/eval/entities-labels.js';
import { OffsetMap } from '../../src/eval/entities-align.js';
import { evaluateEntities } from '../../src/eval/entities.js';
import { REPO, sharedFile } from '../helpers/shared.js';

const g = (start: number, end: number, type: GoldMention['type'], entity: string | null, doc = 'd'): GoldMention => ({ doc, start, end, type, entity });
const s = (start: number, end: number, entity: string, type: string, text: string, doc = 'd'): SystemMention => ({ doc, start, end, entity, type, text });

describe('scoreEntities', () => {
  it('matches exact spans, then the largest overlap; unmatched and none-labelled mentions are noise', () => {
    const r = scoreEntities(
      [g(0, 7, 'person', 'hun'), g(20, 40, 'organization', 'cpp'), g(50, 55, 'none', null)],
      [s(0, 7, 'e1', 'person', 'Hun Sen'), s(20, 30, 'e2', 'other', 'Cambodian'), s(50, 55, 'e3', 'other', 'CLOSE'), s(60, 64, 'e4', 'other', 'Skip')],
    );
    expect(r.exactSpan).toBe(2);
    expect(r.noiseEntities).toBe(2);
    expect(r.systemEntities).toBe(4);
    expect(r.noiseShare).toBe(0.5);
    expect(r.typed).toBe(2);
    expect(r.typeCorrect).toBe(1);
    expect(r.errors.types).toEqual([{ name: 'Cambodian', system: 'other', gold: 'organization' }]);
    expect(r.errors.noise.sort()).toEqual(['CLOSE', 'Skip']);
  });
  it('counts merge precision over mention pairs and over distinct surface forms', () => {
    // e1 joins Laura Bush with George Bush (wrong) and George Bush twice (right).
    const gold = [g(0, 11, 'person', 'george'), g(20, 31, 'person', 'george'), g(40, 50, 'person', 'laura'), g(60, 64, 'person', 'george')];
    const sys = [s(0, 11, 'e1', 'person', 'George Bush'), s(20, 31, 'e1', 'person', 'George Bush'), s(40, 50, 'e1', 'person', 'Laura Bush'), s(60, 64, 'e2', 'person', 'Bush')];
    const r = scoreEntities(gold, sys);
    expect(r.mergePairs).toBe(3);
    expect(r.mergePairsCorrect).toBe(1);
    expect(r.aliasPairs).toBe(1);
    expect(r.aliasPairsCorrect).toBe(0);
    expect(r.errors.merges).toEqual([{ a: 'george bush', b: 'laura bush' }]);
    // Gold pairs of george: 3 pairs among 3 found mentions, 1 joined (the two "George Bush").
    expect(r.goldPairs).toBe(3);
    expect(r.goldPairsJoined).toBe(1);
    expect(r.detected).toBe(2);
    expect(r.detectionRecall).toBe(1);
  });
  it('ignores system mentions in documents without labels, and scores an empty run as perfect precision', () => {
    const r = scoreEntities([g(0, 3, 'place', 'x')], [s(0, 3, 'e', 'place', 'Foo', 'other-doc')]);
    expect(r.systemMentions).toBe(0);
    expect(r.mergePrecision).toBe(1);
    expect(r.detectionRecall).toBe(0);
  });
});

describe('parseLabelLine', () => {
  const ok = '{"dataset":"x.jsonl","cluster":"c","doc":"d","start":1,"end":4,"type":"place","entity":"p"}';
  it.each([
    ['not json', 'not valid JSON'],
    ['[1]', 'a JSON object'],
    ['{"dataset":"x","cluster":"c","doc":"d","start":4,"end":4,"type":"place","entity":"p"}', '0 ≤ start < end'],
    ['{"dataset":"x","cluster":"c","doc":"d","start":0,"end":4,"type":"city","entity":"p"}', '"type" must be one of'],
    ['{"dataset":"x","cluster":"c","doc":"d","start":0,"end":4,"type":"person"}', '"entity"'],
    ['{"cluster":"c","doc":"d","start":0,"end":4,"type":"none"}', '"dataset"'],
  ])('refuses %s', (line, reason) => {
    const r = parseLabelLine(line, 'labels.jsonl', 3);
    expect(r.label).toBeNull();
    expect(r.diagnostic?.message).toContain('labels.jsonl:3');
    expect(r.diagnostic?.message).toContain(reason);
  });
  it('reads a good line; a none label needs no entity', () => {
    expect(parseLabelLine(ok, 'l', 1).label).toMatchObject({ start: 1, end: 4, type: 'place', entity: 'p', line: 1 });
    expect(parseLabelLine(ok.replace('"place"', '"none"'), 'l', 1).label?.entity).toBeNull();
  });
});

describe('OffsetMap', () => {
  it('maps every kept word to the same word in the raw text, in order (property)', () => {
    const word = fc.stringMatching(/^[A-Za-z]{1,8}$/);
    const para = fc.array(word, { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(fc.array(fc.tuple(para, fc.boolean(), fc.boolean()), { minLength: 1, maxLength: 8 }), (paras) => {
        // Raw: paragraphs with doubled spaces; cleaned: some paragraphs dropped, spaces single or kept.
        const raw = paras.map(([ws]) => ws.join('  ')).join(' \n\n ');
        const kept = paras.filter((p, i) => p[1] || i === 0);
        const cleaned = kept.map(([ws, , single]) => ws.join(single ? ' ' : '  ')).join('\n');
        const map = new OffsetMap(cleaned, raw);
        let last = -1;
        for (const m of cleaned.matchAll(/[A-Za-z]+/g)) {
          const span = map.span(m.index, m.index + m[0].length);
          expect(span).not.toBeNull();
          expect(raw.slice(span![0], span![1])).toBe(m[0]);
          expect(span![0]).toBeGreaterThan(last);
          last = span![0];
        }
      }),
      { numRuns: 200 },
    );
  });
  it('returns null for text that is not in the raw document', () => {
    expect(new OffsetMap('Hello world', 'Something else entirely').span(0, 5)).toBeNull();
  });
});

describe('evaluateEntities on a small dataset written here', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crossread-ent-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const d1 =
    'Prime Minister Anna Lindqvist said on Monday that the Harbor Party would back the plan. Lindqvist spoke in Stockholm. CLOSE Skip in Skip x Embed x Share The daily Aftonposten reported the vote.';
  const d2 = 'Anna Lindqvist met Ola Berg in Stockholm on Tuesday to talk about the plan for the new port. Berg, a lawyer, said the Harbor Party was divided over the cost of the work.';
  writeFileSync(join(dir, 'data.jsonl'), `${JSON.stringify({ id: 'c1', documents: [{ id: 'a', text: d1 }, { id: 'b', text: d2 }], references: ['x'] })}\n`);
  const label = (doc: string, text: string, surface: string, type: string, entity: string, nth = 0) => {
    let at = -1;
    for (let k = 0; k <= nth; k++) at = text.indexOf(surface, at + 1);
    return JSON.stringify({ dataset: 'data.jsonl', cluster: 'c1', doc, start: at, end: at + surface.length, type, entity });
  };
  const labels = [
    label('a', d1, 'Anna Lindqvist', 'person', 'lindqvist'),
    label('a', d1, 'Harbor Party', 'organization', 'harbor'),
    label('a', d1, 'Lindqvist', 'person', 'lindqvist', 1),
    label('a', d1, 'Stockholm', 'place', 'stockholm'),
    label('a', d1, 'Aftonposten', 'organization', 'aftonposten'),
    label('b', d2, 'Anna Lindqvist', 'person', 'lindqvist'),
    label('b', d2, 'Ola Berg', 'person', 'berg'),
    label('b', d2, 'Stockholm', 'place', 'stockholm'),
    label('b', d2, 'Berg', 'person', 'berg', 1),
    label('b', d2, 'Harbor Party', 'organization', 'harbor'),
  ];
  writeFileSync(join(dir, 'labels.jsonl'), `${labels.join('\n')}\n{"broken": true}\n`);
  it('scores the analysis of the whole cluster against the labels and reports bad label lines', async () => {
    const r = await evaluateEntities(join(dir, 'labels.jsonl'), { dataDir: dir });
    expect(r.documents).toBe(2);
    expect(r.diagnostics.map((d) => d.message).join('\n')).toContain('labels.jsonl:11');
    expect(r.scores.goldEntities).toBe(5);
    expect(r.scores.detected).toBe(5);
    expect(r.scores.noiseEntities).toBe(0);
    expect(r.scores.mergePrecision).toBe(1);
    expect(r.scores.mergeRecall).toBe(1);
    expect(r.scores.typeAccuracy).toBe(1);
    expect(r.unaligned).toBe(0);
  });
  it('prints the scores and the mistakes through the built CLI, exit code 3 for a bad label line', () => {
    let out = '';
    let status = 0;
    try {
      out = execFileSync('node', [join(REPO, 'bin', 'crossread.js'), 'eval-entities', join(dir, 'labels.jsonl'), '--data', dir, '--errors', '-q'], { encoding: 'utf8' });
    } catch (e) {
      const err = e as { status: number; stdout: string };
      status = err.status;
      out = err.stdout;
    }
    expect(status).toBe(3);
    expect(out).toMatch(/type accuracy\s+1\.000/);
    expect(out).toMatch(/noise share\s+0\.000/);
    expect(out).toContain('missed merges:');
  });
  it('names a cluster that the dataset does not have', async () => {
    writeFileSync(join(dir, 'missing.jsonl'), `${label('a', d1, 'Stockholm', 'place', 's').replace('"c1"', '"c9"')}\n`);
    const r = await evaluateEntities(join(dir, 'missing.jsonl'), { dataDir: dir });
    expect(r.documents).toBe(0);
    expect(r.diagnostics[0]?.message).toContain('no cluster with id "c9"');
  });
});

const dev = sharedFile('data/dev/duc2004-dev.jsonl');
describe.skipIf(!dev)('the goals on the hand-labelled dev set (labels/entities-dev.jsonl)', () => {
  it('type accuracy ≥ 0.90, merge precision ≥ 0.95, noise ≤ 3%, through the built CLI', () => {
    const out = execFileSync('node', [join(REPO, 'bin', 'crossread.js'), 'eval-entities', join(REPO, 'labels', 'entities-dev.jsonl'), '--json', '--data', join(dev as string, '..')], { encoding: 'utf8' });
    const r = JSON.parse(out) as { documents: number; scores: { goldEntities: number; typeAccuracy: number; mergePrecision: number; noiseShare: number } };
    expect(r.documents).toBe(27);
    expect(r.scores.goldEntities).toBeGreaterThanOrEqual(300);
    expect(r.scores.typeAccuracy).toBeGreaterThanOrEqual(0.9);
    expect(r.scores.mergePrecision).toBeGreaterThanOrEqual(0.95);
    expect(r.scores.noiseShare).toBeLessThanOrEqual(0.03);
  }, 60_000);
});
