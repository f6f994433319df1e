/**
 * HTML sections for the cross-source analysis (entities, quotes, disagreements,
 * lineages, timeline). Every piece of article text (quotes, statements, names,
 * notes) goes through escapeHtml; citations link to the cited sentence.
 */
import type { BriefingStory } from '../../briefing.js';
import type { SentenceRef } from '../../types.js';
import { escapeHtml as h } from '../escape.js';
import { sentenceAnchor } from '../anchor.js';
import { KIND_LABEL, orderedDisagreements, shownEntities, statusSuffix, withLabels } from './common.js';
import { count } from '../labels.js';

export interface HtmlSectionContext {
  /** Citation label of each article of the story. */
  labels: Map<string, number>;
  /** Page-wide article number (for sentence anchors, see sentenceAnchor in ../html.ts). */
  articleNo: Map<string, number>;
  titles: Map<string, string>;
}

/**
 * Links to the cited sentences, or to the articles when no sentence is given. Only
 * sentences that ../html.ts anchors may be linked (summary, quote, disagreement and
 * timeline refs); entities link to their articles.
 */
function cites(ids: string[], refs: SentenceRef[] | undefined, ctx: HtmlSectionContext): string {
  const out: string[] = [];
  for (const id of ids) {
    const r = refs?.find((x) => x.articleId === id);
    const n = ctx.articleNo.get(id) ?? 0;
    const href = r ? `#${sentenceAnchor(n, r.sentence)}` : `#a${n}`;
    out.push(`<a class="cite" href="${href}" title="${h(ctx.titles.get(id) ?? id)}">[${ctx.labels.get(id) ?? '?'}]</a>`);
  }
  return out.join('');
}

export function analysisSectionsHtml(s: BriefingStory, ctx: HtmlSectionContext): string {
  const out: string[] = [];
  const disagreements = orderedDisagreements(s);
  if (disagreements.length) {
    out.push('<h3>Where sources differ</h3><ul class="disagreements">');
    for (const d of disagreements) {
      const calm = d.status === 'different-moments' || d.status === 'compatible';
      out.push(`<li class="${calm ? 'moments' : 'conflict'}"><strong>${h(KIND_LABEL[d.kind])}${h(statusSuffix(d))}:</strong> ${h(d.subject)}<ul>`);
      for (const p of d.positions) {
        out.push(`<li><em>${h(p.value)}</em> — ${p.attributedTo ? `${h(p.attributedTo)}: ` : ''}${h(p.statement)}${cites(p.sources, p.refs, ctx)}</li>`);
      }
      out.push(`</ul><p class="meta">${h(d.note)}</p></li>`);
    }
    out.push('</ul>');
  }
  if (s.quotes.length) {
    out.push('<h3>Who said what</h3><ul class="quotes">');
    for (const q of s.quotes) {
      const first = q.variants[0];
      out.push(`<li><strong>${h(q.speaker ?? 'unattributed')}:</strong> “${h(q.text)}”${cites(first?.sources ?? q.sources, first?.refs, ctx)}`);
      if (q.variants.length > 1) {
        out.push('<ul>');
        for (const v of q.variants.slice(1)) out.push(`<li class="meta">also worded: “${h(v.text)}”${cites(v.sources, v.refs, ctx)}</li>`);
        out.push('</ul>');
      }
      out.push('</li>');
    }
    out.push('</ul>');
  }
  const entities = shownEntities(s);
  if (entities.length) {
    out.push('<h3>Who and where</h3><table><thead><tr><th>Name</th><th>Type</th><th>Also written</th><th>Mentions</th><th>Sources</th></tr></thead><tbody>');
    for (const e of entities) {
      const titles = e.titles?.length ? ` <span class="meta">(${h(e.titles.slice(0, 3).join('; '))})</span>` : '';
      out.push(`<tr><td>${h(e.name)}${titles}</td><td>${h(e.type)}</td><td>${e.aliases.map((a) => `<span class="chip">${h(a)}</span>`).join(' ')}</td><td>${e.mentions}</td><td>${cites(e.sources, undefined, ctx)}</td></tr>`);
    }
    out.push('</tbody></table>');
  }
  if (s.timeline.length) {
    out.push('<h3>Timeline</h3><table class="timeline"><thead><tr><th>Date</th><th>Event</th><th>Reported</th></tr></thead><tbody>');
    // Dates never break at their hyphens.
    const nowrap = 'style="white-space:nowrap"';
    for (const t of s.timeline) out.push(`<tr><td ${nowrap}><code>${h(t.date)}</code></td><td>${h(t.text)}${cites(t.sources, t.refs, ctx)}</td><td ${nowrap}>${h(t.reportedOn ?? 'undated')}</td></tr>`);
    out.push('</tbody></table>');
  }
  if (s.lineages.length) {
    out.push(`<h3>Independence</h3><p class="meta">${count(s.lineages.length, 'independent lineage')} among ${count(s.articleIds.length, 'article')}</p><ul class="lineages">`);
    for (const l of s.lineages) out.push(`<li><code>${h(l.id)}</code> ${cites(l.articleIds, undefined, ctx)} <span class="meta">${h(withLabels(l.evidence, ctx.labels))}</span></li>`);
    out.push('</ul>');
  }
  return out.join('\n');
}
