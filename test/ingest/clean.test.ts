/** Cleaning: nothing is lost silently (property test), repeats, repairs, headline and page-date rules. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { clean, isHeadlineLike } from '../../src/ingest/clean.js';

const SENTENCES = [
  'The army said on Tuesday that its troops had taken the last district of the city after three weeks of fighting.',
  'Aid groups warned that about 20,000 people were still without clean water, and that the hospital had run out of fuel.',
  '“We will not leave until the job is done,” the commander told reporters at the base, adding that the roads were mined.',
  'The United Nations called for a ceasefire so that convoys could reach the eastern villages before winter.',
  'Officials in the capital declined to say how many soldiers had been killed, citing security concerns,',
  'and the ministry did not respond to a request for comment on Wednesday.',
  'Prices of bread and fuel have tripled since the summer, residents said.',
];
const NOISE = [
  '2 min read', 'Advertisement', 'Share this article', '07 December, 2017', 'Thursday, 18 October, 2018', 'By Jane Doe',
  'Jane Doe | 08 December, 2017, 00:16', '12/09/2017 09:03 by admin', '- AP', '***', '– A subhead between dashes –',
  'Representational pic - troops in the city', 'Soldiers patrol the city. (AP Photo/John Smith)', '(This material provided by agencies)',
  'www.example-news.com', 'Troops take the city', 'Follow us on Twitter', '   ', '', '\t',
];

const article = fc.array(fc.oneof(fc.constantFrom(...SENTENCES), fc.constantFrom(...NOISE)), { minLength: 1, maxLength: 30 });
const seps = fc.constantFrom('\n', '\n\n', '\n \n', '\n\n\n');

function nonSpaceChars(s: string): string {
  return [...s.replace(/\s+/g, '')].sort().join('');
}

describe('clean: nothing is lost silently', () => {
  it('every character of the raw text is in the title, the text or a removal, exactly once (property)', () => {
    fc.assert(
      fc.property(article, seps, (lines, sep) => {
        const raw = lines.join(sep);
        const r = clean({ text: raw, source: 't.txt' });
        const out = [r.title ?? '', r.text, ...r.removed.map((x) => x.text)].join('\n');
        expect(nonSpaceChars(out)).toBe(nonSpaceChars(raw));
        for (const x of r.removed) expect(raw.includes(x.text)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
  it('keeps one paragraph per line, with no blank lines', () => {
    fc.assert(
      fc.property(article, seps, (lines, sep) => {
        const r = clean({ text: lines.join(sep), source: 't.txt' });
        for (const line of r.text.split('\n')) if (r.text) expect(line.trim()).toBe(line);
        expect(r.text).not.toMatch(/\n\s*\n/);
      }),
      { numRuns: 200 },
    );
  });
});

const P = SENTENCES;

describe('repeats', () => {
  it('a repeated run of paragraphs is one repeated-body removal; a single repeat is a repeated-paragraph', () => {
    const body = [P[0], P[1], P[2], P[3]].join('\n');
    const r = clean({ text: `Headline of the story here\n${body}\n${body}`, source: 's' });
    expect(r.removed).toEqual([{ kind: 'repeated-body', text: body }]);
    const s = clean({ text: `Headline of the story here\n${P[0]}\n${P[1]}\n${P[0]}`, source: 's' });
    expect(s.removed).toEqual([{ kind: 'repeated-paragraph', text: P[0] }]);
  });
  it('a shorter paragraph contained in a longer one (a standfirst, a pull quote) is removed; the longer one stays', () => {
    const lead = 'Russian President Vladimir Putin said on Wednesday that the Islamic State group has suffered a “complete defeat” in eastern Syria.';
    const standfirst = "Russia's Putin said Wednesday that the Islamic State group has suffered a “complete defeat” in eastern Syria.";
    const r = clean({ text: `Headline of the story here\n${standfirst}\n${lead}\n${P[1]}`, source: 's' });
    expect(r.removed).toEqual([{ kind: 'repeated-paragraph', text: standfirst }]);
    expect(r.text.split('\n')[0]).toBe(lead);
  });
  it('list items that differ by a name or a number are not copies', () => {
    const items = [
      'Matthew Moll, 21, Mansfield, CT. Charged with eight counts of permitting a minor to illegally possess alcohol.',
      'Patrick Callahan, 21, Mansfield, CT. Charged with eight counts of permitting a minor to illegally possess alcohol.',
      'Dylan Morose, 22, Mansfield, CT. Charged with eight counts of permitting a minor to illegally possess alcohol.',
    ];
    expect(clean({ text: `Eight arrested after student death\n${P[0]}\n${items.join('\n')}`, source: 's' }).removed).toEqual([]);
  });
  it('short repeated lines (interview questions) are kept', () => {
    const r = clean({ text: `An interview with the coach\n${P[0]}\nReaction?\n${P[1]}\nReaction?\n${P[2]}`, source: 's' });
    expect(r.removed).toEqual([]);
  });
});

describe('repairs', () => {
  it('joins a paragraph broken mid-sentence, across a blank line, with an info diagnostic', () => {
    const r = clean({ text: `Headline of the story here\n\n${P[4]}\n\n${P[5]}`, source: 'x.txt' });
    expect(r.text).toBe(`${P[4]} ${P[5]}`);
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'PARAGRAPH_JOINED', level: 'info', source: 'x.txt' })]);
  });
  it('does not join after a URL, an e-mail address or a date, nor before a lower-case e-mail', () => {
    for (const [a, b] of [
      ['Read the full report at https://example.org/report', 'and tell us what you think of it.'],
      ['China National News Wednesday 5th March, 2014', 'first lady to visit china with daughters'],
      ['Jane Doe is a reporter for the Daily Example', 'jdoe@example.org'],
    ]) {
      const r = clean({ text: `Headline of the story here\n\n${P[0]}\n\n${a}\n\n${b}`, source: 's' });
      expect(r.diagnostics.filter((d) => d.code === 'PARAGRAPH_JOINED')).toEqual([]);
    }
  });
  it('unwraps hard-wrapped paragraphs', () => {
    const wrapped = [
      'The army said on Tuesday that its troops had taken the last district',
      'of the city after three weeks of fighting, and that the remaining',
      'fighters had surrendered to the local council before dawn on Monday.',
      '',
      'Aid groups warned that about 20,000 people were still without clean',
      'water, and that the hospital had run out of fuel for its generators',
      'after the last convoy was turned back at the northern checkpoint.',
    ].join('\n');
    const r = clean({ text: `Troops take the city\n\n${wrapped}`, source: 'w.txt' });
    expect(r.text.split('\n')).toHaveLength(2);
    expect(r.text).toMatch(/^The army said .* before dawn on Monday\.\nAid groups warned .* northern checkpoint\.$/);
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'TEXT_UNWRAPPED', message: 'w.txt: unwrapped 2 hard-wrapped paragraph(s)' })]);
  });
  it('does not unwrap a list of short items', () => {
    const list = ['Benzene', 'Formaldehyde', 'Vinyl chloride', 'Wood dust'].join('\n');
    const r = clean({ text: `Known carcinogens\n\n${P[0]}\n\n${list}\n\n${P[1]}`, source: 's' });
    expect(r.text.split('\n')).toHaveLength(6);
  });
});

describe('headline', () => {
  it.each([
    ['Russia declares Syria ‘completely liberated’ from ISIS', true],
    ["Russian Federation says goal of defeating IS in Syria 'accomplished'", true],
    ['What happened at the Bataclan?', true],
    ['Hereafter', false],
    ['Syria is completely liberated from the terrorists. This was stated in the General Staff.', false],
    ['Officials said the talks had collapsed.', false],
    ['“He really needs a lawyer,” Ms. O’Sullivan said of Mr. Trump. “He is building a case.”', false],
    ['President Trump announces his pick for the court. (Victoria Walker/The Washington Post)', false],
    ['a line that starts in lower case', false],
  ])('%s → %s', (s, yes) => expect(isHeadlineLike(s)).toBe(yes));
  it('skips page-date and site lines above the headline', () => {
    const r = clean({ text: `www.example-news.com\nThursday, 18 October, 2018\n\nTroops take the city\n\nJane Doe | 08 December, 2017, 00:16\n\n${P[0]}`, source: 's' });
    expect(r.title).toBe('Troops take the city');
    expect(r.outlet).toBe('example-news.com');
    expect(r.published).toBe('2017-12-08');
    expect(r.removed.map((x) => x.kind)).toEqual(['boilerplate', 'page-date', 'byline']);
  });
  it('no headline when the first line is a paragraph', () => {
    expect(clean({ text: `${P[0]}\n\n${P[1]}`, source: 's' }).title).toBeNull();
  });
  it('a one-line text has no headline', () => {
    expect(clean({ text: 'Troops take the city', source: 's' }).title).toBeNull();
  });
  it('no headline when the text after the first line goes on in lower case: cut running text (issue 10, fourth review)', () => {
    const text = 'The San Diego Zoo Safari Park is absolutely \n\nincredible \n\n... \n\nstaff, and so much to do that it will easily take up your entire day. I spent five hours with our guide and cannot rave enough about it.';
    expect(clean({ text, source: 's' }).title).toBeNull();
    expect(clean({ text: `Troops take the city\n\n${P[0]}`, source: 's' }).title).toBe('Troops take the city');
  });
});

describe('publication date from the text', () => {
  it('a date above the headline is the publication date when no byline gives one', () => {
    const r = clean({ text: `April 10th, 2016\n\nTroops take the city\n\n${P[0]}\n\nJune 4th, 2015\n\n${P[1]}`, source: 's' });
    expect(r.published).toBe('2016-04-10');
    expect(r.removed).toEqual([
      { kind: 'dateline', text: 'April 10th, 2016' },
      { kind: 'dateline', text: 'June 4th, 2015' },
    ]);
  });
  it('a top date later than the byline date is the page date', () => {
    const r = clean({ text: `Thursday, 18 October, 2018\n\nTroops take the city\n\n12/09/2017 09:03 by admin\n\nThe army said on Tuesday that it had taken the city.\n\n${P[1]}`, source: 's' });
    expect(r.published).toBe('2017-09-12');
    expect(r.byline).toBeNull();
    expect(r.removed.map((x) => x.kind)).toEqual(['page-date', 'byline']);
  });
  it('an "Updated" date is used only when nothing else is there', () => {
    const r = clean({ text: `Troops take the city\n\nUpdated: December 9, 2017\n\nPublished: December 7, 2017\n\n${P[0]}`, source: 's' });
    expect(r.published).toBe('2017-12-07');
    expect(r.publishedEvidence).toBe('Published: December 7, 2017');
  });
  it('dates of events in the body are never the publication date', () => {
    const r = clean({ text: `Troops take the city\n\nOn December 6, 2017, the forces defeated the remnants of militants in the province.\n\n${P[1]}`, source: 's' });
    expect(r.published).toBeNull();
  });
  it('a structured date wins over the text', () => {
    const r = clean({ text: `Troops take the city\n\n07 December, 2017\n\n${P[0]}`, published: { iso: '2017-12-06', evidence: 'meta date: 2017-12-06' }, source: 's' });
    expect(r.published).toBe('2017-12-06');
    expect(r.removed).toEqual([{ kind: 'page-date', text: '07 December, 2017' }]);
  });
});

describe('a caption told by its credit line (issue 10, held-out review)', () => {
  it('removes the line before a photo credit line with the credit', () => {
    const caption = 'Mayor Ruth Calder walks along the damaged sea wall in the harbour on Monday.';
    const r = clean({ text: `Headline of the story here\n${P[0]}\n${caption}\nChris Doyle/Getty Images\n${P[1]}`, source: 's' });
    expect(r.removed).toEqual([
      { kind: 'caption', text: caption },
      { kind: 'caption', text: 'Chris Doyle/Getty Images' },
    ]);
    expect(r.text).toBe(`${P[0]}\n${P[1]}`);
  });
  it('keeps a long paragraph before a credit line: narration, not a caption', () => {
    const long = Array.from({ length: 6 }, () => 'The council met again on Tuesday to debate the cost of the sea wall.').join(' ');
    const r = clean({ text: `Headline of the story here\n${P[0]}\n${long}\nChris Doyle/Getty Images\n${P[1]}`, source: 's' });
    expect(r.text).toBe(`${P[0]}\n${long}\n${P[1]}`);
  });
});
