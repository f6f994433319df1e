/** Dates (chrono-node plus the d/m vs m/d resolution), date lines and byline lines. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bylineLine, dateLine, findDates, isoDate, parseDateValue, resolveAmbiguous, weekday } from '../../src/ingest/metadata.js';
import { clean } from '../../src/ingest/clean.js';

describe('findDates', () => {
  it.each([
    ['Thursday, 18 October, 2018', '2018-10-18'],
    ['07 December, 2017', '2017-12-07'],
    ['Melinda Barton | 08 December, 2017, 00:16', '2017-12-08'],
    ['Dec. 7, 2017 at 5:03 p.m. ET', '2017-12-07'],
    ['Thu, 07 Dec 2017 10:00:00 +0000', '2017-12-07'],
    ['2017-12-07T23:30:00-05:00', '2017-12-07'],
    ['Posted on 7th December 2017', '2017-12-07'],
    ['13/09/2017', '2017-09-13'],
    ['09/13/2017', '2017-09-13'],
    ['07.12.2017', '2017-12-07'],
    ['05/05/2017', '2017-05-05'],
  ])('%s → %s', (s, iso) => {
    expect(findDates(s)[0]?.iso).toBe(iso);
  });
  it('keeps both readings of an ambiguous numeric date', () => {
    expect(findDates('12/09/2017 09:03 by admin')[0]).toMatchObject({ iso: null, readings: ['2017-09-12', '2017-12-09'], text: '12/09/2017' });
  });
  it.each([['December 2017'], ['on Tuesday'], ['in 2015'], ['version 1.2.3'], ['31/02/2017'], ['the 3/4 majority']])('%s has no full date', (s) => {
    expect(findDates(s).filter((h) => h.iso || h.readings)).toEqual([]);
  });
});

describe('parseDateValue (structured metadata)', () => {
  it('keeps the calendar date of an ISO time as written (the publisher’s local date)', () => {
    expect(parseDateValue('2021-03-04T21:30:00-05:00')?.iso).toBe('2021-03-04');
  });
  it('reads epoch seconds and milliseconds as UTC', () => {
    expect(parseDateValue(1512640800)?.iso).toBe('2017-12-07');
    expect(parseDateValue(1512640800000)?.iso).toBe('2017-12-07');
    expect(parseDateValue('1512640800')?.iso).toBe('2017-12-07');
  });
  it('reads RFC 822 feed dates', () => {
    expect(parseDateValue('Thu, 07 Dec 2017 10:00:00 GMT')?.iso).toBe('2017-12-07');
  });
  it('returns null for nonsense', () => {
    expect(parseDateValue('yesterday-ish')).toBeNull();
    expect(parseDateValue({})).toBeNull();
  });
});

describe('resolveAmbiguous: 12/09/2017 read as 12 September or 9 December', () => {
  const readings: [string, string] = ['2017-09-12', '2017-12-09'];
  it('a weekday mention on the day itself settles it (12 Sep 2017 was a Tuesday)', () => {
    expect(weekday('2017-09-12')).toBe(2);
    expect(resolveAmbiguous(readings, "Russia's military on Tuesday said that Syrian troops have liberated 85 percent.")).toBe('2017-09-12');
    expect(resolveAmbiguous(readings, 'The ministry said on Saturday that the talks had ended.')).toBe('2017-12-09');
  });
  it('"next Tuesday" is not evidence', () => {
    expect(resolveAmbiguous(readings, 'Talks resume next Tuesday.')).toBeNull();
  });
  it('a month named without a year is the current or the previous month', () => {
    expect(resolveAmbiguous(readings, 'Troops entered the city in August and finished in September.')).toBe('2017-09-12');
    expect(resolveAmbiguous(readings, 'Putin had said in November that the campaign would end.')).toBe('2017-12-09');
    expect(resolveAmbiguous(readings, 'Elections were held in September 2016.')).toBeNull();
    expect(resolveAmbiguous(readings, 'The city fell in December last year.')).toBeNull();
  });
  it('another numeric date that reads only one way shows the page’s convention', () => {
    expect(resolveAmbiguous(readings, 'Updated 25/09/2017.')).toBe('2017-09-12');
    expect(resolveAmbiguous(readings, 'Updated 09/25/2017.')).toBe('2017-12-09');
  });
  it('nothing settles it → null', () => {
    expect(resolveAmbiguous(readings, 'The troops advanced.')).toBeNull();
  });
  it('a text without an ambiguous date → DATE_AMBIGUOUS warning and no date', () => {
    const r = clean({ text: 'Troops advance on the city\n\n05/06/2017 by Jane Doe\n\nThe troops advanced towards the city, officials said, and the fighting continued for hours.', source: 'x.txt' });
    expect(r.published).toBeNull();
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'DATE_AMBIGUOUS', level: 'warning' })]);
    expect(r.diagnostics[0]?.message).toContain('x.txt: date "05/06/2017" is ambiguous');
  });
  it('is symmetric: swapping the two readings swaps the answer (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1990, max: 2030 }), fc.constantFrom(
        'on Monday', 'on Tuesday', 'on Wednesday', 'on Thursday', 'on Friday', 'on Saturday', 'on Sunday', 'in March', 'in October', 'nothing',
      ), (a, b, y, text) => {
        fc.pre(a !== b);
        const dm = isoDate(y, b, a);
        const md = isoDate(y, a, b);
        fc.pre(dm !== null && md !== null);
        const x = resolveAmbiguous([dm as string, md as string], text);
        const z = resolveAmbiguous([md as string, dm as string], text);
        expect(x).toBe(z);
      }),
    );
  });
});

describe('dateLine', () => {
  it.each([
    ['07 December, 2017', '2017-12-07', false],
    ['Thursday, 18 October, 2018', '2018-10-18', false],
    ['Published on May 3, 2015', '2015-05-03', false],
    ['Updated: 11:02 AM EST, Thu December 7, 2017', '2017-12-07', true],
    ['Sunday, July 31, 2011 21:39 EDT', '2011-07-31', false],
  ])('%s', (line, iso, updated) => {
    const d = dateLine(line);
    expect(d?.hits[0]?.iso).toBe(iso);
    expect(d?.updated).toBe(updated);
  });
  it.each([['On December 6, 2017, the forces advanced.'], ['Elections of 7 July 2017 were postponed'], ['December 2017'], ['Jan. 5, 2017: Talks begin']])(
    '%s is not a date line',
    (line) => expect(dateLine(line)).toBeNull(),
  );
});

describe('bylineLine', () => {
  it.each([
    ['By Jane Doe', 'Jane Doe', true],
    ['By JANE DOE', 'JANE DOE', true],
    ['By Jane Doe and John Smith', 'Jane Doe and John Smith', true],
    ['By Jane Doe, Reuters', 'Jane Doe', true],
    ["By Michael O'Sullivan", "Michael O'Sullivan", true],
    ['By Emmanuel K. Dogbevi', 'Emmanuel K. Dogbevi', true],
    ['Melinda Barton | 08 December, 2017, 00:16', 'Melinda Barton', true],
    ['12/09/2017 09:03 by admin', 'admin', false],
    ['Posted by Web Desk on March 3, 2018', 'Web Desk', false],
    ['By Staff', 'Staff', false],
  ])('%s → %s', (line, name, person) => {
    expect(bylineLine(line)).toMatchObject({ name, person });
  });
  it.each([
    ['By Tuesday, the troops had left.'],
    ['By contrast, the army said nothing.'],
    ['By the end of the day the city had fallen'],
    ['Correction: July 9, 2014'],
    ['Vladimir Putin'],
    ['The army said on 7 December 2017 that the city had fallen.'],
  ])('%s is not a byline', (line) => expect(bylineLine(line)).toBeNull());
});
