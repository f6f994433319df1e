/** Terminal renderer of a Briefing: wrapped text, colour only when asked (on a TTY). */
import pc from 'picocolors';
import type { Briefing, BriefingStory } from '../briefing.js';
import { articleIndex, citationLabels, removalSummary } from './labels.js';
import { analysisSectionsTerminal } from './sections/terminal.js';
import { agreementBadge } from './badge.js';

export interface TerminalOptions {
  color?: boolean;
  width?: number;
}

export type Colors = ReturnType<typeof pc.createColors>;

/** Wraps `text` to `width` columns, indenting continuation lines by `indent`. */
export function wrap(text: string, width: number, indent: string, firstIndent = indent): string {
  const words = text.replace(/\s+/g, ' ').trim().split(' ');
  const lines: string[] = [];
  let line = firstIndent;
  let empty = true;
  for (const w of words) {
    const visible = line.replace(/\x1b\[[0-9;]*m/g, '').length;
    if (!empty && visible + 1 + w.replace(/\x1b\[[0-9;]*m/g, '').length > width) {
      lines.push(line);
      line = indent + w;
    } else {
      line += (empty ? '' : ' ') + w;
    }
    empty = false;
  }
  lines.push(line);
  return lines.join('\n');
}

function story(b: Briefing, s: BriefingStory, c: Colors, width: number): string {
  const labels = citationLabels(s);
  const arts = articleIndex(b);
  const out: string[] = [];
  out.push(c.bold(wrap(s.headline, width, '  ', '▌ ')));
  const span = s.dateSpan.from ? (s.dateSpan.from === s.dateSpan.to ? s.dateSpan.from : `${s.dateSpan.from} – ${s.dateSpan.to}`) : 'undated';
  const badge = agreementBadge(s);
  out.push(c.dim(`  ${s.articleIds.length} articles · ${s.lineages.length} independent lineages · ${span}${badge ? ` · ${badge.label}` : ''}`));
  out.push('');
  out.push(c.bold('  What happened'));
  s.summary.forEach((x) => {
    const cite = c.cyan(x.sources.map((id) => `[${labels.get(id)}]`).join(''));
    out.push(wrap(`${x.text} ${cite}`, width, '    ', '  • '));
  });
  if (s.summary.length === 0) out.push('  (no summary: the articles hold no usable sentences)');
  out.push('');
  out.push(...analysisSectionsTerminal(s, labels, c, width));
  out.push(c.bold('  Sources'));
  for (const id of s.articleIds) {
    const a = arts.get(id);
    if (!a) continue;
    const meta = [a.outlet, a.published ?? 'undated'].filter(Boolean).join(', ');
    const bg = s.background.find((x) => x.articleId === id);
    // (An article without a title is shown by its id once.)
    out.push(wrap(`${c.cyan(`[${labels.get(id)}]`)} ${a.title ?? a.id} ${c.dim(`(${a.title ? `${meta}; ${a.id}` : meta})`)}`, width, '      ', '  '));
    if (bg) out.push(wrap(c.yellow(`background: ${bg.reason}`), width, '      ', '      '));
  }
  out.push('');
  return out.join('\n');
}

export function renderTerminal(b: Briefing, opts: TerminalOptions = {}): string {
  const c = pc.createColors(Boolean(opts.color));
  const width = Math.max(40, Math.min(opts.width ?? 100, 120));
  const out: string[] = [];
  out.push(c.dim(`crossread · ${b.articles.length} articles · ${b.stories.length} ${b.stories.length === 1 ? 'story' : 'stories'}`), '');
  for (const s of b.stories) out.push(story(b, s, c, width));
  const cleaned = b.articles.filter((a) => a.removed.length > 0);
  if (cleaned.length) {
    out.push(c.bold('  Cleaning'));
    for (const a of cleaned) out.push(wrap(c.dim(`${a.id}: ${a.rawWords} → ${a.words} words (${removalSummary(a.removed)})`), width, '      ', '  '));
    out.push('');
  }
  return out.join('\n');
}
