/**
 * Scoring the date resolver against gold TIMEX3 annotations (TempEval-3 style).
 *
 * Input: JSON Lines, one document a line: `{"id","dct","text","timexes":[{"start","end",
 * "text","type","value"}]}`. The resolver (`findDates`, the one the timeline uses) runs
 * over each text with `dct` as the article's date. Only DATE and TIME expressions are
 * scored, on both sides.
 *   - extent: a found expression matches a gold one when their characters overlap
 *     (one-to-one, in text order); precision = matched / found, recall = matched / gold;
 *   - value: a matched pair is right when the normalised values are equal;
 *     valueAccuracy = right / matched; valueF1 from right / found and right / gold.
 * Normalisation: upper case; unspecified trailing parts are dropped ("1968-XX" = "1968",
 * "1998-XX-XX" = "1998", decade "198X" = "198", week "2000-W7" = "2000-W07"); otherwise granularity must agree
 * exactly: a day is not a month, a week (1998-W32) is not its month, and a time of day
 * (1998-08-07TNI, 1998-08-07T10:35) is not its date.
 * Expressions the resolver recognises but leaves unresolved (value null: vague words
 * such as "recently", weekdays in undated articles) are not counted as found; they are
 * reported as `unresolved`.
 */
import { readFile } from 'node:fs/promises';
import { findDates, type DateMention } from '../analysis/dates.js';
import { CrossreadError, diagnostic } from '../errors.js';
import type { Diagnostic } from '../types.js';

export interface GoldTimex {
  start: number;
  end: number;
  text: string;
  type: string;
  value: string;
}

export interface TimexDoc {
  id: string;
  dct: string | null;
  text: string;
  timexes: GoldTimex[];
}

export interface TimexScores {
  gold: number;
  found: number;
  matched: number;
  precision: number;
  recall: number;
  f1: number;
  valueRight: number;
  valueAccuracy: number;
  valuePrecision: number;
  valueRecall: number;
  valueF1: number;
  unresolved: number;
}

export interface TimexError {
  id: string;
  kind: 'missed' | 'spurious' | 'value';
  text: string;
  gold: string | null;
  found: string | null;
}

export interface TimexReport {
  file: string;
  documents: number;
  dates: TimexScores;
  seconds: number;
  errors: TimexError[];
  diagnostics: Diagnostic[];
}

const SCORED = new Set(['DATE', 'TIME']);

/** Reads a TIMEX JSONL file; malformed lines become diagnostics and are skipped. */
export async function readTimexFile(path: string): Promise<{ docs: TimexDoc[]; diagnostics: Diagnostic[] }> {
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw code === 'ENOENT' ? CrossreadError.of('INPUT_NOT_FOUND', path) : CrossreadError.of('INPUT_UNREADABLE', path, (e as Error).message);
  }
  const docs: TimexDoc[] = [];
  const diagnostics: Diagnostic[] = [];
  const lines = raw.split('\n');
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    const bad = (reason: string) => diagnostics.push(diagnostic('error', path, 'DATASET_MALFORMED', path, i + 1, reason));
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch (e) {
      bad(`not JSON (${(e as Error).message}); skipped`);
      return;
    }
    if (typeof v !== 'object' || v === null) return void bad('not a JSON object; skipped');
    const o = v as Record<string, unknown>;
    if (typeof o.text !== 'string') return void bad('no "text" string; skipped');
    const dct = typeof o.dct === 'string' && /^\d{4}-\d\d-\d\d/.test(o.dct) ? o.dct.slice(0, 10) : null;
    if (o.dct !== undefined && o.dct !== null && dct === null) bad(`"dct" ${JSON.stringify(o.dct)} is not an ISO date; the document is scored as undated`);
    const timexes: GoldTimex[] = [];
    for (const t of Array.isArray(o.timexes) ? (o.timexes as unknown[]) : []) {
      const x = t as Record<string, unknown>;
      if (typeof x !== 'object' || x === null || typeof x.start !== 'number' || typeof x.end !== 'number' || typeof x.type !== 'string' || typeof x.value !== 'string') {
        bad(`a timex without numeric "start"/"end" and string "type"/"value"; that timex skipped`);
        continue;
      }
      timexes.push({ start: x.start, end: x.end, text: typeof x.text === 'string' ? x.text : o.text.slice(x.start, x.end), type: x.type, value: x.value });
    }
    if (!Array.isArray(o.timexes)) bad('no "timexes" array; scored with no gold expressions');
    docs.push({ id: typeof o.id === 'string' ? o.id : `line ${i + 1}`, dct, text: o.text, timexes });
  });
  return { docs, diagnostics };
}

/** The comparable form of a TIMEX3 value (see the module comment). */
export function normaliseValue(v: string): string {
  let s = v.trim().toUpperCase();
  for (;;) {
    const t = s.replace(/-XX$/, '');
    if (t === s) break;
    s = t;
  }
  // Week numbers with or without a leading zero: 2000-W7 = 2000-W07.
  s = s.replace(/-W(\d)(?!\d)/, '-W0$1');
  // A decade or century written with placeholder digits: 198X → 198, 19XX → 19.
  if (/^\d{2,3}X+$/.test(s)) s = s.replace(/X+$/, '');
  return s;
}

function ratio(a: number, b: number): number {
  return b ? a / b : 0;
}

function f1(p: number, r: number): number {
  return p + r ? (2 * p * r) / (p + r) : 0;
}

/** Pairs found and gold expressions one-to-one by character overlap, in text order. */
export function matchExtents(found: Array<{ start: number; end: number }>, gold: Array<{ start: number; end: number }>): Array<[number, number]> {
  const pairs: Array<[number, number]> = [];
  const used = new Set<number>();
  found.forEach((f, i) => {
    let best = -1;
    let bestOverlap = 0;
    gold.forEach((g, j) => {
      if (used.has(j)) return;
      const o = Math.min(f.end, g.end) - Math.max(f.start, g.start);
      if (o > bestOverlap) {
        best = j;
        bestOverlap = o;
      }
    });
    if (best >= 0) {
      used.add(best);
      pairs.push([i, best]);
    }
  });
  return pairs;
}

/** Scores the resolver on documents; `onProgress` is called after each document. */
export function evaluateTimex(file: string, docs: TimexDoc[], onProgress?: (done: number, total: number) => void): TimexReport {
  const t0 = performance.now();
  let gold = 0;
  let found = 0;
  let matched = 0;
  let right = 0;
  let unresolved = 0;
  const errors: TimexError[] = [];
  docs.forEach((d, k) => {
    const g = d.timexes.filter((t) => SCORED.has(t.type));
    const all: DateMention[] = findDates(d.text, d.dct);
    const f = all.filter((m) => m.value !== null);
    unresolved += all.length - f.length;
    gold += g.length;
    found += f.length;
    const pairs = matchExtents(f, g);
    matched += pairs.length;
    const mf = new Set(pairs.map(([i]) => i));
    const mg = new Set(pairs.map(([, j]) => j));
    for (const [i, j] of pairs) {
      const a = f[i]!;
      const b = g[j]!;
      if (normaliseValue(a.value as string) === normaliseValue(b.value)) right++;
      else errors.push({ id: d.id, kind: 'value', text: b.text, gold: b.value, found: a.value });
    }
    f.forEach((a, i) => mf.has(i) || errors.push({ id: d.id, kind: 'spurious', text: a.text, gold: null, found: a.value }));
    g.forEach((b, j) => mg.has(j) || errors.push({ id: d.id, kind: 'missed', text: b.text, gold: b.value, found: null }));
    onProgress?.(k + 1, docs.length);
  });
  const precision = ratio(matched, found);
  const recall = ratio(matched, gold);
  const valuePrecision = ratio(right, found);
  const valueRecall = ratio(right, gold);
  return {
    file,
    documents: docs.length,
    dates: {
      gold, found, matched, precision, recall, f1: f1(precision, recall),
      valueRight: right, valueAccuracy: ratio(right, matched), valuePrecision, valueRecall, valueF1: f1(valuePrecision, valueRecall),
      unresolved,
    },
    seconds: (performance.now() - t0) / 1000,
    errors,
    diagnostics: [],
  };
}
