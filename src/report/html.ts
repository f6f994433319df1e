/**
 * HTML renderer: one self-contained file (inline CSS, no scripts, no external
 * resources) that works offline. Every piece of article text is escaped.
 * Citations link to the cited sentence in the article texts at the end of the
 * page; CSS :target highlights it.
 */
import type { Briefing, BriefingStory } from '../briefing.js';
import type { SentenceRef } from '../types.js';
import { escapeHtml as h } from './escape.js';
import { articleIndex, articleName, citationLabels, count, removalSummary } from './labels.js';
import { analysisSectionsHtml } from './sections/html.js';
import { sentenceAnchor } from './anchor.js';
import { agreementBadge } from './badge.js';

/** Articles giving another figure for a summary sentence's quantity: shown as disagreeing, never as support. */
function disagreeingHtml(ds: BriefingStory['summary'][number]['disagreeing'], labels: Map<string, number>): string {
  if (!ds?.length) return '';
  return ds.map((d) => `<br><span class="disagreeing">disagreeing: [${labels.get(d.articleId) ?? '?'}] gives ${h(d.other)} (not ${h(d.figure)})</span>`).join('');
}

export interface HtmlOptions {
  /** Cleaned text of each article, by id: shown at the end with cited sentences anchored. */
  texts?: ReadonlyMap<string, string>;
  title?: string;
}

const CSS = `
:root{--fg:#1d1d1f;--muted:#6e6e73;--accent:#0b57d0;--bg:#fff;--soft:#f5f5f7;--warn:#b3261e;--hl:#fff3b0}
*{box-sizing:border-box}body{font:16px/1.55 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:var(--fg);background:var(--bg);max-width:58rem;margin:0 auto;padding:1.5rem}
h1{font-size:1.4rem;margin:.2rem 0}h2{font-size:1.3rem;margin:2rem 0 .3rem}h3{font-size:1.05rem;margin:1.4rem 0 .4rem;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
.meta{color:var(--muted);font-size:.9rem}.summary li{margin:.35rem 0}a.cite{font-size:.8rem;text-decoration:none;color:var(--accent);margin-left:.15rem}
a.cite:hover{text-decoration:underline}.support{font-size:.75rem;color:var(--muted);margin-left:.3rem}.disagreeing{font-size:.8rem;color:#8a4b00}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border-bottom:1px solid #e0e0e0;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:var(--soft)}.bg{color:var(--warn)}.article{border-top:1px solid #e0e0e0;margin-top:1rem;padding-top:.5rem}
.article p{margin:.4rem 0}.s:target{background:var(--hl);outline:2px solid #f0c000}.removed{color:var(--muted);text-decoration:line-through;font-size:.85rem}
.warn{color:var(--warn)}code{background:var(--soft);padding:0 .25rem;border-radius:3px}.chip{display:inline-block;background:var(--soft);border-radius:1rem;padding:.05rem .6rem;margin:.1rem;font-size:.85rem}
.conflict{background:#fde7e9}td.date{white-space:nowrap}footer{margin-top:3rem;color:var(--muted);font-size:.8rem}
`;

function citeLinks(refs: SentenceRef[], labels: Map<string, number>, articleNo: Map<string, number>, titles: Map<string, string>): string {
  return refs
    .map((r) => {
      const n = articleNo.get(r.articleId) ?? 0;
      return `<a class="cite" href="#${sentenceAnchor(n, r.sentence)}" title="${h(titles.get(r.articleId) ?? r.articleId)}">[${labels.get(r.articleId) ?? '?'}]</a>`;
    })
    .join('');
}

function storyHtml(b: Briefing, s: BriefingStory, articleNo: Map<string, number>, texts: ReadonlyMap<string, string> | undefined): string {
  const labels = citationLabels(s);
  const arts = articleIndex(b);
  const titles = new Map(b.articles.map((a) => [a.id, articleName(a, texts?.get(a.id))]));
  const span = s.dateSpan.from ? (s.dateSpan.from === s.dateSpan.to ? s.dateSpan.from : `${s.dateSpan.from} – ${s.dateSpan.to}`) : 'undated';
  const out: string[] = [];
  out.push(`<section class="story" id="story-${h(s.id)}">`);
  out.push(`<h2>${h(s.headline)}</h2>`);
  const badge = agreementBadge(s);
  out.push(`<p class="meta">${count(s.articleIds.length, 'article')} · ${count(s.lineages.length, 'independent lineage')} · ${h(span)}${s.outlets.length ? ` · ${h(s.outlets.join(', '))}` : ''}${badge ? ` · <span class="badge ${badge.kind}">${h(badge.label)}</span>` : ''}</p>`);
  out.push('<h3>What happened</h3><ul class="summary">');
  for (const x of s.summary) {
    out.push(
      `<li>${h(x.text)}${citeLinks(x.evidence, labels, articleNo, titles)}<span class="support">${count(x.support, 'independent source')}</span>${disagreeingHtml(x.disagreeing, labels)}</li>`,
    );
  }
  if (s.summary.length === 0) out.push('<li>(no summary: the articles hold no usable sentences)</li>');
  out.push('</ul>');
  out.push(analysisSectionsHtml(s, { labels, articleNo, titles }));
  out.push('<h3>Sources</h3><table><thead><tr><th>#</th><th>Title</th><th>Outlet</th><th>Published</th><th>Words</th><th>Note</th></tr></thead><tbody>');
  for (const id of s.articleIds) {
    const a = arts.get(id);
    if (!a) continue;
    const bg = s.background.find((x) => x.articleId === id);
    const n = articleNo.get(id) ?? 0;
    out.push(
      `<tr><td>${labels.get(id)}</td><td><a href="#a${n}">${h(titles.get(id) ?? '')}</a><br><code>${h(a.id)}</code></td><td>${h(a.outlet ?? '')}</td>` +
        `<td class="date" title="${h(a.publishedEvidence ?? '')}">${h(a.published ?? 'undated')}</td><td>${a.words}</td><td>${bg ? `<span class="bg">background: ${h(bg.reason)}</span>` : ''}</td></tr>`,
    );
  }
  out.push('</tbody></table></section>');
  return out.join('\n');
}

/** Renders an article's text as paragraphs, wrapping each cited sentence in an anchored span. */
function articleText(text: string, no: number, refs: SentenceRef[]): string {
  const cuts = [...new Map(refs.map((r) => [r.sentence, r])).values()].sort((a, b) => a.start - b.start);
  let html = '';
  let pos = 0;
  for (const r of cuts) {
    if (r.start < pos || r.end > text.length) continue;
    html += h(text.slice(pos, r.start));
    html += `<span class="s" id="${sentenceAnchor(no, r.sentence)}">${h(text.slice(r.start, r.end))}</span>`;
    pos = r.end;
  }
  html += h(text.slice(pos));
  return html
    .split(/\n+/)
    .filter((p) => p.trim())
    .map((p) => `<p>${p}</p>`)
    .join('\n');
}

export function renderHtml(b: Briefing, opts: HtmlOptions = {}): string {
  const articleNo = new Map(b.articles.map((a, i) => [a.id, i + 1]));
  const refsOf = new Map<string, SentenceRef[]>();
  const addRef = (r: SentenceRef) => {
    const l = refsOf.get(r.articleId) ?? [];
    l.push(r);
    refsOf.set(r.articleId, l);
  };
  for (const s of b.stories) {
    for (const x of s.summary) x.evidence.forEach(addRef);
    for (const q of s.quotes) for (const v of q.variants) v.refs?.forEach(addRef);
    for (const d of s.disagreements) for (const p of d.positions) p.refs?.forEach(addRef);
    for (const t of s.timeline) t.refs?.forEach(addRef);
  }
  const title = opts.title ?? (b.stories[0]?.headline ? `crossread: ${b.stories[0].headline}` : 'crossread briefing');
  const out: string[] = [];
  out.push('<!doctype html><html lang="en"><head><meta charset="utf-8">');
  out.push('<meta name="viewport" content="width=device-width, initial-scale=1">');
  out.push(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
  out.push(`<title>${h(title)}</title><style>${CSS}</style></head><body>`);
  out.push(`<header><h1>crossread briefing</h1><p class="meta">${count(b.articles.length, 'article')} · ${count(b.stories.length, 'story', 'stories')} · generated by crossread ${h(b.generator.version)}</p></header>`);
  for (const s of b.stories) out.push(storyHtml(b, s, articleNo, opts.texts));
  out.push('<h2>Articles</h2>');
  for (const a of b.articles) {
    const n = articleNo.get(a.id) ?? 0;
    out.push(`<article class="article" id="a${n}"><h3>${h(articleName(a, opts.texts?.get(a.id)))}</h3>`);
    out.push(`<p class="meta">${h([a.outlet, a.byline, a.published ?? 'undated'].filter(Boolean).join(' · '))} · <code>${h(a.path)}</code> · ${a.rawWords} → ${count(a.words, 'word')}</p>`);
    if (a.removed.length) {
      out.push(`<details><summary>Removed by cleaning (${h(removalSummary(a.removed))})</summary>`);
      for (const r of a.removed) out.push(`<p class="removed" title="${h(r.kind)}">${h(r.text)}</p>`);
      out.push('</details>');
    }
    for (const w of a.warnings) out.push(`<p class="warn">${h(w.message)}</p>`);
    const text = opts.texts?.get(a.id);
    if (text !== undefined) out.push(articleText(text, n, refsOf.get(a.id) ?? []));
    out.push('</article>');
  }
  if (b.skipped.length) {
    out.push('<h2>Skipped inputs</h2><ul>');
    for (const w of b.skipped) out.push(`<li class="warn">${h(w.message)}</li>`);
    out.push('</ul>');
  }
  out.push(`<footer>schema ${h(b.schemaVersion)}</footer></body></html>`);
  return out.join('\n');
}
