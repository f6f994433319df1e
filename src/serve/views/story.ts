/**
 * The story page: the cited summary, entities, the disagreement matrix, the quote
 * ledger, the timeline, the sources table and lineages, and downloads of the same
 * briefing. Every citation is a plain link to the article page at the cited sentence
 * (`/articles/:id#s-<n>`, highlighted by CSS :target); the script opens it in a side
 * panel instead when it can.
 */
import type { Briefing, BriefingArticle, BriefingStory, Disagreement, Quote } from '../../briefing.js';
import type { StoryRecord } from '../../store/store.js';
import type { SentenceRef } from '../../types.js';
import { articleName, citationLabels } from '../../report/labels.js';
import { agreementBadge } from '../../report/badge.js';
import { MAX_ROWS, splitPeriod, timelineSvg } from './timeline.js';
import { articleUrl, clip, formatDate, formatSpan, h, plural, sourceName, storyUrl, time } from './util.js';

/**
 * How much of each section a story page shows. Large stories (hundreds of articles,
 * entities, quotes and dated events) would otherwise make pages of megabytes; the
 * default keeps a story page well under 300 KB and says what it left out. `?full=1`
 * shows everything; the downloads always hold everything.
 */
export interface SectionLimits {
  entities: number;
  /** Entities beyond the chips, listed by name only. */
  entityNames: number;
  matrixRows: number;
  matrixColumns: number;
  speakers: number;
  quotesPerSpeaker: number;
  timelineEntries: number;
  sources: number;
}

export const DEFAULT_LIMITS: SectionLimits = {
  entities: 40,
  entityNames: 200,
  matrixRows: 20,
  matrixColumns: 16,
  speakers: 6,
  quotesPerSpeaker: 4,
  timelineEntries: 40,
  sources: 50,
};

export const NO_LIMITS: SectionLimits = {
  entities: Infinity,
  entityNames: Infinity,
  matrixRows: Infinity,
  matrixColumns: Infinity,
  speakers: Infinity,
  quotesPerSpeaker: Infinity,
  timelineEntries: Infinity,
  sources: Infinity,
};

interface Ctx {
  story: BriefingStory;
  labels: Map<string, number>;
  articles: Map<string, BriefingArticle>;
  limits: SectionLimits;
  /** URL of the page showing every section in full. */
  fullUrl: string;
}

/** A note under a section that shows part of it, with a link to the full view. */
function partial(ctx: Ctx, shown: number, total: number, what: string): string {
  if (shown >= total) return '';
  return `<p class="muted small partial">Showing ${shown.toLocaleString('en-US')} of ${plural(total, what)}. <a href="${h(ctx.fullUrl)}">Show everything</a> or download the briefing.</p>`;
}

/** A citation link to one sentence of one article. */
function cite(ctx: Ctx, ref: SentenceRef): string {
  const a = ctx.articles.get(ref.articleId);
  const label = ctx.labels.get(ref.articleId) ?? '?';
  const title = a ? [a.outlet, a.title ?? a.id].filter(Boolean).join(': ') : ref.articleId;
  return `<a class="cite" href="${h(articleUrl(ref.articleId, ref.sentence))}" data-article="${h(ref.articleId)}" data-sentence="${ref.sentence}" title="${h(title)}">${label}</a>`;
}

/** Citation links for a list of refs, one per article, in label order. */
function cites(ctx: Ctx, refs: SentenceRef[] | undefined): string {
  if (!refs?.length) return '';
  const first = new Map<string, SentenceRef>();
  for (const r of refs) if (!first.has(r.articleId)) first.set(r.articleId, r);
  const sorted = [...first.values()].sort((a, b) => (ctx.labels.get(a.articleId) ?? 0) - (ctx.labels.get(b.articleId) ?? 0));
  return `<span class="cites">${sorted.map((r) => cite(ctx, r)).join('')}</span>`;
}

/** Source labels without sentence links (when a section has no refs). */
function sourceTags(ctx: Ctx, ids: string[]): string {
  const sorted = [...new Set(ids)].sort((a, b) => (ctx.labels.get(a) ?? 0) - (ctx.labels.get(b) ?? 0));
  return `<span class="cites">${sorted
    .map((id) => {
      const a = ctx.articles.get(id);
      return `<a class="cite plain" href="${h(articleUrl(id))}" data-article="${h(id)}" title="${h(a ? [a.outlet, a.title ?? a.id].filter(Boolean).join(': ') : id)}">${ctx.labels.get(id) ?? '?'}</a>`;
    })
    .join('')}</span>`;
}

function section(id: string, title: string, body: string, note?: string): string {
  return `<section class="card" id="${id}" aria-labelledby="${id}-h"><div class="card-head"><h2 id="${id}-h">${title}</h2>${note ? `<p class="muted">${note}</p>` : ''}</div>${body}</section>`;
}

function summaryHtml(ctx: Ctx): string {
  const s = ctx.story;
  if (s.summary.length === 0) return '<p class="muted">No summary: the articles hold no usable sentences.</p>';
  const items = s.summary.map(
    (x) =>
      `<li><span class="sent">${h(x.text)}</span>${cites(ctx, x.evidence.length ? x.evidence : [x.from])}<span class="support" title="Sources that share text count once">${plural(x.support, 'independent source')}</span>${(x.disagreeing ?? []).map((d) => `<span class="disagreeing">disagreeing: [${ctx.labels.get(d.articleId) ?? '?'}] gives ${h(d.other)} (not ${h(d.figure)})</span>`).join('')}</li>`,
  );
  return `<ol class="summary">${items.join('')}</ol>`;
}

const TYPE_LABEL: Record<string, string> = { person: 'People', organization: 'Organisations', place: 'Places', group: 'Groups', other: 'Other' };

function entitiesHtml(ctx: Ctx): string {
  const ents = [...ctx.story.entities].sort((a, b) => b.mentions - a.mentions || a.name.localeCompare(b.name));
  if (ents.length === 0) return '<p class="muted empty-note">No named people, organisations or places were found.</p>';
  const chip = (e: (typeof ents)[number]) => {
    const tip = [
      e.titles?.length ? `titles: ${e.titles.join(', ')}` : '',
      e.aliases.length ? `also: ${e.aliases.join(', ')}` : '',
      `${plural(e.mentions, 'mention')} in ${plural(e.sources.length, 'source')}`,
    ]
      .filter(Boolean)
      .join(' · ');
    return `<li class="entity t-${h(e.type)}" title="${h(tip)}"><span class="dot" aria-hidden="true"></span>${h(e.name)}<span class="n" aria-label="${plural(e.mentions, 'mention')}">${e.mentions}</span></li>`;
  };
  const shown = ents.slice(0, ctx.limits.entities);
  const rest = ents.slice(shown.length);
  const named = rest.slice(0, ctx.limits.entityNames);
  const types = [...new Set(ents.map((e) => e.type))];
  const legend = `<p class="legend">${types.map((t) => `<span class="entity-key t-${h(t)}"><span class="dot" aria-hidden="true"></span>${h(TYPE_LABEL[t] ?? t)}</span>`).join('')}</p>`;
  // Beyond the chips, names only (with mention counts): compact even for hundreds of entities.
  const more = named.length
    ? `<details class="more"><summary>${plural(rest.length, 'more entity', 'more entities')}</summary><p class="entity-names">${named
        .map((e) => `${h(e.name)} <span class="muted">${e.mentions}</span>`)
        .join(' · ')}</p>${partial(ctx, shown.length + named.length, ents.length, 'entity')}</details>`
    : '';
  return `${legend}<ul class="entities">${shown.map(chip).join('')}</ul>${more}`;
}

function norm(v: string): string {
  return v.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Positions whose values differ, by index; a disagreement with one distinct value has none. */
function distinctValues(d: Disagreement): Map<string, number> {
  const ids = new Map<string, number>();
  for (const p of d.positions) if (!ids.has(norm(p.value))) ids.set(norm(p.value), ids.size);
  return ids;
}

function matrixHtml(ctx: Ctx): string {
  const ds = ctx.story.disagreements;
  if (ds.length === 0) return '<p class="muted empty-note">No disagreement found: where the sources give figures, dates or claims about the same thing, they agree.</p>';
  // Rows: real conflicts first (more distinct values, more sources), up to the limit.
  const ranked = ds
    .map((d, i) => ({ d, i, values: distinctValues(d).size, sources: new Set(d.positions.flatMap((p) => p.sources)).size }))
    .sort((a, b) => Number(b.values > 1) - Number(a.values > 1) || b.sources - a.sources || a.i - b.i)
    .slice(0, ctx.limits.matrixRows)
    .sort((a, b) => a.i - b.i)
    .map((x) => x.d);
  // Columns: the sources taking the most positions in the shown rows, in citation order.
  const positionsOf = new Map<string, number>();
  for (const d of ranked) for (const p of d.positions) for (const id of p.sources) positionsOf.set(id, (positionsOf.get(id) ?? 0) + 1);
  const keep = new Set([...positionsOf].sort((a, b) => b[1] - a[1]).slice(0, ctx.limits.matrixColumns).map(([id]) => id));
  const cols = ctx.story.articleIds.filter((id) => keep.has(id));
  // Columns are named by outlet (the title only when no outlet is known), with the citation number.
  const colName = (id: string) => `${ctx.labels.get(id) ?? '?'} · ${sourceName(ctx.articles.get(id))}`;
  const head = cols
    .map((id) => {
      const name = sourceName(ctx.articles.get(id));
      return `<th scope="col" class="src-col"><a class="cite plain" href="${h(articleUrl(id))}" data-article="${h(id)}">${ctx.labels.get(id) ?? '?'}</a><span class="outlet" title="${h(name)}">${h(clip(name, 28))}</span></th>`;
    })
    .join('');
  const rows = ranked.map((d, r) => {
    const values = distinctValues(d);
    const conflict = values.size > 1;
    // A figure's unit is what the row counts ("civilians killed"): shown with each value.
    const unit = d.kind === 'number' ? `<span class="unit">${h(clip(d.subject, 60))}</span>` : '';
    const cells = cols.map((id, c) => {
      // A source may hold more than one position (two figures in one article): show each.
      const seen = new Set<string>();
      const held = d.positions.filter((x) => {
        const key = `${norm(x.value)}\u0000${x.attributedTo ?? ''}`;
        if (!x.sources.includes(id) || seen.has(key)) return false;
        seen.add(key);
        return true;
      });
      const label = ` data-label="${h(clip(colName(id), 60))}"`;
      if (held.length === 0) return `<td class="none"${label}>—</td>`;
      const item = (p: (typeof held)[number], n: number) => {
        const k = values.get(norm(p.value)) ?? 0;
        const ref = p.refs?.find((x) => x.articleId === id);
        const value = `<span class="v">${h(clip(p.value, 80))}</span>${unit}`;
        // The claim's sentence: a tooltip on hover and on keyboard focus (inline on a phone).
        const tipId = `m-${r}-${c}-${n}`;
        const claim = `<span class="claim" role="tooltip" id="${tipId}">${p.attributedTo ? `<b>${h(clip(p.attributedTo, 60))}:</b> ` : ''}${h(clip(p.statement, 300))}</span>`;
        const inner = ref
          ? `<a href="${h(articleUrl(id, ref.sentence))}" class="cell-link" data-article="${h(id)}" data-sentence="${ref.sentence}" aria-describedby="${tipId}">${value}</a>`
          : `<span class="cell-link" tabindex="0" aria-describedby="${tipId}">${value}</span>`;
        return { k, html: `<span class="val${held.length > 1 && conflict ? ` pos-${k % 6}` : ''}">${inner}${p.attributedTo ? `<span class="attr">${h(clip(p.attributedTo, 40))}</span>` : ''}${claim}</span>` };
      };
      const items = held.map(item);
      const cls = !conflict ? 'same' : items.length === 1 ? `pos pos-${(items[0]?.k ?? 0) % 6}` : 'pos multi';
      return `<td class="${cls}"${label}>${items.map((x) => x.html).join('')}</td>`;
    });
    return `<tr class="${conflict ? 'conflict' : ''}"><th scope="row"><span class="subject">${h(d.subject)}</span><span class="kind k-${h(d.kind)}">${h(d.kind)}</span>${
      d.note ? `<span class="note">${h(d.note)}</span>` : ''
    }</th>${cells.join('')}</tr>`;
  });
  const silent = ctx.story.articleIds.length - positionsOf.size;
  const hiddenCols = positionsOf.size - cols.length;
  return `<div class="scroll"><table class="matrix"><thead><tr><th scope="col" class="subject-col">Subject</th>${head}</tr></thead><tbody>${rows.join('')}</tbody></table></div>${
    silent > 0 ? `<p class="muted small">${plural(silent, 'other source')} ${silent === 1 ? 'states' : 'state'} none of these; “—”: the source does not say.</p>` : ''
  }${hiddenCols > 0 ? `<p class="muted small">${plural(hiddenCols, 'more source')} with positions not shown as columns.</p>` : ''}${partial(ctx, ranked.length, ds.length, 'disagreement')}`;
}

/** Words of `variant` that are not in `base` (by a longest common subsequence of words) marked. */
export function markDifferences(base: string, variant: string): string {
  const tok = (s: string) => s.split(/(\s+)/).filter((t) => t !== '');
  const key = (t: string) => t.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
  const a = tok(base).filter((t) => t.trim());
  const b = tok(variant);
  const bw = b.filter((t) => t.trim());
  if (a.length > 300 || bw.length > 300) return h(variant);
  // LCS table over words (quotes are short; 300 × 300 at most).
  const n = a.length;
  const m = bw.length;
  const L: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const row = L[i] as number[];
      row[j] = key(a[i] as string) === key(bw[j] as string) ? (L[i + 1] as number[])[j + 1]! + 1 : Math.max((L[i + 1] as number[])[j]!, row[j + 1]!);
    }
  }
  const same = new Set<number>();
  for (let i = 0, j = 0; i < n && j < m; ) {
    if (key(a[i] as string) === key(bw[j] as string)) {
      same.add(j);
      i++;
      j++;
    } else if ((L[i + 1] as number[])[j]! >= (L[i] as number[])[j + 1]!) i++;
    else j++;
  }
  let w = 0;
  return b
    .map((t) => {
      if (!t.trim()) return h(t);
      const marked = !same.has(w) && key(t) !== '';
      w++;
      return marked ? `<mark class="diff">${h(t)}</mark>` : h(t);
    })
    .join('');
}

/** Share of `variant`'s words found, in order, in `base` (0..1). */
function overlap(base: string, variant: string): number {
  const words = (x: string) => x.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const a = new Set(words(base));
  const b = words(variant);
  return b.length ? b.filter((w) => a.has(w)).length / b.length : 0;
}

function quotesHtml(ctx: Ctx): string {
  const qs = ctx.story.quotes;
  if (qs.length === 0) return '<p class="muted empty-note">No quotations were found.</p>';
  const bySpeaker = new Map<string, Quote[]>();
  for (const q of qs) {
    const k = q.speaker ?? '';
    const l = bySpeaker.get(k) ?? [];
    l.push(q);
    bySpeaker.set(k, l);
  }
  const variantsOf = (q: Quote) => (q.variants.length ? q.variants : [{ text: q.text, sources: q.sources }]);
  const multi = (q: Quote) => variantsOf(q).length > 1 || new Set(q.sources).size > 1;
  const score = (l: Quote[]) => l.filter(multi).length * 100 + l.length;
  const speakers = [...bySpeaker].sort((a, b) => (a[0] === '' ? 1 : b[0] === '' ? -1 : score(b[1]) - score(a[1]) || a[0].localeCompare(b[0])));
  const quoteHtml = (q: Quote) => {
    const variants = variantsOf(q);
    if (variants.length === 1) {
      const v = variants[0] as (typeof variants)[number];
      return `<li class="quote"><q>${h(v.text)}</q>${v.refs?.length ? cites(ctx, v.refs) : sourceTags(ctx, v.sources)}</li>`;
    }
    const rows = variants.map((v) => {
      const outlets = [...new Set(v.sources.map((id) => ctx.articles.get(id)?.outlet).filter((o): o is string => Boolean(o)))];
      // Mark differing words only between close wordings; unrelated ones would be all marks.
      const text = overlap(q.text, v.text) >= 0.5 ? markDifferences(q.text, v.text) : h(v.text);
      return `<li><q>${text}</q>${outlets.length ? `<span class="outlets-inline">${h(outlets.join(', '))}</span>` : ''}${v.refs?.length ? cites(ctx, v.refs) : sourceTags(ctx, v.sources)}</li>`;
    });
    return `<li class="quote multi"><p class="wordings-label">${variants.length} wordings</p><ol class="wordings">${rows.join('')}</ol></li>`;
  };
  const lim = ctx.limits;
  let shownQuotes = 0;
  const blocks = speakers.slice(0, lim.speakers).map(([speaker, list]) => {
    const sorted = [...list].sort((a, b) => Number(multi(b)) - Number(multi(a))).slice(0, lim.quotesPerSpeaker);
    shownQuotes += sorted.length;
    const cut = list.length - sorted.length;
    return `<div class="speaker"><h3>${speaker ? h(speaker) : '<span class="muted">Unattributed</span>'} <span class="muted count">${plural(list.length, 'quotation')}</span></h3><ul class="quotes">${sorted
      .map(quoteHtml)
      .join('')}</ul>${cut > 0 ? `<p class="muted small">and ${cut} more</p>` : ''}</div>`;
  });
  const others = speakers.slice(lim.speakers);
  const rest = others.length
    ? `<p class="muted small others">Also quoted: ${others.map(([sp, l]) => `${sp ? h(sp) : 'unattributed'} (${l.length})`).join(', ')}.</p>`
    : '';
  // The speakers quoted most (and in several wordings) open; the rest folded.
  const FIRST = 5;
  const body =
    blocks.length <= FIRST + 1
      ? blocks.join('')
      : `${blocks.slice(0, FIRST).join('')}<details class="more"><summary>${plural(blocks.length - FIRST, 'more speaker')}</summary>${blocks.slice(FIRST).join('')}</details>`;
  return `<div class="ledger">${body}</div>${rest}${partial(ctx, shownQuotes, qs.length, 'quotation')}`;
}

function timelineHtml(ctx: Ctx): string {
  const tl = ctx.story.timeline;
  if (tl.length === 0) return '<p class="muted empty-note">No dated events were found in the articles.</p>';
  // Two drawings of the same chart: one for wide screens, one for a phone's width (CSS shows one).
  const svg = timelineSvg(tl, { reportSpan: ctx.story.dateSpan });
  const svgNarrow = svg ? timelineSvg(tl, { reportSpan: ctx.story.dateSpan, layout: 'narrow' }) : '';
  const { rows: inPeriod, context } = splitPeriod(tl, ctx.story.dateSpan);
  const dated = [...tl].sort((a, b) => a.date.localeCompare(b.date)).slice(0, ctx.limits.timelineEntries);
  const list = dated.map(
    (e) =>
      `<li id="tl-${tl.indexOf(e)}"><time datetime="${h(e.date)}">${h(formatDate(e.date))}</time><span class="what">${h(e.text)}${e.refs?.length ? cites(ctx, e.refs) : sourceTags(ctx, e.sources)}</span>${
        e.reportedOn ? `<span class="reported">reported ${h(formatDate(e.reportedOn))}</span>` : ''
      }</li>`,
  );
  const notes: string[] = [];
  if (context.length) notes.push(`${plural(context.length, 'earlier event')} (background before the story’s period) ${context.length === 1 ? 'is' : 'are'} collapsed into the first row; the list has ${context.length === 1 ? 'it' : 'them'}.`);
  if (inPeriod.length > MAX_ROWS) notes.push(`The chart shows the ${MAX_ROWS} earliest events of the period; the list has all ${tl.length}.`);
  const more = notes.length ? `<p class="muted small">${notes.join(' ')}</p>` : '';
  const listHtml = `<ol class="timeline-list" id="timeline-list">${list.join('')}</ol>`;
  const listed = `${listHtml}${partial(ctx, dated.length, tl.length, 'event')}`;
  const folded = svg && tl.length > 8 ? `<details class="more"><summary>${dated.length < tl.length ? `The first ${dated.length} of ${tl.length} events` : `All ${tl.length} events`} with their sources</summary>${listed}</details>` : listed;
  return `${svg ? `<figure class="chart">${svg}${svgNarrow}</figure>${more}` : ''}${folded}`;
}

function sourcesHtml(ctx: Ctx): string {
  const s = ctx.story;
  const lineageOf = new Map<string, BriefingStory['lineages'][number]>();
  for (const l of s.lineages) for (const id of l.articleIds) lineageOf.set(id, l);
  const bg = new Map(s.background.map((b) => [b.articleId, b.reason]));
  const shown = s.articleIds.slice(0, ctx.limits.sources);
  const rows = shown.map((id) => {
    const a = ctx.articles.get(id);
    const l = lineageOf.get(id);
    const others = l ? l.articleIds.filter((x) => x !== id) : [];
    const MAX_TAGS = 6;
    const lineage = l
      ? `<span class="lineage" title="${h(clip(l.evidence, 300))}">${h(l.id)}</span>${
          others.length
            ? `<span class="small muted"> shares text with ${sourceTags(ctx, others.slice(0, MAX_TAGS))}${others.length > MAX_TAGS ? ` +${others.length - MAX_TAGS}` : ''}</span>`
            : ''
        }`
      : '<span class="muted">—</span>';
    const reason = bg.get(id);
    const evidence = a?.publishedEvidence ? `<span class="evidence" title="Where the date was read">${h(clip(a.publishedEvidence, 90))}</span>` : '';
    return `<tr${reason ? ' class="background"' : ''}><td class="num"><a class="cite plain" href="${h(articleUrl(id))}" data-article="${h(id)}">${ctx.labels.get(id) ?? '?'}</a></td>
<td class="title"><a href="${h(articleUrl(id))}">${h(clip(a ? articleName(a) : sourceName(a), 140))}</a><code class="id">${h(clip(id, 60))}</code></td>
<td data-label="Outlet">${a?.outlet ? h(a.outlet) : '<span class="muted">unknown</span>'}</td>
<td data-label="Byline">${a?.byline ? h(clip(a.byline, 80)) : '<span class="muted">—</span>'}</td>
<td class="date" data-label="Published">${time(a?.published)}${evidence}</td>
<td data-label="Lineage">${lineage}</td>
<td class="num" data-label="Words">${a ? a.words.toLocaleString('en-US') : ''}</td>
<td class="note-cell" data-label="Note">${reason ? `<span class="badge background" title="Background articles inform citations but are not summarised">background</span><span class="small">${h(reason)}</span>` : ''}${
      a && a.warnings.some((w) => w.level === 'warning') ? `<span class="small warn">${h(a.warnings.filter((w) => w.level === 'warning').map((w) => w.message).join('; '))}</span>` : ''
    }</td></tr>`;
  });
  return `<div class="scroll"><table class="sources"><thead><tr><th scope="col">#</th><th scope="col">Article</th><th scope="col">Outlet</th><th scope="col">Byline</th><th scope="col">Published</th><th scope="col">Lineage</th><th scope="col" class="num">Words</th><th scope="col">Note</th></tr></thead><tbody>${rows.join('\n')}</tbody></table></div>${partial(ctx, shown.length, s.articleIds.length, 'source')}`;
}

export interface StoryView {
  briefing: Briefing;
  /** Show every section in full (default: DEFAULT_LIMITS). */
  full?: boolean;
}

export function storyBody(v: StoryView): string {
  const b = v.briefing;
  const s = b.stories[0];
  if (!s) return '<section class="empty"><h1>Empty story</h1></section>';
  const base = storyUrl(s.id);
  const ctx: Ctx = {
    story: s,
    labels: citationLabels(s),
    articles: new Map(b.articles.map((a) => [a.id, a])),
    limits: v.full ? NO_LIMITS : DEFAULT_LIMITS,
    fullUrl: `${base}?full=1`,
  };
  const conflicts = s.disagreements.length;
  const agreement = agreementBadge(s);
  const badge =
    agreement?.kind === 'disagree'
      ? `<a class="badge conflict" href="#disagreements">${h(agreement.label)}</a>`
      : agreement?.kind === 'agree'
        ? `<span class="badge agree">${h(agreement.label)}</span>`
        : agreement?.kind === 'single-source'
          ? `<span class="badge single">${h(agreement.label)}</span>`
          : '';
  const header = `<header class="story-head">
<nav class="crumbs" aria-label="Breadcrumb"><a href="/">Stories</a></nav>
<p class="kicker">${h(formatSpan(s.dateSpan))}</p>
<h1>${h(s.headline)}</h1>
<p class="stats"><span>${plural(s.articleIds.length, 'article')}</span><span>${plural(s.lineages.length, 'independent lineage')}</span><span>${plural(s.outlets.length, 'outlet')}</span>${badge}</p>
${s.outlets.length ? `<p class="outlets">${s.outlets.map((o) => `<a class="chip" href="/?outlet=${encodeURIComponent(o)}">${h(o)}</a>`).join('')}</p>` : ''}
<p class="downloads"><span class="muted">Download this briefing:</span><a class="button small" href="${base}/briefing.md" download>Markdown</a><a class="button small" href="${base}/briefing.json" download>JSON</a><a class="button small" href="${base}/briefing.html" download>HTML report</a></p>
</header>`;
  const toc = `<nav class="toc" aria-label="Sections"><a href="#summary">Summary</a><a href="#entities">Entities</a><a href="#disagreements">Disagreements${conflicts ? ` <span class="pill">${conflicts}</span>` : ''}</a><a href="#quotes">Quotes</a><a href="#timeline">Timeline</a><a href="#sources">Sources</a></nav>`;
  return `${header}${toc}
<div class="story-body">
${section('summary', 'What happened', summaryHtml(ctx), 'Each sentence cites every source that reports it; click a number to read the sentence in its article.')}
${section('entities', 'Who and where', entitiesHtml(ctx))}
${section('disagreements', 'Where the sources disagree', matrixHtml(ctx), conflicts ? 'Rows: subjects. Columns: sources. Differing values are coloured.' : undefined)}
${section('quotes', 'Quote ledger', quotesHtml(ctx), s.quotes.length ? 'Each speaker’s words as each outlet printed them; words that differ are marked.' : undefined)}
${section('timeline', 'Timeline', timelineHtml(ctx))}
${section('sources', 'Sources', sourcesHtml(ctx), `${plural(s.articleIds.length, 'article')} in ${plural(s.lineages.length, 'independent lineage')}.`)}
</div>
<aside id="panel" class="panel" hidden aria-label="Source article"><div class="panel-head"><p class="panel-title">Source</p><a class="panel-open button small" href="#">Open page</a><button type="button" class="panel-close button small ghost" aria-label="Close the source panel">Close</button></div><div class="panel-body"></div></aside>`;
}

/**
 * A story whose first briefing is still running (large stories take a while): what the
 * store already knows, and its articles to read meanwhile. The page refreshes itself.
 */
export function storyPendingBody(rec: StoryRecord): string {
  const rows = rec.articles.slice(0, DEFAULT_LIMITS.sources).map(
    (a) =>
      `<tr><td class="title"><a href="${h(articleUrl(a.id))}">${h(clip(articleName(a), 140))}</a></td><td data-label="Outlet">${a.outlet ? h(a.outlet) : '<span class="muted">unknown</span>'}</td><td data-label="Byline">${a.byline ? h(clip(a.byline, 80)) : '<span class="muted">—</span>'}</td><td class="date" data-label="Published">${time(a.published)}</td><td class="num" data-label="Words">${a.words.toLocaleString('en-US')}</td></tr>`,
  );
  const more = rec.articles.length - rows.length;
  return `<header class="story-head">
<nav class="crumbs" aria-label="Breadcrumb"><a href="/">Stories</a></nav>
<p class="kicker">${h(formatSpan(rec.dateSpan))}</p>
<h1>${h(rec.headline)}</h1>
<p class="stats"><span>${plural(rec.articleCount, 'article')}</span><span>${plural(rec.outlets.length, 'outlet')}</span></p>
</header>
<section class="card pending" role="status"><h2>Briefing this story…</h2><p>crossread is reading the ${plural(rec.articleCount, 'article')} of this story, comparing their sources and writing the cited summary. This page refreshes itself when the briefing is ready; the articles can be read meanwhile.</p><progress aria-label="Briefing"></progress></section>
<section class="card"><div class="card-head"><h2>Articles</h2></div><div class="scroll"><table class="sources"><thead><tr><th scope="col">Article</th><th scope="col">Outlet</th><th scope="col">Byline</th><th scope="col">Published</th><th scope="col" class="num">Words</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>${
    more > 0 ? `<p class="muted small">and ${plural(more, 'more article')}</p>` : ''
  }</section>`;
}
