/**
 * The timeline chart: an SVG drawn on the server (no script, no chart library: the
 * chart is a handful of shapes on a date axis, and drawing it here keeps the page
 * working without JavaScript and under a strict Content-Security-Policy).
 *
 * One row per dated event, oldest first: a dot at the event's date (a bar for a month
 * or a year), a diamond at the date it was first reported, and a dashed line between
 * them, so how long after the fact each event was reported (and which ones are
 * background) reads at a glance. The axis covers the story's own period (see
 * `periodStart`): older events fold into one marker row linking to the full list, and
 * each row shows its event's text on hover and keyboard focus. A second, narrow drawing
 * serves phones (CSS shows one of the two).
 */
import type { TimelineEntry } from '../../briefing.js';
import { clip, formatDate, h } from './util.js';

const DAY = 86_400_000;
export const MAX_ROWS = 40;

/** The interval an ISO date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`) stands for, in days since 1970, or null. */
export function dateInterval(d: string | null | undefined): { start: number; end: number; precision: 'day' | 'month' | 'year' } | null {
  if (!d) return null;
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(d.trim());
  if (!m) return null;
  const y = Number(m[1]);
  if (m[3]) {
    const t = Date.UTC(y, Number(m[2]) - 1, Number(m[3])) / DAY;
    return Number.isFinite(t) ? { start: t, end: t, precision: 'day' } : null;
  }
  if (m[2]) {
    const mo = Number(m[2]) - 1;
    if (mo < 0 || mo > 11) return null;
    return { start: Date.UTC(y, mo, 1) / DAY, end: Date.UTC(y, mo + 1, 1) / DAY - 1, precision: 'month' };
  }
  return { start: Date.UTC(y, 0, 1) / DAY, end: Date.UTC(y + 1, 0, 1) / DAY - 1, precision: 'year' };
}

function iso(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

/** Axis ticks for a day range: years, months or days, at most about eight. */
export function ticks(lo: number, hi: number): Array<{ day: number; label: string }> {
  const span = hi - lo;
  const out: Array<{ day: number; label: string }> = [];
  const d0 = new Date(lo * DAY);
  if (span > 3 * 365) {
    const step = Math.max(1, Math.ceil(span / 365 / 8));
    for (let y = d0.getUTCFullYear() + 1; Date.UTC(y, 0, 1) / DAY <= hi; y++) {
      if (y % step === 0) out.push({ day: Date.UTC(y, 0, 1) / DAY, label: String(y) });
    }
  } else if (span > 60) {
    const step = Math.max(1, Math.ceil(span / 30 / 8));
    for (let k = 1; ; k++) {
      const t = Date.UTC(d0.getUTCFullYear(), d0.getUTCMonth() + k, 1) / DAY;
      if (t > hi) break;
      const dt = new Date(t * DAY);
      if ((dt.getUTCFullYear() * 12 + dt.getUTCMonth()) % step === 0) out.push({ day: t, label: formatDate(iso(t).slice(0, 7)) });
    }
  } else {
    const step = Math.max(1, Math.ceil(span / 8));
    for (let t = Math.ceil(lo); t <= hi; t++) if (t % step === 0) out.push({ day: t, label: formatDate(iso(t)).replace(/ \d{4}$/, '') });
  }
  return out;
}

export interface TimelineChartOptions {
  /** The story's date span (publication dates): the chart's period is built around it, and shaded. */
  reportSpan?: { from: string | null; to: string | null };
  /** `narrow`: drawn for a phone's width (fewer ticks, shorter labels); default `wide`. */
  layout?: 'wide' | 'narrow';
}

/** Days before the story's first report that still count as its own period: half its span, at least a month. */
export function periodStart(reportSpan: { from: string | null; to: string | null } | undefined): number | null {
  const from = dateInterval(reportSpan?.from);
  if (!from) return null;
  const to = dateInterval(reportSpan?.to) ?? from;
  return from.start - Math.max(31, Math.round((to.end - from.start) / 2));
}

interface Row {
  e: TimelineEntry;
  i: number;
  ev: NonNullable<ReturnType<typeof dateInterval>>;
  rep: ReturnType<typeof dateInterval>;
}

/**
 * Splits dated entries into the story's own period and older context: an entry is
 * context when it ended before the period starts (and at least one entry is in the
 * period, else nothing is collapsed).
 */
export function splitPeriod(entries: TimelineEntry[], reportSpan?: { from: string | null; to: string | null }): { rows: Row[]; context: Row[] } {
  const all = entries
    .map((e, i) => ({ e, i, ev: dateInterval(e.date), rep: dateInterval(e.reportedOn) }))
    .filter((r): r is Row => r.ev !== null)
    .sort((a, b) => a.ev.start - b.ev.start || a.i - b.i);
  const start = periodStart(reportSpan);
  if (start === null) return { rows: all, context: [] };
  const context = all.filter((r) => r.ev.end < start);
  if (context.length === all.length) return { rows: all, context: [] };
  return { rows: all.filter((r) => r.ev.end >= start), context };
}

/** The SVG chart, or '' when no entry has a usable date. */
export function timelineSvg(entries: TimelineEntry[], opts: TimelineChartOptions = {}): string {
  const split = splitPeriod(entries, opts.reportSpan);
  const rows = split.rows.slice(0, MAX_ROWS);
  const context = split.context;
  if (rows.length === 0) return '';
  const narrow = opts.layout === 'narrow';
  const band = opts.reportSpan ? [dateInterval(opts.reportSpan.from), dateInterval(opts.reportSpan.to)] : [];
  const days: number[] = [];
  for (const r of rows) {
    // A year or a month reaching past everything else does not stretch the axis: its bar is cut at the edge.
    days.push(r.ev.start, r.ev.precision === 'day' ? r.ev.end : r.ev.start);
    if (r.rep) days.push(r.rep.start);
  }
  for (const b of band) if (b) days.push(b.start, b.end);
  for (const r of rows) if (r.ev.precision !== 'day' && r.ev.end > Math.max(...days)) days.push(Math.min(r.ev.end, Math.max(...days) + 31));
  let lo = Math.min(...days);
  let hi = Math.max(...days);
  // The story's own period: a month or year that began before it is drawn from its start.
  const pStart = periodStart(opts.reportSpan);
  if (pStart !== null && lo < pStart && rows.some((r) => r.ev.start >= pStart)) lo = Math.min(pStart, ...rows.filter((r) => r.ev.precision === 'day').map((r) => r.ev.start));
  if (hi - lo < 6) {
    lo -= 3;
    hi += 3;
  }
  const pad = (hi - lo) * 0.04;
  lo -= pad;
  hi += pad;
  const W = narrow ? 360 : 800;
  const left = narrow ? 84 : 118;
  const right = narrow ? 10 : 16;
  const top = 14;
  const rowH = narrow ? 26 : 22;
  const first = context.length ? 1 : 0; // a row for the collapsed older context
  const plotH = (rows.length + first) * rowH;
  const H = top + plotH + (narrow ? 74 : 54);
  const x = (d: number) => left + ((Math.min(hi, Math.max(lo, d)) - lo) / (hi - lo)) * (W - left - right);
  const f = (n: number) => n.toFixed(1);
  const id = narrow ? 'tln' : 'tl';
  const out: string[] = [];
  out.push(
    `<svg class="timeline-chart ${narrow ? 'narrow' : 'wide'}" viewBox="0 0 ${W} ${H}" width="100%" role="group" aria-labelledby="${id}-title" aria-describedby="${id}-desc" preserveAspectRatio="xMinYMin meet">`,
    `<title id="${id}-title">Timeline: event dates against the dates they were first reported</title>`,
    `<desc id="${id}-desc">${rows.length} dated events of the story’s period, oldest first${context.length ? `, after ${context.length} earlier events collapsed into one marker` : ''}. Dots or bars mark when each event happened; diamonds mark when it was first reported.</desc>`,
  );
  const [b0, b1] = band;
  if (b0 && b1) {
    out.push(`<rect class="report-band" x="${f(x(b0.start))}" y="${top - 6}" width="${f(Math.max(2, x(b1.end + 1) - x(b0.start)))}" height="${plotH + 6}"><title>Reporting period of the story</title></rect>`);
  }
  const tickList = ticks(lo, hi);
  const shownTicks = narrow ? tickList.filter((_, k) => k % Math.max(1, Math.ceil(tickList.length / 4)) === 0) : tickList;
  for (const t of shownTicks) {
    if (x(t.day) > W - right - (narrow ? 22 : 26)) continue; // its label would be cut at the edge
    const tx = f(x(t.day));
    out.push(`<line class="grid" x1="${tx}" x2="${tx}" y1="${top - 6}" y2="${top + plotH}"/>`);
    out.push(`<text class="tick" x="${tx}" y="${top + plotH + 16}" text-anchor="middle">${h(t.label)}</text>`);
  }
  out.push(`<line class="axis" x1="${left}" x2="${W - right}" y1="${top + plotH}" y2="${top + plotH}"/>`);
  if (context.length) {
    const y = top + rowH / 2;
    const c0 = context[0] as Row;
    const c1 = context[context.length - 1] as Row;
    const range = c0.e.date === c1.e.date ? formatDate(c0.e.date) : `${formatDate(c0.e.date)} – ${formatDate(c1.e.date)}`;
    const label = `${context.length} earlier ${context.length === 1 ? 'event' : 'events'}`;
    out.push(`<a href="#timeline-list" class="context"><title>${h(`${label}, ${range} (background): listed below the chart`)}</title>`);
    out.push(`<rect class="row-hit" x="0" y="${f(y - rowH / 2)}" width="${W}" height="${rowH}"/>`);
    out.push(`<text class="row-label" x="${left - 10}" y="${f(y + 4)}" text-anchor="end">${h(narrow ? 'earlier' : formatDate(c1.e.date).replace(/^\d+ /, ''))}</text>`);
    out.push(`<path class="context-mark" d="M${left + 12} ${f(y - 6)} L${left + 4} ${f(y)} L${left + 12} ${f(y + 6)} M${left + 20} ${f(y - 6)} L${left + 12} ${f(y)} L${left + 20} ${f(y + 6)}"/>`);
    out.push(`<text class="context-label" x="${left + 26}" y="${f(y + 4)}">${h(narrow ? label : `${label} (${range})`)}</text>`);
    out.push('</a>');
  }
  rows.forEach((r, k) => {
    const y = top + (k + first) * rowH + rowH / 2;
    const tip = `${formatDate(r.e.date)}: ${clip(r.e.text, 200)}${r.e.reportedOn ? ` — first reported ${formatDate(r.e.reportedOn)}` : ''}`;
    out.push(`<a href="#tl-${r.i}" class="row" data-entry="${r.i}" aria-label="${h(tip)}"><title>${h(tip)}</title>`);
    out.push(`<rect class="row-hit" x="0" y="${f(y - rowH / 2)}" width="${W}" height="${rowH}"/>`);
    out.push(`<text class="row-label" x="${left - 10}" y="${f(y + 4)}" text-anchor="end">${h(narrow ? formatDate(r.e.date).replace(/ \d{4}$/, '') : formatDate(r.e.date))}</text>`);
    const ex = x(r.ev.start);
    const ee = x(r.ev.end + (r.ev.precision === 'day' ? 0 : 1));
    if (r.rep) {
      const rx = x(r.rep.start);
      const from = rx >= ee ? ee : ex;
      if (Math.abs(rx - from) > 6) out.push(`<line class="lag" x1="${f(from)}" x2="${f(rx)}" y1="${f(y)}" y2="${f(y)}"/>`);
    }
    if (r.ev.precision === 'day') out.push(`<circle class="event" cx="${f(ex)}" cy="${f(y)}" r="5"/>`);
    else out.push(`<rect class="event range" x="${f(ex)}" y="${f(y - 4)}" width="${f(Math.max(4, ee - ex))}" height="8" rx="4"/>`);
    if (r.rep) {
      const rx = x(r.rep.start);
      out.push(`<path class="report" d="M${f(rx)} ${f(y - 6)} L${f(rx + 6)} ${f(y)} L${f(rx)} ${f(y + 6)} L${f(rx - 6)} ${f(y)} Z"/>`);
    }
    // The event's text, shown on hover and keyboard focus, on the side of the row with more room.
    const mid = (ex + ee) / 2;
    const toRight = mid < (left + W) / 2;
    out.push(`<text class="tip" x="${f(toRight ? Math.max(ee, r.rep ? x(r.rep.start) : ee) + 10 : Math.min(ex, r.rep ? x(r.rep.start) : ex) - 10)}" y="${f(y + 4)}" text-anchor="${toRight ? 'start' : 'end'}">${h(clip(r.e.text, narrow ? 34 : 70))}</text>`);
    out.push('</a>');
  });
  const ly = top + plotH + 40;
  if (narrow) {
    out.push(
      `<g class="legend"><circle class="event" cx="${left - 70}" cy="${ly - 4}" r="5"/><text x="${left - 60}" y="${ly}">event</text>` +
        `<path class="report" d="M${left - 6} ${ly - 10} L${left} ${ly - 4} L${left - 6} ${ly + 2} L${left - 12} ${ly - 4} Z"/><text x="${left + 6}" y="${ly}">first reported</text>` +
        `${b0 && b1 ? `<rect class="report-band" x="${left - 76}" y="${ly + 12}" width="16" height="12"/><text x="${left - 54}" y="${ly + 22}">reporting period</text>` : ''}</g>`,
    );
  } else {
    out.push(
      `<g class="legend"><circle class="event" cx="${left + 6}" cy="${ly - 4}" r="5"/><text x="${left + 16}" y="${ly}">event date</text>` +
        `<rect class="event range" x="${left + 100}" y="${ly - 8}" width="22" height="8" rx="4"/><text x="${left + 128}" y="${ly}">month or year</text>` +
        `<path class="report" d="M${left + 246} ${ly - 10} L${left + 252} ${ly - 4} L${left + 246} ${ly + 2} L${left + 240} ${ly - 4} Z"/><text x="${left + 258}" y="${ly}">first reported</text>` +
        `${b0 && b1 ? `<rect class="report-band" x="${left + 372}" y="${ly - 10}" width="16" height="12"/><text x="${left + 394}" y="${ly}">reporting period</text>` : ''}</g>`,
    );
  }
  out.push('</svg>');
  return out.join('');
}
