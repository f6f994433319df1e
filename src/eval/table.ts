/**
 * The evaluation table printed by `crossread eval`: one row per system (crossread,
 * the baselines, then the dataset's anchors), ROUGE-1, -2, -L, -SU4 as R, P, F with
 * the 95% bootstrap interval of the headline figure, then time and throughput.
 */
import type { EvalReport, Metric, SystemResult } from './run.js';
import { METRICS } from './run.js';

const SHORT: Record<Metric, string> = { 'ROUGE-1': 'R-1', 'ROUGE-2': 'R-2', 'ROUGE-L': 'R-L', 'ROUGE-SU4': 'R-SU4' };

function f4(x: number): string {
  return x.toFixed(4);
}

/** Rows sorted: systems first (in the order run), then anchors by headline ROUGE-2. */
function orderedSystems(r: EvalReport): Array<[string, SystemResult]> {
  const h = r.setting === 'duc2004' ? 'R' : 'F';
  const entries = Object.entries(r.systems);
  const sys = entries.filter(([, s]) => s.kind === 'system');
  const anchors = entries.filter(([, s]) => s.kind === 'anchor').sort((a, b) => b[1].metrics['ROUGE-2'][h] - a[1].metrics['ROUGE-2'][h]);
  return [...sys, ...anchors];
}

/** Columns the default table fits in. */
export const TABLE_WIDTH = 120;

/** An interval bound without its leading zero: 0.3522 → ".352". */
function f3(x: number): string {
  return x.toFixed(3).replace(/^0(?=\.)/, '');
}

export interface EvalTableOptions {
  /** Every metric as R, P, F and the interval (wide); else the headline figure with its interval. */
  wide?: boolean;
}

/**
 * The table: by default, each metric's headline figure (R for duc2004, F for
 * multinews) with its 95% interval, which fits 120 columns; `wide` adds R, P and F of
 * every metric.
 */
export function formatEvalTable(r: EvalReport, opts: EvalTableOptions = {}): string {
  const h = r.setting === 'duc2004' ? 'R' : 'F';
  const header = ['system'];
  for (const m of METRICS) {
    if (opts.wide) header.push(`${SHORT[m]} R`, `${SHORT[m]} P`, `${SHORT[m]} F`, `${SHORT[m]} ${h} 95% CI`);
    else header.push(`${SHORT[m]} ${h} (95% CI)`);
  }
  header.push('seconds', 'clusters/s');
  const rows: string[][] = [header];
  for (const [name, s] of orderedSystems(r)) {
    const row = [name];
    for (const m of METRICS) {
      const x = s.metrics[m];
      if (opts.wide) row.push(f4(x.R), f4(x.P), f4(x.F), `${f4(x.ciLow)}–${f4(x.ciHigh)}`);
      else row.push(`${f4(x[h])} ${f3(x.ciLow)}–${f3(x.ciHigh)}`);
    }
    row.push(s.seconds === null ? '–' : s.seconds.toFixed(2), s.clustersPerSecond === null ? '–' : s.clustersPerSecond.toFixed(1));
    rows.push(row);
  }
  const widths = header.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length)));
  if (!opts.wide) {
    // Long system names are shortened (with "…") so that the table fits 120 columns.
    const rest = widths.slice(1).reduce((n, w) => n + w + 2, 0);
    const room = Math.max(12, TABLE_WIDTH - rest);
    if ((widths[0] ?? 0) > room) {
      widths[0] = room;
      for (const row of rows) if ((row[0] ?? '').length > room) row[0] = `${(row[0] ?? '').slice(0, room - 1)}…`;
    }
  }
  const lines = rows.map((row) => row.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  '));
  lines.splice(1, 0, widths.map((w) => '─'.repeat(w)).join('  '));
  const setting =
    r.setting === 'duc2004'
      ? `duc2004: ${r.words}-word summaries, ROUGE-1.5.5 -n 2 -2 4 -u -m -l ${r.words} -f A; recall is the headline figure`
      : `multinews: ${r.words}-word summaries, ROUGE-1.5.5 -n 2 -2 4 -u -m -f A; F is the headline figure`;
  const foot = [
    `${r.dataset}: ${r.clusters} cluster${r.clusters === 1 ? '' : 's'}.`,
    `${setting}.`,
    `Shared reading and annotation: ${r.annotateSeconds.toFixed(2)} s; whole run: ${r.seconds.toFixed(2)} s.`,
    "Seconds and clusters/s count each system's own summarisation." + (opts.wide ? '' : ' --wide shows R, P and F of every metric.'),
  ];
  return `${lines.join('\n')}\n\n${foot.join('\n')}\n`;
}

/** The machine-readable form (`--json`). */
export function evalJson(r: EvalReport): string {
  const systems: Record<string, unknown> = {};
  for (const [name, s] of orderedSystems(r)) {
    const m: Record<string, unknown> = {};
    for (const k of METRICS) m[k] = s.metrics[k];
    systems[name] = { ...m, kind: s.kind, seconds: s.seconds, clustersPerSecond: s.clustersPerSecond, clusters: s.clusters };
  }
  return `${JSON.stringify(
    {
      dataset: r.dataset,
      clusters: r.clusters,
      setting: r.setting,
      words: r.words,
      systems,
      perCluster: r.perCluster,
      annotateSeconds: r.annotateSeconds,
      seconds: r.seconds,
      diagnostics: r.diagnostics,
    },
    null,
    2,
  )}\n`;
}
