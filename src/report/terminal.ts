/** Terminal renderer of a Briefing: wrapped text, colour only when asked (on a TTY). */
import pc from 'picocolors';
import type { Briefing, BriefingStory } from '../briefing.js';
import { articleIndex, articleMeta, articleName, citationLabels, count, removalSummary } from './labels.js';
import { analysisSectionsTerminal } from './sections/terminal.js';
import { agreementBadge } from './badge.js';
import { wrap, type Colors } from './wrap.js';

export interface TerminalOptions {
  color?: boolean;
  width?: number;
  /** Cleaned text of each article, by id: names untitled articles by their first words. */
  texts?: ReadonlyMap<string, string>;
}

function story(b: Briefing, s: BriefingStory, c: Colors, width: number, texts: ReadonlyMap<string, string> | undefined): string {
  const labels = citationLabels(s);
  const arts = articleIndex(b);
  const out: string[] = [];
  out.push(c.bold(wrap(s.headline, width, '  ', '▌ ')));
  const span = s.dateSpan.from ? (s.dateSpan.from === s.dateSpan.to ? s.dateSpan.from : `${s.dateSpan.from} – ${s.dateSpan.to}`) : 'undated';
  const badge = agreementBadge(s);
  out.push(c.dim(`  ${count(s.articleIds.length, 'article')} · ${count(s.lineages.length, 'independent lineage')} · ${span}${badge ? ` · ${badge.label}` : ''}`));
  out.push('');
  out.push(c.bold('  What happened'));
  s.summary.forEach((x) => {
    const cite = c.cyan(x.sources.map((id) => `[${labels.get(id)}]`).join(''));
    out.push(wrap(`${x.text} ${cite}`, width, '    ', '  • '));
    // Articles with another figure for the sentence's quantity: disagreeing, not support.
    for (const d of x.disagreeing ?? []) out.push(wrap(c.yellow(`! disagreeing: [${labels.get(d.articleId)}] gives ${d.other} (not ${d.figure})`), width, '      ', '    '));
  });
  if (s.summary.length === 0) out.push('  (no summary: the articles hold no usable sentences)');
  out.push('');
  out.push(...analysisSectionsTerminal(s, labels, c, width));
  out.push(c.bold('  Sources'));
  for (const id of s.articleIds) {
    const a = arts.get(id);
    if (!a) continue;
    const text = texts?.get(id);
    const meta = articleMeta(a, text);
    const bg = s.background.find((x) => x.articleId === id);
    // Named by title, outlet and date or first words; the id (for `crossread articles`, `forget`) last.
    out.push(wrap(`${c.cyan(`[${labels.get(id)}]`)} ${articleName(a, text)} ${c.dim(`(${meta ? `${meta}; ` : ''}${a.id})`)}`, width, '      ', '  '));
    if (bg) out.push(wrap(c.yellow(`background: ${bg.reason}`), width, '      ', '      '));
  }
  out.push('');
  return out.join('\n');
}

export function renderTerminal(b: Briefing, opts: TerminalOptions = {}): string {
  const c = pc.createColors(Boolean(opts.color));
  const width = Math.max(40, Math.min(opts.width ?? 100, 120));
  const out: string[] = [];
  out.push(c.dim(`crossread · ${count(b.articles.length, 'article')} · ${count(b.stories.length, 'story', 'stories')}`), '');
  for (const s of b.stories) out.push(story(b, s, c, width, opts.texts));
  const cleaned = b.articles.filter((a) => a.removed.length > 0);
  if (cleaned.length) {
    out.push(c.bold('  Cleaning'));
    for (const a of cleaned) out.push(wrap(c.dim(`${articleName(a, opts.texts?.get(a.id))}: ${a.rawWords} → ${count(a.words, 'word')} (${removalSummary(a.removed)})`), width, '      ', '  '));
    out.push('');
  }
  return out.join('\n');
}
