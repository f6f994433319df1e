/** Terminal sections for the cross-source analysis (entities, quotes, disagreements, lineages, timeline). */
import type { BriefingStory } from '../../briefing.js';
import { wrap, type Colors } from '../wrap.js';
import { KIND_LABEL, MAX_ENTITIES, MAX_QUOTES_TERMINAL, MAX_TEXT_TERMINAL, orderedDisagreements, shownEntities, statusSuffix, truncate, withLabels } from './common.js';
import { count } from '../labels.js';

function cites(ids: string[], labels: Map<string, number>, c: Colors): string {
  return c.cyan(ids.map((id) => `[${labels.get(id) ?? '?'}]`).join(''));
}

export function analysisSectionsTerminal(s: BriefingStory, labels: Map<string, number>, c: Colors, width: number): string[] {
  const out: string[] = [];
  const disagreements = orderedDisagreements(s);
  if (disagreements.length) {
    out.push(c.bold('  Where sources differ'));
    for (const d of disagreements) {
      const tag = d.status === 'different-moments' || d.status === 'compatible' ? c.dim(`${KIND_LABEL[d.kind]}${statusSuffix(d)}`) : c.yellow(KIND_LABEL[d.kind]);
      out.push(wrap(`${tag}: ${d.subject}`, width, '    ', '  ! '));
      for (const p of d.positions) {
        const who = p.attributedTo ? `${p.attributedTo}: ` : '';
        out.push(wrap(`${c.bold(p.value)} — ${who}${truncate(p.statement, MAX_TEXT_TERMINAL)} ${cites(p.sources, labels, c)}`, width, '        ', '      – '));
      }
      out.push(wrap(c.dim(d.note), width, '      ', '      '));
    }
    out.push('');
  }
  if (s.quotes.length) {
    out.push(c.bold('  Who said what'));
    for (const q of s.quotes.slice(0, MAX_QUOTES_TERMINAL)) {
      const speaker = q.speaker ?? 'unattributed';
      out.push(wrap(`${c.bold(speaker)}: “${truncate(q.text, MAX_TEXT_TERMINAL)}” ${cites(q.variants[0]?.sources ?? q.sources, labels, c)}`, width, '    ', '  • '));
      for (const v of q.variants.slice(1)) out.push(wrap(c.dim(`also worded: “${truncate(v.text, MAX_TEXT_TERMINAL)}”`) + ` ${cites(v.sources, labels, c)}`, width, '      ', '      '));
    }
    if (s.quotes.length > MAX_QUOTES_TERMINAL) out.push(c.dim(`    … ${s.quotes.length - MAX_QUOTES_TERMINAL} more (see --format markdown, html or json)`));
    out.push('');
  }
  const entities = shownEntities(s, MAX_ENTITIES);
  if (entities.length) {
    out.push(c.bold('  Who and where'));
    for (const e of entities) {
      const aka = e.aliases.length ? c.dim(` aka ${e.aliases.slice(0, 5).join(', ')}`) : '';
      out.push(wrap(`${e.name} ${c.dim(`(${e.type}, ${e.mentions}×)`)}${aka} ${cites(e.sources, labels, c)}`, width, '    ', '  • '));
    }
    out.push('');
  }
  if (s.timeline.length) {
    out.push(c.bold('  Timeline'));
    // The date column is the first line's indent, so that wrapped lines align under the text.
    for (const t of s.timeline) out.push(wrap(`${truncate(t.text, MAX_TEXT_TERMINAL)} ${cites(t.sources, labels, c)}`, width, ' '.repeat(13), `  ${c.bold(t.date.padEnd(10))} `));
    out.push('');
  }
  if (s.lineages.length) {
    const shared = s.lineages.filter((l) => l.articleIds.length > 1);
    out.push(c.bold(`  Independence: ${count(s.lineages.length, 'independent lineage')} among ${count(s.articleIds.length, 'article')}`));
    for (const l of shared) out.push(wrap(`${cites(l.articleIds, labels, c)} ${c.dim(withLabels(l.evidence, labels))}`, width, '      ', '  • '));
    out.push('');
  }
  return out;
}
