/**
 * Page templates: escaping of hostile article text in every section, sentence anchors,
 * removals struck through in place, the timeline chart, quote differences, dates.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseHTML } from 'linkedom';
import type { Briefing, BriefingStory } from '../../src/briefing.js';
import type { StoredArticle } from '../../src/store/store.js';
import type { SentenceSpan } from '../../src/serve/tasks.js';
import { articleBody, cleanedTextHtml, locateRemovals, rawTextHtml } from '../../src/serve/views/article.js';
import { page } from '../../src/serve/views/layout.js';
import { listBody, storyBadge } from '../../src/serve/views/list.js';
import { markDifferences, storyBody } from '../../src/serve/views/story.js';
import { dateInterval, splitPeriod, ticks, timelineSvg } from '../../src/serve/views/timeline.js';
import { clip, formatDate, formatSpan, query, safeHref, sourceName } from '../../src/serve/views/util.js';
import { jobBody } from '../../src/serve/views/add.js';

const EVIL = [
  '<script>window.pwned=1</script>',
  '<img src=x onerror="window.pwned=2">',
  '"><svg onload=alert(1)>',
  "' onmouseover='alert(3)",
  '`${alert(4)}`',
  '</textarea><iframe src="javascript:alert(5)">',
];
const evil = (i: number) => `${EVIL[i % EVIL.length]} text ${i}`;

/** A briefing with every section filled, every string hostile. */
function hostileBriefing(): Briefing {
  const ids = ['a<1>', 'b"2', "c'3", 'd&4'];
  const ref = (k: number, sentence = 0) => ({ articleId: ids[k] as string, sentence, start: 0, end: 10 });
  const story: BriefingStory = {
    id: 's-<x>',
    headline: evil(0),
    articleIds: ids,
    dateSpan: { from: '2017-12-06', to: '2017-12-08' },
    outlets: [evil(1), evil(2)],
    summary: [{ text: evil(3), sources: [ids[0] as string, ids[1] as string], from: ref(0), evidence: [ref(0), ref(1, 2)], support: 2 }],
    entities: [{ name: evil(4), type: 'person', aliases: [evil(5)], mentions: 3, sources: [ids[0] as string], titles: [evil(6)] }],
    quotes: [
      {
        speaker: evil(7),
        text: evil(8),
        sources: [ids[0] as string, ids[2] as string],
        variants: [
          { text: evil(8), sources: [ids[0] as string], refs: [ref(0, 1)] },
          { text: `${evil(8)} ${evil(9)}`, sources: [ids[2] as string] },
        ],
      },
    ],
    disagreements: [
      {
        kind: 'number',
        subject: evil(10),
        note: evil(11),
        positions: [
          { value: evil(12), statement: evil(13), sources: [ids[0] as string], attributedTo: evil(14), refs: [ref(0, 3)] },
          { value: evil(15), statement: evil(16), sources: [ids[1] as string, ids[3] as string], attributedTo: null },
        ],
      },
    ],
    lineages: [
      { id: 'L1', articleIds: [ids[0] as string, ids[1] as string], evidence: evil(17) },
      { id: 'L<2>', articleIds: [ids[2] as string], evidence: evil(18) },
      { id: 'L3', articleIds: [ids[3] as string], evidence: evil(19) },
    ],
    background: [{ articleId: ids[3] as string, reason: evil(20) }],
    timeline: [
      { date: '2017-12-06', text: evil(21), sources: [ids[0] as string], reportedOn: '2017-12-07', refs: [ref(0, 4)] },
      { date: '2015', text: evil(22), sources: [ids[1] as string], reportedOn: null },
      { date: '2016-04', text: evil(23), sources: [ids[2] as string], reportedOn: '2017-12-08' },
    ],
  };
  return {
    schemaVersion: '1.0.0',
    generator: { name: 'crossread', version: '0' },
    options: { words: 120, sentences: null },
    articles: ids.map((id, i) => ({
      id,
      path: evil(30 + i),
      url: 'javascript:alert(1)',
      title: evil(40 + i),
      byline: evil(50 + i),
      outlet: evil(60 + i),
      published: '2017-12-07',
      publishedEvidence: evil(70 + i),
      words: 100,
      rawWords: 120,
      removed: [{ kind: 'share', text: evil(80 + i) }],
      warnings: [{ code: 'X', level: 'warning', message: evil(90 + i), source: null }],
      storyId: 's-<x>',
    })),
    stories: [story],
    skipped: [],
    status: 0,
  };
}

/** Fails on any element or attribute that could run script. */
function assertInert(html: string): ReturnType<typeof parseHTML>['document'] {
  const { document } = parseHTML(html);
  const scripts = [...document.querySelectorAll('script')];
  // The only script is the app's own same-origin file.
  for (const s of scripts) expect(s.getAttribute('src')).toMatch(/^\/static\/app\.js\?v=[0-9a-f]+$/);
  expect(document.querySelectorAll('iframe, object, embed, img, textarea').length).toBe(0);
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      expect(attr.name.startsWith('on'), `${el.tagName} has ${attr.name}`).toBe(false);
      if (['href', 'src', 'action', 'xlink:href'].includes(attr.name)) expect(attr.value.trim().toLowerCase().startsWith('javascript:')).toBe(false);
    }
    if (el.hasAttribute('style')) throw new Error(`${el.tagName} has an inline style (blocked by the CSP)`);
  }
  return document;
}

describe('escaping', () => {
  it('renders a hostile briefing in every section as text', () => {
    const b = hostileBriefing();
    const html = page({ title: evil(99), kind: 'story', body: storyBody({ briefing: b }) });
    const document = assertInert(html);
    const text = document.body.textContent ?? '';
    for (const i of [0, 3, 4, 7, 8, 10, 12, 15, 21, 40]) expect(text).toContain(evil(i));
    // Every section rendered (none fell back to its empty note).
    for (const id of ['summary', 'entities', 'disagreements', 'quotes', 'timeline', 'sources']) expect(document.getElementById(id)).not.toBeNull();
    expect(document.querySelectorAll('table.matrix tbody tr').length).toBe(1);
    expect(document.querySelectorAll('table.matrix td.pos').length).toBe(3);
    // The 2015 and 2016 events are older context, collapsed into one marker (in the wide and the phone drawing).
    expect(document.querySelectorAll('svg.timeline-chart.wide a.row').length).toBe(1);
    expect(document.querySelectorAll('svg.timeline-chart a.context').length).toBe(2);
    expect(document.querySelectorAll('.entities .entity').length).toBe(1);
    expect(document.querySelectorAll('.quote.multi .wordings li').length).toBe(2);
    expect(document.querySelectorAll('tr.background').length).toBe(1);
  });

  it('links citations to the article page at the sentence, with ids URL-encoded', () => {
    const { document } = parseHTML(storyBody({ briefing: hostileBriefing() }));
    const hrefs = [...document.querySelectorAll('#summary a.cite')].map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual(['/articles/a%3C1%3E#s-0', '/articles/b%222#s-2']);
  });

  it('renders an article with hostile text, metadata and removals as text', () => {
    const text = `${EVIL.join(' and ')}. Second sentence here.`;
    const a: StoredArticle = {
      id: 'x<y>',
      path: evil(1),
      format: 'json',
      url: 'javascript:alert(1)',
      title: evil(2),
      byline: evil(3),
      outlet: evil(4),
      published: '2017-12-07',
      publishedEvidence: evil(5),
      rawText: `${evil(6)}\n${text}`,
      text,
      rawWords: 30,
      words: 20,
      removed: [{ kind: 'share', text: evil(6) }],
      encoding: 'utf-8',
      language: 'en',
      diagnostics: [{ code: 'X', level: 'warning', message: evil(7), source: null }],
      seq: 1,
      storyId: null,
      contentHash: 'h',
      ingestedAt: '2024-01-01T00:00:00.000Z',
      related: [{ articleId: evil(8), similarity: 0.5, kind: 'shared' }],
    };
    const spans: SentenceSpan[] = [{ index: 0, paragraph: 0, start: 0, end: text.indexOf('Second') - 1 }, { index: 1, paragraph: 0, start: text.indexOf('Second'), end: text.length }];
    const document = assertInert(page({ title: a.title ?? '', kind: 'article', body: articleBody({ article: a, spans, story: null }) }));
    expect(document.querySelector('.main-text .text')?.textContent).toBe(text);
    expect(document.querySelector('del.removed')?.textContent).toBe(evil(6));
    // A javascript: URL is shown, never linked.
    expect(document.querySelector('.meta-table a[href^="javascript"]')).toBeNull();
  });

  it('renders the list, job pages with hostile values as text', () => {
    const s = { id: 's<1>', headline: evil(1), articleCount: 2, lineageCount: 1, dateSpan: { from: null, to: null }, outlets: [evil(2)], createdAt: '', updatedAt: '' };
    assertInert(page({ title: 'x', kind: 'list', body: listBody({ page: { items: [s], total: 1, limit: 20, offset: 0 }, query: { q: evil(3), outlet: evil(4) }, facts: () => ({ disagreements: 2, lineages: 1 }), totalArticles: 2 }) }));
    assertInert(
      page({
        title: 'x',
        kind: 'job',
        body: jobBody(
          {
            id: 'j',
            state: 'done',
            stage: null,
            done: 1,
            total: 1,
            inputs: 1,
            bytes: 10,
            createdAt: '',
            finishedAt: '',
            error: null,
            outcome: {
              read: 1,
              added: [{ id: evil(5), title: evil(6), outlet: null, storyId: 's<1>', newStory: true, related: [] }],
              skipped: [{ id: evil(7), title: evil(8), reason: 'same-url', existingId: evil(9) }],
              merged: [],
              diagnostics: [{ code: 'X', level: 'error', message: evil(10), source: null }],
              stories: ['s<1>'],
            },
          },
          new Map([['s<1>', s]]),
        ),
      }),
    );
  });
});

describe('sentence anchors', () => {
  it('wraps every sentence in a span with its id, keeping the text exactly', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.constantFrom('a', 'b', ' ', '<', '&', '"', 'é', '.'), { minLength: 1, maxLength: 12 }).map((c) => c.join('')), { minLength: 1, maxLength: 6 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        (paras, cuts) => {
          const text = paras.join('\n');
          // Sentences: consecutive non-empty ranges between sorted cut points.
          const points = [...new Set([0, ...cuts.map((c) => c % (text.length + 1)), text.length])].sort((x, y) => x - y);
          const spans: SentenceSpan[] = [];
          for (let i = 0; i + 1 < points.length; i++) {
            const start = points[i] as number;
            const end = points[i + 1] as number;
            if (text.slice(start, end).trim()) spans.push({ index: spans.length, paragraph: 0, start, end });
          }
          const { document } = parseHTML(`<div>${cleanedTextHtml(text, spans)}</div>`);
          const ps = [...document.querySelectorAll('p')].map((p) => p.textContent);
          const expected = text.split('\n').map((l) => l.trim()).filter(Boolean);
          expect(ps).toEqual(expected);
          // Every sentence that has visible text has exactly one anchor.
          for (const s of spans) {
            const visible = text.slice(s.start, s.end).split('\n').some((l) => l.trim());
            expect(document.querySelectorAll(`[id="s-${s.index}"]`).length).toBe(visible ? 1 : 0);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('removals', () => {
  it.each([
    ['in order', 'AAA body BBB tail', [{ kind: 'share', text: 'AAA' }, { kind: 'credit', text: 'BBB' }], [[0, 3], [9, 12]], 0],
    ['out of order', 'AAA body BBB tail', [{ kind: 'credit', text: 'BBB' }, { kind: 'share', text: 'AAA' }], [[0, 3], [9, 12]], 0],
    ['the same text twice', 'Share this. Body. Share this.', [{ kind: 'share', text: 'Share this.' }, { kind: 'share', text: 'Share this.' }], [[0, 11], [18, 29]], 0],
    ['text not in the raw text', 'Body only.', [{ kind: 'byline', text: 'By Someone' }], [], 1],
    ['empty removal', 'Body only.', [{ kind: 'byline', text: '' }], [], 0],
  ] as const)('locates removals %s', (_what, raw, removed, ranges, unlocated) => {
    const r = locateRemovals(raw, removed.map((x) => ({ ...x })));
    expect(r.ranges.map((x) => [x.start, x.end])).toEqual(ranges);
    expect(r.unlocated.length).toBe(unlocated);
  });

  it('strikes removals through in place and keeps the rest of the raw text', () => {
    const raw = 'Share on <Facebook>\nThe body & more.\nBy Reporter';
    const html = rawTextHtml(raw, [{ kind: 'share', text: 'Share on <Facebook>' }, { kind: 'byline', text: 'By Reporter' }]);
    const { document } = parseHTML(`<div>${html}</div>`);
    expect([...document.querySelectorAll('del')].map((d) => [d.getAttribute('data-kind'), d.textContent])).toEqual([
      ['share', 'Share on <Facebook>'],
      ['byline', 'By Reporter'],
    ]);
    expect(document.querySelector('.rawtext')?.textContent).toBe(raw);
  });
});

describe('timeline chart', () => {
  it.each([
    ['2017-12-07', 'day', 0],
    ['2017-12', 'month', 30],
    ['2016', 'year', 365],
    ['2017-13', null, 0],
    ['12/07/2017', null, 0],
    ['', null, 0],
  ] as const)('reads %s as a %s', (d, precision, length) => {
    const r = dateInterval(d);
    if (precision === null) expect(r).toBeNull();
    else {
      expect(r?.precision).toBe(precision);
      expect((r?.end ?? 0) - (r?.start ?? 0)).toBe(length);
    }
  });

  it('places at most a dozen increasing ticks inside the range, whatever the range', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30_000 }), fc.integer({ min: 1, max: 20_000 }), (lo, span) => {
        const t = ticks(lo, lo + span);
        expect(t.length).toBeLessThanOrEqual(12);
        for (let i = 0; i < t.length; i++) {
          const d = (t[i] as { day: number }).day;
          expect(d).toBeGreaterThanOrEqual(lo);
          expect(d).toBeLessThanOrEqual(lo + span);
          if (i) expect(d).toBeGreaterThan((t[i - 1] as { day: number }).day);
        }
      }),
    );
  });

  it('draws one row per dated entry, oldest first, with report markers, and nothing without dates', () => {
    const entries = [
      { date: '2017-12-06', text: 'b', sources: [], reportedOn: '2017-12-07' },
      { date: 'sometime', text: 'x', sources: [], reportedOn: null },
      { date: '2015', text: 'a', sources: [], reportedOn: '2017-12-07' },
    ];
    const { document } = parseHTML(`<div>${timelineSvg(entries)}</div>`);
    const rows = [...document.querySelectorAll('a.row')];
    expect(rows.map((r) => r.getAttribute('data-entry'))).toEqual(['2', '0']);
    expect(document.querySelectorAll('a.row path.report').length).toBe(2);
    expect(document.querySelectorAll('a.row rect.range').length).toBe(1);
    expect(timelineSvg([{ date: 'n/a', text: 'x', sources: [], reportedOn: null }])).toBe('');
  });
});

describe('small helpers', () => {
  it('marks the words a wording changes, escaped', () => {
    expect(markDifferences('all IS gangs destroyed', 'all IS gangs destroyed')).not.toContain('<mark');
    expect(markDifferences('all IS gangs destroyed', 'all <IS> units destroyed')).toBe('all &lt;IS&gt; <mark class="diff">units</mark> destroyed');
  });

  it.each([
    [{ from: '2017-12-07', to: '2017-12-07' }, '7 Dec 2017'],
    [{ from: '2017-12-06', to: '2017-12-08' }, '6 – 8 Dec 2017'],
    [{ from: '2017-11-30', to: '2017-12-02' }, '30 Nov – 2 Dec 2017'],
    [{ from: '2016-12-30', to: '2017-01-02' }, '30 Dec 2016 – 2 Jan 2017'],
    [{ from: null, to: null }, 'undated'],
  ])('formats the span %o as %s', (span, out) => {
    expect(formatSpan(span)).toBe(out);
  });

  it.each([
    ['2017', '2017'],
    ['2017-02', 'Feb 2017'],
    ['2017-02-03', '3 Feb 2017'],
    [null, 'undated'],
  ])('formats the date %s as %s', (d, out) => expect(formatDate(d)).toBe(out));

  it.each([
    ['https://example.com/a?b=c', 'https://example.com/a?b=c'],
    ['http://example.com', 'http://example.com/'],
    ['javascript:alert(1)', null],
    ['JAVASCRIPT:alert(1)', null],
    ['data:text/html,x', null],
    ['/relative', null],
    [null, null],
  ])('links only http(s) URLs: %s', (u, out) => expect(safeHref(u)).toBe(out));
});

describe('story list rows', () => {
  it.each([
    ['not analysed yet', null, null],
    ['disagreements found', { disagreements: 3, lineages: 4 }, 'Sources disagree · 3'],
    ['two independent sources, nothing found', { disagreements: 0, lineages: 2 }, 'Sources agree'],
    ['one lineage only (copies of one report)', { disagreements: 0, lineages: 1 }, 'Single source'],
    ['no lineage at all', { disagreements: 0, lineages: 0 }, null],
  ] as const)('badge when %s', (_what, facts, text) => {
    const html = storyBadge(facts ? { ...facts } : null);
    if (text === null) expect(html).toBe('');
    else expect(parseHTML(`<div>${html}</div>`).document.querySelector('.badge')?.textContent).toBe(text);
  });

  it('shows a one-line snippet of the summary when known, and nothing made up when not', () => {
    const s = { id: 's1', headline: 'Headline', articleCount: 2, lineageCount: 2, dateSpan: { from: null, to: null }, outlets: [], createdAt: '', updatedAt: '' };
    const render = (lead: string | undefined) =>
      parseHTML(listBody({ page: { items: [s], total: 1, limit: 20, offset: 0 }, query: {}, facts: () => (lead === undefined ? null : { disagreements: 0, lineages: 2, lead }), totalArticles: 2 })).document;
    const long = 'Word '.repeat(100).trim();
    expect(render(long).querySelector('.snippet')?.textContent?.length).toBeLessThanOrEqual(221);
    expect(render('Russia declared victory.').querySelector('.snippet')?.textContent).toBe('Russia declared victory.');
    expect(render(undefined).querySelector('.snippet')).toBeNull();
    expect(render('').querySelector('.snippet')).toBeNull();
  });

  it("links each outlet chip to this page's query with that outlet and no offset, whatever the query and the outlet hold", () => {
    // The links are built once per page from a placeholder (views/list.ts outletLinks): the same as query({ ...q, outlet, offset: undefined }).
    const text = fc.oneof(fc.string({ maxLength: 12 }), fc.string({ maxLength: 6 }).map((t) => `${t}OUTLETx7fMARK`));
    fc.assert(
      fc.property(
        fc.record({ q: fc.option(text, { nil: undefined }), since: fc.option(fc.constant('2017-01-02'), { nil: undefined }), outlet: fc.option(text, { nil: undefined }), sort: fc.option(fc.constantFrom('recent' as const, 'size' as const), { nil: undefined }), offset: fc.option(fc.nat(100), { nil: undefined }) }),
        fc.array(text.filter((o) => o.trim() !== ''), { minLength: 1, maxLength: 5 }),
        (q, outlets) => {
          const s = { id: 's1', headline: 'H', articleCount: 2, lineageCount: 2, dateSpan: { from: null, to: null }, outlets, createdAt: '', updatedAt: '' };
          const html = listBody({ page: { items: [s], total: 1, limit: 20, offset: 0 }, query: q, facts: () => null, totalArticles: 2 });
          const hrefs = [...parseHTML(html).document.querySelectorAll('a.chip')].map((a) => a.getAttribute('href'));
          expect(hrefs).toEqual(outlets.map((o) => `/${query({ ...q, outlet: o, offset: undefined })}`));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('folds the filters other than the search box behind a button, open when one is in use', () => {
    const doc = (q: Record<string, string>) => parseHTML(listBody({ page: { items: [], total: 0, limit: 20, offset: 0 }, query: q, facts: () => null, totalArticles: 0 })).document;
    expect(doc({}).querySelector('details.more-filters')?.hasAttribute('open')).toBe(false);
    expect(doc({}).querySelector('details.more-filters #f-q')).toBeNull();
    expect(doc({ outlet: 'AP' }).querySelector('details.more-filters')?.hasAttribute('open')).toBe(true);
    expect(doc({ q: 'x' }).querySelector('details.more-filters')?.hasAttribute('open')).toBe(false);
  });
});

describe('story page sections', () => {
  it.each([
    [{ outlet: 'AP', title: 'T', url: null, published: null }, 'AP'],
    [{ outlet: null, title: 'A title', url: 'https://www.example.com/x', published: null }, 'A title'],
    [{ outlet: null, title: null, url: 'https://www.example.com/x', published: null }, 'example.com'],
    [{ outlet: null, title: null, url: 'javascript:x', published: '2017-12-07' }, 'untitled article of 2017-12-07'],
    [{ outlet: '  ', title: null, url: null, published: null }, 'untitled article'],
  ])('names a source %o as %s, never by its id', (a, name) => expect(sourceName(a)).toBe(name));

  it('labels matrix columns by outlet, shows value and unit, and the claim on hover and focus', () => {
    const b = hostileBriefing();
    const story = b.stories[0] as BriefingStory;
    story.disagreements = [
      {
        kind: 'number',
        subject: 'civilians killed',
        note: '',
        positions: [
          { value: 'at least 12', statement: 'Activists say at least 12 civilians were killed.', sources: ['a<1>'], attributedTo: 'activists', refs: [{ articleId: 'a<1>', sentence: 3, start: 0, end: 5 }] },
          { value: '21', statement: 'The Observatory said 21 civilians were killed.', sources: ['b"2'], attributedTo: null },
        ],
      },
    ];
    (b.articles[0] as { outlet: string | null }).outlet = 'Reuters';
    (b.articles[1] as { outlet: string | null }).outlet = null;
    const { document } = parseHTML(storyBody({ briefing: b }));
    const heads = [...document.querySelectorAll('table.matrix thead .src-col .outlet')].map((e) => e.textContent);
    expect(heads[0]).toBe('Reuters');
    expect(heads[1]).toBe(clip(b.articles[1]?.title ?? '', 28));
    const cells = [...document.querySelectorAll('table.matrix tbody td .val')];
    expect(cells.map((c) => `${c.querySelector('.v')?.textContent} ${c.querySelector('.unit')?.textContent}`)).toEqual(['at least 12 civilians killed', '21 civilians killed']);
    for (const c of cells) {
      // Focusable (a link, or tabindex=0), described by its claim.
      const trigger = c.querySelector('.cell-link');
      if (!trigger) throw new Error('no focusable value');
      expect(trigger.tagName === 'A' || trigger.getAttribute('tabindex') === '0').toBe(true);
      const tip = document.getElementById(trigger.getAttribute('aria-describedby') ?? '');
      expect(tip?.getAttribute('role')).toBe('tooltip');
      expect(tip?.textContent).toMatch(/civilians were killed/);
    }
  });

  it('shows the outlet and the byline in their own columns of the sources table', () => {
    const b = hostileBriefing();
    (b.articles[0] as { byline: string | null }).byline = 'Jane Doe';
    (b.articles[0] as { outlet: string | null }).outlet = 'AP';
    const { document } = parseHTML(storyBody({ briefing: b }));
    const head = [...document.querySelectorAll('table.sources thead th')].map((t) => t.textContent);
    const row = document.querySelector('table.sources tbody tr');
    const cell = (name: string) => row?.children[head.indexOf(name)]?.textContent;
    expect(cell('Outlet')).toBe('AP');
    expect(cell('Byline')).toBe('Jane Doe');
  });
});

describe('timeline period', () => {
  const e = (date: string, reportedOn: string | null = null) => ({ date, text: `event ${date}`, sources: [], reportedOn });
  it.each([
    ['no report span: nothing collapsed', [e('2014-09'), e('2017-12-06')], { from: null, to: null }, 2, 0],
    ['older context collapsed', [e('2014-09'), e('2015-09-30'), e('2017-07-07'), e('2017-12-06')], { from: '2017-09-12', to: '2017-12-08' }, 1, 3],
    ['within the month before the period kept', [e('2017-08-20'), e('2017-09-13')], { from: '2017-09-12', to: '2017-09-14' }, 2, 0],
    ['everything older: nothing collapsed', [e('2014'), e('2015')], { from: '2017-12-07', to: '2017-12-07' }, 2, 0],
    ['a year that reaches into the period kept', [e('2017'), e('2017-12-06')], { from: '2017-12-07', to: '2017-12-08' }, 2, 0],
  ] as const)('%s', (_what, entries, span, kept, collapsed) => {
    const r = splitPeriod([...entries], span);
    expect([r.rows.length, r.context.length]).toEqual([kept, collapsed]);
    const { document } = parseHTML(`<div>${timelineSvg([...entries], { reportSpan: span })}</div>`);
    expect(document.querySelectorAll('a.row').length).toBe(kept);
    expect(document.querySelectorAll('a.context').length).toBe(collapsed ? 1 : 0);
    // Every point carries its event's text (shown on hover and focus).
    expect([...document.querySelectorAll('a.row text.tip')].map((t) => t.textContent)).toEqual(r.rows.map((x) => x.e.text));
  });

  it('draws the period, not the years before it: the axis starts near the story', () => {
    const entries = [e('2014-09'), e('2017-12-06', '2017-12-07'), e('2017-12-05', '2017-12-07')];
    const { document } = parseHTML(`<div>${timelineSvg(entries, { reportSpan: { from: '2017-12-06', to: '2017-12-08' } })}</div>`);
    const labels = [...document.querySelectorAll('text.tick')].map((t) => t.textContent ?? '');
    expect(labels.length).toBeGreaterThan(0);
    for (const l of labels) expect(l).not.toMatch(/201[4-6]/);
  });
});

