/** The story list: search, filters, one row per story, pagination. */
import type { Page, StoryQuery, StorySummary } from '../../store/store.js';
import type { AnalysisFacts } from '../briefer.js';
import { clip, formatSpan, h, plural, query, storyUrl } from './util.js';

export interface ListView {
  page: Page<StorySummary>;
  query: StoryQuery;
  facts: (s: StorySummary) => AnalysisFacts | null;
  /** Articles in the whole store (for the heading). */
  totalArticles: number;
}

const MAX_OUTLETS = 5;

function filters(q: StoryQuery): string {
  const sort = q.sort ?? 'recent';
  const opt = (v: string, label: string) => `<option value="${v}"${sort === v ? ' selected' : ''}>${label}</option>`;
  const any = Boolean(q.q || q.since || q.until || q.outlet || q.sort === 'size');
  // The search box stays in view; the other filters fold behind a button (open when one is in use;
  // the script opens them on wide screens).
  const more = Boolean(q.since || q.until || q.outlet || q.sort === 'size');
  return `<form class="filters" method="get" action="/" role="search" aria-label="Filter stories">
<div class="field grow"><label for="f-q">Search</label><input id="f-q" type="search" name="q" value="${h(q.q ?? '')}" placeholder="Words in titles and texts"></div>
<details class="more-filters"${more ? ' open' : ''} data-open-wide><summary class="button ghost">Filters${more ? ' <span class="pill on">on</span>' : ''}</summary><div class="filter-fields">
<div class="field"><label for="f-outlet">Outlet</label><input id="f-outlet" type="text" name="outlet" value="${h(q.outlet ?? '')}" placeholder="Any outlet"></div>
<div class="field"><label for="f-since">From</label><input id="f-since" type="date" name="since" value="${h(q.since ?? '')}"></div>
<div class="field"><label for="f-until">To</label><input id="f-until" type="date" name="until" value="${h(q.until ?? '')}"></div>
<div class="field"><label for="f-sort">Order</label><select id="f-sort" name="sort" data-autosubmit>${opt('recent', 'Most recent')}${opt('size', 'Most articles')}</select></div>
</div></details>
<div class="field actions"><button type="submit" class="button primary">Search</button>${any ? '<a class="button ghost" href="/">Clear</a>' : ''}</div>
</form>`;
}

/**
 * The badge of a story in the list, only where it is true: "Sources disagree" when
 * the analysis found disagreements; "Sources agree" only when at least two independent
 * sources (lineages) were compared and nothing was found; "Single source" when there
 * was only one to compare; nothing before the story has been analysed.
 */
export function storyBadge(facts: AnalysisFacts | null): string {
  if (!facts) return '';
  if (facts.disagreements > 0) {
    return `<span class="badge conflict" title="${plural(facts.disagreements, 'point')} on which the sources disagree">Sources disagree · ${facts.disagreements}</span>`;
  }
  if (facts.lineages >= 2) return `<span class="badge agree" title="${plural(facts.lineages, 'independent source')} compared; no disagreement found">Sources agree</span>`;
  if (facts.lineages === 1) return '<span class="badge single" title="All the articles share one source: there was nothing independent to compare">Single source</span>';
  return '';
}

/** Longest snippet shown under a story's title, in characters (CSS clips it to one line). */
export const SNIPPET_CHARS = 220;

/**
 * The links of a page's outlet chips: this page's query with `outlet` set and no offset.
 * The query string is built once per page (a placeholder where the outlet goes) and each
 * chip fills in its outlet, form-encoded as URLSearchParams would: up to 100 chips a
 * page, each an object spread and a URLSearchParams otherwise.
 */
function outletLinks(q: StoryQuery): (outlet: string) => string {
  const MARK = 'OUTLETx7fMARK';
  // The outlet comes after every value a reader types (q, since, until; sort is a keyword), so its placeholder is the last one.
  const all = query({ ...q, outlet: MARK, offset: undefined });
  const at = all.lastIndexOf(MARK);
  const before = all.slice(0, at);
  const after = all.slice(at + MARK.length);
  const links = new Map<string, string>();
  return (o) => {
    let link = links.get(o);
    if (link === undefined) {
      link = `/${before}${new URLSearchParams({ o }).toString().slice(2)}${after}`;
      links.set(o, link);
    }
    return link;
  };
}

function row(s: StorySummary, facts: AnalysisFacts | null, outletLink: (outlet: string) => string): string {
  const outlets = s.outlets.slice(0, MAX_OUTLETS).map((o) => `<a class="chip" href="${outletLink(o)}" title="Stories from ${h(o)}">${h(o)}</a>`);
  if (s.outlets.length > MAX_OUTLETS) outlets.push(`<span class="chip more">+${s.outlets.length - MAX_OUTLETS} more</span>`);
  const lead = facts?.lead?.trim();
  const badge = storyBadge(facts);
  return `<li class="story-row" data-story="${h(s.id)}">
<div class="story-main">
<h2 class="story-title"><a href="${storyUrl(s.id)}">${h(clip(s.headline, 200))}</a></h2>
${lead ? `<p class="snippet" title="${h(clip(lead, 600))}">${h(clip(lead, SNIPPET_CHARS))}</p>` : ''}
<p class="story-meta"><span class="span">${h(formatSpan(s.dateSpan))}</span><span>${plural(s.articleCount, 'article')}</span><span title="Groups of articles that share text count once">${plural(facts?.lineages ?? s.lineageCount, 'independent lineage')}</span></p>
${outlets.length ? `<p class="outlets">${outlets.join('')}</p>` : ''}
</div>
${badge ? `<div class="story-side">${badge}</div>` : ''}
</li>`;
}

function pager(p: Page<unknown>, q: StoryQuery): string {
  if (p.total <= p.limit && p.offset === 0) return '';
  const pages = Math.max(1, Math.ceil(p.total / p.limit));
  const current = Math.floor(p.offset / p.limit) + 1;
  const link = (pg: number, label: string, rel?: string) =>
    `<a class="button ghost" href="/${query({ ...q, offset: (pg - 1) * p.limit || undefined, limit: q.limit })}"${rel ? ` rel="${rel}"` : ''}>${label}</a>`;
  const prev = current > 1 ? link(current - 1, '← Previous', 'prev') : '<span class="button ghost disabled" aria-disabled="true">← Previous</span>';
  const next = current < pages ? link(current + 1, 'Next →', 'next') : '<span class="button ghost disabled" aria-disabled="true">Next →</span>';
  return `<nav class="pager" aria-label="Pages">${prev}<span class="muted">Page ${current} of ${pages}</span>${next}</nav>`;
}

export function listBody(v: ListView): string {
  const { page: p, query: q } = v;
  const filtered = Boolean(q.q || q.since || q.until || q.outlet);
  let results: string;
  if (p.items.length === 0) {
    results =
      v.totalArticles === 0
        ? `<section class="empty"><h2>No stories yet</h2><p>Add news articles — files or pasted text — and crossread groups them into stories and briefs each one.</p><p><a class="button primary" href="/add">Add news</a></p></section>`
        : filtered
          ? `<section class="empty"><h2>No story matches</h2><p>Nothing matches these filters. Try fewer words or a wider date range.</p><p><a class="button" href="/">Show all stories</a></p></section>`
          : `<section class="empty"><h2>No stories on this page</h2><p><a class="button" href="/">Back to the first page</a></p></section>`;
  } else {
    const outletLink = outletLinks(q);
    results = `<ol class="stories" start="${p.offset + 1}">${p.items.map((s) => row(s, v.facts(s), outletLink)).join('\n')}</ol>${pager(p, q)}`;
  }
  const count = filtered ? `${plural(p.total, 'story', 'stories')} match` : `${plural(p.total, 'story', 'stories')} from ${plural(v.totalArticles, 'article')}`;
  return `<section class="list-head">
<div class="title-row"><h1>Stories</h1><p class="muted count">${count}</p><a class="button primary add" href="/add">Add news</a></div>
${filters(q)}
</section>
${results}`;
}
