/** Leading datelines: which first paragraphs lose a dateline prefix, and which keep their words. */
import { describe, expect, it } from 'vitest';
import { leadingDateline } from '../../src/ingest/dateline.js';
import { clean } from '../../src/ingest/clean.js';

const REST = 'Russia’s defence minister has informed the president of the defeat of the group in the east.';

describe('leadingDateline', () => {
  // [dateline as written, agency read from it]
  const STRIP: Array<[string, string | null]> = [
    ['ERBIL, Kurdistan Region – ', null],
    ['WASHINGTON (AP) — ', 'AP'],
    ['MOSCOW, Dec 6 (Reuters) - ', 'Reuters'],
    ['Hemeimeem Air Base (Syria): ', null],
    ['NEW YORK (CNN) -- ', 'CNN'],
    ['BEIRUT: ', null],
    ['HIROSHIMA--', null],
    ['Kabul – ', null],
    ['LONDON, December 6 — ', null],
    ['SAN JUAN, Puerto Rico (AP) — ', 'AP'],
    ['GENEVA (Reuters) – ', 'Reuters'],
    ['Moscow, Dec. 6 — ', null],
    ['DEIR EZ-ZOR, Syria (AFP) – ', 'AFP'],
    ['JAKARTA, Indonesia—', null],
    ['KUALA LUMPUR: ', null],
    ['LONDON (UK) — ', null],
    ['PITTSBURGH (KDKA) — ', 'KDKA'],
    ['FLORENCE, Italy, Feb. 25 (UPI) -- ', 'UPI'],
    ['MONDAY, July 2 (HealthDay News) -- ', 'HealthDay News'],
    ['(CNN) -- ', 'CNN'],
    ['(Reuters) - ', 'Reuters'],
    ['(AP) — ', 'AP'],
    ['(CNN) ', 'CNN'],
    ['(Reuters) ', 'Reuters'],
    ['WASHINGTON ', null],
    ['SINGAPORE/BEIJING ', null],
    ['NEW YORK ', null],
  ];
  it.each(STRIP)('strips "%s"', (dateline, agency) => {
    expect(leadingDateline(`${dateline}${REST}`)).toEqual({ prefix: dateline, agency });
  });

  const KEEP = [
    'Moscow said on Tuesday that its troops had left the region after the fighting ended.',
    'Russia – a key ally of Damascus – has backed the government throughout the war.',
    'BREAKING: Russia declares victory over the militants in the east of the country.',
    'Update – The ministry said the figures had been revised on Tuesday after a recount.',
    'The Pentagon – which leads the coalition – said nothing about the claims on Tuesday.',
    'President Vladimir Putin – speaking in Moscow – said the war was over for Russia.',
    'JOHN SMITH: I think we will win this war in the end, and the troops will come home.',
    'Washington: the capital was quiet on Sunday as officials met for talks at the White House.',
    'In Moscow – The talks went on late into the night, officials said after the meeting.',
    'Syrian Observatory – The monitor said 21 civilians had been killed in the strike.',
    'Obama – The president said he would veto the bill if it reached his desk.',
    'EXCLUSIVE: The minister resigned on Monday after the report was published.',
    'WASHINGTON – Briefly, then.',
    'Deir ez-Zor province is the last major holdout of the group in the east of Syria.',
    'INVESTIGATORS: The lack of any evidence left the families without answers for weeks.',
    'FILE - In this May 24, 2016, file photo, the congressman speaks in Washington about the bill.',
    '(Syria) – The monitor said 21 civilians had been killed in the strike on Tuesday.',
    '(Updated) – The ministry said the figures had been revised on Tuesday after a recount.',
    '(CNN) -- Too short here.',
    '(CNN) Too short here.',
    '(UPDATE) Police said on Tuesday that the two men had been arrested near the border.',
    '(VIDEO) The minister resigned on Monday after the report was published in the paper.',
    '(Syria) The monitor said 21 civilians had been killed in the strike on Tuesday.',
    '(and the Pentagon) The officials said nothing more about it on Tuesday night.',
    '(and the Pentagon) - The officials said nothing more about it on Tuesday.',
    'NASA Scientists said on Tuesday that the probe had reached the outer edge of the system.',
    'BREAKING Police said on Tuesday that the two men had been arrested near the border crossing.',
    'ISIS Fighters withdrew from the town on Tuesday after weeks of heavy fighting, officials said.',
  ];
  it.each(KEEP)('keeps "%s"', (p) => expect(leadingDateline(p)).toBeNull());
});

describe('clean: datelines', () => {
  const body = [
    'The army said on Tuesday that its troops had taken the last district of the city after three weeks of fighting.',
    'MOSCOW (Reuters) – A second paragraph that opens like a dateline keeps its words, as only the first is read.',
  ].join('\n');
  it('cuts the dateline of the first body paragraph, records it, and takes the agency as the outlet', () => {
    const r = clean({ text: `Troops take the last district of the city\nWASHINGTON (AP) — ${body}`, source: 'a.txt' });
    expect(r.title).toBe('Troops take the last district of the city');
    expect(r.removed).toEqual([{ kind: 'dateline', text: 'WASHINGTON (AP) —' }]);
    expect(r.text.split('\n')[0]).toMatch(/^The army said/);
    expect(r.text).toContain('MOSCOW (Reuters) – A second paragraph');
    expect(r.outlet).toBe('AP');
  });
  it('keeps an outlet named elsewhere (a sign-off) over the dateline’s agency', () => {
    const r = clean({ text: `Troops take the last district of the city\nLONDON (Reuters) — ${body}\nMore paragraphs follow here.\n- AP`, source: 'a.txt' });
    expect(r.removed.map((x) => x.kind)).toContain('dateline');
    expect(r.outlet).toBe('AP');
  });
  it('reads the dateline of the paragraph after a dek, with or without a separator (issue 10, sixth review: mnval-050)', () => {
    const dek = 'This is the fifth officer shot in the country in less than a week';
    const r = clean({ text: `Man pleads not guilty in shooting of officer\n\n${dek}\n\n(CNN) A Detroit man pleaded not guilty Friday to murder charges in the death of a university police officer.\n\nAnother paragraph of the report follows here, with more words in it.`, source: 'a.txt' });
    expect(r.removed).toContainEqual({ kind: 'dateline', text: '(CNN)' });
    expect(r.text).toContain(dek);
    expect(r.text).toMatch(/\nA Detroit man pleaded/);
    // A first paragraph that is a sentence is no dek: the next paragraph keeps its words.
    const s = clean({ text: `Man pleads not guilty in shooting of officer\n\nThe officer was the fifth shot in the country in less than a week.\n\n(CNN) A Detroit man pleaded not guilty Friday to murder charges in the death of a university police officer.`, source: 'a.txt' });
    expect(s.removed.some((x) => x.kind === 'dateline')).toBe(false);
  });
  it('finds the dateline in raw text that wraps lines, and loses nothing', () => {
    const raw = `Troops take the last district of the city\n\nWASHINGTON  (AP)  — The army said on Tuesday that its troops had taken\nthe last district of the city after three weeks of fighting.\n\nAnother paragraph of the report follows here, with more words in it.`;
    const r = clean({ text: raw, source: 'a.txt' });
    const d = r.removed.find((x) => x.kind === 'dateline');
    expect(d?.text).toBe('WASHINGTON  (AP)  —');
    expect(raw.includes(d?.text ?? '-')).toBe(true);
    expect(r.text.startsWith('The army said')).toBe(true);
    const chars = (s: string) => [...s.replace(/\s+/g, '')].sort().join('');
    expect(chars([r.title, r.text, ...r.removed.map((x) => x.text)].join(''))).toBe(chars(raw));
  });
});
