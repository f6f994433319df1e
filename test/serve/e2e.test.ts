/**
 * End-to-end tests of the web app in a real browser (Debian's Chromium through
 * playwright-core) against the server on 127.0.0.1 with a real store: the list loads,
 * a story opens, a citation click highlights the sentence (with and without the
 * script), the matrix and timeline render, hostile article text runs nothing, an
 * upload becomes a story. Screenshots of the main pages go to test-artifacts/serve/.
 *
 * Chromium is required: when it is missing the tests fail with instructions (CI
 * installs it in .ci/run); set CROSSREAD_SKIP_BROWSER_TESTS=1 to skip them on purpose.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { Briefing } from '../../src/briefing.js';
import type { RunningServer } from '../../src/serve/index.js';
import type { Article } from '../../src/types.js';
import { articleFromRecord } from '../../src/ingest/index.js';
import { REPO } from '../helpers/shared.js';
import { splitPeriod } from '../../src/serve/views/timeline.js';
import { exampleArticles, harbourArticle, request, serve, tempStore, type TempStore } from './helpers.js';

const CHROMIUM = process.env.CROSSREAD_CHROMIUM ?? '/usr/bin/chromium';
const SKIP = process.env.CROSSREAD_SKIP_BROWSER_TESTS === '1';
const ARTIFACTS = resolve(REPO, 'test-artifacts', 'serve');
const AXE = resolve(REPO, 'node_modules', 'axe-core', 'axe.min.js');
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const HOSTILE_TEXT = [
  'Residents near the Etna volcano said on Monday that <script>window.pwned = 1</script> ash had fallen on the town overnight for the third time this week.',
  'Officials closed the airport in Catania <img src=x onerror="window.pwned = 2"> after the eruption sent a column of smoke several kilometres high.',
  'Volcanologists said the activity was expected to continue for days, and that the lava flows posed no danger to the villages on the slopes.',
].join('\n\n');

let ts: TempStore;
let server: RunningServer;
let browser: Browser;
let exampleStory: string;
let hostileStory: string;
const cspViolations: string[] = [];

function shot(page: Page, name: string, fullPage = true) {
  return page.screenshot({ path: resolve(ARTIFACTS, `${name}.png`), fullPage });
}

async function newPage(opts: { javaScriptEnabled?: boolean; width?: number } = {}): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await browser.newContext({ viewport: { width: opts.width ?? 1280, height: 900 }, javaScriptEnabled: opts.javaScriptEnabled ?? true });
  const page = await ctx.newPage();
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) cspViolations.push(`${page.url()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => cspViolations.push(`${page.url()}: page error ${e.message}`));
  return { ctx, page };
}

async function api<T>(path: string): Promise<T> {
  return (await request(server.url, 'GET', path)).json<T>();
}

describe.skipIf(SKIP)('the web app in Chromium', () => {
  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `Chromium not found at ${CHROMIUM}: the browser tests need it. Install it (apt-get install -y chromium; .ci/run does this in CI), point CROSSREAD_CHROMIUM at it, or set CROSSREAD_SKIP_BROWSER_TESTS=1 to skip these tests on purpose.`,
      );
    }
    mkdirSync(ARTIFACTS, { recursive: true });
    ts = tempStore();
    const examples = await exampleArticles();
    const r1 = await ts.store.addArticles(examples);
    exampleStory = r1.added[0]?.storyId as string;
    const { article } = articleFromRecord({ id: 'etna<script>', title: 'Etna <b onmouseover="window.pwned=3">erupts</b> again', outlet: 'Volcano <i>Watch</i>', published: '2024-05-06', text: HOSTILE_TEXT }, 'hostile.json');
    const r2 = await ts.store.addArticles([article as Article]);
    hostileStory = r2.added[0]?.storyId as string;
    expect(hostileStory).not.toBe(exampleStory);
    server = await serve(ts.store);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await ts?.cleanup();
  });

  it('lists the stories, searches and filters', async () => {
    const { ctx, page } = await newPage();
    await page.goto(server.url);
    await expect.poll(() => page.locator('.story-row').count()).toBe(2);
    const headline = (await api<Briefing>(`/api/stories/${exampleStory}`)).stories[0]?.headline;
    expect(await page.locator(`.story-row[data-story="${exampleStory}"] .story-title`).textContent()).toBeTruthy();
    // The badge appears once the background analysis has briefed the listed stories.
    await expect.poll(async () => {
      await page.reload();
      return page.locator(`.story-row[data-story="${exampleStory}"] .badge`).count();
    }, { timeout: 20_000 }).toBe(1);
    await shot(page, 'list');
    await page.fill('#f-q', 'Gerasimov');
    await page.click('.filters button[type=submit]');
    await page.waitForURL(/q=Gerasimov/);
    expect(await page.locator('.story-row').count()).toBe(1);
    await page.goto(`${server.url}?q=volcano`);
    expect(await page.locator('.story-row').count()).toBe(1);
    expect(await page.locator('.story-row .story-title').textContent()).toContain('Etna');
    await page.goto(`${server.url}?q=nothingmatchesthis`);
    expect(await page.locator('.empty h2').textContent()).toBe('No story matches');
    expect(headline).toBeTruthy();
    await ctx.close();
  });

  it('opens a story with its cited summary, matrix, quotes, timeline and sources', async () => {
    const b = await api<Briefing>(`/api/stories/${exampleStory}`);
    const s = b.stories[0];
    if (!s) throw new Error('no story');
    const { ctx, page } = await newPage();
    await page.goto(server.url);
    await page.click(`.story-row[data-story="${exampleStory}"] .story-title a`);
    await page.waitForURL(/\/stories\//);
    expect(await page.locator('h1').textContent()).toBe(s.headline);
    expect(await page.locator('#summary ol.summary > li').count()).toBe(s.summary.length);
    expect(await page.locator('table.sources tbody tr').count()).toBe(s.articleIds.length);
    // The example's sources disagree: the matrix has a row per disagreement, conflicts coloured.
    expect(s.disagreements.length).toBeGreaterThan(0);
    expect(await page.locator('table.matrix tbody tr').count()).toBe(s.disagreements.length);
    expect(await page.locator('table.matrix td.pos').count()).toBeGreaterThan(0);
    // The timeline chart has a row per dated entry and is drawn at a readable size.
    expect(s.timeline.length).toBeGreaterThan(0);
    // The chart covers the story's own period; older events are collapsed into one marker.
    const { rows: inPeriod, context } = splitPeriod(s.timeline, s.dateSpan);
    expect(inPeriod.length + context.length).toBe(s.timeline.filter((e) => /^\d{4}(-\d{2}(-\d{2})?)?$/.test(e.date)).length);
    expect(context.length).toBeGreaterThan(0); // the example reaches back to 2014
    expect(await page.locator('svg.timeline-chart.wide a.row').count()).toBe(Math.min(40, inPeriod.length));
    expect(await page.locator('svg.timeline-chart.wide a.context').count()).toBe(1);
    expect(await page.locator('svg.timeline-chart.wide .context-label').textContent()).toContain(`${context.length} earlier events`);
    const box = await page.locator('svg.timeline-chart.wide').boundingBox();
    expect(box?.width).toBeGreaterThan(600);
    expect(box?.height).toBeGreaterThan(100);
    expect(await page.locator('#entities .entity').count()).toBe(Math.min(40, s.entities.length));
    expect(await page.locator('#quotes .quote').count()).toBeGreaterThan(0);
    await shot(page, 'story');
    await page.locator('#disagreements').screenshot({ path: resolve(ARTIFACTS, 'story-matrix.png') });
    await page.locator('#timeline').screenshot({ path: resolve(ARTIFACTS, 'story-timeline.png') });
    // Downloads of the same briefing.
    const md = await request(server.url, 'GET', `/stories/${exampleStory}/briefing.md`);
    expect(md.headers['content-disposition']).toContain('attachment');
    expect(md.text).toContain(s.headline.slice(0, 20));
    const json = await request(server.url, 'GET', `/stories/${exampleStory}/briefing.json`);
    // The download is the API's briefing with each article's cleaned text added.
    const downloaded = json.json<Briefing>();
    expect({ ...downloaded, articles: downloaded.articles.map(({ text: _text, ...a }) => a) }).toEqual(b);
    for (const a of downloaded.articles) expect(typeof a.text).toBe('string');
    const html = await request(server.url, 'GET', `/stories/${exampleStory}/briefing.html`);
    expect(String(html.headers['content-security-policy'])).toContain("default-src 'none'");
    await ctx.close();
  });

  it('highlights the cited sentence in the side panel when a citation is clicked', async () => {
    const b = await api<Briefing>(`/api/stories/${exampleStory}`);
    const first = b.stories[0]?.summary[0];
    const ref = first?.evidence[0];
    if (!first || !ref) throw new Error('no citation');
    const article = await api<{ text: string }>(`/api/articles/${encodeURIComponent(ref.articleId)}`);
    const { ctx, page } = await newPage();
    await page.goto(`${server.url}stories/${exampleStory}`);
    await page.locator('#summary a.cite').first().click();
    await expect.poll(() => page.locator('#panel .s.hl').count()).toBeGreaterThan(0);
    expect(await page.locator('#panel').isVisible()).toBe(true);
    const highlighted = (await page.locator('#panel .s.hl').allTextContents()).join(' ');
    expect(highlighted.replace(/\s+/g, ' ')).toBe(article.text.slice(ref.start, ref.end).replace(/\s+/g, ' '));
    const bg = await page.evaluate(`getComputedStyle(document.querySelector('#panel .s.hl')).backgroundColor`);
    expect(bg).toBe('rgb(255, 233, 138)');
    await shot(page, 'story-panel', false);
    await page.keyboard.press('Escape');
    expect(await page.locator('#panel').isVisible()).toBe(false);
    await ctx.close();
  });

  it('without JavaScript, a citation opens the article at the sentence, highlighted by :target', async () => {
    const b = await api<Briefing>(`/api/stories/${exampleStory}`);
    const ref = b.stories[0]?.summary[0]?.evidence[0];
    if (!ref) throw new Error('no citation');
    const article = await api<{ text: string }>(`/api/articles/${encodeURIComponent(ref.articleId)}`);
    const { ctx, page } = await newPage({ javaScriptEnabled: false });
    await page.goto(`${server.url}stories/${exampleStory}`);
    await page.locator('#summary a.cite').first().click();
    await page.waitForURL(new RegExp(`/articles/.*#s-${ref.sentence}$`));
    const target = page.locator(`[id="s-${ref.sentence}"]`);
    const sel = JSON.stringify(`[id="s-${ref.sentence}"]`);
    expect(await page.evaluate(`document.querySelector(${sel}).matches(':target')`)).toBe(true);
    expect(await page.evaluate(`getComputedStyle(document.querySelector(${sel})).backgroundColor`)).toBe('rgb(255, 233, 138)');
    expect((await target.textContent())?.replace(/\s+/g, ' ')).toBe(article.text.slice(ref.start, ref.end).replace(/\s+/g, ' ').trim().split('\n')[0]);
    await shot(page, 'article');
    await ctx.close();
  });

  it('renders hostile article text as text and runs none of it', async () => {
    const { ctx, page } = await newPage();
    for (const path of [`stories/${hostileStory}`, `articles/${encodeURIComponent('etna<script>')}`, '?q=etna']) {
      await page.goto(`${server.url}${path}`);
      expect(await page.evaluate('window.pwned')).toBeUndefined();
      expect(await page.locator('main img, main iframe, main b, main i').count()).toBe(0);
    }
    const text = await page.goto(`${server.url}articles/${encodeURIComponent('etna<script>')}`).then(() => page.locator('.main-text').textContent());
    expect(text).toContain('<script>window.pwned = 1</script>');
    expect(text).toContain('<img src=x onerror="window.pwned = 2">');
    expect(await page.locator('h1').textContent()).toBe('Etna <b onmouseover="window.pwned=3">erupts</b> again');
    await page.hover('h1');
    expect(await page.evaluate('window.pwned')).toBeUndefined();
    await shot(page, 'article-hostile');
    await ctx.close();
  });

  it('turns an upload into a story, showing progress', async () => {
    const before = (await api<{ total: number }>('/api/stories')).total;
    const { ctx, page } = await newPage();
    const statuses: string[] = [];
    await page.exposeFunction('recordStatus', (s: string) => statuses.push(s));
    await page.goto(`${server.url}add`);
    await shot(page, 'add');
    await page.setInputFiles('#files', [
      { name: 'harbour-a.txt', mimeType: 'text/plain', buffer: Buffer.from(`Rotterdam port traffic rises\n\n${harbourArticle(1)}`) },
      { name: 'harbour-b.txt', mimeType: 'text/plain', buffer: Buffer.from(`Rotterdam to open deep-water berths\n\n${harbourArticle(2).replace('Tuesday', 'Wednesday')}`) },
    ]);
    await page.evaluate(`(() => {
      const el = document.querySelector('.upload-form .status');
      new MutationObserver(() => window.recordStatus(el.textContent || '')).observe(el, { childList: true, characterData: true, subtree: true });
    })()`);
    await page.click('.upload-form button[type=submit]');
    await page.waitForURL(/\/uploads\//);
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 20_000 }).toBe('Upload processed');
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.some((s) => /Uploading|Processing|Grouping|Reading|Done/.test(s))).toBe(true);
    await shot(page, 'upload-done');
    await page.locator('.story-link').first().click();
    await page.waitForURL(/\/stories\//);
    expect(await page.locator('h1').textContent()).toMatch(/Rotterdam/);
    expect(await page.locator('table.sources tbody tr').count()).toBe(2);
    expect((await api<{ total: number }>('/api/stories')).total).toBe(before + 1);
    await ctx.close();
  });

  it('adds pasted text without JavaScript (form post, self-refreshing progress page)', async () => {
    const { ctx, page } = await newPage({ javaScriptEnabled: false });
    await page.goto(`${server.url}add`);
    await page.fill('#p-title', 'Lighthouse keepers return to Scottish islands');
    await page.fill('#p-outlet', 'Island News');
    await page.fill('#p-text', [
      'Lighthouse keepers will return to three remote Scottish islands next summer for the first time since the lights were automated in 1998, the Northern Lighthouse Board said on Friday.',
      'The keepers will maintain the historic buildings and run visitor centres, the board said, adding that the lights themselves will stay automatic.',
      'Islanders welcomed the plan, which is expected to bring tourists to the islands during the summer months.',
    ].join('\n\n'));
    await page.click('.paste-form button[type=submit]');
    await page.waitForURL(/\/uploads\//);
    await expect.poll(async () => {
      await page.waitForLoadState();
      return page.locator('h1').textContent();
    }, { timeout: 20_000 }).toBe('Upload processed');
    await page.locator('.story-link').first().click();
    expect(await page.locator('h1').textContent()).toBe('Lighthouse keepers return to Scottish islands');
    await ctx.close();
  });

  it('fits a phone screen: no sideways scrolling anywhere, tables as stacked cards, filters folded', async () => {
    const { ctx, page } = await newPage({ width: 390 });
    // Every page kind; the matrix, the timeline and the sources table must read without sideways scrolling.
    const paths = [
      ['', 'list-mobile'],
      [`stories/${exampleStory}`, 'story-mobile'],
      [`articles/${encodeURIComponent((await api<Briefing>(`/api/stories/${exampleStory}`)).articles[0]?.id ?? '')}`, 'article-mobile'],
      ['add', 'add-mobile'],
    ] as const;
    for (const [path, name] of paths) {
      await page.goto(`${server.url}${path}`);
      // (A string, not a function: the test runner's transform would add helpers the page lacks.)
      const overflow = await page.evaluate(`(() => {
        const W = document.documentElement.clientWidth;
        const visible = (e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
        // Any element that scrolls sideways (a table in a scroll box included), or sticks out of the page.
        const scrollers = [...document.querySelectorAll('body *')].filter((e) => visible(e) && e.scrollWidth > e.clientWidth + 1 && ['auto', 'scroll'].includes(getComputedStyle(e).overflowX));
        const wide = [...document.querySelectorAll('main *')].filter((e) => visible(e) && e.getBoundingClientRect().right > W + 1 && !e.closest('.sr'));
        return {
          by: document.documentElement.scrollWidth - W,
          scrolls: scrollers.slice(0, 5).map((e) => e.outerHTML.slice(0, 100) + ' ' + e.scrollWidth + '>' + e.clientWidth),
          what: wide.slice(0, 5).map((e) => e.outerHTML.slice(0, 100) + ' ' + Math.round(e.getBoundingClientRect().right)),
        };
      })()`);
      expect({ path, ...(overflow as object) }).toEqual({ path, by: 0, scrolls: [], what: [] });
      await shot(page, name, name !== 'list-mobile');
    }
    // The list's filters are folded behind a button; the search box stays.
    await page.goto(server.url);
    expect(await page.locator('#f-q').isVisible()).toBe(true);
    expect(await page.locator('#f-outlet').isVisible()).toBe(false);
    await page.locator('.more-filters > summary').click();
    expect(await page.locator('#f-outlet').isVisible()).toBe(true);
    // The story page: the matrix as cards (a cell's claim shown inline), the phone drawing of the timeline.
    await page.goto(`${server.url}stories/${exampleStory}`);
    expect(await page.locator('svg.timeline-chart.narrow').isVisible()).toBe(true);
    expect(await page.locator('svg.timeline-chart.wide').isVisible()).toBe(false);
    const tick = await page.locator('svg.timeline-chart.narrow text.tick').first().boundingBox();
    expect(tick?.height).toBeGreaterThan(9); // text of readable size, not a scaled-down desktop chart
    expect(await page.locator('table.matrix .claim').first().isVisible()).toBe(true);
    await page.locator('#disagreements').screenshot({ path: resolve(ARTIFACTS, 'story-matrix-mobile.png') });
    await page.locator('#timeline').screenshot({ path: resolve(ARTIFACTS, 'story-timeline-mobile.png') });
    await page.locator('#sources').screenshot({ path: resolve(ARTIFACTS, 'story-sources-mobile.png') });
    await ctx.close();
  });

  it('shows a matrix cell’s claim on hover and on keyboard focus, and a timeline point’s event text on focus', async () => {
    const { ctx, page } = await newPage();
    await page.goto(`${server.url}stories/${exampleStory}`);
    const claim = page.locator('table.matrix .claim').first();
    expect(await claim.isVisible()).toBe(false);
    await page.locator('table.matrix .cell-link').first().focus();
    expect(await claim.isVisible()).toBe(true);
    expect((await claim.textContent())?.length).toBeGreaterThan(10);
    await page.mouse.move(0, 0);
    await page.locator('body').click({ position: { x: 1, y: 1 } });
    expect(await claim.isVisible()).toBe(false);
    await page.locator('table.matrix .cell-link').nth(1).hover();
    expect(await page.locator('table.matrix .claim').nth(1).isVisible()).toBe(true);
    const tip = page.locator('svg.timeline-chart.wide a.row .tip').first();
    expect(await tip.isVisible()).toBe(false);
    await page.locator('svg.timeline-chart.wide a.row').first().focus();
    expect(await tip.isVisible()).toBe(true);
    await page.locator('#timeline').screenshot({ path: resolve(ARTIFACTS, 'story-timeline-focus.png') });
    await ctx.close();
  });

  it('has no serious or critical accessibility violation on any page kind (axe-core), nor a contrast one in dark mode', async () => {
    const b = await api<Briefing>(`/api/stories/${exampleStory}`);
    const job = await request(server.url, 'POST', '/api/articles?name=note.txt&async=1', { headers: { 'content-type': 'text/plain' }, body: `Harbour note\n\n${harbourArticle(9)}` });
    const jobPage = (job.json<{ pageUrl?: string }>().pageUrl ?? '/').slice(1);
    // Every page kind: list, story, article, add news, an upload's page, an error page.
    const pages = ['', `stories/${exampleStory}`, `articles/${encodeURIComponent(b.articles[0]?.id ?? '')}`, 'add', jobPage, 'stories/no-such-story'];
    const found: string[] = [];
    // Light mode: every WCAG 2 A/AA rule; dark mode changes only colours: the contrast rule.
    for (const [scheme, only] of [['light', ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']], ['dark', ['color-contrast']]] as const) {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: scheme, bypassCSP: true });
      const page = await ctx.newPage();
      for (const path of pages) {
        await page.goto(`${server.url}${path}`);
        await page.addScriptTag({ path: AXE });
        const runOnly = scheme === 'light' ? `{ type: 'tag', values: ${JSON.stringify(only)} }` : `{ type: 'rule', values: ${JSON.stringify(only)} }`;
        const result = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'], runOnly: ${runOnly} })`)) as { violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> };
        for (const v of result.violations) {
          if (v.impact === 'serious' || v.impact === 'critical') found.push(`${scheme} /${path}: ${v.id} (${v.impact}) at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
        }
      }
      await page.goto(`${server.url}stories/${exampleStory}`);
      await shot(page, `story-${scheme}`, false);
      await page.goto(server.url);
      await shot(page, `list-${scheme}`, false);
      await ctx.close();
    }
    expect(found).toEqual([]);
  }, 180_000);

  it('violated no Content-Security-Policy rule on any page and threw no script error', () => {
    expect(cspViolations).toEqual([]);
  });
});
