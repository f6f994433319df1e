/**
 * Boilerplate line classification: lines that must be removed (with their kind) and
 * lines that must be kept — real sentences that merely mention "read", "AP", "share",
 * "photo" or "copyright".
 */
import { describe, expect, it } from 'vitest';
import { classifyLine, isPhotoCredit } from '../../src/ingest/boilerplate.js';
import type { RemovalKind } from '../../src/types.js';

const REMOVE: Array<[string, RemovalKind, { tail?: boolean; head?: boolean }?]> = [
  ['2 min read', 'reading-time'],
  ['5 minute read', 'reading-time'],
  ['Reading time: 4 minutes', 'reading-time'],
  ['· 3 min read', 'reading-time'],
  ['Share this article', 'share'],
  ['Share', 'share'],
  ['Facebook Twitter Pinterest Email', 'share'],
  ['share tweet pin email', 'share'],
  ['Follow us on Twitter', 'share'],
  ['Follow Josh Feldman on Twitter: @feldmaniac', 'share'],
  ['Subscribe to our daily newsletter', 'share'],
  ['Sign up for our weekly newsletter here', 'share'],
  ['Click to share on WhatsApp (Opens in new window)', 'share'],
  ['Advertisement', 'boilerplate'],
  ['ADVERTISEMENT', 'boilerplate'],
  ['Advertisement Continue reading the main story', 'boilerplate'],
  ['Story continues below advertisement', 'boilerplate'],
  // advertisement and promotion lines (issue 14)
  ['Advertisement · Continue reading below', 'boilerplate'],
  ['ADVERTISEMENT - SCROLL TO CONTINUE WITH CONTENT', 'boilerplate'],
  ['Are you there? Send us your images or video.', 'boilerplate'],
  ['CLOSE Police confirmed on Tuesday that the two bodies found near the bridge were the missing hikers. Jane Doe/ The Courier', 'caption'],
  ['CLOSE Skip in Skip x Embed x Share A former officer accused of false reports was found dead at home. Video provided by Newsy', 'caption'],
  ['Were you affected by the storm? Share your experiences with us.', 'boilerplate'],
  ['Advert', 'boilerplate'],
  ['Get 50% off…', 'boilerplate'],
  ['Get 50% off your first year', 'boilerplate'],
  ['Save 40% on a digital subscription', 'boilerplate'],
  ['Subscribe now for just $1 a week', 'boilerplate'],
  ['Try 3 months for £1', 'boilerplate'],
  ['Limited-time offer: unlimited access for €2', 'boilerplate'],
  ['Sponsored by Acme Bank', 'boilerplate'],
  ['Promotion', 'boilerplate'],
  ['PAID PARTNERSHIP', 'boilerplate'],
  ['Read more', 'boilerplate'],
  ['RELATED: Best Places To Live In The World 2016', 'boilerplate'],
  ['Also read: Ceasefire talks resume in Geneva', 'boilerplate'],
  ['Please enable JavaScript to watch this video', 'boilerplate'],
  ['report this ad', 'boilerplate'],
  ['2 years ago', 'boilerplate'],
  ['Home › News › World', 'boilerplate'],
  ['www.example-news.com', 'boilerplate'],
  ['Representational pic - Russia says Syria govt seized most territory from ISIS', 'caption'],
  ['Putin intervened in Syria to shore up the regime of Bashar al-Assad (R) [Getty]', 'caption'],
  ['Protesters gather outside parliament on Monday. (AP Photo/Hassan Ammar)', 'caption'],
  ['The mayor speaks to reporters (Photo: City Hall)', 'caption'],
  ['President Trump announces his pick for the court. (Victoria Walker/The Washington Post)', 'caption'],
  ['FILE - In this Feb. 11, 2007, file photo, an actress arrives at the awards.', 'caption'],
  ['Image copyright Getty Images Image caption The band broke up in 1980', 'caption'],
  ['Facebook Twitter Pinterest Photograph: Kevin Winter/Getty Images', 'caption'],
  ['Enlarge this image toggle caption Bryan Bedder/Getty Images', 'caption'],
  ['Sarah Tew/CNET', 'caption'],
  ['Photo by Jane Doe', 'caption'],
  // A credit alone in brackets, its caption gone (mnval-097 took it for the headline).
  ['(Washington Post Staff Photo/Andrea Bruce)', 'caption'],
  ['(Victoria Walker/The Washington Post)', 'caption'],
  // A form's verification line and an email-a-friend box (mnval-067 took the first for the headline).
  ['You must enter the characters with black color that stand out from the other characters', 'boilerplate'],
  ['Message: * A friend wanted you to see this item from WRAL.com: http://wr.al/13gnP', 'boilerplate'],
  // A sign-up form's consent line (issue 10, fifth review: mnval-171's second article was labelled by it).
  ["Note: By submitting this form, you agree to Third Door Media's terms . We respect your privacy .", 'boilerplate'],
  ['By clicking Sign Up, you agree to our Terms of Use and Privacy Policy.', 'boilerplate'],
  // Issue 10, seventh review: an editor's update note became mnval-102's headline, an NYT
  // "Photo" toggle run into the ad line labelled mnval-072's third article, and a video player's
  // caption without its "CLOSE" labelled mnval-052's third.
  ['This story is updated at the bottom with a response from Rich Benjamin', 'boilerplate'],
  ["Editor's note: This article has been updated to include comment from the police.", 'boilerplate'],
  ['Photo Advertisement Continue reading the main story', 'boilerplate'],
  ['Skip in Skip x Embed x Share The discovery of two slain Indiana children was called a "senseless tragedy". (Dwight Adams/IndyStar) Wochit', 'caption'],
  ['(This material provided by Russian media, especially by RT)', 'credit'],
  ['The Associated Press contributed to this report.', 'credit'],
  ['(Reporting by David Lawder; Editing by Tom Heneghan)', 'credit'],
  ['Copyright © 2012 AFP. All rights reserved.', 'credit'],
  ['© 2021 The Harbour Gazette', 'credit'],
  ['With inputs from agencies', 'credit'],
  ['This article was originally published on The Conversation.', 'credit'],
  ['***', 'divider'],
  ['———', 'divider'],
  ['___', 'divider'],
  ['* * *', 'divider'],
  ['– “Complete rout of terrorists” –', 'divider'],
  ['– The Pentagon does not recognize the defeat of the IS –', 'divider'],
  ['- AP', 'sign-off', { tail: true }],
  ['— Reuters', 'sign-off', { tail: true }],
  ['(AFP)', 'sign-off', { tail: true }],
  ['Reuters', 'sign-off', { tail: true }],
  ['ENDS', 'sign-off', { tail: true }],
];

const KEEP: Array<[string, { tail?: boolean; head?: boolean }?]> = [
  ['Enter the code on the back of the card to claim the prize, the company told customers.'],
  ['(The hearing was adjourned until Monday.)'],
  ['Readers can read the full report on the ministry website, officials said.'],
  ['Close to 200 people gathered outside the court on Monday, police said.'],
  ['CLOSE to 200 people gathered outside the court on Monday, police said.'],
  ['"Were you there? Tell us what you saw," the officer asked the witness in court on Monday.'],
  ['Are you there yet? she asked, and he said they would send us the photos later that week from the camp.'],
  ['The AP reported that at least 12 civilians were killed in the strikes.'],
  ['He told the AP that the talks would resume on Tuesday.'],
  ['Share prices fell 3 percent in early trading on Monday.'],
  ['Shares of the company rose after the announcement.'],
  ['Follow-up talks are planned for next week in Geneva.'],
  ['She said she would follow the case closely on Twitter and in court.'],
  ['The photo showed soldiers standing in front of the ruined mosque.'],
  ['Photographs of the damage were shared widely on social media.'],
  ['Copyright infringement lawsuits rose sharply last year, the report said.'],
  ['Smith contributed to this success by negotiating the ceasefire.'],
  ['The names may not be published under a court order, the judge said.'],
  ['Reading the statement aloud, the minister paused twice.'],
  ['It was a two-minute read for the minister, who then left the room.'],
  ['Advertisements for the rally were banned by the city council.'],
  ['Get 50% off deals drew crowds to the mall on Friday, police said.'],
  ['Shoppers could get 50% off at some stores, the retailer said.'],
  ['Save 40% on energy bills, the minister told voters.'],
  ['Sponsored by the government, the programme trained 2,000 teachers.'],
  ['The promotion of three generals was announced on Monday.'],
  ['Subscribers pay $1 a week for the first year, the company said.'],
  ['Special offers from the airline were cancelled after the strike.'],
  ['Related talks in Vienna ended without agreement.'],
  ['The army said the operation was over (Reuters reported earlier that it had stalled).'],
  ['Syrian troops, backed by Russian air power, took the town (the last held by IS) on Sunday.'],
  ['Russia says Syria government seized most territory from ISIS'],
  ['Putin said the operation – which began in 2015 – was complete.'],
  ['Reuters', {}],
  ['- AP said the figure could rise', { tail: true }],
  ['The report was published by the BBC on Tuesday.', { tail: true }],
  ['Jane Doe', { tail: true }],
  ['Comments from the ministry were not immediately available.'],
  ['This story was updated after the governor said the count would resume on Monday.'],
  ['Photo albums of the flood were shown at the hearing.'],
  ['Video footage showed the convoy crossing the river at dawn.'],
];

describe('classifyLine: a caption toggle glued to its icon letter (issue 10, held-out review)', () => {
  it('"itoggle caption" and its credit are a caption line', () => {
    expect(classifyLine('itoggle caption Kim Lane/Bloomberg via Getty Images')?.kind).toBe('caption');
  });
});

describe('classifyLine: boilerplate that must be removed', () => {
  it.each(REMOVE)('%s → %s', (line, kind, opts) => {
    expect(classifyLine(line, opts ?? {})?.kind).toBe(kind);
  });
});

describe('classifyLine: text that must be kept', () => {
  it.each(KEEP)('%s', (line, opts) => {
    expect(classifyLine(line, opts ?? {})).toBeNull();
  });
});

describe('sign-offs and outlets', () => {
  it('names the agency of a sign-off as the outlet', () => {
    expect(classifyLine('- AP', { tail: true })).toEqual({ kind: 'sign-off', outlet: 'AP' });
    expect(classifyLine('— The Gulf Times', { tail: true })).toEqual({ kind: 'sign-off', outlet: 'The Gulf Times' });
  });
  it('does not take a person signing off for an outlet', () => {
    expect(classifyLine('— David R. Baker', { tail: true })).toEqual({ kind: 'sign-off' });
  });
  it('takes a site domain near the top as the outlet, never a video or social platform', () => {
    expect(classifyLine('www.example-news.com', { head: true })).toEqual({ kind: 'boilerplate', outlet: 'example-news.com' });
    expect(classifyLine('http://www.youtube.com/watch?v=abc', { head: true })).toEqual({ kind: 'boilerplate' });
    expect(classifyLine('www.example-news.com')).toEqual({ kind: 'boilerplate' });
  });
});

describe('isPhotoCredit', () => {
  it.each([['Getty'], ['AP Photo/Hassan Ammar'], ['File photo'], ['AFP/Getty Images'], ['Photo: Wayne State University'], ['Todd Maisel/New York Daily News']])(
    '%s is a photo credit',
    (s) => expect(isPhotoCredit(s)).toBe(true),
  );
  it.each([['R'], ['the last held by IS'], ['10,425 square miles'], ['Reuters reported earlier that it had stalled']])('%s is not', (s) =>
    expect(isPhotoCredit(s)).toBe(false),
  );
});
