/** Input formats: HTML metadata sources, feeds, JSON records, JSON Lines, dataset lines, stdin, sniffing. */
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { articleFromRecord, detectFormat, ingest, readBytes } from '../../src/ingest/index.js';
import { REPO } from '../helpers/shared.js';

const FIX = `${REPO}test/fixtures/ingest`;
const read = (f: string) => readFileSync(`${FIX}/${f}`);
const BODY =
  'The city council on Thursday approved a tram line linking the northern suburbs to the harbour, ending a decade of argument over how to connect the fastest-growing districts to the centre.';

describe('HTML metadata: JSON-LD, then meta tags, then <time>', () => {
  const page = read('meta.html').toString('utf8');
  it('reads JSON-LD (headline, datePublished as the publisher’s local date, authors, publisher) and the canonical URL', () => {
    const [a] = readBytes('meta.html', Buffer.from(page)).articles;
    expect(a).toMatchObject({
      id: 'meta',
      format: 'html',
      title: 'Council approves £240m northern tram line',
      byline: 'Priya Raman, Tom Ellery',
      outlet: 'The Harbour Gazette',
      published: '2021-03-04',
      publishedEvidence: 'JSON-LD datePublished: 2021-03-04T21:30:00-05:00',
      url: 'https://gazette.example.org/city/2021/03/04/council-approves-northern-tram-line',
    });
  });
  const noLd = page.replace(/<script type="application\/ld\+json">[\s\S]*?<\/script>/, '');
  it('falls back to meta tags (og:title, article:published_time, author, og:site_name)', () => {
    const [a] = readBytes('meta.html', Buffer.from(noLd)).articles;
    expect(a).toMatchObject({
      title: 'Council approves northern tram line',
      byline: 'Priya Raman',
      outlet: 'The Harbour Gazette',
      published: '2021-03-05',
      publishedEvidence: 'meta article:published_time: 2021-03-05T07:15:00Z',
    });
  });
  it('falls back to <time datetime> and then to the <title> without the site name', () => {
    const bare = noLd.replace(/<meta (?:property|name)="(?:og:title|article:published_time)"[^>]*>\n/g, '');
    const [a] = readBytes('meta.html', Buffer.from(bare)).articles;
    expect(a?.published).toBe('2021-03-04');
    expect(a?.publishedEvidence).toBe('<time datetime="2021-03-04T21:30:00-05:00"> 4 March 2021');
  });
  it('reads a page with no metadata from its text, and says so when there is no text at all', () => {
    const r = readBytes('plain.html', Buffer.from(`<html><body><h1>Tram line approved by council</h1><p>${BODY}</p><p>By Jane Doe | 5 March 2021</p></body></html>`));
    expect(r.articles[0]).toMatchObject({
      title: 'Tram line approved by council',
      byline: 'Jane Doe',
      published: '2021-03-05',
      publishedEvidence: 'By Jane Doe | 5 March 2021',
      text: BODY,
      removed: [{ kind: 'byline', text: 'By Jane Doe | 5 March 2021' }],
    });
    const empty = readBytes('empty.html', Buffer.from('<html><head><title>x</title></head><body><nav>Home</nav></body></html>'));
    expect(empty.articles).toEqual([]);
    expect(empty.diagnostics).toEqual([expect.objectContaining({ code: 'HTML_NO_CONTENT', message: 'empty.html: no readable article text found in the HTML' })]);
  });
  it('never keeps markup from the page in the text', () => {
    const [a] = readBytes('meta.html', Buffer.from(page)).articles;
    expect(a?.text).not.toMatch(/<|>|Home \| City/);
  });
});

describe('feeds', () => {
  it('reads RSS 2.0 items: title, link, content:encoded or description, pubDate, creator, feed title as outlet', () => {
    const r = readBytes('feed.rss', read('feed.rss'));
    expect(r.diagnostics).toEqual([]);
    expect(r.articles.map((a) => a.id)).toEqual(['flood-barrier-holds', 'courier-98231']);
    expect(r.articles[0]).toMatchObject({
      format: 'feed',
      title: 'Flood barrier holds as river peaks',
      url: 'https://courier.example.net/news/2022/02/20/flood-barrier-holds.html',
      byline: 'Owen Pritchard',
      outlet: 'Valley Courier',
      published: '2022-02-20',
      removed: [{ kind: 'caption', text: 'The barrier at noon on Sunday. (Photo: Valley Courier)' }],
    });
    expect(r.articles[0]?.text.split('\n')).toHaveLength(2);
    expect(r.articles[1]).toMatchObject({ title: 'School reopens after roof repairs & inspection', byline: 'Lina Okafor', published: '2022-02-21' });
    expect(r.articles[1]?.text).toMatch(/^Pupils returned to Hill Street primary school on Monday.*\nThe head teacher said/);
  });
  it('reads Atom entries: alternate link, published (else updated), author, html and xhtml content', () => {
    const r = readBytes('feed.atom', read('feed.atom'));
    expect(r.diagnostics).toEqual([]);
    expect(r.articles[0]).toMatchObject({
      id: 'article-5521',
      url: 'https://ledger.example.com/business/port-strike-ends',
      byline: 'Karin Holm',
      outlet: 'Northern Ledger',
      published: '2023-06-01',
    });
    expect(r.articles[1]).toMatchObject({ id: 'ferry-winter-sailings', published: '2023-05-30', url: 'https://ledger.example.com/travel/ferry-winter-sailings' });
    expect(r.articles[1]?.text.split('\n')).toEqual([
      'The island ferry will run two extra sailings a day this winter, the operator said on Tuesday, after complaints that the single morning crossing left commuters stranded.',
      'The new timetable starts in November and will be reviewed in the spring.',
    ]);
  });
  it('sniffs a feed in a .xml file and reports XML that is not a feed', () => {
    expect(readBytes('news.xml', read('feed.rss')).articles).toHaveLength(2);
    const bad = readBytes('data.xml', Buffer.from('<?xml version="1.0"?><catalog><book>x</book></catalog>'));
    expect(bad.diagnostics).toEqual([expect.objectContaining({ code: 'FEED_MALFORMED', message: expect.stringContaining('data.xml: not a readable RSS/Atom feed') })]);
    const empty = readBytes('empty.rss', Buffer.from('<rss version="2.0"><channel><title>x</title></channel></rss>'));
    expect(empty.diagnostics[0]?.message).toBe('empty.rss: not a readable RSS/Atom feed (it has no items)');
  });
});

describe('JSON and JSON Lines records', () => {
  it('reads one record: title, text, url, source {name}, author list, publishedAt', () => {
    const [a] = readBytes('record.json', read('record.json')).articles;
    expect(a).toMatchObject({
      id: 'tram-vote',
      format: 'json',
      title: 'Council backs tram line',
      url: 'https://gazette.example.org/tram',
      outlet: 'The Harbour Gazette',
      byline: 'Priya Raman, Tom Ellery',
      published: '2021-03-04',
      publishedEvidence: 'publishedAt: 2021-03-04T21:30:00-05:00',
    });
  });
  it('reads an array (content/body, headline, epoch dates; ids <file>#<n>), reporting bad records by number', () => {
    const r = readBytes('array.json', read('array.json'));
    expect(r.articles.map((a) => [a.id, a.title, a.published])).toEqual([
      ['array#1', 'Bridge closed for repairs', '2020-05-11'],
      ['array#2', 'Library extends opening hours', '2020-05-15'],
    ]);
    expect(r.diagnostics.map((d) => [d.code, d.message, d.where])).toEqual([
      ['JSON_NO_TEXT', 'array.json#3: record has no text (expected one of text, content, body)', { record: 3 }],
      ['JSON_MALFORMED', 'array.json#4: malformed JSON (record 4 is not a JSON object)', { record: 4 }],
    ]);
  });
  it('reads {articles: [...]}', () => {
    expect(readBytes('wrapped.json', read('wrapped.json')).articles.map((a) => [a.id, a.outlet])).toEqual([['w1', 'Coastline Weekly']]);
  });
  it('reads JSON Lines, naming each bad line and keeping the good ones', () => {
    const r = readBytes('records.jsonl', read('records.jsonl'));
    expect(r.articles.map((a) => a.id)).toEqual(['r1', 'records#3']);
    expect(r.diagnostics.map((d) => [d.code, d.where?.line])).toEqual([
      ['JSON_MALFORMED', 2],
      ['JSON_MALFORMED', 5],
      ['JSON_NO_TEXT', 6],
    ]);
    expect(r.diagnostics[0]?.message).toMatch(/^records\.jsonl:2: malformed JSON \(/);
  });
  it('reads the clustering format {id, label, text, published}', () => {
    const r = readBytes('labelled.jsonl', read('labelled.jsonl'));
    expect(r.articles.map((a) => [a.id, a.label, a.published])).toEqual([
      ['doc-1', 'floods', '2020-02-10'],
      ['doc-2', 'football', null],
    ]);
  });
  it('a malformed JSON file is one diagnostic', () => {
    const r = readBytes('broken.json', Buffer.from('{"title": "x", "text": '));
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'JSON_MALFORMED', level: 'error', message: expect.stringMatching(/^broken\.json: malformed JSON \(/) })]);
  });
});

describe('dataset lines', () => {
  it('reads every cluster’s documents without --cluster, each with its cluster; ids are document ids', () => {
    const r = readBytes('dataset.jsonl', read('dataset.jsonl'));
    expect(r.articles.map((a) => [a.id, a.cluster, a.format])).toEqual([
      ['c1-a', 'c1', 'dataset'],
      ['c1-b', 'c1', 'dataset'],
      ['c2-a', 'c2', 'dataset'],
    ]);
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'TOO_SHORT', source: 'dataset.jsonl:2 cluster c2 document 2' })]);
  });
  it('--cluster picks one cluster', () => {
    expect(readBytes('dataset.jsonl', read('dataset.jsonl'), { cluster: 'c1' }).articles.map((a) => a.id)).toEqual(['c1-a', 'c1-b']);
  });
  it('an unknown cluster is reported', () => {
    const r = readBytes('dataset.jsonl', read('dataset.jsonl'), { cluster: 'c9' });
    expect(r.articles).toEqual([]);
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'CLUSTER_NOT_FOUND', message: 'dataset.jsonl: no cluster with id "c9"' })]);
  });
});

describe('format detection', () => {
  it.each([
    ['story.txt', undefined, BODY, 'text'],
    ['story', undefined, `<!doctype html><html><body><p>${BODY}</p></body></html>`, 'html'],
    ['upload', 'text/html; charset=utf-8', `<p>${BODY}</p>`, 'html'],
    ['feed', undefined, '<?xml version="1.0"?>\n<rss version="2.0"><channel></channel></rss>', 'feed'],
    ['x', 'application/atom+xml', '<feed></feed>', 'feed'],
    ['data', undefined, '{"text": "x"}', 'json'],
    ['data.json', undefined, '{"text": "a"}\n{"text": "b"}\n', 'jsonl'],
    ['data', undefined, '{"text": "a"}\n{"text": "b"}\n', 'jsonl'],
    ['notes.md', undefined, '# Heading\n\nSome text.', 'text'],
    // The content wins over a Content-Type it contradicts (issue 14, item 24).
    ['feed', 'text/html; charset=utf-8', '<?xml version="1.0"?>\n<rss version="2.0"><channel></channel></rss>', 'feed'],
    ['api', 'application/json', '<rss version="2.0"><channel></channel></rss>', 'feed'],
    ['page', 'application/json', `<!doctype html><html><body><p>${BODY}</p></body></html>`, 'html'],
    ['lines', 'application/x-ndjson', '{"text": "a"}\n{"text": "b"}\n', 'jsonl'],
  ])('%s (%s)', (name, ct, text, format) => {
    expect(detectFormat(name, ct, text)).toBe(format);
  });
});

describe('stdin and articleFromRecord', () => {
  it('reads - from a string, a stream or bytes; the id is "stdin" and the path "-"', async () => {
    for (const stdin of [BODY, Readable.from([Buffer.from(BODY.slice(0, 50)), Buffer.from(BODY.slice(50))]), Buffer.from(BODY)]) {
      const r = await ingest(['-'], { stdin });
      expect(r.skipped).toEqual([]);
      expect(r.articles.map((a) => [a.id, a.path, a.text])).toEqual([['stdin', '-', BODY]]);
    }
  });
  it('sniffs the format of stdin (JSON Lines here)', async () => {
    const r = await ingest(['-'], { stdin: `{"id":"a","text":${JSON.stringify(BODY)}}\n{"id":"b","text":${JSON.stringify(BODY)}}\n` });
    expect(r.articles.map((a) => [a.id, a.format])).toEqual([
      ['a', 'jsonl'],
      ['b', 'jsonl'],
    ]);
  });
  it('reports - without stdin, and stdin over the cap', async () => {
    expect((await ingest(['-'])).skipped[0]?.message).toBe('-: cannot be read (no standard input was given)');
    expect((await ingest(['-'], { stdin: BODY, maxBytes: 100 })).skipped[0]?.code).toBe('INPUT_TOO_LARGE');
  });
  it('articleFromRecord cleans like any input and finds a headline only when the title is undefined', () => {
    const text = `Tram line approved\n\n2 min read\n\n${BODY}`;
    const a = articleFromRecord({ id: 'x', text }, 'x.json').article;
    expect(a).toMatchObject({ title: 'Tram line approved', text: BODY, removed: [{ kind: 'reading-time', text: '2 min read' }] });
    const b = articleFromRecord({ id: 'y', text, title: null }, 'y.json').article;
    expect(b?.title).toBeNull();
    expect(b?.text).toBe(`Tram line approved\n${BODY}`);
    const c = articleFromRecord({ id: 'z', text: `Tram line approved\n${BODY}`, title: 'Tram line approved' }, 'z.json').article;
    expect(c?.removed).toEqual([{ kind: 'repeated-headline', text: 'Tram line approved' }]);
  });
});

describe('robustness', () => {
  it('never throws on arbitrary bytes under any name (property)', async () => {
    const fc = (await import('fast-check')).default;
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 600 }),
        fc.constantFrom('x.txt', 'x.html', 'x.json', 'x.jsonl', 'x.rss', 'x.xml', 'x', '-'),
        (bytes, name) => {
          const r = readBytes(name, bytes);
          for (const d of r.diagnostics) expect(d.message).not.toMatch(/\n\s+at /);
        },
      ),
      { numRuns: 300 },
    );
  });
  it('never throws on text that looks like each format but is broken (property)', async () => {
    const fc = (await import('fast-check')).default;
    const starts = ['<html><body><p>', '<?xml version="1.0"?><rss><channel><item><description>', '<feed><entry><content type="xhtml"><div>', '{"text": "', '[{"documents": [{"text": "', '{"id":1,"documents":[{"id":{},"text":'];
    fc.assert(
      fc.property(fc.constantFrom(...starts), fc.string({ maxLength: 300 }), (start, rest) => {
        const r = readBytes('input', Buffer.from(start + rest));
        expect(Array.isArray(r.articles)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('ids', () => {
  it('a fetched page is named after its URL', () => {
    const html = Buffer.from(`<html><body><p>${BODY}</p><p>${BODY}</p></body></html>`);
    expect(readBytes('https://news.example.com/world/2017/12/07/russia-declares-victory.html', html).articles[0]?.id).toBe('russia-declares-victory');
    expect(readBytes('https://news.example.com/', html, { contentType: 'text/html' }).articles[0]?.id).toBe('news.example.com');
    expect(readBytes('upload.html', html, { id: 'given' }).articles[0]?.id).toBe('given');
  });
});
