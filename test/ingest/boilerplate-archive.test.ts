/**
 * Web-archive notices and social-embed furniture (data/ingest/boilerplate.json): pages
 * fetched from a web archive, or embeds of social posts, often carry only the
 * archive's or the platform's own text. Those lines are removed (so a page made of
 * nothing else is refused as too short, instead of grouping unrelated stories), while
 * news sentences about archives, crawls, tweets and newsletters are kept.
 */
import { describe, expect, it } from 'vitest';
import { classifyLine } from '../../src/ingest/boilerplate.js';
import { articleFromRecord } from '../../src/ingest/index.js';
import type { RemovalKind } from '../../src/types.js';

const REMOVE: Array<[string, RemovalKind]> = [
  ['Starting in 1996, Alexa Internet has been donating their crawl data to the Internet Archive. Flowing in every day, these data are added to the Wayback Machine after an embargo period.', 'boilerplate'],
  ["These crawls are part of an effort to archive pages as they are created and archive the pages that they refer to. That way, as the pages that are referenced are changed or taken from the web, a link to the version that was live when the page was written will be preserved.", 'boilerplate'],
  ['This crawl was run at a level 1 (URLs including their embeds, plus the URLs of all outbound links including their embeds)', 'boilerplate'],
  ['The WARC files associated with this crawl are not currently available to the general public.', 'boilerplate'],
  ['this data is currently not publicly accessible.', 'boilerplate'],
  ['The seed for Wide00014 was:', 'boilerplate'],
  ['-- up to a maximum of 100 most highly ranked URLs per domain', 'boilerplate'],
  ['Crawl of outlinks from wikipedia.org started March, 2016. These files are currently not publicly accessible.', 'boilerplate'],
  ['This is a set of web collections curated by Mark Graham using the Archive-IT service of the Internet Archive.', 'boilerplate'],
  ['You can add location information to your Tweets, such as your city or precise location, from the web and via third-party applications. You always have the option to delete your Tweet location history. Learn more', 'boilerplate'],
  ['When you tweet with a location, Twitter stores that location. You can switch location on/off before each Tweet and always have the option to delete your location history. Learn more', 'boilerplate'],
  ['Embed this Tweet', 'boilerplate'],
  // issue 10, fourth review: a wide crawl's description page and a broadcaster's transcript notice
  ['Web wide crawl with initial seedlist and crawler configuration from March 2011. This uses the new HQ software for distributed crawling by Kenji Nagahashi.', 'boilerplate'],
  ['What’s in the data set:', 'boilerplate'],
  ['Crawl start date: 09 March, 2011', 'boilerplate'],
  ['Number of captures: 2,713,676,341', 'boilerplate'],
  ['The seed list for this crawl was a list of Alexa’s top 1 million web sites, retrieved close to the crawl start date. We used Heritrix (3.1.1-SNAPSHOT) crawler software and respected robots.txt directives.', 'boilerplate'],
  ['If you would like access to this set of crawl data, please contact us at info at archive dot org and let us know who you are and what you’re hoping to do with it.', 'boilerplate'],
  ['NPR transcripts are created on a rush deadline by Verb8tm, Inc., an NPR contractor, and produced using a proprietary transcription process developed with NPR. This text may not be in its final form and may be updated or revised in the future. Accuracy and availability may vary. The authoritative record of NPR’s programming is the audio record.', 'boilerplate'],
  ['Add this Tweet to your website by copying the code below.', 'boilerplate'],
  ['Learn more', 'boilerplate'],
  // a "page not found" notice captured in place of the article
  ['Sorry, the page you requested could not be found.', 'boilerplate'],
  ['The page you are looking for cannot be found', 'boilerplate'],
  ['404 - Page Not Found', 'boilerplate'],
  ['Page not found', 'boilerplate'],
  ['If you are trying to reach a page from a bookmark, the page URL may have changed. Please choose a community from the navigation at the top of this page.', 'boilerplate'],
  ['If you are looking for an older news story, it may no longer be here. Free archives of stories are maintained on our site for one month.', 'boilerplate'],
  ['If you still have trouble finding what you need, please contact our webmaster', 'boilerplate'],
  ['Sign up for the Curbed NY newsletter Sign up for our daily email newsletter and get top stories and breaking news delivered to your inbox.', 'share'],
  ["Get the Times of Israel's Daily Edition by email and never miss our top stories Free Sign Up", 'share'],
  ['Breaking News Emails Get breaking news alerts and special reports. The news and stories that matter, delivered weekday mornings.', 'share'],
  ['Just fill in your contact details in the form below to join our mailing list and keep up to date with the Good Country as it develops.', 'share'],
  ['Want stories like these delivered straight to your phone? Download the Us Weekly iPhone app now!', 'share'],
];

const KEEP = [
  'The Internet Archive said on Tuesday that its Wayback Machine had saved more than 600 billion pages since 1996.',
  'Starting in 1996, the agency has been collecting data on crop yields across the region.',
  'Police said the crawl space under the house had been searched twice.',
  'The senator said he learned more about the plan from a tweet than from the White House.',
  'Subscribers to the newsletter were told about the breach a week later, the company said.',
  'More information about the victims is expected on Friday, the sheriff said.',
  'The page you requested could not be found in the court record, her lawyer said, and the judge ordered a search.',
  'A body was not found at the site, police said.',
  'The crawl start date was moved to March after the outage, the archive said.',
  'Court transcripts are created on a rush basis when a trial is expedited, the clerk said.',
];

describe('web-archive and social-embed boilerplate', () => {
  it.each(REMOVE)('removes %j', (line, kind) => {
    expect(classifyLine(line)?.kind).toBe(kind);
  });

  it.each(KEEP.map((l) => [l]))('keeps %j', (line) => {
    expect(classifyLine(line)).toBeNull();
  });

  it('refuses a page that is only an archive notice as too short', () => {
    const r = articleFromRecord(
      { id: 'archived', text: 'this data is currently not publicly accessible.\nStarting in 1996, Alexa Internet has been donating their crawl data to the Internet Archive. Flowing in every day, these data are added to the Wayback Machine after an embargo period.' },
      'archived.json',
    );
    expect(r.article).toBeNull();
    expect(r.diagnostics[0]?.code).toBe('TOO_SHORT');
  });

  it('refuses a captured "page not found" notice as too short, saying so', () => {
    const r = articleFromRecord(
      {
        id: 'not-found',
        text: 'Sorry, the page you requested could not be found.\n\nIf you are trying to reach a page from a bookmark, the page URL may have changed. Please choose a community from the navigation at the top of this page.\n\nIf you are looking for an older news story, it may no longer be here. Free archives of stories are maintained on our site for one month.\n\nIf you still have trouble finding what you need, please contact our webmaster',
      },
      'not-found.json',
    );
    expect(r.article).toBeNull();
    expect(r.diagnostics[0]?.code).toBe('TOO_SHORT');
  });
});
