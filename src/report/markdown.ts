/** Markdown renderer of a Briefing. */
import type { Briefing, BriefingStory } from '../briefing.js';
import { codeSpan, escapeMarkdown as md } from './escape.js';
import { articleIndex, articleMeta, articleName, citationLabels, count, removalSummary } from './labels.js';
import { analysisSectionsMarkdown } from './sections/markdown.js';
import { agreementBadge } from './badge.js';

function cites(ids: string[], labels: Map<string, number>): string {
  return ids.map((id) => `[${labels.get(id) ?? id}]`).join('');
}

export interface MarkdownOptions {
  /** Cleaned text of each article, by id: names untitled articles by their first words. */
  texts?: ReadonlyMap<string, string>;
}

function story(b: Briefing, s: BriefingStory, texts: ReadonlyMap<string, string> | undefined): string {
  const labels = citationLabels(s);
  const arts = articleIndex(b);
  const out: string[] = [];
  out.push(`## ${md(s.headline)}`, '');
  const span = s.dateSpan.from ? (s.dateSpan.from === s.dateSpan.to ? s.dateSpan.from : `${s.dateSpan.from} – ${s.dateSpan.to}`) : 'undated';
  const badge = agreementBadge(s);
  out.push(`*${count(s.articleIds.length, 'article')} · ${count(s.lineages.length, 'independent lineage')} · ${span}${badge ? ` · ${badge.label}` : ''}*`, '');
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
    const text = texts?.get(id);
    const meta = articleMeta(a, text);
    const bg = s.background.find((x) => x.articleId === id);
    out.push(
      `${labels.get(id)}. **${md(articleName(a, text))}**${meta ? ` (${md(meta)})` : ''} — ${codeSpan(a.id)}` +
        (bg ? ` — *background: ${md(bg.reason)}*` : ''),
    );
  }
  out.push('');
  return out.join('\n');
}

export function renderMarkdown(b: Briefing, opts: MarkdownOptions = {}): string {
  const out: string[] = [];
  out.push(`# crossread briefing`, '');
  out.push(`${count(b.articles.length, 'article')} · ${count(b.stories.length, 'story', 'stories')}`, '');
  for (const s of b.stories) out.push(story(b, s, opts.texts));
  const cleaned = b.articles.filter((a) => a.removed.length > 0);
  if (cleaned.length) {
    out.push('## Cleaning', '');
    for (const a of cleaned) out.push(`- ${md(articleName(a, opts.texts?.get(a.id)))} ${codeSpan(a.id)}: ${a.rawWords} → ${count(a.words, 'word')} (${removalSummary(a.removed)})`);
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
