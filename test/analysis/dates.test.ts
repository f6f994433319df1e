import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { calendarDate, findDates, isoWeek, isNotEvent } from '../../src/analysis/dates.js';

/** The values found in a text, in order. */
function values(text: string, published: string | null): Array<string | null> {
  return findDates(text, published).map((m) => m.value);
}

// 2017-12-10 is a Sunday, 2017-12-13 a Wednesday, 2017-12-07 a Thursday.
describe('date resolver: tense-aware weekdays', () => {
  const CASES: Array<[string, string, string | null, Array<string | null>]> = [
    ['future clause in a Sunday article: the next day', 'Talks will resume on Monday in Geneva, the envoy said.', '2017-12-10', ['2017-12-11']],
    ['past report: the previous Monday', 'Talks resumed on Monday in Geneva after a pause.', '2017-12-13', ['2017-12-11']],
    ['said on Monday in a Sunday article: six days back', 'The envoy said on Monday that talks were over.', '2017-12-10', ['2017-12-04']],
    ['until Monday evening in a Sunday article', 'The curfew stays in force until Monday evening in the old city.', '2017-12-10', ['2017-12-11']],
    ['until after a past perfect is not future', 'Until Thursday, they had not called him a suspect.', '2017-12-08', ['2017-12-07']],
    ['until after a past verb is not future', 'He remained army chief until March, when he became a senator.', '1998-10-18', ['1998-03']],
    ['a plan in the past perfect is not future', 'The coalition had scheduled a giant rally in the capital Saturday.', '1998-10-06', ['1998-10-03']],
    ['postponed until: future', 'Officials postponed until Tuesday morning any action on the case.', '2000-03-30', ['2000-04-04']],
    ['a past suspension is not future', 'The fraternity was suspended by the university on Feb. 1 after an inquiry.', '2017-12-10', ['2017-02-01']],
    ['would be: conditional, not future', 'Stocks would be down 50% from values on Election Day.', '2017-12-10', ['2017-11-07']],
    ['would be traveling: future', 'The father would be traveling to the United States Thursday.', '2000-04-05', ['2000-04-06']],
    ['until, with a capitalised -ed word in the clause: still future', 'Officials postponed until Tuesday morning any action in the United States.', '2000-03-30', ['2000-04-04']],
    ['extended until: future', 'The agency extended its deadline until 9 a.m. EST Tuesday.', '2000-04-03', ['2000-04-04T09:00']],
    ['the article\'s own weekday is its date', 'Putin said on Thursday that the group was defeated.', '2017-12-07', ['2017-12-07']],
    ['a weekday opening its clause, future verb after', 'On Tuesday, the league plans to hold a news conference.', '2017-12-11', ['2017-12-12']],
    ['a future verb after "said Monday that" does not count', 'His lawyer said Monday that he plans to plead not guilty.', '2017-12-10', ['2017-12-04']],
    ['future cue in another clause does not count', 'Exiles will fight the ruling, Cuba predicted Wednesday.', '2017-12-07', ['2017-12-06']],
    ['next forces the direction', 'The vote was moved to next Friday by the speaker.', '2017-12-07', ['2017-12-08']],
    ['last forces the direction', 'He arrived last Thursday with his wife.', '2017-12-07', ['2017-11-30']],
    ['a part of day belongs to the expression, the value is the day', 'The blast shook the city on Friday night.', '2017-12-10', ['2017-12-08']],
    ['undated article: unresolved', 'Talks will resume on Monday in Geneva.', null, [null]],
  ];
  it.each(CASES)('%s', (_n, text, published, expected) => expect(values(text, published)).toEqual(expected));
});

describe('date resolver: calendar and relative expressions', () => {
  const CASES: Array<[string, string, string | null, Array<string | null>]> = [
    ['full date', 'It happened on Aug. 7, 1998, in Nairobi.', null, ['1998-08-07']],
    ['weekday with a date', 'The editorial ran on Monday, Oct. 26, in the paper.', '1998-10-25', ['1998-10-26']],
    ['day month year', 'The sides signed a memorandum on 7 July 2017.', null, ['2017-07-07']],
    ['month and year', 'Moscow signed a deal in August 2015.', null, ['2015-08']],
    ['month without a year, past report', 'Investigators searched for him since the Oct. 23 slaying.', '1999-05-06', ['1998-10-23']],
    ['month without a year, soon after the article', 'The hearing is on Sept. 2 in the capital.', '1998-08-30', ['1998-09-02']],
    ['month in a future clause wraps to next year', 'The parties will meet again in January.', '1998-12-05', ['1999-01']],
    ['month last year', 'His victory came in December last year.', '2017-09-12', ['2016-12']],
    ['last with a month and day', 'He was shot to death last Oct. 23 at his home.', '1999-04-19', ['1998-10-23']],
    ['bare year', 'Russia launched an air campaign in 2015.', null, ['2015']],
    ['a number of people is not a year', 'About 1998 people were evacuated.', '2017-12-07', []],
    ['a number after a quantity word is not a year', 'Hyundai hopes to send up to 2000 tourists a week.', '1998-10-22', []],
    ['before 1900, a bare number is a year only after in/since', 'They weighed 1800 children; the town was founded in 1850.', '1998-10-22', ['1850']],
    ['decade', 'Violence peaked in the 1980s and the early 1990s.', null, ['198', '199']],
    ['season', 'The plan was drafted last fall.', '1999-04-10', ['1998-FA']],
    ['today, yesterday, tomorrow', 'Today he met the man he saw yesterday and will see tomorrow.', '2017-12-07', ['2017-12-07', '2017-12-06', '2017-12-08']],
    ['this week, last month, next year', 'This week follows last month and precedes next year.', '2000-02-16', ['2000-W07', '2000-01', '2001']],
    ['N units ago', 'The war began two years ago and the truce 11 days ago.', '2017-12-07', ['2015', '2017-11-26']],
    ['a decade ago', 'A decade ago the town was rebuilt.', '1999-03-12', ['1989']],
    ['holiday', 'The family gathered on Thanksgiving Day.', '1998-11-28', ['1998-11-26']],
    ['clock time on the day named before', 'The bomb went off Friday. At 10:35 a.m. the roof fell.', '1998-08-08', ['1998-08-07', '1998-08-07T10:35']],
    ['later that year on the year named before', 'He was elected in 1998 and resigned later that year.', '2000-01-28', ['1998', '1998']],
    ['clock time with its day', 'The deadline was extended until 9 a.m. EST Tuesday.', '2000-04-03', ['2000-04-04T09:00']],
    ['that same day', 'He was arrested on March 12, 1999. That same day he was freed.', null, ['1999-03-12', '1999-03-12']],
    ['now is the present reference', 'The embassy is now operating from a hotel.', '2017-12-07', ['PRESENT_REF']],
    ['Now opening a sentence is a discourse marker', 'Now, the lawyer said, it will have to wait.', '2017-12-07', []],
    ['the future is the future reference', 'Nobody knows what the future holds.', '2017-12-07', ['FUTURE_REF']],
    ['vague: recognised, left unresolved', 'Fighting flared recently and may resume in the coming weeks.', '2017-12-07', [null, null]],
    ['ambiguous numeric date: unresolved', 'The report was posted on 12/09/2017 by the admin.', null, [null]],
    ['numeric date that reads one way', 'The report was posted on 12/29/2017 by the admin.', null, ['2017-12-29']],
    ['a march is not a month', 'Thousands joined the March for Life in the capital.', '1999-01-22', []],
    ['May opening a sentence is a verb', 'May they rest in peace, the mayor said.', '2017-12-07', []],
    ['quarter, the last one begun', 'Profit rose in the third quarter, the company said.', '1989-11-02', ['1989-Q3']],
    ['quarter in a future clause', 'Sales will recover in the first quarter.', '1989-11-02', ['1990-Q1']],
    ['half with a year', 'Net income for the first half of 1990 fell.', '1990-09-01', ['1990-H1']],
    ['fiscal year', 'Sales in fiscal 1989 fell.', '1989-11-02', ['FY1989']],
    ['last year\'s quarter', 'Profit fell from last year\'s third quarter.', '1989-11-02', ['1988-Q3']],
    ['the end of the year', 'It expects a loss by the end of the year.', '1989-11-02', ['1989']],
    ['the next month: a span, unresolved', 'Repairs will be organised within the next month or so.', '2017-12-10', [null]],
    ['a clock time with no day named before it: unresolved', 'The fire broke out around 11:30 p.m. in a row home.', '2017-12-10', [null]],
    ['that same day with no day before it: unresolved', 'Cohen signed the document the same day.', '2017-12-10', [null]],
    ['Tomorrow capitalised inside a sentence is a name', 'He runs Americans for a Better Tomorrow, a nonprofit.', '2017-12-10', []],
    ['Today opening a sentence is a date', 'Today the town is quiet.', '2017-12-10', ['2017-12-10']],
    ['relative expressions of an undated article', 'The group was defeated last week, two years ago.', null, [null, null]],
  ];
  it.each(CASES)('%s', (_n, text, published, expected) => expect(values(text, published)).toEqual(expected));

  it('gives character offsets into the text', () => {
    const text = 'Suspected bombs exploded Friday, killing dozens.';
    const [m] = findDates(text, '1998-08-07');
    expect(m && text.slice(m.start, m.end)).toBe('Friday');
    expect(m?.type).toBe('DATE');
  });
  it('types clock times as TIME, reference values as DATE', () => {
    expect(findDates('It fell at 4 a.m. Thursday.', '2000-04-05')[0]?.type).toBe('TIME');
    expect(findDates('Nobody knows the future.', '2000-04-05')[0]?.type).toBe('DATE');
  });
});

describe('ISO weeks', () => {
  const CASES: Array<[string, string]> = [
    ['2000-01-01', '1999-W52'],
    ['2000-01-03', '2000-W01'],
    ['2000-02-16', '2000-W07'],
    ['2004-12-31', '2004-W53'],
    ['2008-12-29', '2009-W01'],
    ['1998-08-07', '1998-W32'],
  ];
  it.each(CASES)('%s is in %s', (d, w) => expect(isoWeek(new Date(`${d}T12:00:00Z`))).toBe(w));
  it('puts the seven days of a Monday-to-Sunday week in one week, and the next Monday in the next', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 * 365 }), (n) => {
        const base = new Date(Date.UTC(1970, 0, 5, 12) + n * 86_400_000); // 1970-01-05 is a Monday
        const monday = new Date(base.getTime() - ((base.getUTCDay() + 6) % 7) * 86_400_000);
        const w = isoWeek(monday);
        for (let i = 1; i < 7; i++) if (isoWeek(new Date(monday.getTime() + i * 86_400_000)) !== w) return false;
        const next = isoWeek(new Date(monday.getTime() + 7 * 86_400_000));
        const [y, k] = w.split('-W').map(Number) as [number, number];
        const [y2, k2] = next.split('-W').map(Number) as [number, number];
        return (y2 === y && k2 === k + 1) || (y2 === y + 1 && k2 === 1 && (k === 52 || k === 53));
      }),
    );
  });
});

describe('calendar dates for the timeline', () => {
  const CASES: Array<[string | null, string | null, string | null]> = [
    ['2017-12-06', '2017-12-07', '2017-12-06'],
    ['1998-08-07T10:35', '1998-08-08', '1998-08-07'],
    ['2017-W36', '2017-09-12', '2017-09'],
    ['2017-W37', '2017-09-12', null],
    ['2017-W35', '2017-09-12', null],
    ['1998-FA', '1999-04-10', '1998'],
    ['1998-WI', '1999-04-10', null],
    ['1989-Q3', '1989-11-02', null],
    ['FY1989', '1989-11-02', null],
    ['2017-W49-WE', '2017-12-10', null],
    ['199', null, null],
    ['PRESENT_REF', '2017-12-07', null],
    [null, '2017-12-07', null],
  ];
  it.each(CASES)('%s (published %s) → %s', (v, p, expected) => expect(calendarDate(v, p)).toBe(expected));
});

describe('advertising and site furniture', () => {
  const CASES: Array<[string, boolean]> = [
    ['Subscribe now and get 50% off until Monday, December 11, 2017.', true],
    ['Sale ends Sunday: buy now while stocks last.', true],
    ['Sign up for our newsletter to get the news every morning.', true],
    ['The army said on Monday that it had retaken the town.', false],
    ['STORMY MORNING Wednesday (59/53) Clouds/Showers Thursday (57/48) Clouds/Showers', true],
    ['Indonesia criticized Portugal for suspending U.N. sponsored talks on Tuesday.', false],
    ['The agency ran an advertising campaign and the ceasefire deal ends on Monday.', false],
    ['Dozens of countries sign up to the treaty on Friday in Geneva.', false],
    // A byline's publication line is no event (mnval-104).
    ['By Staff Sgt. Jane Roe, 7th Air Force Public Affairs / Published March 24, 2017', true],
    ['Published: Dec. 6, 2017 at 10:00 a.m.', true],
    ['The report, published March 24, 2017, found errors in the count.', false],
    // A correction note, a credit line and a sidebar's dated teaser are no events (mnval-168, -172, -186).
    ['Correction 31 July 2017: This article has been amended to make it clear who was coerced.', true],
    ['Culture News: The Response CREDIT: AP Photo/Jane Roe The comedian spoke on Jan. 17, 2015.', true],
    ['(07/30/2012) Researchers have discovered a new snail, so unusual it has its own genus.', true],
    ['The ministry issued a correction on Monday after the count was found to be wrong.', false],
    ['Banks cut credit to small firms in 2009, the report said.', false],
  ];
  it.each(CASES)('%s → %s', (s, expected) => expect(isNotEvent(s)).toBe(expected));
});

describe('date resolver on any input', () => {
  const words = ['on', 'Monday', 'Aug.', '7', '1998', ',', 'will', 'last', 'week', 'ago', 'two', 'years', 'now', 'May', 'the', 'fall', 'of', '10:35', 'a.m.', '12/09/2017', '(', ')', 'that', 'same', 'day', 'third', 'quarter', 'Today', '.', '1990s', 'until'];
  const text = fc.array(fc.oneof(fc.constantFrom(...words), fc.string({ maxLength: 6 })), { maxLength: 40 }).map((w) => w.join(' '));
  const published = fc.oneof(fc.constant(null), fc.constantFrom('2017-12-10', '2000-02-29', '1999-12-31', 'not a date', '2017-13-45'));
  it('never throws, and gives ordered, non-overlapping expressions with true offsets', () => {
    fc.assert(
      fc.property(text, published, (t, p) => {
        const ms = findDates(t, p);
        let end = 0;
        for (const m of ms) {
          if (m.start < end || m.end <= m.start || t.slice(m.start, m.end) !== m.text) return false;
          if (m.value !== null && !/^(?:\d{2,4}|\d{4}-(?:\d\d(?:-\d\d(?:T\d\d:\d\d)?)?|W\d\d(?:-WE)?|SP|SU|FA|WI|Q[1-4]|H[12])|FY\d{4}|PRESENT_REF|FUTURE_REF)$/.test(m.value)) return false;
          end = m.end;
        }
        return true;
      }),
    );
  });
});
