import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { articleHalf, hasGoldSpeaker, nameWords, parseGoldLine, quotedParts, type GoldSpeaker } from '../../src/eval/attribution-gold.js';
import { alignOffsets, evaluateAttribution, sameName, scoreItems, speakerMatches } from '../../src/eval/attribution.js';
import { crossread } from '../cli/run.js';

/** A gold line over `text`: each relation given by the substrings of its source and content. */
function goldLine(id: string, text: string, rels: Array<{ source: string | null; cue: string; content: string; from?: number }>, extra: Record<string, unknown> = {}): string {
  const span = (s: string, from = 0): [number, number] => {
    const at = text.indexOf(s, from);
    if (at < 0) throw new Error(`"${s}" not in text`);
    return [at, at + s.length];
  };
  return JSON.stringify({
    id,
    split: 'dev',
    publisher: 'paper',
    published: '2016-03-01',
    title: 'A headline for the test',
    text,
    ...extra,
    attributions: rels.map((r) => ({
      ...(r.source ? { source: { spans: [span(r.source, r.from ?? 0)], text: r.source } } : {}),
      cue: { spans: [span(r.cue, r.from ?? 0)], text: r.cue },
      content: { spans: [span(r.content, r.from ?? 0)], text: r.content },
    })),
  });
}

const TEXT = [
  'Senator Jane Park visited the plant on Monday with officials of the FBI and spoke to the workers there for an hour.',
  '“Nobody here will lose a job while I serve in the Senate,” she said.',
  'The FBI said it had closed the case against the plant and its owners.',
  '“We will rebuild every house in the town before winter,” she added.',
  'A spokesman for the union said the workers would wait for the next meeting.',
  'The senator later said: “We are not going to give up on this town.”',
].join('\n');

describe('gold attribution: speakers by a rule over the gold data', () => {
  const line = goldLine('a1', TEXT, [
    { source: 'Senator Jane Park', cue: 'spoke to', content: 'the workers there for an hour' },
    { source: 'she', cue: 'said', content: '“Nobody here will lose a job while I serve in the Senate,”' },
    { source: 'The FBI', cue: 'said', content: 'it had closed the case against the plant and its owners' },
    { source: 'she', cue: 'added', content: '“We will rebuild every house in the town before winter,”', from: TEXT.indexOf('“We will rebuild') - 10 },
    { source: 'A spokesman for the union', cue: 'said', content: 'the workers would wait for the next meeting' },
    { source: 'The senator', cue: 'later said', content: '“We are not going to give up on this town.”' },
  ]);
  const { article } = parseGoldLine(line, 'gold.jsonl', 1);
  it('reads direct quotes and claims', () => {
    expect(article?.quotes.length).toBe(3);
    expect(article?.claims.length).toBe(3);
  });
  it('resolves a personal pronoun past an organisation to the nearest person-like name', () => {
    const q = article!.quotes[1]!;
    expect(q.speaker.kind).toBe('pronoun');
    expect(q.speaker.name).toEqual(['jane', 'park']);
  });
  it('never resolves "she" to a source whose own given name is a man’s, nor "he" to a woman’s; a surname of both genders tells nothing', () => {
    const text = 'Hillary Clinton said “we will win,” and Donald Trump said “no way.” “It is over,” she said. Ivanka Trump smiled. Trump said “fine.” “It is not,” she added.';
    const l = goldLine('g1', text, [
      { source: 'Hillary Clinton', cue: 'said', content: '“we will win,”' },
      { source: 'Donald Trump', cue: 'said', content: '“no way.”' },
      { source: 'she', cue: 'said', content: '“It is over,”' },
      { source: 'Trump', cue: 'said', content: '“fine.”', from: text.indexOf('Trump said “fine') },
      { source: 'she', cue: 'added', content: '“It is not,”', from: text.indexOf('“It is not') },
    ]);
    const a = parseGoldLine(l, 'g', 1).article!;
    expect(a.quotes[2]!.speaker.name).toEqual(['hillary', 'clinton']);
    expect(a.quotes[4]!.speaker.name).toEqual(['trump']);
  });
  it('a relative "who" stands for the person named right before it, not for the nearest source; after no person’s name, the rule for pronouns', () => {
    const text = 'Jane Park said “we will win.” His running mate, Indiana Gov. Mike Pence, who called him “an American hero,” spoke. Sen. Marco Rubio of Florida, who mused that she was “disqualified,” left. The ranking Democrat on the Senate Intelligence Committee, who said “no,” stayed.';
    const l = goldLine('g6', text, [
      { source: 'Jane Park', cue: 'said', content: '“we will win.”' },
      { source: 'who', cue: 'called', content: '“an American hero,”', from: text.indexOf('who called') },
      { source: 'who', cue: 'mused', content: '“disqualified,”', from: text.indexOf('who mused') },
      { source: 'who', cue: 'said', content: '“no,”', from: text.indexOf('who said') },
    ]);
    const a = parseGoldLine(l, 'g', 1).article!;
    expect(a.quotes.map((q) => q.speaker.name)).toEqual([['jane', 'park'], ['mike', 'pence'], ['marco', 'rubio'], ['marco', 'rubio']]);
  });
  it('a person opening the main clause after an opening phrase is a sentence subject a later "he" can stand for', () => {
    const text = 'Lee Zeldin said “it helps.” On the eve of the meetings, Donald Trump eased his tone. “I would say Paul for the time being,” he said.';
    const l = goldLine('g7', text, [
      { source: 'Lee Zeldin', cue: 'said', content: '“it helps.”' },
      { source: 'he', cue: 'said', content: '“I would say Paul for the time being,”', from: text.indexOf('“I would say') },
    ]);
    expect(parseGoldLine(l, 'g', 1).article!.quotes[1]!.speaker.name).toEqual(['donald', 'trump']);
  });
  it('a surname alone takes the gender of the given names written with it in the article', () => {
    const text = 'Hillary Clinton said “we will win,” and Bernie Sanders said “no way.” Sanders said “fine.” “It is not,” she added.';
    const l = goldLine('g2', text, [
      { source: 'Hillary Clinton', cue: 'said', content: '“we will win,”' },
      { source: 'Bernie Sanders', cue: 'said', content: '“no way.”' },
      { source: 'Sanders', cue: 'said', content: '“fine.”', from: text.indexOf('Sanders said “fine') },
      { source: 'she', cue: 'added', content: '“It is not,”' },
    ]);
    expect(parseGoldLine(l, 'g', 1).article!.quotes[3]!.speaker.name).toEqual(['hillary', 'clinton']);
  });
  it('never resolves "he" or "she" to two people, a quantity, a month or a publication', () => {
    const text = 'Jane Park said “we will win.” Trump and Ryan said “no.” Several officials said “maybe.” The Chicago Tribune said “later.” “It is over,” she said.';
    const l = goldLine('g3', text, [
      { source: 'Jane Park', cue: 'said', content: '“we will win.”' },
      { source: 'Trump and Ryan', cue: 'said', content: '“no.”' },
      { source: 'Several officials', cue: 'said', content: '“maybe.”' },
      { source: 'The Chicago Tribune', cue: 'said', content: '“later.”' },
      { source: 'she', cue: 'said', content: '“It is over,”' },
    ]);
    expect(parseGoldLine(l, 'g', 1).article!.quotes[4]!.speaker.name).toEqual(['jane', 'park']);
  });
  it('an organisation word before a person’s role ("Senate Majority Leader Mitch McConnell") still names a person, by the name after the role', () => {
    const text = 'Jane Park said “we will win.” Senate Majority Leader Mitch McConnell said it was wrong. “It is over,” he said. “Not yet,” she said.';
    const l = goldLine('g4', text, [
      { source: 'Jane Park', cue: 'said', content: '“we will win.”' },
      { source: 'Senate Majority Leader Mitch McConnell', cue: 'said', content: 'it was wrong' },
      { source: 'he', cue: 'said', content: '“It is over,”' },
      { source: 'she', cue: 'said', content: '“Not yet,”' },
    ]);
    const a = parseGoldLine(l, 'g', 1).article!;
    expect(a.claims[0]!.speaker.name).toEqual(['mitch', 'mcconnell']);
    expect(a.quotes[1]!.speaker.name).toEqual(['mitch', 'mcconnell']);
    // (His given name now tells his gender: "she" goes past him.)
    expect(a.quotes[2]!.speaker.name).toEqual(['jane', 'park']);
    // An organisation alone stays one: "she" never points to it.
    const l2 = goldLine('g5', 'Jane Park said “we will win.” Breitbart News said it was wrong. “It is over,” she said.', [
      { source: 'Jane Park', cue: 'said', content: '“we will win.”' },
      { source: 'Breitbart News', cue: 'said', content: 'it was wrong' },
      { source: 'she', cue: 'said', content: '“It is over,”' },
    ]);
    expect(parseGoldLine(l2, 'g', 1).article!.quotes[1]!.speaker.name).toEqual(['jane', 'park']);
  });
  it('a person opening a sentence as its subject, nearer than any source, is what "he" points to ("Rubio disagreed. “…,” he said")', () => {
    const text = 'Chris Christie said “he did not fight.” Marco Rubio disagreed. “Leadership is solving the problem,” he said. Later, Dr. Jane Roe wrote a note. “It is fine,” he added. “We are not done,” I said.';
    const l = goldLine('g6', text, [
      { source: 'Chris Christie', cue: 'said', content: '“he did not fight.”' },
      { source: 'he', cue: 'said', content: '“Leadership is solving the problem,”', from: text.indexOf('“Leadership') },
      { source: 'he', cue: 'added', content: '“It is fine,”', from: text.indexOf('“It is fine') },
      { source: 'I', cue: 'said', content: '“We are not done,”', from: text.indexOf('“We are not') },
    ]);
    const a = parseGoldLine(l, 'g', 1).article!;
    expect(a.quotes[1]!.speaker.name).toEqual(['marco', 'rubio']);
    // Not a sentence opened by a function word, nor a name after a title's full stop ("Dr. Jane Roe"),
    // nor one of the other gender; "I" is never resolved this way.
    expect(a.quotes[2]!.speaker.name).toEqual(['marco', 'rubio']);
    expect(a.quotes[3]!.speaker.name).toEqual(['chris', 'christie']);
    // A surname alone opens a sentence only when the text writes it after a given name.
    const resolve = (t2: string) =>
      parseGoldLine(
        goldLine('g7', t2, [
          { source: 'Chris Christie', cue: 'said', content: '“no.”' },
          { source: 'he', cue: 'said', content: '“Yes,”', from: t2.indexOf('“Yes') },
        ]),
        'g',
        1,
      ).article!.quotes[1]!.speaker.name;
    expect(resolve('Marco Rubio is a senator. Chris Christie said “no.” Rubio disagreed. Nothing changed. “Yes,” he said.')).toEqual(['rubio']);
    expect(resolve('Chris Christie said “no.” Rubio disagreed. Nothing changed. “Yes,” he said.')).toEqual(['chris', 'christie']);
  });
  it('resolves a definite role description, keeps an indefinite one as a description', () => {
    const q = article!.quotes[2]!;
    expect(q.speaker).toMatchObject({ kind: 'description', name: ['jane', 'park'] });
    const c = article!.claims[2]!;
    expect(c.speaker).toMatchObject({ kind: 'description', name: null, description: ['spokesman', 'union'] });
  });
  it('cuts a source at its apposition and drops titles, affiliations and places', () => {
    const l = goldLine('a2', 'Brian Fallon, a spokesman for the campaign, said “this is over now, truly.” A Florida Republican said “no way at all.”', [
      { source: 'Brian Fallon, a spokesman for the campaign,', cue: 'said', content: '“this is over now, truly.”' },
      { source: 'A Florida Republican', cue: 'said', content: '“no way at all.”' },
    ]);
    const a = parseGoldLine(l, 'g', 1).article!;
    expect(a.quotes[0]!.speaker.name).toEqual(['brian', 'fallon']);
    expect(a.quotes[1]!.speaker).toMatchObject({ kind: 'description', description: ['florida', 'republican'] });
  });
  it('takes the name in apposition after a role of someone’s, never a clause', () => {
    const text = 'Trump’s Virginia state director, Mike Rubino, said “we will win here.” Clinton’s campaign, which Bernie Sanders attacked, said “we disagree entirely.”';
    const l = goldLine('a3', text, [
      { source: 'Trump’s Virginia state director, Mike Rubino,', cue: 'said', content: '“we will win here.”' },
      { source: 'Clinton’s campaign, which Bernie Sanders attacked,', cue: 'said', content: '“we disagree entirely.”' },
    ]);
    const a = parseGoldLine(l, 'g', 1).article!;
    expect(a.quotes[0]!.speaker.name).toEqual(['mike', 'rubino']);
    expect(a.quotes[1]!.speaker.name).toEqual(['clinton']);
  });
  it('a source that names nobody before a relative clause is a description, never a name inside the clause', () => {
    const text = 'The designer, who works for another brand at G-III, said “it is hard.” A data expert who has worked for one of Trump’s rivals said “it is late.” Former Secretary of State Madeleine Albright said “no.”';
    const l = goldLine('a4', text, [
      { source: 'The designer, who works for another brand at G-III,', cue: 'said', content: '“it is hard.”' },
      { source: 'A data expert who has worked for one of Trump’s rivals', cue: 'said', content: '“it is late.”' },
      { source: 'Former Secretary of State Madeleine Albright', cue: 'said', content: '“no.”' },
    ]);
    const a = parseGoldLine(l, 'g', 1).article!;
    expect(a.quotes[0]!.speaker).toMatchObject({ kind: 'description', name: null, description: ['designer'] });
    expect(a.quotes[1]!.speaker).toMatchObject({ kind: 'description', name: null });
    // (An "of" phrase is no relative clause: the name after it still counts.)
    expect(a.quotes[2]!.speaker).toMatchObject({ kind: 'name' });
    expect(a.quotes[2]!.speaker.name?.at(-1)).toBe('albright');
  });
  it('a content split by its own attribution ("…,” Sanders said, “…") also has that speaker, only when the gap is just that', () => {
    const text = 'Per CNN, “I ask you all,” Sanders said, “to stay calm tonight.” Later “it is possible,” he said when asked about Trump, “to change.”';
    const span = (s: string): [number, number] => [text.indexOf(s), text.indexOf(s) + s.length];
    const rel = (source: string, parts: string[]) => ({ source: { spans: [span(source)], text: source }, cue: { spans: [], text: '' }, content: { spans: parts.map(span), text: '' } });
    const line = JSON.stringify({
      id: 'a4',
      text,
      attributions: [rel('CNN', ['“I ask you all,”', '“to stay calm tonight.”']), rel('he', ['“it is possible,”', '“to change.”'])],
    });
    const a = parseGoldLine(line, 'g', 1).article!;
    expect(a.quotes[0]!.speaker.inner).toEqual(['sanders']);
    expect(a.quotes[1]!.speaker.inner).toBeUndefined();
    expect(speakerMatches('Bernie Sanders', a.quotes[0]!.speaker)).toBe(true);
    expect(speakerMatches('CNN', a.quotes[0]!.speaker)).toBe(true);
  });
  it('a content that goes on after its quotation with its own attribution ("“…” O’Malley said …") also has that speaker; a clause does not', () => {
    const text = 'Per the Sun, “I think one has to ask about it,” O’Malley said at a press conference. Per the Times, “we will see about that soon,” the judge said of Trump.';
    const span = (s: string): [number, number] => [text.indexOf(s), text.indexOf(s) + s.length];
    const rel = (source: string, content: string) => ({ source: { spans: [span(source)], text: source }, cue: { spans: [], text: '' }, content: { spans: [span(content)], text: content } });
    const line = JSON.stringify({
      id: 'a5',
      text,
      attributions: [rel('the Sun', '“I think one has to ask about it,” O’Malley said at a press conference'), rel('the Times', '“we will see about that soon,” the judge said of Trump')],
    });
    const a = parseGoldLine(line, 'g', 1).article!;
    expect(a.quotes[0]!.speaker.inner).toEqual(['o\'malley']);
    expect(a.quotes[1]!.speaker.inner).toBeUndefined();
    expect(speakerMatches('Martin O’Malley', a.quotes[0]!.speaker)).toBe(true);
    expect(speakerMatches('Donald Trump', a.quotes[1]!.speaker)).toBe(false);
  });
  it('so does a first content part that ends with its own attribution before the reporting source ("“…,” Welch said, according to Vermont Edition. “…”")', () => {
    const text = '“I will be voting,” Welch said, according to Vermont Edition. “And I have decided to vote for Sanders.”';
    const span = (s: string): [number, number] => [text.indexOf(s), text.indexOf(s) + s.length];
    const line = JSON.stringify({
      id: 'a6',
      text,
      attributions: [{ source: { spans: [span('Vermont Edition')], text: 'Vermont Edition' }, cue: { spans: [span('according to')], text: 'according to' }, content: { spans: [span('“I will be voting,” Welch said'), span('“And I have decided to vote for Sanders.”')], text: '' } }],
    });
    const a = parseGoldLine(line, 'g', 1).article!;
    expect(a.quotes[0]!.speaker.inner).toEqual(['welch']);
    expect(speakerMatches('Peter Welch', a.quotes[0]!.speaker)).toBe(true);
  });
  it('a source that holds only the cue ("said", "said in a statement") gives no gold speaker', () => {
    const text = '“We will win this state by a wide margin,” said in a statement the campaign. “Nobody will lose a job,” Reed said.';
    const l = goldLine('a6', text, [
      { source: 'said in a statement', cue: 'said', content: '“We will win this state by a wide margin,”' },
      { source: 'Reed', cue: 'said', content: '“Nobody will lose a job,”' },
    ]);
    const a = parseGoldLine(l, 'g', 1).article!;
    expect(a.quotes[0]!.speaker.kind).toBe('none');
    expect(hasGoldSpeaker(a.quotes[0]!.speaker)).toBe(false);
    expect(a.quotes[1]!.speaker).toMatchObject({ kind: 'name', name: ['reed'] });
  });
  it('reads names with particles and either apostrophe alike', () => {
    const gold = (name: string[]): GoldSpeaker => ({ kind: 'name', text: name.join(' '), name, description: null });
    expect(speakerMatches('Bill de Blasio', gold(nameWords('De Blasio')))).toBe(true);
    expect(speakerMatches("Brett O'Donnell", gold(nameWords('O’Donnell')))).toBe(true);
    expect(speakerMatches('Bill Blasio', gold(nameWords('Tom de Blasio')))).toBe(false);
  });
  it('marks the parts of the content inside quotation marks', () => {
    const t = 'He said the plan was “dead on arrival” and “a waste of time.”';
    const start = t.indexOf('the plan');
    const parts = quotedParts(t, [[start, t.length]]).map(([a, b]) => t.slice(a, b));
    expect(parts).toEqual(['dead on arrival', 'a waste of time.']);
  });
  it('reads a closing mark that opens a content span before a letter as opening', () => {
    const t = 'Photo. ”Mr. Reed has let the whole town down again.” ― Ann Cole';
    const start = t.indexOf('”Mr');
    const parts = quotedParts(t, [[start, t.indexOf(' ―')]]).map(([a, b]) => t.slice(a, b));
    expect(parts).toEqual(['Mr. Reed has let the whole town down again.']);
  });
  it('records a bad line as a diagnostic naming the file and line', () => {
    const { article: a, diagnostics } = parseGoldLine('{"text": 3}', 'gold.jsonl', 7);
    expect(a).toBeNull();
    expect(diagnostics[0]?.message).toContain('gold.jsonl:7');
  });
});

describe('speaker matching', () => {
  const name = (n: string[]): GoldSpeaker => ({ kind: 'name', text: n.join(' '), name: n, description: null });
  it.each([
    ['Hillary Clinton', ['hillary', 'clinton'], true],
    ['Bill Clinton', ['hillary', 'clinton'], false],
    ['Donald Trump', ['donald', 'j', 'trump'], true],
    ['Trump', ['donald', 'trump'], true],
    ['Reince Priebus', ['national', 'committee', 'reince', 'priebus'], true],
    ['Marco Rubio', ['ted', 'cruz'], false],
  ] as Array<[string, string[], boolean]>)('%s ~ %j: %s', (found, gold, want) => {
    expect(speakerMatches(found, name(gold))).toBe(want);
  });
  it('matches an acronym with its name, and a description by a content word', () => {
    expect(speakerMatches('Democratic National Committee', { kind: 'name', text: 'the DNC', name: ['dnc'], description: null })).toBe(true);
    expect(speakerMatches('the union spokesman', { kind: 'description', text: 'a spokesman for the union', name: null, description: ['spokesman', 'union'] })).toBe(true);
    expect(speakerMatches('Jane Park', { kind: 'description', text: 'a spokesman', name: null, description: ['spokesman'] })).toBe(false);
  });
  it('sameName is symmetric (property)', () => {
    const word = fc.constantFrom('anna', 'lee', 'park', 'j', 'jane', 'bill', 'stone');
    fc.assert(fc.property(fc.array(word, { minLength: 1, maxLength: 3 }), fc.array(word, { minLength: 1, maxLength: 3 }), (a, b) => sameName(a, b) === sameName(b, a)));
  });
});

describe('scoring', () => {
  const { article } = parseGoldLine(
    goldLine('s', 'Jane Park spoke. “We will rebuild every house in the town,” Park said. “It is done,” said Tom Reed.', [
      { source: 'Park', cue: 'said', content: '“We will rebuild every house in the town,”' },
      { source: 'Tom Reed', cue: 'said', content: '“It is done,”' },
    ]),
    'g',
    1,
  );
  const t = article!.text;
  const at = (s: string): [number, number] => [t.indexOf(s), t.indexOf(s) + s.length];
  it('counts recall, speaker precision and coverage; a wrong speaker lowers precision', () => {
    const [a, b] = at('We will rebuild every house in the town');
    const [c, d] = at('It is done');
    const { tally } = scoreItems([{ start: a, end: b, speaker: 'Jane Park' }, { start: c, end: d, speaker: 'Jane Park' }], article!.quotes, 'quote');
    expect(tally.scores()).toMatchObject({ gold: 2, found: 2, matched: 2, recall: 1, speakerPrecision: 0.5, speakerCoverage: 1 });
  });
  it('lists the errors behind the scores: a wrong speaker, a missed quote', () => {
    const [a, b] = at('We will rebuild every house in the town');
    const errors: Parameters<typeof scoreItems>[3] = [];
    scoreItems([{ start: a, end: b, speaker: 'Tom Reed', how: 'after' }], article!.quotes, 'quote', errors);
    expect(errors?.map((e) => [e.kind, e.goldName, e.found, e.how])).toEqual([
      ['wrong-speaker', 'park', 'Tom Reed', 'after'],
      ['missed', 'tom reed', null, null],
    ]);
  });
  it('scores speakers per route, falling back to how, with "none" for no speaker', () => {
    const [a, b] = at('We will rebuild every house in the town');
    const [c, d] = at('It is done');
    const { byRoute, byHow } = scoreItems(
      [
        { start: a, end: b, speaker: 'Jane Park', how: 'pronoun', route: 'pronoun:she:prev-speaker' },
        { start: c, end: d, speaker: 'Jane Park', how: 'after' },
      ],
      article!.quotes,
      'quote',
    );
    expect(byRoute.get('pronoun:she:prev-speaker')?.scores()).toMatchObject({ speakerGiven: 1, speakerRight: 1, speakerPrecision: 1 });
    expect(byRoute.get('after')?.scores()).toMatchObject({ speakerGiven: 1, speakerRight: 0, speakerPrecision: 0 });
    expect([...byHow.keys()].sort()).toEqual(['after', 'pronoun']);
  });
  it('a quotation overlapping less than half of the shorter side does not match', () => {
    const [a] = at('We will rebuild');
    const { tally } = scoreItems([{ start: a - 20, end: a + 3, speaker: 'Jane Park' }], article!.quotes, 'quote');
    expect(tally.scores()).toMatchObject({ matched: 0, recall: 0 });
  });
});

describe('alignment of cleaned text to the gold text', () => {
  it('maps every kept character back to the same character (property)', () => {
    const para = fc.stringMatching(/^[A-Z][a-z]{2,8}( [a-z]{1,8}){3,10}\.$/);
    fc.assert(
      fc.property(fc.array(para, { minLength: 1, maxLength: 6 }), fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }), (paras, drop) => {
        // The raw text has extra blank lines, doubled spaces and dropped (boilerplate) lines.
        const raw = paras.map((p, i) => (drop[i] ? `Share this story\n\n${p.replace(/ /g, '  ')}` : p)).join('\n\n');
        const clean = paras.join('\n');
        const map = alignOffsets(clean, raw);
        for (let i = 0; i < clean.length; i++) {
          if (clean[i] === '\n') continue;
          const j = map[i] as number;
          expect(j).toBeGreaterThanOrEqual(0);
          if (!/\s/.test(clean[i] as string)) expect(raw[j]).toBe(clean[i]);
        }
      }),
      { numRuns: 60 },
    );
  });
  it('re-anchors after a stretch that cleaning changed, so the rest of the paragraph maps back', () => {
    // Cleaning repaired the mojibake of "Peña" (raw "PeÃ±a"): the text after it is found again.
    const raw = 'Mexican President Enrique PeÃ±a Nieto urged people not to "choose the road toward isolation."';
    const clean = 'Mexican President Enrique Peña Nieto urged people not to "choose the road toward isolation."';
    const map = alignOffsets(clean, raw);
    const q = clean.indexOf('choose');
    expect(raw.slice(map[q] as number, (map[q + 5] as number) + 1)).toBe('choose');
    expect(map[clean.length - 1]).toBe(raw.length - 1);
    expect(map[clean.indexOf('ñ')]).toBe(-1);
  });
});

describe('the pipeline on gold articles', () => {
  const lines = [
    goldLine('p1', TEXT, [
      { source: 'she', cue: 'said', content: '“Nobody here will lose a job while I serve in the Senate,”' },
      { source: 'Senator Jane Park', cue: 'spoke to', content: 'the workers there for an hour' },
      { source: 'The senator', cue: 'later said', content: '“We are not going to give up on this town.”' },
    ]),
    '{"broken json',
  ];
  it('scores each article through ingest, annotation and the quote analysis', () => {
    const articles = lines.map((l, i) => parseGoldLine(l, 'g', i + 1).article).filter((a) => a !== null);
    const r = evaluateAttribution('g', articles);
    expect(r.articles).toBe(1);
    expect(r.quotes.gold).toBe(2);
    expect(r.quotes.recall).toBe(1);
    expect(r.quotes.speakerPrecision).toBe(1);
    expect(r.publishers.paper?.quotes.gold).toBe(2);
    // Per route: the "she said" quotation went through the pronoun, to the person opening the sentence before.
    expect(Object.keys(r.quotes.byRoute).filter((k) => k.startsWith('pronoun:she:'))).toHaveLength(1);
  });
  it('the CLI prints the JSON keys and reports a malformed line without failing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'crossread-attr-'));
    const file = join(dir, 'gold.jsonl');
    writeFileSync(file, lines.join('\n'));
    const r = crossread(['eval-attribution', file, '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(':2:');
    const out = JSON.parse(r.stdout) as { quotes: Record<string, number>; claims: Record<string, number>; publishers: Record<string, unknown> };
    expect(typeof out.quotes.byRoute).toBe('object');
    for (const k of ['gold', 'found', 'recall', 'speakerPrecision', 'speakerCoverage']) {
      expect(typeof out.quotes[k]).toBe('number');
      expect(typeof out.claims[k]).toBe('number');
    }
    expect(Object.keys(out.publishers)).toEqual(['paper']);
  });
  it('--half scores the articles of one half only (by the id hash), and refuses another value', () => {
    const ids = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'];
    const even = ids.filter((id) => articleHalf(id) === 'even');
    expect(even.length).toBeGreaterThan(0);
    expect(even.length).toBeLessThan(ids.length);
    const dir = mkdtempSync(join(tmpdir(), 'crossread-attr-'));
    const file = join(dir, 'gold.jsonl');
    writeFileSync(file, ids.map((id) => goldLine(id, TEXT, [{ source: 'she', cue: 'said', content: '“Nobody here will lose a job while I serve in the Senate,”' }])).join('\n'));
    for (const half of ['even', 'odd'] as const) {
      const r = crossread(['eval-attribution', file, '--half', half, '--json', '-q']);
      expect(r.code).toBe(0);
      expect((JSON.parse(r.stdout) as { articles: number }).articles).toBe(ids.filter((id) => articleHalf(id) === half).length);
    }
    const bad = crossread(['eval-attribution', file, '--half', 'third']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('"third" is not a half');
  });
});
