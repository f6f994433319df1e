/**
 * The article page: the cleaned text with every sentence anchored (`#s-<n>`, numbered
 * as citations number them), what cleaning removed (struck through, in place in the
 * raw text and listed by kind), and the metadata with the evidence it was read from.
 */
import type { Removal } from '../../types.js';
import type { StoredArticle, StorySummary } from '../../store/store.js';
import { paragraphs } from '../../text/nlp.js';
import { removalSummary } from '../../report/labels.js';
import type { SentenceSpan } from '../tasks.js';
import { articleUrl, clip, formatDate, h, plural, safeHref, storyUrl, time } from './util.js';

/** Longest text shown on a page (characters); longer texts are cut with a note. */
export const MAX_SHOWN_CHARS = 400_000;

/** The cleaned text as paragraphs, each sentence in a span with id `s-<index>`. */
export function cleanedTextHtml(text: string, spans: SentenceSpan[]): string {
  const shown = text.length > MAX_SHOWN_CHARS ? text.slice(0, MAX_SHOWN_CHARS) : text;
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const anchored = new Set<number>();
  const out: string[] = [];
  let k = 0;
  for (const p of paragraphs(shown)) {
    let cursor = p.start;
    let html = '';
    while (k < sorted.length && (sorted[k] as SentenceSpan).end <= p.start) k++;
    for (let j = k; j < sorted.length; j++) {
      const s = sorted[j] as SentenceSpan;
      if (s.start >= p.end) break;
      const from = Math.max(s.start, cursor);
      const to = Math.min(s.end, p.end);
      if (to <= from) continue;
      html += h(shown.slice(cursor, from));
      const id = anchored.has(s.index) ? '' : ` id="s-${s.index}"`;
      anchored.add(s.index);
      html += `<span class="s"${id} data-s="${s.index}">${h(shown.slice(from, to))}</span>`;
      cursor = to;
    }
    html += h(shown.slice(cursor, p.end));
    out.push(`<p>${html}</p>`);
  }
  if (shown.length < text.length) out.push(`<p class="muted small">(The text continues for ${(text.length - shown.length).toLocaleString('en-US')} more characters; the API has all of it.)</p>`);
  return out.join('\n');
}

/** Locates each removal in the raw text (in order where possible); returns ranges and the ones not found. */
export function locateRemovals(raw: string, removed: Removal[]): { ranges: Array<{ start: number; end: number; kind: string }>; unlocated: Removal[] } {
  const ranges: Array<{ start: number; end: number; kind: string }> = [];
  const unlocated: Removal[] = [];
  const overlaps = (s: number, e: number) => ranges.some((r) => s < r.end && e > r.start);
  let cursor = 0;
  for (const r of removed) {
    const t = r.text;
    if (!t) continue;
    let i = raw.indexOf(t, cursor);
    while (i >= 0 && overlaps(i, i + t.length)) i = raw.indexOf(t, i + 1);
    if (i < 0) {
      i = raw.indexOf(t);
      while (i >= 0 && overlaps(i, i + t.length)) i = raw.indexOf(t, i + 1);
    }
    if (i < 0) {
      unlocated.push(r);
      continue;
    }
    ranges.push({ start: i, end: i + t.length, kind: r.kind });
    cursor = i + t.length;
  }
  ranges.sort((a, b) => a.start - b.start);
  return { ranges, unlocated };
}

/** The raw text with what cleaning removed struck through in place. */
export function rawTextHtml(raw: string, removed: Removal[]): string {
  const shown = raw.length > MAX_SHOWN_CHARS ? raw.slice(0, MAX_SHOWN_CHARS) : raw;
  const { ranges, unlocated } = locateRemovals(shown, removed);
  let html = '';
  let pos = 0;
  for (const r of ranges) {
    html += h(shown.slice(pos, r.start));
    html += `<del class="removed" data-kind="${h(r.kind)}" title="Removed by cleaning: ${h(r.kind)}">${h(shown.slice(r.start, r.end))}</del>`;
    pos = r.end;
  }
  html += h(shown.slice(pos));
  const extra = unlocated.length
    ? `<p class="muted small">Also removed (not found verbatim in the raw text):</p><ul class="removals">${unlocated.map((r) => `<li><span class="kind">${h(r.kind)}</span><del class="removed">${h(clip(r.text, 400))}</del></li>`).join('')}</ul>`
    : '';
  return `<div class="rawtext">${html}</div>${shown.length < raw.length ? '<p class="muted small">(Raw text cut for display.)</p>' : ''}${extra}`;
}

function metaRow(label: string, value: string, evidence?: string | null): string {
  return `<tr><th scope="row">${label}</th><td>${value}${evidence ? `<span class="evidence">read from: <q>${h(clip(evidence, 200))}</q></span>` : ''}</td></tr>`;
}

export interface ArticleView {
  article: StoredArticle;
  spans: SentenceSpan[];
  story: StorySummary | null;
}

function metadataHtml(v: ArticleView): string {
  const a = v.article;
  const href = safeHref(a.url);
  const rows = [
    metaRow('Outlet', a.outlet ? h(a.outlet) : '<span class="muted">unknown</span>'),
    metaRow('Byline', a.byline ? h(a.byline) : '<span class="muted">none</span>'),
    metaRow('Published', time(a.published), a.publishedEvidence),
    metaRow('URL', href ? `<a href="${h(href)}" rel="noopener noreferrer nofollow" target="_blank">${h(clip(a.url ?? '', 90))}</a>` : a.url ? h(a.url) : '<span class="muted">none</span>'),
    metaRow('Source', `<code>${h(clip(a.path, 120))}</code> <span class="muted">(${h(a.format)}, ${h(a.encoding)}, language ${h(a.language)})</span>`),
    metaRow('Words', `${a.words.toLocaleString('en-US')} after cleaning <span class="muted">(${a.rawWords.toLocaleString('en-US')} before)</span>`),
    metaRow('Stored', `${h(a.ingestedAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC'))} <span class="muted">(#${a.seq})</span>`),
    metaRow('Story', v.story ? `<a href="${storyUrl(v.story.id)}">${h(clip(v.story.headline, 120))}</a>` : '<span class="muted">none</span>'),
  ];
  if (a.related.length) {
    rows.push(
      metaRow(
        'Shares text with',
        `<ul class="related">${a.related
          .slice(0, 20)
          .map((l) => `<li><a href="${h(articleUrl(l.articleId))}">${h(clip(l.articleId, 60))}</a> <span class="muted">${l.kind === 'duplicate' ? 'near-copy' : 'shared passage'}, ${Math.round(l.similarity * 100)}% similar</span></li>`)
          .join('')}</ul>`,
      ),
    );
  }
  if (a.diagnostics.length) {
    rows.push(metaRow('Notes', `<ul class="diagnostics">${a.diagnostics.map((d) => `<li class="${h(d.level)}">${h(d.message)}</li>`).join('')}</ul>`));
  }
  return `<table class="meta-table"><tbody>${rows.join('')}</tbody></table>`;
}

/** The article's title and text only: what the story page's side panel shows. */
export function articleFragment(v: ArticleView): string {
  const a = v.article;
  return `<article class="reader" data-article="${h(a.id)}"><header><p class="kicker">${h([a.outlet, formatDate(a.published)].filter(Boolean).join(' · '))}</p><h2>${h(a.title ?? a.id)}</h2></header><div class="text">${cleanedTextHtml(a.text, v.spans)}</div></article>`;
}

export function articleBody(v: ArticleView): string {
  const a = v.article;
  const removedNote = a.removed.length ? `${plural(a.removed.length, 'part')} removed: ${removalSummary(a.removed)}` : 'Nothing was removed.';
  const removals = a.removed.length
    ? `<ul class="removals">${a.removed.map((r) => `<li><span class="kind">${h(r.kind)}</span><del class="removed">${h(clip(r.text, 400))}</del></li>`).join('')}</ul>
<details class="raw"><summary>Show the raw text with the removals in place</summary>${rawTextHtml(a.rawText, a.removed)}</details>`
    : '';
  return `<nav class="crumbs" aria-label="Breadcrumb"><a href="/">Stories</a>${v.story ? `<span aria-hidden="true">›</span><a href="${storyUrl(v.story.id)}">${h(clip(v.story.headline, 80))}</a>` : ''}</nav>
<div class="article-layout">
<article class="reader main-text" data-article="${h(a.id)}">
<header><p class="kicker">${h([a.outlet, formatDate(a.published)].filter(Boolean).join(' · '))}</p><h1>${h(a.title ?? a.id)}</h1>${a.byline ? `<p class="byline">${h(a.byline)}</p>` : ''}</header>
<div class="text">${cleanedTextHtml(a.text, v.spans)}</div>
</article>
<aside class="article-side">
<section class="card"><h2>Metadata</h2>${metadataHtml(v)}</section>
<section class="card" id="cleaning"><h2>What cleaning removed</h2><p class="muted">${h(removedNote)}</p>${removals}</section>
</aside>
</div>`;
}
