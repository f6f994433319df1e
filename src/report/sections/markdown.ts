/** Markdown sections for the cross-source analysis (entities, quotes, disagreements, lineages, timeline). */
import type { BriefingStory } from '../../briefing.js';
import { escapeMarkdown as md } from '../escape.js';
import { KIND_LABEL, MAX_ENTITIES, orderedDisagreements, shownEntities, statusSuffix, withLabels } from './common.js';

function cites(ids: string[], labels: Map<string, number>): string {
  return ids.map((id) => `[${labels.get(id) ?? md(id)}]`).join('');
}

export function analysisSectionsMarkdown(s: BriefingStory, labels: Map<string, number>): string[] {
  const out: string[] = [];
  const disagreements = orderedDisagreements(s);
  if (disagreements.length) {
    out.push('### Where sources differ', '');
    for (const d of disagreements) {
      const tag = `${KIND_LABEL[d.kind]}${statusSuffix(d)}`;
      out.push(`- **${tag}:** ${md(d.subject)}`);
      for (const p of d.positions) {
        const who = p.attributedTo ? `${md(p.attributedTo)}: ` : '';
        out.push(`  - *${md(p.value)}* — ${who}${md(p.statement)} ${cites(p.sources, labels)}`);
      }
      out.push(`  - _${md(d.note)}_`);
    }
    out.push('');
  }
  if (s.quotes.length) {
    out.push('### Who said what', '');
    for (const q of s.quotes) {
      out.push(`- **${md(q.speaker ?? 'unattributed')}:** “${md(q.text)}” ${cites(q.variants[0]?.sources ?? q.sources, labels)}`);
      for (const v of q.variants.slice(1)) out.push(`  - also worded: “${md(v.text)}” ${cites(v.sources, labels)}`);
    }
    out.push('');
  }
  const entities = shownEntities(s, MAX_ENTITIES);
  if (entities.length) {
    out.push('### Who and where', '');
    out.push('| Name | Type | Also written | Mentions | Sources |', '|---|---|---|---|---|');
    const cell = (t: string) => md(t).replace(/\n/g, ' ');
    for (const e of entities) out.push(`| ${cell(e.name)} | ${e.type} | ${cell(e.aliases.join(', '))} | ${e.mentions} | ${cites(e.sources, labels)} |`);
    out.push('');
  }
  if (s.timeline.length) {
    out.push('### Timeline', '');
    for (const t of s.timeline) out.push(`- **${t.date}** — ${md(t.text)} ${cites(t.sources, labels)}${t.reportedOn ? ` *(reported ${t.reportedOn})*` : ''}`);
    out.push('');
  }
  if (s.lineages.length) {
    out.push('### Independence', '');
    out.push(`${s.lineages.length} independent ${s.lineages.length === 1 ? 'lineage' : 'lineages'} among ${s.articleIds.length} articles.`, '');
    for (const l of s.lineages.filter((x) => x.articleIds.length > 1)) out.push(`- ${cites(l.articleIds, labels)}: ${md(withLabels(l.evidence, labels))}`);
    out.push('');
  }
  return out;
}
