import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { briefArticles } from '../../src/brief.js';
import { articleFromRecord } from '../../src/ingest/index.js';
import { renderHtml } from '../../src/report/html.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import type { Article } from '../../src/types.js';

const HOSTILE = [
  'Officials said on Monday that <script>alert("x")</script> the talks in Geneva had collapsed after three days of negotiations.',
  'The delegation left the venue <img src=x onerror="alert(1)"> before the final session, according to two diplomats who attended.',
  'A spokesman said the "next round" of negotiations would take place in Geneva in March, and that both sides had agreed to a ceasefire.',
  'Diplomats from both sides said that the ceasefire in the region would be monitored by observers from the United Nations.',
].join('\n');

function article(id: string, title: string, text: string): Article {
  const { article: a } = articleFromRecord({ id, title, text }, `${id}.json`);
  if (!a) throw new Error(`fixture ${id} was rejected`);
  return a;
}

describe('HTML report escaping', () => {
  const a = article('evil<1>', 'Talks <b onmouseover="x()">collapse</b> in Geneva', HOSTILE);
  const b = article('other', 'Geneva talks end early', HOSTILE.replace('collapsed', 'ended'));
  const briefing = briefArticles([a, b]);
  const html = renderHtml(briefing, { texts: new Map([[a.id, a.text], [b.id, b.text]]) });

  it('renders article text, titles and ids as text, never as markup', () => {
    expect(html).not.toContain('<script>alert');
    expect(html).not.toMatch(/<img[^>]*onerror/i);
    expect(html).not.toContain('<b onmouseover');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
    expect(html).toContain('evil&lt;1&gt;');
  });

  it('has no script element and forbids scripts by Content-Security-Policy', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain("default-src 'none'");
    // no inline event handler on any element of the parsed page
    const { document } = parseHTML(html);
    const handlers = [...document.querySelectorAll('*')].flatMap((el) =>
      [...el.attributes].map((at) => at.name).filter((n) => n.toLowerCase().startsWith('on')),
    );
    expect(handlers).toEqual([]);
    expect(document.querySelectorAll('script, img, iframe, object, embed')).toHaveLength(0);
  });

  it('escapes markup in Markdown too', () => {
    const md = renderMarkdown(briefing);
    // every < is backslash-escaped, so Markdown renders it as text
    expect(md).not.toMatch(/(?<!\\)<script>/);
    expect(md).not.toMatch(/(?<!\\)<b onmouseover/);
    expect(md).toContain('\\<script\\>');
  });
});
