import { describe, expect, it } from 'vitest';
import { analyzeQuotes, analyzeStory, analyzeStoryDetailed } from '../../src/analysis/index.js';
import type { Entity } from '../../src/briefing.js';
import { doc } from './helpers.js';

function entityOf(entities: Entity[], alias: string): Entity | undefined {
  return entities.find((e) => e.name === alias || e.aliases.includes(alias));
}

describe('entities and aliases', () => {
  const a = analyzeStory([
    doc('a', 'General of the Army Valery Gerasimov said on Monday that the offensive was over. Gerasimov added that troops would stay. The Syrian Observatory for Human Rights disputed the account. The SOHR said fighting went on near Deir ez-Zor. ISIS fighters left the city.'),
    doc('b', 'Russian Gen. Valery Gerasimov spoke to attaches. The Islamic State group lost Deir Ezzor, the Observatory said. Daesh fighters fled east from Deir el-Zour. IS still holds villages, according to the Syrian Observatory for Human Rights.'),
    doc('c', 'Lawmakers of the Russian Federation Council backed the plan. Russia said the plan would work. Syria welcomed it. Russia and Syria signed it. ISIL was not mentioned by the Russian Federation Council.'),
  ]);
  it('merges titles and short forms of a person', () => {
    const e = entityOf(a.entities, 'Valery Gerasimov');
    expect(e?.type).toBe('person');
    expect(e?.aliases).toContain('Gerasimov');
    expect(e?.sources).toEqual(['a', 'b']);
    expect(e?.titles).toEqual(expect.arrayContaining(['General of the Army', 'Russian Gen.']));
  });
  it('merges an acronym with its expansion', () => {
    const e = entityOf(a.entities, 'Syrian Observatory for Human Rights');
    expect(e?.aliases).toContain('SOHR');
    expect(e?.type).toBe('organization');
  });
  it('merges lexicon synonyms', () => {
    const e = entityOf(a.entities, 'Islamic State');
    expect(e?.aliases).toEqual(expect.arrayContaining(['ISIS', 'IS', 'ISIL', 'Daesh']));
    expect(e?.type).toBe('group');
  });
  it('merges transliteration variants', () => {
    const e = entityOf(a.entities, 'Deir ez-Zor');
    expect([e?.name, ...(e?.aliases ?? [])]).toEqual(expect.arrayContaining(['Deir ez-Zor', 'Deir Ezzor', 'Deir el-Zour']));
  });
  it('keeps distinct entities apart', () => {
    const russia = entityOf(a.entities, 'Russia');
    const council = a.entities.find((e) => e.name.includes('Council'));
    expect(russia).toBeDefined();
    expect(council).toBeDefined();
    expect(russia).not.toBe(council);
    expect(russia?.aliases.some((x) => x.includes('Council'))).toBe(false);
    const syria = entityOf(a.entities, 'Syria');
    expect(syria?.aliases.some((x) => x.includes('Observatory'))).toBe(false);
  });
  it('makes the title of a work in quotation marks one mention, not its capitalised words (mnval-082)', () => {
    const { mentions } = analyzeQuotes([
      doc('x', 'With hits including "Pon De Replay," "Only Girl (In the World)," and "We Found Love," Janet Jackson now holds the number two spot.'),
      doc('y', 'Her own "Where Have You Been" rose slowly. "We are thrilled," Janet Jackson said.'),
    ]);
    const names = mentions.map((m) => m.text);
    expect(names).toEqual(expect.arrayContaining(['Only Girl (In the World)', 'We Found Love', 'Where Have You Been', 'Janet Jackson']));
    for (const fragment of ['Only Girl', 'Girl', 'World', 'Been', 'Found Love']) expect(names).not.toContain(fragment);
    const title = mentions.find((m) => m.text === 'Only Girl (In the World)');
    expect(title?.votes.other).toBeGreaterThan(0);
    expect(title?.votes.person).toBe(0);
  });
  it('does not merge a surname shared by two people', () => {
    const b = analyzeStory([
      doc('x', 'George Bush met reporters. Laura Bush visited a school. Bush said the economy was strong.'),
      doc('y', 'George Bush spoke again on Tuesday. Laura Bush stayed home.'),
    ]);
    const george = entityOf(b.entities, 'George Bush');
    const laura = entityOf(b.entities, 'Laura Bush');
    expect(george?.aliases).not.toContain('Bush');
    expect(laura?.aliases).not.toContain('Bush');
  });
  it('joins a surname written alone to the full name when it also modifies organisations more often than it speaks ("the Sanders campaign")', () => {
    const b = analyzeStory([
      doc('x', 'Singer Dawson took the stage at a Bernie Sanders rally in June. In California, the Sanders movement is still going. The Sanders campaign was the first one she joined. "My voters will vote for her," Sanders said.'),
    ]);
    const sanders = entityOf(b.entities, 'Sanders');
    expect(sanders?.name).toBe('Bernie Sanders');
    expect(sanders?.type).toBe('person');
  });
  it('keeps a person a person when the surname written alone is also known as a place ("John Bolton … Bolton said")', () => {
    const b = analyzeStory([
      doc('x', 'Former U.N. Ambassador John Bolton denounced the movement on Thursday. Bolton and Gorka were both stern. Bolton had a similar view of the war. Bolton thought the buzz was artificial. Bolton distanced himself from the group. Bolton said he would advise the campaign.'),
    ]);
    const bolton = entityOf(b.entities, 'Bolton');
    expect(bolton?.name).toBe('John Bolton');
    expect(bolton?.type).toBe('person');
  });
  it('gives a shared surname to the full name written far more often', () => {
    const b = analyzeStory([
      doc('x', 'Augusto Pinochet was arrested in London. Pinochet is 82. His daughter Lucia Pinochet flew in. Pinochet was moved.'),
      doc('y', 'Augusto Pinochet appealed on Monday. Pinochet said he had immunity. Augusto Pinochet stayed in hospital.'),
      doc('z', 'Lawyers for Augusto Pinochet filed papers. Pinochet waited. Supporters of Augusto Pinochet rallied.'),
    ]);
    expect(entityOf(b.entities, 'Augusto Pinochet')?.aliases).toContain('Pinochet');
    expect(entityOf(b.entities, 'Lucia Pinochet')?.aliases ?? []).not.toContain('Pinochet');
  });
  it('does not merge a place with a different place named after it, or two titled people of one state', () => {
    const b = analyzeStory([
      doc('x', 'Voters in Kansas City backed the plan. Kansas voted against it. Kansas City and Kansas differ. Rep. John Conyers Jr. of Michigan spoke. Rep. David Bonior of Michigan left. Conyers and Bonior disagreed.'),
    ]);
    expect(entityOf(b.entities, 'Kansas')?.aliases ?? []).not.toContain('Kansas City');
    const conyers = entityOf(b.entities, 'Conyers');
    expect(conyers?.name).toBe('John Conyers Jr.');
    expect(conyers?.aliases ?? []).not.toContain('David Bonior');
  });
  it('does not merge look-alike places', () => {
    const b = analyzeStory([doc('x', 'Troops moved from Iran to Iraq. Iran and Iraq both protested. Officials in Austria and Australia watched.')]);
    expect(entityOf(b.entities, 'Iran')).not.toBe(entityOf(b.entities, 'Iraq'));
    expect(entityOf(b.entities, 'Iran')?.aliases ?? []).not.toContain('Iraq');
  });
});

describe('titles written in lower case', () => {
  it('are titles as nouns or multi-word titles, not as adjectives', () => {
    const a = analyzeStory([
      doc('a', 'Deir Ezzor is the last major Red Brigade holdout in the country. Troops left the former Soviet Union in 1991. The Red Brigade still fights.'),
      doc('b', 'Opposition leader Sam Rainsy spoke on Monday. Turkish spokesman Omer Celik denied it. Later attorney general Gideon Hausner said the case was closed.'),
    ]);
    expect(entityOf(a.entities, 'Red Brigade')?.titles).toBeUndefined();
    expect(entityOf(a.entities, 'Soviet Union')?.titles).toBeUndefined();
    expect(entityOf(a.entities, 'Sam Rainsy')?.titles).toEqual(['leader']);
    expect(entityOf(a.entities, 'Omer Celik')?.titles).toEqual(['spokesman']);
    expect(entityOf(a.entities, 'Gideon Hausner')?.titles).toEqual(['attorney general']);
  });
});

describe('short forms that are ordinary words', () => {
  it('are not surnames of titles without a person in evidence, but stay surnames of people', () => {
    const a = analyzeStory([
      doc('a', 'The rapper released Infamous Life in 2012. His life was hard, and rap was his way out. Fans said Life changed them. Senator Ann Bush spoke on Monday.'),
      doc('b', 'Infamous Life sold well. Critics praised the life story told in the book. Bush said the bill would pass, and the bush fires went on.'),
    ]);
    expect(entityOf(a.entities, 'Infamous Life')?.aliases ?? []).not.toContain('Life');
    expect(entityOf(a.entities, 'Ann Bush')?.aliases).toContain('Bush');
  });
});

describe('month names as surnames', () => {
  it('joins a month name to a first name, never to a date', () => {
    const a = analyzeStory([doc('a', 'Prime Minister Theresa May said on Monday that the talks would go on. The summit opens at Soldier Field July 3 and ends on May 5. In May the talks began.')]);
    expect(a.entities.map((e) => e.name)).toContain('Theresa May');
    expect(a.entities.some((e) => /July|May 5/.test(e.name) && e.name !== 'Theresa May')).toBe(false);
  });
  it('keeps a month that is a given name before a surname ("Jan Brewer"), never a date before a name', () => {
    const a = analyzeStory([doc('a', 'Former governor Jan Brewer met Donald Trump on Jan. 5 in Phoenix. Brewer praised Trump. In June Trump won the state, and since May Trump has led. Trump thanked Brewer.')]);
    expect(entityOf(a.entities, 'Jan Brewer')?.aliases).toContain('Brewer');
    expect(a.entities.some((e) => /June|May/.test(e.name))).toBe(false);
  });
});

describe('hyphenated given names', () => {
  it('keeps the first part of a hyphenated given name opening a sentence ("Jean-Marc Ayrault")', () => {
    const a = analyzeStory([doc('a', 'Jean-Marc Ayrault, the foreign minister of France, said the test was a provocation. Ayrault spoke in Paris.')]);
    expect(entityOf(a.entities, 'Jean-Marc Ayrault')?.aliases).toContain('Ayrault');
  });
});

describe('"the" before a one-word name', () => {
  it('is a place or an institution, never a surname ("The Hague" is not William Hague)', () => {
    const a = analyzeStory([doc('a', 'Foreign Secretary William Hague welcomed the sanctions. The court in The Hague may hear the case, and a complaint could go to The Hague.')]);
    expect(entityOf(a.entities, 'William Hague')?.aliases).toEqual([]);
    expect(entityOf(a.entities, 'William Hague')?.mentions).toBe(1);
  });
});

describe('entity types from the words around a name and the general name lexicon', () => {
  const all = (text: string) => analyzeStoryDetailed([doc('a', text)]).detail.index.entities;
  it.each([
    ['The daily Norrposten reported the vote on Friday.', 'Norrposten', 'organization'],
    ['Anna Kovacs told the Sentinel newspaper that the plan would fail.', 'Sentinel', 'organization'],
    ['Ray Okafor works for Halden Telecom, a British telephone company, in the south.', 'Halden Telecom', 'organization'],
    ['The body was found in Marnay, a Paris suburb, on Sunday.', 'Marnay', 'place'],
    ['He lives in Dunmore, Connecticut, with his wife.', 'Dunmore', 'place'],
    ['Crews worked near Weyford, south of London, all night.', 'Weyford', 'place'],
    ['BRENTVILLE — The council signed the bill on Tuesday, and Brentville will vote again.', 'BRENTVILLE', 'place'],
    ['Engineers Rudolf Petrak and Stanley Vance were freed.', 'Stanley Vance', 'person'],
    ['The photo was taken by J. Scott Hollis on Tuesday.', 'J. Scott Hollis', 'person'],
    ['The boy, DeAndre Kunz Jr., was last seen on Friday.', 'DeAndre Kunz Jr.', 'person'],
    ['The interview aired on WKRX-TV on Friday night.', 'WKRX-TV', 'organization'],
    ['She flew to St. Louis on Monday.', 'St. Louis', 'place'],
    ['The man was armed, Millbrook police said on Monday.', 'Millbrook', 'place'],
    ['The Kingdom of Norland signed the treaty.', 'Kingdom of Norland', 'place'],
    ['Jordan Pelley asked a question about the vote.', 'Jordan Pelley', 'person'],
    ['The Colorado Rockies won again on Sunday.', 'Colorado Rockies', 'organization'],
    ['The strike was backed by the AFL-CIO on Monday.', 'AFL-CIO', 'organization'],
    ['Fans watched the game in Puerto Rico on Sunday.', 'Puerto Rico', 'place'],
    ['Reps. Corrine Brown of Florida and Melvin Watt of North Carolina voted no.', 'Melvin Watt', 'person'],
    ['Reps. Corrine Brown of Florida and Melvin Watt of North Carolina voted no.', 'Corrine Brown', 'person'],
    ['Reps. Corrine Brown of Florida and Melvin Watt of North Carolina voted no.', 'North Carolina', 'place'],
    ["The Lemhi County Sheriff's Office has not commented.", "Lemhi County Sheriff's Office", 'organization'],
    ['Raymond Edde told the leftist newspaper As Safir that the vote was a threat.', 'Safir', 'organization'],
    ["The car was registered to Smith's Mercedes dealer in town.", 'Mercedes', 'other'],
  ])('%s → %s is %s', (text, name, type) => {
    const e = all(text).find((x) => x.name === name || x.aliases.includes(name));
    expect(e, `entities: ${all(text).map((x) => `${x.name}/${x.type}`).join(', ')}`).toBeDefined();
    expect(e?.type).toBe(type);
  });
  it.each([
    ['"Is there something wrong with it?" the fan asked.', 'Is'],
    ['CLOSE Skip in Skip x Embed x Share The mayor spoke on Monday.', 'CLOSE'],
    ['CLOSE Skip in Skip x Embed x Share The mayor spoke on Monday.', 'Embed'],
    ['STORY: The mayor spoke on Monday.', 'STORY'],
    ['The car had a GPS device and the TV was on.', 'GPS'],
    ['The car had a GPS device and the TV was on.', 'TV'],
    ['Share Tweet 3.2k total shares', 'Tweet'],
    ['Senate Minority Leader Chuck Schumer, D-N.Y., went with the deal.', 'D-N'],
  ])('%s has no entity %s', (text, name) => {
    expect(all(text).some((x) => x.name === name || x.aliases.includes(name))).toBe(false);
  });
});

describe('short forms and relatives', () => {
  const all = (text: string) => analyzeStoryDetailed([doc('a', text)]).detail.index.entities;
  const find = (es: ReturnType<typeof all>, n: string) => es.find((x) => x.name === n || x.aliases.includes(n));
  it('joins the trailing words of a full name ("Kunz Jr.") and a two-particle name', () => {
    const es = all('DeAndre Kunz Jr. was last seen on Friday. Kunz Jr. had been camping with his family. The designer Oscar de la Renta died on Monday; de la Renta was 82.');
    expect(find(es, 'DeAndre Kunz Jr.')?.aliases).toContain('Kunz Jr.');
    expect(find(es, 'Oscar de la Renta')?.type).toBe('person');
  });
  it('joins a first name used alone when it is no common given name, never a common one', () => {
    const es = all('Prime Minister Mahathir Mohamad fired his deputy. Mahathir said the deputy was unfit. George Lanning and George Webb disagreed, and George left.');
    expect(find(es, 'Mahathir Mohamad')?.aliases).toContain('Mahathir');
    expect(find(es, 'George Lanning')?.aliases ?? []).not.toContain('George');
    expect(find(es, 'George Webb')?.aliases ?? []).not.toContain('George');
  });
  it('joins an organisation’s short form to the one longer name, never a bare head noun', () => {
    const es = all('The Colorado Rockies gave out jerseys. The Rockies say fans can swap them. The Harbor Party met. The Party was split. The Information Center of Human Rights said so; the Information Center named no one.');
    expect(find(es, 'Colorado Rockies')?.aliases).toContain('Rockies');
    expect(find(es, 'Information Center of Human Rights')?.aliases).toContain('Information Center');
    expect(find(es, 'Harbor Party')?.aliases ?? []).not.toContain('Party');
  });
  it('types a relative who shares a person’s surname as a person', () => {
    const es = all('The engineer Darren Hickey was held for weeks, officials said. Eamon Hickey, the father, spoke from home.');
    expect(find(es, 'Eamon Hickey')?.type).toBe('person');
    expect(find(es, 'Eamon Hickey')).not.toBe(find(es, 'Darren Hickey'));
  });
});
