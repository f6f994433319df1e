import { describe, expect, it } from 'vitest';
import { articleEvents } from '../../src/analysis/timeline.js';
import { analyzeStory } from '../../src/analysis/index.js';
import { doc } from './helpers.js';

function dates(text: string, published: string | null): string[] {
  return articleEvents(doc('a', text, published), null).filter((e) => e.main).map((e) => e.date);
}

describe('timeline dates', () => {
  // [case, sentence, publication date, expected dates]
  const CASES: Array<[string, string, string | null, string[]]> = [
    ['full date', 'The forces defeated the remnants on December 6, 2017, in the province.', null, ['2017-12-06']],
    ['day month year', 'The sides signed a memorandum on 7 July 2017 in the capital city.', null, ['2017-07-07']],
    ['month and year', 'Moscow signed a deal with the government in August 2015 to deploy jets.', null, ['2015-08']],
    ['bare year', 'Russia launched an air campaign in support of the army in 2015.', null, ['2015']],
    ['weekday, dated article', 'Putin said on Wednesday that the group had suffered a defeat.', '2017-12-07', ['2017-12-06']],
    ['weekday, undated article: unresolved', 'Putin said on Wednesday that the group had suffered a defeat.', null, []],
    ['month without year', 'Russia warned the United States in September that it would strike.', '2017-12-07', ['2017-09']],
    ['month last year', 'The general\'s greatest victory came in December last year when his troops took the city.', '2017-09-12', ['2016-12']],
    ['last week', 'Missiles were launched at the province most recently last week by bombers.', '2017-09-12', ['2017-09']],
    ['ambiguous numeric date', 'The report was posted on 12/09/2017 by the site admin for readers.', null, []],
    ['future relative: left out', 'A new round of talks starts later this week in the capital of the country.', '2017-09-12', []],
    // Issue 10 item 7: dates in the right direction (2017-12-10 is a Sunday, 2017-12-13 a Wednesday).
    ['will resume on Monday, Sunday article: the next day', 'The talks will resume on Monday in Geneva, the envoy said.', '2017-12-10', ['2017-12-11']],
    ['on Monday in a past-tense report: the previous Monday', 'The talks resumed on Monday in Geneva after a long pause.', '2017-12-13', ['2017-12-11']],
    ['until Monday evening, Sunday article: the next day', 'The curfew stays in force until Monday evening in the old city.', '2017-12-10', ['2017-12-11']],
    ['a year in a side clause does not date the main event', 'Russia, which began its air campaign in 2015, said on Wednesday that the group was defeated.', '2017-12-07', ['2017-12-06']],
    ['a year in a side clause alone dates nothing', 'The group, which seized the city in 2014, was driven out by the army.', '2017-12-07', []],
    ['a year in parentheses does not date the main event', 'The envoy (appointed in 2014) met the rebels on Wednesday in the capital.', '2017-12-07', ['2017-12-06']],
    ['a date in a short parenthesis is an apposition', 'The rapper died Tuesday (June 20, 2017) at age 42, his publicist said.', '2017-06-21', ['2017-06-20']],
    ['a year in the main clause still dates it', 'Russia began its air campaign in September 2015, when the army was losing.', '2017-12-07', ['2015-09']],
    ['a year as a modifier does not date the sentence', 'Colbert could make a strong run for the seat in the 2014 election, aides said.', '2012-12-10', []],
    ['a season with its year: the year', 'The two began a relationship in the summer of 2006 in Lake Tahoe, the suit says.', '2018-03-07', ['2006']],
    ['an advertisement is never an event', 'Subscribe now and get 50% off until Monday, December 11, 2017.', '2017-12-10', []],
    // Held-out review (issue 10 item 7): dates that do not date the sentence's event.
    ['a date after since starts a period, not an event', 'The war has killed some 40,000 people since 1990, officials said.', null, []],
    ['an activity going on since a date began then', 'The coalition has been fighting the militants since September 2014, the general said.', '2017-12-07', ['2014-09']],
    ['a perfect without -ing since a date is a state, not a start', 'The group has held the town since 2014, residents said.', '2017-12-07', []],
    ['a clause after since dates its own event, not the sentence', 'It was the widest gap since the agency changed its method in 2004.', null, []],
    ['an opening concessive phrase is a side clause', 'Despite a brief alliance with the party in 1981, he remains a firm defender of the reforms.', null, []],
    ['an apposition after a verb dates nothing of the sentence', 'He asked Karl Berg, the rival he defeated in 2006, to mediate the talks.', null, []],
    ['the main clause after an opening word keeps its date', 'However, the tour was cut short in October 2006 when the singer was arrested.', null, ['2006-10']],
    ['a photo caption ending on its place and date is no event', 'Soldiers patrol outside the cathedral in Paris, April 22, 2015.', null, []],
    ['a photo credit marks a caption', 'Jane Roe / AP The senator listens as the chamber debates the bill on July 12, 2013.', null, []],
    ['"in this photograph" marks a caption', 'The runner, in this photograph provided by the city hall, is seen at a race on April 11, 2015.', null, []],
    ['a print-edition note is no event', 'A version of this article appeared March 3, 2014, on page A9 of the print edition.', null, []],
    ['an embedded post is no event', 'We will vote on the bill next week. — Jane Roe (@janeroe) April 1, 2017', null, []],
    ['a deadline is no event', 'The plan seeks to eliminate the deficit by 2025 without raising taxes.', null, []],
    ['a state reached by a date is one', 'By July 1994, the company had become quite interested in the browser.', null, ['1994-07']],
    ['a news sentence ending on its date keeps it', 'The company said it would close the plant in Detroit on April 22, 2015.', null, ['2015-04-22']],
    // Second held-out review (issue 10 item 7): side clauses without a comma, participles, comparisons, dash pairs.
    ['a relative clause without a comma dates nothing of the sentence', 'The scene was more stunning than the streaker who ran across the stage in 1974 at the gala.', null, []],
    ['a relative clause in an apposition dates nothing of the sentence', 'Jack Doyle, a builder who won a large jackpot in 2002, soon fell victim to lawsuits.', null, []],
    ['a participle phrase between subject and verb dates nothing', 'The film, set in the weeks before the war in 1982, will be directed by Ann Lowe.', null, []],
    ['a participle after a speech verb dates nothing', 'Jim Hale said, trying to save the moment with a joke about the pageant in 2015, that he was sorry.', null, []],
    ['a comparison dates nothing of the sentence', 'Many fear that agents will track civilian life just as they did between 1958 and 1964 under the old regime.', null, []],
    ['a phrase between dashes is a parenthesis', 'The favourite — Boyhood in 2015 and The Revenant in 2016 — has lost on the night.', null, []],
    ['a year after "of" names a thing, not a time', 'The House voted to condemn the nonaggression pact of 1939 between the two states.', null, []],
    ['a year after "of" a time noun dates the sentence', 'The plant closed at the end of 2014 after the owners sold it.', null, ['2014']],
    // mnval-104: a participle of origin with its date dates the noun before it.
    ['a participle of origin after the main verb dates nothing of the sentence', 'The drill is conducted in accordance with the Mutual Defense Treaty, signed Oct. 1, 1953.', '2017-03-24', []],
    ['a participle of origin does not hide the main date', 'The council met on Tuesday to discuss the harbour charter, founded in 1921.', '2017-03-24', ['2017-03-21']],
    ['a year after "of" the event the sentence took place in dates it', 'Shazly led the divisions to victory again in the war of 1973 in the desert.', null, ['1973']],
    ['the second of two years after "of" is read as the first', 'He said the leaders feared the damage of the shutdowns of 1995 and 1996 in the race.', null, []],
    ['the last of a list of years after "in" dates the sentence', 'In 1990, 1993 and 1995, the leaders struck a budget deal to lower the deficit.', null, ['1990', '1995']],
    ['a sentence opening in lower case is a broken piece, no event', 'have told him the mayor will run for governor in 2014 after all.', null, []],
    ['a main verb after an apposition is no participle phrase', 'Eric Hale, a former aide to the mayor, distributed the photos on social media in July 2016.', null, ['2016-07']],
    ['a participle after a main verb keeps its date', 'The fire broke out in the hall, killing sixty people on 30 October 1998.', null, ['1998-10-30']],
    // Third held-out review (issue 10): captions, notices, comparisons, ranges, earlier acts.
    ['an agency caption opening "In this …, photo," is no event', 'In this Saturday, July 1, 2017, photo, people line up at the dispensary in the desert town.', null, []],
    ['a photograph named as the opening is a caption', 'Photograph from the excavations in 1998, with the foot bones below the tail of another dinosaur.', null, []],
    ['a correction notice is no event', 'This article was amended on 9 June 2016 to correct the name of the judge.', null, []],
    ['a line in capitals is a fact box, no event', 'IN 1969, QUEEN ELIZABETH TOOK CONTROL OF THE NEW LINE AT GREEN PARK.', null, []],
    ['the year a figure is compared with dates nothing', 'From January through June there were 46 shootings compared to 56 during the same period in 2011, the police said.', null, []],
    ['"than in" a year is a comparison', 'The city recorded far fewer shootings this spring than in 2011, the police said.', null, []],
    ['a bound is no comparison', 'More than 200 people died in the floods in 2011, officials said.', null, ['2011']],
    ['"up from" a figure is a comparison', 'The jobless rate rose to 9 percent, up from 7 percent in 2011, the agency said.', null, []],
    ['"stepped down from" is no comparison', 'The judge stepped down from the bench in 2009 to run for governor.', null, ['2009']],
    ['a gallery caption is no event', 'Hide Caption 5 of 6 Photos: Sinking of the ship The emperor is photographed with officers on board on June 24, 1943.', null, []],
    ['a caption naming people "from left" is no event', 'The sheriff, from left, the police chief and a sergeant announce that two bodies had been found Tuesday, February 14, 2017, east of the town.', null, []],
    ['a share bar run into a caption is no event', 'Facebook Twitter Pinterest The battleship in the harbour in October 1944.', null, []],
    ['a sketch released is a caption', 'A sketch released of an unidentified woman who was hit and killed by two cars on April 1, 1990.', null, []],
    ['a range is dated by its start, once', 'Kroll was the general manager of the app between 2013 and 2014 in New York.', null, ['2013']],
    ['a range of months is dated by its start', 'The study was performed in a university hospital between October 2012 and May 2013.', null, ['2012-10']],
    ['a date after a gerund dates an earlier act, not the sentence', 'A court sentenced the activist to one year in prison for ripping up a photo of the king in court in 2014, the group said on Wednesday.', null, []],
    ['a date after "of" and a gerund dates the act', 'The swimmer was found guilty in March of sexually assaulting an unconscious woman on the campus in 2015.', null, []],
    // Issue 10, fourth held-out review: a dated line without a verb is a dateline, a post's date or a list item.
    ['a dateline is no event', "（People's Daily Online） 09:25, November 27, 2012", null, []],
    ["an embedded post's date is no event", 'Facebook creeps me out. - Notch (@notch) March 25, 2014', null, []],
    ['a list item with its date is no event', '"California King Bed," Sept. 24, 2011', null, []],
    // Issue 10, seventh review (mnval-082): verbs inside a song's title or a bracket are not the line's.
    ['a list item whose title has a verb is no event', '"Shut Up and Drive," Dec. 8, 2007 (two weeks at No. 1)', null, []],
    ['a list item with a bracket is no event', '"Umbrella" (featuring Jay-Z), July 7, 2007 (two weeks at No. 1)', null, []],
    ['a quoted title in a sentence with its own verb is an event', 'The singer released "Umbrella" (featuring Jay-Z) on July 7, 2007 in New York.', null, ['2007-07-07']],
    ['a past form read as an adjective before its object is a verb', 'Trump married his current wife, Melania Trump, in 2005.', null, ['2005']],
    // Issue 10, fifth held-out review: entries shown alone name their subject; captions at the end; "dating to".
    ['an entry whose subject is a pronoun is not shown', 'He joined the band as a full member in 1975 and left in 1978.', null, []],
    ['an entry opening on "It" is not shown', 'It happened with Instagram in 2012, and it happened again last month.', null, []],
    ['an entry opening on a demonstrative is not shown', 'This is a big change in line with other launches like Universal Search in 2007.', null, []],
    ['a connective and then a pronoun: not shown', 'But in 1998 they leaked the results to a tabloid.', null, []],
    ['a pronoun after an opening phrase is not shown', 'In 1989, he joined a short-lived reunion tour of the band.', null, []],
    ['a name after an opening phrase is shown', 'In 1989, Balin joined a short-lived reunion tour of the band.', null, ['1989']],
    ['"This year" is a time, not a pointer', 'This year the band toured Europe, as it did in 2008.', null, []],
    ['a caption ending "in this … handout photo" is no event', 'Two pilots fly a patrol plane during the search in this March 24, 2014 handout photo.', null, []],
    ['a date after "dating to" dates no event', 'The chairman wants records of the contacts dating to September 2013, when the director was sworn in.', null, []],
    // Issue 10, seventh review's leftover (mnval-112): a "before/until" clause without a comma dates its own event.
    ['a "before" clause without a comma dates nothing of the sentence', 'The president gets to avoid another budget battle before voters head to the polls in November 2012.', null, []],
    ['mnval-112: a "before" clause without a comma in a longer sentence', 'In return, Obama, whose poll numbers are at all-time lows, gets to avoid another debt ceiling battle before voters head to polls in November 2012, and he will be able to argue that he was willing to compromise.', null, []],
    ['an "until" clause without a comma dates nothing of the sentence', 'The senator kept the bill on hold until the committee voted on it in March 2011.', null, []],
    ['a "before" phrase without a verb keeps its date', 'The troops left the town before dawn on 30 October 1998.', null, ['1998-10-30']],
    ['the main event before a "before" clause keeps its date', 'The senator resigned in March 2011 before the committee voted on the bill.', null, ['2011-03']],
    ['a date after "dating back to" dates no event', 'Archaeologists found coins dating back to 1847 near the old mint.', null, []],
  ];
  it.each(CASES)('%s', (_name, text, published, expected) => expect(dates(text, published)).toEqual(expected));

  it('leaves out a connective opening an entry (issue 10, mnval-069)', () => {
    const e = articleEvents(doc('a', 'And both doctors disagreed with the decision to clear the family in 2008 based on new tests.', null), null);
    expect(e.map((x) => x.text)).toEqual(['Both doctors disagreed with the decision to clear the family in 2008 based on new tests.']);
    const f = articleEvents(doc('a', 'Moreover in 1798, the same year, a doctor described a vaccine for smallpox.', null), null);
    expect(f.map((x) => x.text)).toEqual(['In 1798, the same year, a doctor described a vaccine for smallpox.']);
  });
  it('names a "he" or "she" subject from the sentence before, when it names one person (issue 10, seventh review)', () => {
    const entries = (text: string) => analyzeStory([doc('a', text, '2018-09-30')]).timeline.map((t) => t.text);
    expect(entries('Martin Balin sang with the band at the club on Friday night. He joined Jefferson Starship as a full member in 1975.')).toContain(
      '[Martin Balin] joined Jefferson Starship as a full member in 1975.',
    );
    expect(entries('Martin Balin sang with the band at the club on Friday night. In 1989, he joined a short-lived reunion tour of the band.')).toContain(
      'In 1989, [Martin Balin] joined a short-lived reunion tour of the band.',
    );
    // Two people before, a possessor, or a pronoun of the other gender: not named, not shown.
    const none = [
      'Martin Balin sang with Grace Slick at the club on Friday night. He joined Jefferson Starship as a full member in 1975.',
      "Martin Balin's manager spoke at the club on Friday night. He joined Jefferson Starship as a full member in 1975.",
      'Martin Balin sang with the band at the club on Friday night. She joined Jefferson Starship as a full member in 1975.',
      // (A given name that tells no gender: "he" may be someone else.)
      'Marty Balin sang with the band at the club on Friday night. He joined Jefferson Starship as a full member in 1975.',
    ];
    for (const t of none) expect(entries(t).filter((e) => e.includes('1975'))).toEqual([]);
  });
  it('dates no teaser of a page of teasers for other stories (issue 10, mnval-089)', () => {
    const page = [
      'Antarctica lost six times more ice each year between 1979 and 2017, according to a new study. The findings raise ...',
      'Nepal was struck by an earthquake with a magnitude of 7.8 in 2015, but may face a stronger one ...',
      'Men with dyslexia have altered connections in the brain, new research reveals ...',
    ].join('\n');
    expect(articleEvents(doc('a', page, null), null)).toEqual([]);
  });
  it('merges one event reported by two articles and keeps the earliest report date', () => {
    const a = analyzeStory([
      doc('a', 'The army recaptured the ancient town of Palmyra from militants in March 2016 after weeks of fighting.', '2017-12-08'),
      doc('b', 'Government troops recaptured the ancient town of Palmyra from the militants in March 2016.', '2017-09-12'),
    ]);
    const e = a.timeline.find((t) => t.date === '2016-03');
    expect(e?.sources).toEqual(['a', 'b']);
    expect(e?.reportedOn).toBe('2017-09-12');
  });
  it('reports one event given different dates as a date disagreement', () => {
    const a = analyzeStory([
      doc('a', 'The government troops recaptured the ancient town of Palmyra from the militants in March 2016.', '2017-12-08'),
      doc('b', 'The government troops recaptured the ancient town of Palmyra from the militants in April 2016.', '2017-12-08'),
    ]);
    expect(a.disagreements.some((d) => d.kind === 'date')).toBe(true);
  });
});
