/** The "Add news" page (upload files, add by URL, paste text) and the upload job page (progress, then results). */
import { formatBytes } from '../../errors.js';
import type { StorySummary } from '../../store/store.js';
import type { UploadJob } from '../uploads.js';
import { articleUrl, clip, h, plural, storyUrl } from './util.js';

export const ACCEPT = '.txt,.text,.md,.html,.htm,.xhtml,.json,.jsonl,.ndjson,.rss,.atom,.xml,text/plain,text/html,application/json';

function progressBlock(): string {
  return `<div class="progress" hidden><progress max="100" value="0"></progress><p class="status" role="status" aria-live="polite"></p></div>`;
}

export function addBody(limits: { maxBytes: number; maxUploadBytes: number }, urlError?: { url: string; message: string }): string {
  return `<header class="page-head"><h1>Add news</h1>
<p class="lead">Upload articles, add them by URL, or paste one. crossread cleans each article, groups it into a story with the articles already stored, and briefs the story.</p></header>
<div class="add-grid">
<div class="add-col">
<form class="card upload-form" method="post" action="/add" enctype="multipart/form-data" data-upload>
<h2>Upload files</h2>
<p class="muted">Plain text, HTML pages, JSON or JSON Lines records, RSS and Atom feeds. Up to ${h(formatBytes(limits.maxBytes))} a file, ${h(formatBytes(limits.maxUploadBytes))} an upload.</p>
<label class="drop"><input id="files" class="file-input" type="file" name="files" multiple accept="${ACCEPT}"><span class="drop-title">Choose files</span><span class="drop-hint">or drop them here</span></label>
<p class="chosen muted small" aria-live="polite"></p>
<div class="form-actions"><button type="submit" class="button primary">Upload and group</button></div>
${progressBlock()}
</form>
<form class="card url-form" method="post" action="/add/url" enctype="multipart/form-data">
<h2>Add by URL</h2>
<p class="muted">The address of an article page, or of an RSS or Atom feed (each item is read). Public addresses only; up to ${h(formatBytes(limits.maxBytes))} a page.</p>
${urlError ? `<p class="form-error" role="alert">${h(urlError.message)}</p>` : ''}
<div class="field"><label for="u-url">URL</label><input id="u-url" name="source" type="url" required maxlength="2000" placeholder="https://…" value="${h(urlError?.url ?? '')}"></div>
<div class="form-actions"><button type="submit" class="button primary">Fetch and group</button></div>
</form>
</div>
<form class="card paste-form" method="post" action="/add" enctype="multipart/form-data" data-upload>
<h2>Paste an article</h2>
<div class="field"><label for="p-title">Headline</label><input id="p-title" name="title" type="text" maxlength="500" placeholder="Optional: taken from the first line when it reads like one"></div>
<div class="row2"><div class="field"><label for="p-outlet">Outlet</label><input id="p-outlet" name="outlet" type="text" maxlength="200"></div>
<div class="field"><label for="p-published">Published</label><input id="p-published" name="published" type="date"></div></div>
<div class="field"><label for="p-url">URL</label><input id="p-url" name="url" type="url" maxlength="2000" placeholder="https://…"></div>
<div class="field"><label for="p-text">Text</label><textarea id="p-text" name="text" rows="12" required placeholder="The article's text"></textarea></div>
<div class="form-actions"><button type="submit" class="button primary">Add article</button></div>
${progressBlock()}
</form>
</div>`;
}

const STAGE: Record<string, string> = { read: 'Reading and cleaning', store: 'Grouping into stories' };

/** A one-line description of a job's progress. */
export function jobStatus(j: UploadJob): string {
  if (j.state === 'queued') return 'Waiting for the upload before it to finish…';
  if (j.state === 'running') return `${STAGE[j.stage ?? ''] ?? 'Working'}: ${j.done.toLocaleString('en-US')} of ${plural(j.total, j.stage === 'read' ? 'input' : 'article')}`;
  if (j.state === 'failed') return `Failed: ${j.error ?? 'unknown error'}`;
  const o = j.outcome;
  if (!o) return 'Done';
  return `Done: ${plural(o.added.length, 'article')} added to ${plural(o.stories.length, 'story', 'stories')}${o.skipped.length ? `, ${o.skipped.length} already stored` : ''}${o.diagnostics.filter((d) => d.level === 'error').length ? `, ${plural(o.diagnostics.filter((d) => d.level === 'error').length, 'input')} skipped` : ''}`;
}

export function jobBody(j: UploadJob, stories: Map<string, StorySummary>): string {
  const running = j.state === 'queued' || j.state === 'running';
  const pct = j.total > 0 ? Math.round((j.done / j.total) * 100) : 0;
  const head = `<header class="page-head"><nav class="crumbs" aria-label="Breadcrumb"><a href="/add">Add news</a></nav><h1>${
    running ? 'Processing your upload…' : j.state === 'failed' ? 'The upload failed' : 'Upload processed'
  }</h1><p class="lead" id="job-status" role="status">${h(jobStatus(j))}</p>${
    running ? `<progress class="job-progress" max="100" value="${pct}">${pct}%</progress><p class="muted small">${plural(j.inputs, 'input')}, ${h(formatBytes(j.bytes))}. This page refreshes itself.</p>` : ''
  }</header>`;
  const o = j.outcome;
  if (!o || running) return head;
  const parts: string[] = [head];
  if (o.stories.length) {
    const count = new Map<string, number>();
    for (const a of o.added) count.set(a.storyId, (count.get(a.storyId) ?? 0) + 1);
    parts.push(
      `<section class="card"><h2>Stories</h2><ul class="job-stories">${o.stories
        .slice(0, 50)
        .map((id) => {
          const s = stories.get(id);
          const isNew = o.added.some((a) => a.storyId === id && a.newStory);
          return `<li><a class="story-link" href="${storyUrl(id)}">${h(clip(s?.headline ?? id, 160))}</a><span class="muted small">${plural(count.get(id) ?? 0, 'new article')}${
            s ? ` · ${plural(s.articleCount, 'article')} in all` : ''
          }</span>${isNew ? '<span class="badge new">new story</span>' : ''}</li>`;
        })
        .join('')}</ul>${o.stories.length > 50 ? `<p class="muted small">and ${o.stories.length - 50} more</p>` : ''}</section>`,
    );
  }
  if (o.skipped.length) {
    parts.push(
      `<section class="card"><h2>Already stored</h2><ul class="plain">${o.skipped
        .slice(0, 100)
        .map((s) => `<li>${h(clip(s.title ?? s.id, 120))} <span class="muted small">— ${s.reason === 'same-url' ? 'same URL as' : 'same text as'} <a href="${h(articleUrl(s.existingId))}">${h(clip(s.existingId, 60))}</a></span></li>`)
        .join('')}</ul></section>`,
    );
  }
  if (o.diagnostics.length) {
    parts.push(`<section class="card"><h2>Problems</h2><ul class="diagnostics">${o.diagnostics.slice(0, 200).map((d) => `<li class="${h(d.level)}">${h(d.message)}</li>`).join('')}</ul></section>`);
  }
  parts.push('<p><a class="button primary" href="/add">Add more</a> <a class="button ghost" href="/">All stories</a></p>');
  return parts.join('\n');
}
