/** Markdown renderer of a Briefing. */
import type { Briefing, BriefingStory } from '../briefing.js';
import { escapeMarkdown as md } from './escape.js';
import { articleIndex, citationLabels, removalSummary } from './labels.js';
import { analysisSectionsMarkdown } from './sections/markdown.js';
import { agreementBadge } from './badge.js';

function cites(ids: string[], labels: Map<string, number>): string {
  return ids.map((id) => `[${labels.get(id) ?? id}]`).join('');
}

function story(b: Briefing, s: BriefingStory): string {
  const labels = citationLabels(s);
  const arts = articleIndex(b);
  const out: string[] = [];
  out.push(`## ${md(s.headline)}`, '');
  const span = s.dateSpan.from ? (s.dateSpan.from === s.dateSpan.to ? s.dateSpan.from : `${s.dateSpan.from} – ${s.dateSpan.to}`) : 'undated';
  const badge = agreementBadge(s);
  out.push(`*${s.articleIds.length} articles · ${s.lineages.length} independent lineages · ${span}${badge ? ` · ${badge.label}` : ''}*`, '');
  out.push('### What happened', '');
  for (const x of s.summary) {
    out.push(`- ${md(x.text)} ${cites(x.sources, labels)}`);
    // Articles with another figure for the sentence's quantity: disagreeing, not support.
    for (const d of x.disagreeing ?? []) out.push(`  - disagreeing: ${cites([d.articleId], labels)} gives ${md(d.other)} (not ${md(d.figure)})`);
  }
  if (s.summary.length === 0) out.push('- (no summary: the articles hold no usable sentences)');
  out.push('');
  out.push(...analysisSectionsMarkdown(s, labels));
  out.push('### Sources', '');
  for (const id of s.articleIds) {
    const a = arts.get(id);
    if (!a) continue;
    const meta = [a.outlet, a.published ?? 'undated'].filter(Boolean).join(', ');
    const bg = s.background.find((x) => x.articleId === id);
    out.push(
      `${labels.get(id)}. **${md(a.title ?? a.id)}** (${md(meta)}) — \`${md(a.id)}\`` +
        (bg ? ` — *background: ${md(bg.reason)}*` : ''),
    );
  }
  out.push('');
  return out.join('\n');
}

export function renderMarkdown(b: Briefing): string {
  const out: string[] = [];
  out.push(`# crossread briefing`, '');
  out.push(`${b.articles.length} articles · ${b.stories.length} ${b.stories.length === 1 ? 'story' : 'stories'}`, '');
  for (const s of b.stories) out.push(story(b, s));
  const cleaned = b.articles.filter((a) => a.removed.length > 0);
  if (cleaned.length) {
    out.push('## Cleaning', '');
    for (const a of cleaned) out.push(`- \`${md(a.id)}\`: ${a.rawWords} → ${a.words} words (${removalSummary(a.removed)})`);
    out.push('');
  }
  const warnings = [...b.skipped, ...b.articles.flatMap((a) => a.warnings)];
  if (warnings.length) {
    out.push('## Warnings', '');
    for (const w of warnings) out.push(`- ${w.level}: ${md(w.message)}`);
    out.push('');
  }
  return out.join('\n');
}
