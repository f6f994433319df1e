import { describe, expect, it } from 'vitest';
import { analyzeStory } from '../../src/analysis/index.js';
import { sentenceFigures } from '../../src/analysis/numbers.js';
import { cueIndex, sameProposition } from '../../src/analysis/disputes.js';
import { doc } from './helpers.js';

function figures(text: string) {
  const d = doc('a', text);
  return d.sentences.flatMap((s) => sentenceFigures('a', s, []));
}

describe('figures', () => {
  // [text, value, unit, bound]
  const CASES: Array<[string, number, string, string]> = [
    ['IS still held about eight percent of the province.', 8, 'percent', 'about'],
    ['They hold 15% of the land.', 15, 'percent', 'exact'],
    ['Airstrikes killed at least 12 civilians in the village.', 12, 'count', 'at-least'],
    ['More than 1.5 million people fled the city.', 1_500_000, 'count', 'more-than'],
    ['There are fewer than 3,000 ISIS militants remaining in Iraq.', 3000, 'count', 'less-than'],
  ];
  it.each(CASES)('%s', (text, value, unit, bound) => {
    const f = figures(text);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ value, unit, bound });
  });
  it('reads a figure and its conversion in parentheses as one figure', () => {
    const f = figures('The militants hold approximately 27,000 square kilometers (10,425 square miles) of land.');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ value: 27000, unit: 'area', bound: 'about' });
  });
  it('skips years, dates and times', () => {
    expect(figures('On December 6, 2017, at 09:30 the talks began in 2015 style.')).toHaveLength(0);
  });
});

describe('number disagreements', () => {
  it('flags different counts of the same event within one article', () => {
    const a = analyzeStory([
      doc('a', 'Syrian activists say airstrikes on Tuesday killed at least 12 civilians in a village held by the group. A local network said the attack targeted the village. The Observatory said 21 civilians were killed, among them 9 children.', '2017-12-07'),
    ]);
    const d = a.disagreements.find((x) => x.kind === 'number');
    expect(d?.positions.map((p) => p.value)).toEqual(['at least 12', '21']);
    // "at least 12" and 21 are compatible: shown, labelled as such (issue 10).
    expect(d?.status).toBe('compatible');
    expect(d?.note).toMatch(/lower bound/);
  });
  it('does not flag equal figures, or figures about different things', () => {
    const a = analyzeStory([
      doc('a', 'Troops liberated about 85 percent of the country. The militants hold the remaining 15 percent. Officials said 40 soldiers were wounded.', '2017-09-12'),
      doc('b', 'Officials said 40 soldiers were wounded in the fighting near the border town. Troops liberated about 85 percent of the country, officials said.', '2017-09-13'),
    ]);
    expect(a.disagreements.filter((x) => x.kind === 'number')).toEqual([]);
  });
  it('does not compare counts for different places or for a named day and an unnamed one', () => {
    const a = analyzeStory([
      doc('a', 'In all, 104 people were killed on Monday in Homs, an opposition stronghold, according to the activists.'),
      doc('b', 'As many as 125 people were killed across Syria on Monday, many of them in a single incident, the activists said.'),
      doc('c', 'As day broke on Tuesday, four people were killed across Syria, opposition activists said in a statement.'),
      doc('d', 'A total of 125 people were killed across Syria, many of them in Homs, the activists said in a statement.'),
    ]);
    expect(a.disagreements.filter((x) => x.kind === 'number')).toEqual([]);
  });
  it('labels figures reported at different times as different moments', () => {
    const a = analyzeStory([
      doc('a', 'Officials said the flood killed 30 people in the northern river valley towns on Monday.', '2020-03-02'),
      doc('b', 'Officials said the flood killed 45 people in the northern river valley towns, a week after it began.', '2020-03-09'),
    ]);
    const d = a.disagreements.find((x) => x.kind === 'number');
    expect(d?.status).toBe('different-moments');
    expect(d?.note).toMatch(/different moments/);
  });
});

describe('disputes', () => {
  it('links a denial to the claim and to who disputes it', () => {
    const a = analyzeStory([
      doc('a', 'The ministry says it has provided air support to rebel forces and local tribes in Idlib province.', '2017-12-07'),
      doc('b', 'Spokesman Col. Ryan Dale categorically denied the ministry’s assertions that they provided air support to rebel forces in Idlib province, saying “such claims are false.”', '2017-12-07'),
    ]);
    const d = a.disagreements.find((x) => x.kind === 'dispute');
    expect(d).toBeDefined();
    expect(d?.positions.find((p) => p.value === 'disputes')?.attributedTo).toBe('Ryan Dale');
    expect(d?.positions.find((p) => p.value === 'claims')?.sources).toEqual(['a']);
  });
  it('does not link a denial to a statement about something else', () => {
    const a = analyzeStory([
      doc('a', 'Iran offered to mediate in the dispute over rebel bases, the Tehran Times reported on Monday.'),
      doc('b', 'Foreign Minister Faris Bweiz denied on Monday that rebels were based in his country.'),
    ]);
    expect(a.disagreements.filter((x) => x.kind === 'dispute')).toEqual([]);
  });
  it('is not fooled by rejected demands or negated denials', () => {
    const a = analyzeStory([
      doc('a', 'Prime Minister Hun Sen rejected demands for talks abroad, officials said. The opposition did not deny that it had met the king. Hun Sen said the talks must be held at home.'),
    ]);
    expect(a.disagreements.filter((x) => x.kind === 'dispute')).toEqual([]);
  });
});

describe('a line in capitals (a transcript, a fact box, a caption) is no source of a dispute', () => {
  it('gives no dispute of its own (mnval-136)', () => {
    const a = analyzeStory([
      doc('a', 'Investigators said Timothy Poole was a friend of the family.\n\n"He said Tim would sleep at his house," the detective wrote in the affidavit.\n\nPoole denied the allegations, according to the report.\n\nBACK IN 1999 DEPUTIES ARRESTED TIMOTHY POOLE AFTER A FAMILY FRIEND CLAIMED POOLE MOLESTED THE BOY. MR. POOLE DENIED THE ALLEGATIONS BUT LATER PLEADED GUILTY TO ATTEMPTED SEXUAL BATTERY AND SPENT NEARLY 3 YEARS IN PRISON.', '2017-12-07'),
    ]);
    const statements = a.disagreements.flatMap((d) => d.positions.map((p) => p.statement ?? ''));
    expect(statements.filter((t) => t && !/\p{Ll}/u.test(t))).toEqual([]);
  });
});

describe('disputes of one proposition in other words', () => {
  // Content keys as src/analysis/terms.ts makes them: E<id> for entities, equivalence classes for words.
  const TYPES: Record<string, string> = { E1: 'group', E2: 'place', E3: 'person', E4: 'group' };
  const type = (k: string) => TYPES[k] ?? null;
  const CASES: Array<[string, string[], string[], boolean]> = [
    ['no area under X control ~ victory over X', ['territori', 'control', 'E1', 'E2'], ['defeat', 'E1'], true],
    ['X defeated ~ land liberated from X', ['defeat', 'E1', 'E2'], ['liber', 'E1', 'territori'], true],
    ['X still holds ~ X defeated', ['control', 'E1', 'percent'], ['defeat', 'E1'], true],
    ['same frame, another actor', ['defeat', 'E1'], ['defeat', 'E4'], false],
    ['only a place in common', ['defeat', 'E1', 'E2'], ['liber', 'E4', 'E2'], false],
    ['same actor, another predicate', ['defeat', 'E1'], ['kill', 'civilian', 'E1'], false],
    ['same actor, no predicate of a frame', ['support', 'E1'], ['support', 'E1', 'E3'], false],
  ];
  it.each(CASES)('%s', (_name, a, b, expected) => {
    expect(sameProposition(new Set(a), new Set(b), type)).toBe(expected);
    expect(sameProposition(new Set(b), new Set(a), type)).toBe(expected);
  });

  const ORLOV = 'General Ivan Orlov spoke to foreign attaches on Wednesday. “There is no area under Red Brigade control in the country,” Orlov said.';
  const DOD = 'The Defense Department said it did not agree with Moscow’s statements about the victory over the Red Brigade.';
  const MONITOR = 'But the Monitoring Group for Human Rights said on Thursday that the Red Brigade still held about eight percent of the northern province.';
  it('links a dispute and a contradiction of one claim stated in other words into one disagreement', () => {
    const a = analyzeStory([doc('a', ORLOV, '2017-12-07'), doc('b', DOD, '2017-12-07'), doc('c', MONITOR, '2017-12-08')]);
    const ds = a.disagreements.filter((x) => x.kind === 'dispute' || x.kind === 'claim');
    expect(ds).toHaveLength(1);
    const d = ds[0]!;
    expect(d.kind).toBe('dispute');
    expect(d.positions.filter((p) => p.value === 'claims').map((p) => p.attributedTo).sort()).toEqual(['Ivan Orlov', 'Moscow']);
    expect(d.positions.find((p) => p.value === 'disputes')?.attributedTo).toBe('Defense Department');
    expect(d.positions.find((p) => p.value === 'contradicts')?.attributedTo).toBe('Monitoring Group for Human Rights');
    expect(d.note).toMatch(/Defense Department disputes the claim of .*; Monitoring Group for Human Rights contradicts it/);
  });
  it('keeps a dispute about another claim apart, even in the same story', () => {
    const a = analyzeStory([
      doc('a', 'The ministry says it has provided air support to rebel forces and local tribes in Idlib province and helped their offensive against the Red Brigade.', '2017-12-07'),
      doc('b', 'Spokesman Col. Ryan Dale categorically denied the ministry’s assertions that they provided air support to rebel forces in Idlib province, saying “such claims are false.”', '2017-12-07'),
      doc('c', DOD, '2017-12-07'),
    ]);
    expect(a.disagreements.filter((x) => x.kind === 'dispute')).toHaveLength(2);
  });
  it('keeps disputes of the same frame about another actor apart', () => {
    const a = analyzeStory([
      doc('a', ORLOV, '2017-12-07'),
      doc('b', DOD, '2017-12-07'),
      doc('c', 'Colonel Anna Berg said the Blue Army had been defeated near the capital of the northern province.', '2017-12-07'),
      doc('d', 'The Blue Army denied Colonel Berg’s claims that the Blue Army had been defeated near the capital.', '2017-12-07'),
    ]);
    const ds = a.disagreements.filter((x) => x.kind === 'dispute');
    expect(ds).toHaveLength(2);
    expect(ds.find((x) => x.positions.some((p) => p.attributedTo === 'Anna Berg'))?.positions.some((p) => p.attributedTo === 'Moscow')).toBe(false);
  });
});

describe('disputes say nothing rather than something wrong', () => {
  it('a denial in a participle clause is not the sentence source’s, and a dispute naming nobody over a bare "the report" is not shown', () => {
    const a = analyzeStory([
      doc('a', 'A news site reported on Monday that the blogger had run a far-right podcast for two years under a false name.'),
      doc('b', 'According to Salon, after initially denying the report Smith took to a private forum to write, "As you all know, I was exposed." He later deleted the account.'),
    ]);
    expect(a.disagreements.filter((d) => d.kind === 'dispute')).toEqual([]);
  });
});

describe('figures far apart are different quantities', () => {
  it('does not compare a federation of 19 million workers with 800,000 workers in one article', () => {
    const a = analyzeStory([
      doc('a', 'The plan is unacceptable, said Joao Silva, head of the federation, which represents more than 2,000 unions and 19 million workers. Factory owners may have no other choice, said Jose Lima, head of the industry group. About 800,000 workers represented by the group could lose their jobs, Lima said.'),
    ]);
    expect(a.disagreements.filter((d) => d.kind === 'number')).toEqual([]);
  });
});

describe('disputers are named without manner adverbs', () => {
  it('"Both sides angrily deny the charges" names "Both sides"', () => {
    const a = analyzeStory([
      doc('a', 'Prosecutors charged the two party leaders with taking bribes from a construction company in the capital on Monday.'),
      doc('b', 'Prosecutors say the two party leaders took bribes from a construction company in the capital. Both sides angrily deny the charges.'),
    ]);
    const d = a.disagreements.find((x) => x.kind === 'dispute');
    expect(d, 'a dispute').toBeDefined();
    expect(d!.positions.map((p) => p.attributedTo)).toContain('Both sides');
    expect(d!.note).not.toMatch(/angrily/);
  });
});

describe('more ways disagreements say less', () => {
  it.each([
    ['Either option would deny Trump a proposed $300 million boost for border security.', false],
    ['The court denied them the right to appeal the ruling.', false],
    ['Trump denied the report on Friday.', true],
    ['The ministry denied that its troops had fired on the crowd.', true],
    ['Moscow denies Washington claims of interference.', true],
  ] as Array<[string, boolean]>)('%s is a dispute cue: %s', (text, want) => {
    const s = doc('a', text).sentences[0]!;
    expect(cueIndex(s) >= 0).toBe(want);
  });
  it('the total in "four of five charges" is not compared with a count of charges', () => {
    const a = analyzeStory([
      doc('a', 'Dunn was found guilty this week on three charges of attempted murder for the shooting at the petrol station.'),
      doc('b', 'Jurors found Dunn guilty on four of five charges for the shooting at the petrol station this week.'),
    ]);
    expect(a.disagreements.filter((d) => d.kind === 'number').flatMap((d) => d.positions.map((p) => p.value))).not.toContain('5');
  });
  it('a contradiction naming no disputer over "Trump’s statement" is not shown', () => {
    const a = analyzeStory([
      doc('a', 'The president said last month in an interview, "I know Matt Whitaker." He praised the acting attorney general.'),
      doc('b', 'The president said on Friday he did not know the acting attorney general. That contradicted Trump’s statement last month in an interview.'),
    ]);
    expect(a.disagreements.filter((d) => d.kind === 'dispute' && d.positions.every((p) => p.value === 'claims' || !p.attributedTo))).toEqual([]);
  });

  it('statements said to contradict other statements are no dispute between parties (issue 10, held-out review)', () => {
    const a = analyzeStory([
      doc('a', 'The mayor’s lawyers filed a motion on Thursday to call the governor as a witness at the trial. “The governor’s public statements contradict other witness statements, specifically those made by the union official,” the motion said.'),
      doc('b', 'The mayor’s lawyers asked on Thursday to call the governor as a witness. The governor has said he never discussed the contract with the mayor.'),
    ]);
    expect(a.disagreements.filter((d) => d.kind === 'dispute' || d.kind === 'claim')).toEqual([]);
  });
});

describe('who disputes what, read from the clause', () => {
  it('the claim of a denial in a relative clause stops where the main clause resumes', () => {
    const a = analyzeStory([
      doc('a', 'Police charged Stanislav Bederev with having the substance for supply in 2012, officers said on Monday.'),
      doc('b', 'Stanislav Bederev, who is denying criminal charges of having the substance for supply in 2012, brought a High Court challenge seeking to stop his trial.'),
    ]);
    const claims = a.disagreements.filter((d) => d.kind === 'dispute').flatMap((d) => d.positions.filter((p) => p.value === 'claims').map((p) => p.statement));
    expect(claims.length).toBeGreaterThan(0);
    for (const c of claims) expect(c).not.toMatch(/High Court/);
  });
  it('inside a quotation the denial belongs to its own subject, not to the speaker quoted', () => {
    const a = analyzeStory([
      doc('a', 'The lawsuit says Stephanie Clifford and Donald Trump had an intimate relationship that lasted from 2006 well into 2007.'),
      doc('b', '"The president has denied the allegations against him and this case has already been won in arbitration," Sarah Sanders said. Donald Trump has made no comment.'),
    ]);
    const disputers = a.disagreements.filter((d) => d.kind === 'dispute').flatMap((d) => d.positions.filter((p) => p.value === 'disputes').map((p) => p.attributedTo));
    expect(disputers).not.toContain('Sarah Sanders');
  });
});

// The plain words of a figure disagreement never show an empty "()" where a position has no source, outlet or date.
describe('figure disagreement note', () => {
  it('names each position with what is known of it, and nothing when nothing is', () => {
    const a = analyzeStory([
      doc('a', 'At least 144 people were reported killed across the country on Monday, including 64 at a checkpoint in the province. The army said the fighting would go on.'),
      doc('b', 'As many as 125 people died across the country on Monday, many of them at a checkpoint in the province, the activists said. The army said the fighting would go on.'),
    ]);
    const d = a.disagreements.find((x) => x.kind === 'number');
    expect(d, 'a figure disagreement').toBeDefined();
    expect(d!.note).not.toContain('()');
    expect(d!.note).toMatch(/at least 144(?! \()/);
  });
});

describe('a passive rejection that calls the claim false', () => {
  it('is a dispute: the passive subject is the claim, the agent after "by" disputes it', () => {
    const a = analyzeStory([
      doc(
        'a',
        'Prime Minister Hun Sen met the king in Phnom Penh on Monday. The killings of nearly 100 opposition supporters documented by Amnesty International after the coup were dismissed by the Cambodian People’s Party as mostly fabrications meant to distort the situation. The opposition said it would boycott the talks.',
        '1998-10-27',
      ),
    ]);
    const d = a.disagreements.find((x) => x.kind === 'dispute');
    expect(d).toBeDefined();
    expect(d?.positions.find((p) => p.value === 'disputes')?.attributedTo).toMatch(/Cambodian People/);
    expect(d?.positions.find((p) => p.value === 'claims')?.attributedTo).toBe('Amnesty International');
    expect(d?.subject).toMatch(/^The killings of nearly 100 opposition supporters/);
  });
  it.each([
    'The charges against the two men were dismissed by the judge on Monday after a short hearing in the capital.',
    'The appeal was rejected by the court as filed too late under the rules of the tribunal.',
    'The proposal was dismissed as fabrications by nobody, the minister said after the meeting in the capital.',
  ])('not without a rejecter after "by" and a word calling the claim false: %s', (text) => {
    const a = analyzeStory([doc('a', text, '1998-10-27')]);
    expect(a.disagreements.filter((x) => x.kind === 'dispute')).toEqual([]);
  });
});

describe('a passive finding is no rejection', () => {
  it('"was recognised by experts as a fake" disputes nothing', () => {
    const a = analyzeStory([doc('a', 'The painting bought by the museum in 1990 was recognised by experts at the Louvre as a fake on Monday.', '1998-10-27')]);
    expect(a.disagreements.filter((x) => x.kind === 'dispute')).toEqual([]);
  });
});

describe('a plural pronoun subject of a dispute cue is no single person (issue 10, third held-out review)', () => {
  it('"… allowed by Judge Persky after defense attorneys argued that they contradicted the claims" is not the judge’s dispute', () => {
    const a = analyzeStory([
      doc('a', 'The woman sued the three players in 2008, saying the alleged gang rape had harmed her emotionally and psychologically. Judge Aaron Persky heard the case.'),
      doc('b', 'Judge Aaron Persky heard the civil case in 2011. The photographs of Jane Doe at a party less than a year after the alleged assault were allowed by Judge Persky after defense attorneys argued that they contradicted the plaintiff’s claims about how the alleged gang rape had harmed her emotionally and psychologically.'),
    ]);
    const disputers = a.disagreements.filter((d) => d.kind === 'dispute').flatMap((d) => d.positions.filter((p) => p.value !== 'claims').map((p) => p.attributedTo));
    expect(disputers).not.toContain('Aaron Persky');
  });
  it('with nobody named on either side, such a denial is not shown at all (issue 10, fourth review)', () => {
    const a = analyzeStory([
      doc('b', 'The civil case was heard in 2011. The photographs of Jane Doe at a party less than a year after the alleged assault were allowed by Judge Persky after defense attorneys argued that they contradicted the plaintiff’s claims about how the alleged gang rape had harmed her emotionally and psychologically.'),
    ]);
    expect(a.disagreements.filter((d) => d.kind === 'dispute')).toEqual([]);
  });
  it('a denial by a described party with nobody named is still shown', () => {
    const a = analyzeStory([
      doc('a', 'The official, who spoke on condition of anonymity, denied reports in the South Korean press that the Chinese had disregarded requests for political asylum in forcing the refugees back across the border.'),
    ]);
    expect(a.disagreements.filter((d) => d.kind === 'dispute')).toHaveLength(1);
  });
});
