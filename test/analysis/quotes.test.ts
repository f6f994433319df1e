import { describe, expect, it } from 'vitest';
import { analyzeStory, analyzeStoryDetailed } from '../../src/analysis/index.js';
import { quoteSpans } from '../../src/analysis/quotes.js';
import { phraseText } from '../../src/analysis/attribution.js';
import { doc } from './helpers.js';

/** [case, text, expected quotations as {text, speaker}] */
const CASES: Array<[string, string, Array<{ text: string; speaker: string | null }>]> = [
  ['straight quotes, speaker after', 'John Smith met staff on Monday. "We will rebuild every house in the town," Smith said.', [{ text: 'We will rebuild every house in the town', speaker: 'John Smith' }]],
  ['curly quotes, said + name', 'Mayor Anna Lee spoke. “The water is safe to drink again,” said Lee, adding that tests continue.', [{ text: 'The water is safe to drink again', speaker: 'Anna Lee' }]],
  ['guillemets', 'Pierre Dubois, the minister, spoke. «The reform will pass this year», Dubois declared.', [{ text: 'The reform will pass this year', speaker: 'Pierre Dubois' }]],
  ['speaker before, told … that', 'Gen. Mark Hill told reporters that “all units have returned to their bases.”', [{ text: 'all units have returned to their bases.', speaker: 'Mark Hill' }]],
  ['pronoun resolved', 'Senator Jane Park visited the plant. “Nobody here will lose a job,” she said.', [{ text: 'Nobody here will lose a job', speaker: 'Jane Park' }]],
  ['according to', 'According to Dr. Omar Aziz, “the hospital has run out of fuel and medicine.”', [{ text: 'the hospital has run out of fuel and medicine.', speaker: 'Omar Aziz' }]],
  ['split by he said', 'Coach Tom Reed was calm. “We played well in the first half,” he said, “but we lost focus after the break.”', [{ text: 'We played well in the first half … but we lost focus after the break.', speaker: 'Tom Reed' }]],
  ['across sentences', 'Minister Ivan Petrov spoke. “The talks are over. Nothing was agreed today,” Petrov said.', [{ text: 'The talks are over. Nothing was agreed today', speaker: 'Ivan Petrov' }]],
  ['scare quotes are not quotes', 'The army called the operation a “complete success” in its report.', []],
  ['names in quotes are not quotes', 'It ran an operation dubbed the "Syrian Express Supply Line Run" for months.', []],
  ['a role phrase is the person titled for it', 'President Maria Lopez visited the base on Monday. “The operation is over and the troops will come home,” Itar Tass quotes the head of state.', [{ text: 'The operation is over and the troops will come home', speaker: 'Maria Lopez' }]],
  ['a role phrase as subject', 'King Abdul Rahman met the envoy. Later, the head of state said: “We will not accept any foreign troops on our soil.”', [{ text: 'We will not accept any foreign troops on our soil.', speaker: 'Abdul Rahman' }]],
  ['a role phrase with nobody of that title stays unresolved', 'Maria Lopez visited the base on Monday. “The operation is over and the troops will come home,” Itar Tass quotes the head of state.', [{ text: 'The operation is over and the troops will come home', speaker: null }]],
  ['passive: X was quoted as saying', 'Minister Ana Ruiz spoke on Monday. "We can\'t accept this and we will investigate it fully," Ruiz was quoted as saying in the daily.', [{ text: "We can't accept this and we will investigate it fully", speaker: 'Ana Ruiz' }]],
  ['the agency quoted X as saying', 'Omar Aziz spoke in the north. "They decided that the government should be brought down," the state news agency quoted Aziz as saying.', [{ text: 'They decided that the government should be brought down', speaker: 'Omar Aziz' }]],
  ['"he said" after a reported speaker', 'Anna Berg spoke first. Water is scarce in the camp, said Sten Olsen, head of the aid mission there. "But of course they drink it because they have no choice," he said.', [{ text: 'But of course they drink it because they have no choice', speaker: 'Sten Olsen' }]],
  ['a name after an opening preposition is not the subject the pronoun goes back to', 'Tom Reed and Bill Stone sued the firm. Like Reed, the former customer, Mr. Stone does not want to fight again. “I am 76, and I do not feel like going through that again,” he said.', [{ text: 'I am 76, and I do not feel like going through that again', speaker: 'Bill Stone' }]],
  ['an attribution closing the sentence reports it, whatever verb the clause before holds', 'Tom Reed joined Bill Stone at rallies. Reed electrified the small crowds with speeches and promises to shake things up, Stone said. "He was very articulate," he said.', [{ text: 'He was very articulate', speaker: 'Bill Stone' }]],
  ['"he said, but added"', 'Aid workers in the north say people suffer after eating the cakes, Tom Reed said, but added, "If you are very hungry, it fills your stomach."', [{ text: 'If you are very hungry, it fills your stomach.', speaker: 'Tom Reed' }]],
  ['a listener is not the speaker', '"You have set before us an example," the majority leader, Rep. Dick Armey, told Livingston on Saturday. "The example is that principle comes before power."', [{ text: 'You have set before us an example', speaker: 'Dick Armey' }, { text: 'The example is that principle comes before power.', speaker: 'Dick Armey' }]],
  ['"he told" after a sentence opened by a person', 'Walid Jumblatt said the rules were not respected. Deputy Prime Minister Michel Murr sought to calm fears about the army. He told reporters that the general will "keep the army out of politics just as before."', [{ text: 'keep the army out of politics just as before.', speaker: 'Michel Murr' }]],
  ['a quotation alone after a columnist wrote', '"I do not give up that easily," Bulent Ecevit told his group. She could lose support, columnist Ertugrul Ozkok wrote on Thursday in a daily. "This could put her at odds with her classic supporters."', [{ text: 'I do not give up that easily', speaker: 'Bulent Ecevit' }, { text: 'This could put her at odds with her classic supporters.', speaker: 'Ertugrul Ozkok' }]],
  ['name, apposition, verb', 'Samuel Buell spoke earlier. "Asking the agency to drop an investigation is obstruction of justice," Representative Ted Deutch, Democrat of Florida, wrote on Twitter.', [{ text: 'Asking the agency to drop an investigation is obstruction of justice', speaker: 'Ted Deutch' }]],
  ['a sentence opening with a pronoun, a place before the verb', '"We will hold a vote soon," spokeswoman Victoria Nuland said of the plan. She cited the violence in cities such as Homs and Hama and asked: "How could you possibly hold a fair vote in such conditions?"', [{ text: 'We will hold a vote soon', speaker: 'Victoria Nuland' }, { text: 'How could you possibly hold a fair vote in such conditions?', speaker: 'Victoria Nuland' }]],
  ['"it" goes back to an organisation named in its own paragraph', 'Senator Tom Reed visited the town. The Acme Corporation announced the closure on Monday. “We regret that the plant can no longer compete,” it said.', [{ text: 'We regret that the plant can no longer compete', speaker: 'Acme Corporation' }]],
  ['"it" does not go back to an organisation of an earlier paragraph', 'Senator Tom Reed visited the town. The Acme Corporation announced the closure on Monday.\nThe town council met on Tuesday. “We regret that the plant can no longer compete,” it said.', [{ text: 'We regret that the plant can no longer compete', speaker: null }]],
  ['"he" goes back to the one person named earlier in its paragraph', 'Tom Reed ran the mill for thirty years. The plant closed in March after the storm. “We could not keep the workers on through the winter,” he said.', [{ text: 'We could not keep the workers on through the winter', speaker: 'Tom Reed' }]],
  ['"he" does not go back to a person named, not speaking, in an earlier paragraph', 'Tom Reed ran the mill for thirty years.\nThe plant closed in March after the storm. “We could not keep the workers on through the winter,” he said.', [{ text: 'We could not keep the workers on through the winter', speaker: null }]],
  ['"she" skips a man named just before', 'Senator Jane Park toured the plant with Governor Bill Stone. Stone praised the workers. “Nobody here will lose a job while I serve,” she said.', [{ text: 'Nobody here will lose a job while I serve', speaker: 'Jane Park' }]],
  ['a colon introduces the quotation of the next paragraph', 'Senator Tom Reed spoke to the crowd for an hour.\nReed continued:\n“You look at the questions and you see why nobody trusts them.”', [{ text: 'You look at the questions and you see why nobody trusts them.', speaker: 'Tom Reed' }]],
  ['a place is never the speaker', 'Voters in South Carolina went to the polls. “We have come a long way in the last nine months,” South Carolina said.', [{ text: 'We have come a long way in the last nine months', speaker: null }]],
  ['titles of works and slogans are not quotes', 'Supporters chanted “Make America Great Again” and read “The Art Of The Deal” on the bus.', []],
  ['the attribution in the sentence after a question', 'Reporters asked Senator Bernie Sanders about his plans. “Have I started writing my inauguration speech already?” Sanders replied. Sanders spoke for an hour.', [{ text: 'Have I started writing my inauguration speech already?', speaker: 'Bernie Sanders' }]],
  ['a verb with its particle attributes ("went on")', 'Megyn Kelly met Donald Trump on Monday. “People are bullied when they are old,” Trump said. Kelly smiled. “You know, it happens to everyone, right?” Trump went on, as if he did not hear her.', [{ text: 'People are bullied when they are old', speaker: 'Donald Trump' }, { text: 'You know, it happens to everyone, right?', speaker: 'Donald Trump' }]],
  ['a new statement after a quotation is not its attribution', 'Senator Tom Reed spoke at noon. Anna Berg listened. “We will win this state by a wide margin.” Berg said the plan would fail in the end.', [{ text: 'We will win this state by a wide margin.', speaker: null }]],
  ['a name modifying the head of the phrase is not the speaker', 'Jeb Bush spoke often. Former Republican presidential candidate Jeb Bush broke down what was wrong to the newspaper NRC Handelsblad: “What Trump did was so insensitive to everyone.”', [{ text: 'What Trump did was so insensitive to everyone.', speaker: 'Jeb Bush' }]],
  ['"he" between two men named just before, with no speaker to go on, stays open', 'At the plant on Monday, the union praised Senator Tom Reed and Governor Bill Stone. “Nobody here will lose a job while I serve,” he said.', [{ text: 'Nobody here will lose a job while I serve', speaker: null }]],
  ['a passive speech verb: the agent speaks', 'Senator Bernie Sanders spoke on the show. Sanders was asked by host Bill Maher, who backs him, “Are you tired of hearing about the emails now?”', [{ text: 'Are you tired of hearing about the emails now?', speaker: 'Bill Maher' }]],
  ['a name modifying the head of the phrase after the quotation is not the speaker', 'The group said Clinton’s campaign removed the mayor. “The internment of people of Japanese descent is a dark cloud on our history,” Clinton spokesman Josh Schwerin said at the time.', [{ text: 'The internment of people of Japanese descent is a dark cloud on our history', speaker: 'Josh Schwerin' }]],
  ['a possessor before the speaker after the quotation is not the speaker', 'Iowa State University officials met. “Mainstream Republicans are running out of time to find an alternative,” Iowa State University’s Dianne Bystrom said.', [{ text: 'Mainstream Republicans are running out of time to find an alternative', speaker: 'Dianne Bystrom' }]],
  ['a hyphenated participle is part of the speaker phrase', '“Hypocrisy is a small price to pay in exchange for military bases,” explained Los Angeles-based attorney Edgar Martirosyan.', [{ text: 'Hypocrisy is a small price to pay in exchange for military bases', speaker: 'Edgar Martirosyan' }]],
  ['the object of "issued" is not the speaker; the subject of "issued" is', 'Donald Trump spoke in Iowa on Monday. On Saturday, Trump issued a statement saying that Scalia was "a remarkable person and a brilliant justice of the court."', [{ text: 'a remarkable person and a brilliant justice of the court.', speaker: 'Donald Trump' }]],
  ['a phrase after a preposition is not the subject of the speech verb', 'Donald Trump spoke in Iowa on Monday. It was clear when Trump in his announcement speech called the immigrants "criminals who come here to hurt us all" and promised a wall.', [{ text: 'criminals who come here to hurt us all', speaker: 'Donald Trump' }]],
  ['the sentence after the quotation attributes it with a listener after a preposition', 'Democratic front-runner Hillary Clinton named a show. “Sometimes us ex-diplomats need our fix!” Clinton said to People. The former first lady headed the department.', [{ text: 'Sometimes us ex-diplomats need our fix!', speaker: 'Hillary Clinton' }]],
  ['the sentence after the quotation attributes it with a clause of time', 'It was not expected to be smooth. “The great state of Alabama is proud to cast its votes for Donald J. Trump!” US Senator Jeff Sessions said as he launched the process.', [{ text: 'The great state of Alabama is proud to cast its votes for Donald J. Trump!', speaker: 'Jeff Sessions' }]],
  ['the sentence after the quotation reports a statement of its own with an infinitive', 'Senator Tom Reed spoke at noon. Anna Berg listened. “We will win this state by a wide margin.” Berg said to expect a long night.', [{ text: 'We will win this state by a wide margin.', speaker: null }]],
  ['a quotation alone right after another goes on with its speaker', 'Senator Tom Reed spoke at noon. “We will win this state by a wide margin,” Reed said. “Nobody here will lose a job while I serve.”', [{ text: 'We will win this state by a wide margin', speaker: 'Tom Reed' }, { text: 'Nobody here will lose a job while I serve.', speaker: 'Tom Reed' }]],
  ['a quotation alone with a sentence between it and the last speaker gets none', 'Senator Tom Reed spoke at noon. “We will win this state by a wide margin,” Reed said. The crowd cheered for a long time. “Nobody here will lose a job while I serve.”', [{ text: 'We will win this state by a wide margin', speaker: 'Tom Reed' }, { text: 'Nobody here will lose a job while I serve.', speaker: null }]],
  ['a quotation alone after an organisation’s statement is not the organisation’s', 'The board met on Monday. The Acme Corporation said it would close the plant next year. “Nobody here will lose a job while I serve.”', [{ text: 'Nobody here will lose a job while I serve.', speaker: null }]],
  ['"he said" takes the one man named in the lookback', 'Anna Berg listened. “We will win this state by a wide margin,” Tom Reed said. The crowd cheered. “Nobody here will lose a job while I serve,” he said.', [{ text: 'We will win this state by a wide margin', speaker: 'Tom Reed' }, { text: 'Nobody here will lose a job while I serve', speaker: 'Tom Reed' }]],
  ['"he said" does not find the speaker going on two sentences back past another man', 'Bill Stone listened. “We will win this state by a wide margin,” Tom Reed said. The crowd cheered. “Nobody here will lose a job while I serve,” he said.', [{ text: 'We will win this state by a wide margin', speaker: 'Tom Reed' }, { text: 'Nobody here will lose a job while I serve', speaker: null }]],
  ['"he said" does not find a speaker going on three sentences back', 'Anna Berg listened. “We will win this state by a wide margin,” Tom Reed told Bill Stone. The crowd cheered. It was loud. “Nobody here will lose a job while I serve,” he said.', [{ text: 'We will win this state by a wide margin', speaker: 'Tom Reed' }, { text: 'Nobody here will lose a job while I serve', speaker: null }]],
  ['a speech verb opening its clause, the speaker after it ("Said Dorothy Poynter, …")', 'Ali grew up in Louisville. Said Dorothy Poynter, who grew up with Ali in the neighborhood, “He was always the nicest boy on the whole street.”', [{ text: 'He was always the nicest boy on the whole street.', speaker: 'Dorothy Poynter' }]],
  ['"said X was" is not an inverted attribution', 'Ali grew up in Louisville. But said Dorothy Poynter was “always the nicest girl on the whole street.”', [{ text: 'always the nicest girl on the whole street.', speaker: null }]],
  ['a name alone after a dash signs the quotation', 'Readers wrote to us after the debate. “How did we get this low in this country?” ― Carla Sanchez. “Donald Trump scares me more than anyone.” ― Krystal Correa', [{ text: 'How did we get this low in this country?', speaker: 'Carla Sanchez' }, { text: 'Donald Trump scares me more than anyone.', speaker: 'Krystal Correa' }]],
  ['a clause after a dash does not sign the quotation', 'Senator Tom Reed spoke for an hour. When Reed finally wrapped up — “I will fight for you, and I will win for you!” — Mary Smith cheered loudly.', [{ text: 'I will fight for you, and I will win for you!', speaker: null }]],
  ['an opening pronoun is the subject; a name after it is an object', 'Senator Jane Park spoke on Monday. She went on to attack Governor Bill Stone, saying the governor "has not given this issue much thought at all."', [{ text: 'has not given this issue much thought at all.', speaker: 'Jane Park' }]],
  ['an opening pronoun that resolves to nobody names no speaker, not the object', 'Senator Jane Park and Mayor Anna Lee spoke on Monday. She went on to attack Governor Bill Stone, saying the governor "has not given this issue much thought at all."', [{ text: 'has not given this issue much thought at all.', speaker: null }]],

  ['a possessor’s title is not the speaker’s ("the senator’s spokesman said")', 'Senator Tom Reed spoke on Monday. “The bill will pass next week without any doubt,” the senator’s spokesman said.', [{ text: 'The bill will pass next week without any doubt', speaker: null }]],
  ['a title phrase without a possessor is still the titled person ("the senator said")', 'Senator Tom Reed spoke on Monday. “The bill will pass next week without any doubt,” the senator said.', [{ text: 'The bill will pass next week without any doubt', speaker: 'Tom Reed' }]],
  ['a given name the tagger reads as a verb is still the speaker after "said"', 'A former party chairman spoke on Monday. “Now is the time for all good political leaders to come to the aid of their party,” said Don Fowler, who helmed the party from 1995 to 1997.', [{ text: 'Now is the time for all good political leaders to come to the aid of their party', speaker: 'Don Fowler' }]],
  ['a verb with its particle before a colon attributes the quotation ("fired back:")', 'Marco Rubio spoke in Miami. When Trump suggested that Cuba would sue the country, Rubio fired back forcefully: “If they sue us in a court in Miami, they are going to lose,” referencing the voters.', [{ text: 'If they sue us in a court in Miami, they are going to lose', speaker: 'Marco Rubio' }]],
  ['a speech verb after a comma takes the name after it, not a name in the clause before', 'Anna Berg spoke. Because of how Democrats crafted the schedule, explained Tom Rosenberg, “with this thing being over by March, the calendar is compressed and nobody can catch up.”', [{ text: 'with this thing being over by March, the calendar is compressed and nobody can catch up.', speaker: 'Tom Rosenberg' }]],
  ['a possessor written with a bare apostrophe ("Sanders’ surge") does not introduce the quotation', 'Bernie Sanders won. The timing of Sanders’ surge does not surprise the pollster Daron Shaw: “Historically, lesser-known candidates have seen the biggest boost in early states.”', [{ text: 'Historically, lesser-known candidates have seen the biggest boost in early states.', speaker: null }]],
  ['a person and a verb in the past right after a quotation attribute it, whatever the verb', 'Senator Jon Tester and Senator David Vitter met the bank. “Every time you say that, you give ammunition to them,” Tester said. “Why is this not proof that the bank is too big to fail?” Vitter wondered.', [{ text: 'Every time you say that, you give ammunition to them', speaker: 'Jon Tester' }, { text: 'Why is this not proof that the bank is too big to fail?', speaker: 'David Vitter' }]],
  ['"reported" attributes', 'Senator Jon Tester spoke. “The court will decide on the plan before the end of April,” the Daily Herald reported.', [{ text: 'The court will decide on the plan before the end of April', speaker: 'Daily Herald' }]],
  ['a person’s attribution before a quotation governs the next one in its sentence, not across a name', 'Senator Tom Reed spoke. Reed said that the farmers “do a fantastic job every single day” and “deserve far more help from all of us.” While Reed praised the plan as “a good start for the whole region,” Anna Berg called it “nothing but a promise made for the election.”', [{ text: 'do a fantastic job every single day', speaker: 'Tom Reed' }, { text: 'deserve far more help from all of us.', speaker: 'Tom Reed' }, { text: 'a good start for the whole region', speaker: 'Tom Reed' }, { text: 'nothing but a promise made for the election.', speaker: 'Anna Berg' }]],
  ['two quotations with a clause of its own between them are two, each with its speaker', 'Governor Ellen Marsh and Mayor Ruth Kane spoke on Friday. “The budget talks have been very hard this year,” Marsh said, but despite the long delays, “I think we will reach a deal by June,” said Kane.', [{ text: 'The budget talks have been very hard this year', speaker: 'Ellen Marsh' }, { text: 'I think we will reach a deal by June', speaker: 'Ruth Kane' }]],
  ['a second part after "adding" is another quotation of the same speaker', 'Governor Ellen Marsh spoke on Friday. “The budget talks have been very hard this year,” Marsh said, adding, “I think we will reach a deal by June.”', [{ text: 'The budget talks have been very hard this year', speaker: 'Ellen Marsh' }, { text: 'I think we will reach a deal by June.', speaker: 'Ellen Marsh' }]],
  ['a second part inside a reported clause ("noting that …") is another quotation', 'Newt Gingrich spoke on Thursday. “I regard Donald as an old friend,” Gingrich told the host, noting that he and his wife, Callista, “have regularly played golf with him for years.”', [{ text: 'I regard Donald as an old friend', speaker: 'Newt Gingrich' }, { text: 'have regularly played golf with him for years.', speaker: 'Newt Gingrich' }]],
  ['a second part with an attribution of its own is another quotation', 'Governor Ellen Marsh and Mayor Ruth Kane spoke on Friday. “The budget talks have been very hard this year,” Marsh said on Friday, “I think we will reach a deal by June,” said Kane.', [{ text: 'The budget talks have been very hard this year', speaker: 'Ellen Marsh' }, { text: 'I think we will reach a deal by June', speaker: 'Ruth Kane' }]],
  ['a closing mark opening a line after a direction mark opens the quotation', 'Readers answered the senator online.\n\u202a”We will remember this vote in November, senator!!” wrote Dana Cole.', [{ text: 'We will remember this vote in November, senator!!', speaker: 'Dana Cole' }]],
  ['a full name the tagger does not know, signing a quotation after a dash, is its speaker', 'Readers wrote to the paper.\n“The mayor has let the whole town down again this year.” ― Zorvan Tekelli\n“Nobody here trusts the council any more.” ― Ilse Marrow', [{ text: 'The mayor has let the whole town down again this year.', speaker: 'Zorvan Tekelli' }, { text: 'Nobody here trusts the council any more.', speaker: 'Ilse Marrow' }]],
  ['a month that is a given name opens the name ("Jan Brewer"), a month before a day does not', 'Senator Hillary Clinton spoke on Jan. 5 in Iowa. Former Arizona governor Jan Brewer, an early supporter of the senator, called security a priority. “That is something I think will resonate with all women,” she said in an interview.', [{ text: 'That is something I think will resonate with all women', speaker: 'Jan Brewer' }]],
  ['a person inside an opening clause is not the pronoun after it ("Asked …, she replied")', 'Actress Susan Sarandon spoke on Monday. “I think people will make up their own minds this year,” Sarandon said. Asked about her vote in the event that Hillary Clinton faces the nominee, she replied: “I do not know. I am going to see what happens.”', [{ text: 'I think people will make up their own minds this year', speaker: 'Susan Sarandon' }, { text: 'I do not know. I am going to see what happens.', speaker: 'Susan Sarandon' }]],
  ['a name inside a subordinate clause is not the subject ("In a year when X is …, Y said")', 'Senator Tom Reed and Mayor Anna Berg met voters. In a year when Reed is talking about closing the plant, Berg said the governor was right to urge the workers “to stand up and be active in every town of the state.”', [{ text: 'to stand up and be active in every town of the state.', speaker: 'Anna Berg' }]],
  ['a hyphenated given name opening a sentence stays in the name and types a person ("Jo-Renee Formicola")', 'Anchor Lester Holt will moderate. Jo-Renee Formicola, a professor at the university, described the plan. “If he is asked questions he cannot answer, he will deflect them,” she said.', [{ text: 'If he is asked questions he cannot answer, he will deflect them', speaker: 'Jo-Renee Formicola' }]],
  ['a known given name the tagger reads as a verb opens the name at a sentence start ("Josh Hendler")', 'Senator Bernie Sanders apologised on Friday. Josh Hendler, a top Democratic tech operative, warned Saturday that the move against Sanders could deeply damage the party. “The stakes are higher than the political fight of the day,” he wrote in a blog post.', [{ text: 'The stakes are higher than the political fight of the day', speaker: 'Josh Hendler' }]],
  ['a subject and verb closing the quotation that name nobody stop the speaker going on ("the email read")', 'Senator Ted Cruz spoke on Monday. “We will win this state by a wide margin,” Cruz said. “Friend, let me be blunt. I can beat anyone in this race,” the email read.', [{ text: 'We will win this state by a wide margin', speaker: 'Ted Cruz' }, { text: 'Friend, let me be blunt. I can beat anyone in this race', speaker: null }]],
  ['a surname the tagger reads as a verb, then a speech verb, is the person of that surname ("Blunt, after a long pause, said")', 'Sen. Roy Blunt met donors in Missouri. “We lost the state by a hair last time,” the campaign manager Jeff Roe said. “He had a lot of Missouri supporters,” Blunt, after a long pause, said of Cruz.', [{ text: 'We lost the state by a hair last time', speaker: 'Jeff Roe' }, { text: 'He had a lot of Missouri supporters', speaker: 'Roy Blunt' }]],
  ['a name after "with" before a participle is its subject ("with Donald Trump tweeting that …")', 'The Republican Party attacked the plan. Republicans were quick to chime in, with Donald Trump tweeting that the whole plan was “a disaster for every family in the country.”', [{ text: 'a disaster for every family in the country.', speaker: 'Donald Trump' }]],
  ['a pronoun after a sentence opened by a pronoun of its gender is the same one', 'Senator Jane Kowalski met Mayor Anna Lee on Monday. “We will build the school this year,” Kowalski said. She appeared to imply that the plan could cost more than Lee, the former treasurer of the city, had hoped. “Nobody here will lose a job while I serve in this office,” she said.', [{ text: 'We will build the school this year', speaker: 'Jane Kowalski' }, { text: 'Nobody here will lose a job while I serve in this office', speaker: 'Jane Kowalski' }]],
  ['a participle after a comma with no speech verb before it goes with the subject of the clause\'s main verb, not its object', 'Governor Chris Christie and Senator Marco Rubio debated. Christie, the sitting governor, repeated accusations that Rubio recites the same points, calling him “a talented guy who reads a teleprompter well.”', [{ text: 'a talented guy who reads a teleprompter well.', speaker: 'Chris Christie' }]],
  ['a participle after a comma with no speech verb before it goes with the subject of the clause\'s verb ("She addressed …, saying that")', 'Senator Jane Kowalski spoke on Monday. She addressed the voters in an email to supporters, saying that “what you are hearing from the other party is absolutely and unequivocally wrong.”', [{ text: 'what you are hearing from the other party is absolutely and unequivocally wrong.', speaker: 'Jane Kowalski' }]],
  ['two people joined by "and" speak together: neither alone is named ("Trump and Ryan issued a statement describing")', 'Donald Trump met Paul Ryan on Thursday. Trump and Ryan issued a statement describing their meeting as “a very positive step toward unification of the whole party.”', [{ text: 'a very positive step toward unification of the whole party.', speaker: null }]],
  ['a pronoun with a typed person and an untyped name of a person near it names nobody', 'The hearing opened on Monday with Tom Reed and Zorvan Tekelli in the room. Most of the workers stayed home. “We will not give up on this plant,” he said.', [{ text: 'We will not give up on this plant', speaker: null }]],
  ['a pronoun with one typed person near it and no other name is that person', 'The hearing opened on Monday with Tom Reed in the room. Most of the workers stayed home. “We will not give up on this plant,” he said.', [{ text: 'We will not give up on this plant', speaker: 'Tom Reed' }]],
  ['a verb and a pronoun with its own verb after a quotation is no inverted attribution ("…,” suggesting she might …)', 'Anna Berg met Tom Reed on Monday. Reed welcomed the news, calling the new deal "a real step forward for the whole town," suggesting she might back it.', [{ text: 'a real step forward for the whole town', speaker: 'Tom Reed' }]],
  ['a name opening the sentence, an apposition between commas, then the verb: the name speaks, not a person inside the apposition', 'Anna Berg ran the show for years. Zorvan Tekelli, the star of the show "The Apprentice" and of the Miss Universe pageant, said in an interview that the old conventions were dull. "It is very important to put some showbiz into a convention," he said.', [{ text: 'It is very important to put some showbiz into a convention', speaker: 'Zorvan Tekelli' }]],
  ['an organisation opening the sentence, an apposition naming a person, then the verb: the organisation speaks', 'The race tightened. Breitbart News, the website once run by Steve Bannon, said in a statement: "We stand by every word of the story and will not retract it."', [{ text: 'We stand by every word of the story and will not retract it.', speaker: 'Breitbart News' }]],
  ['a clause after a quotation that ends its own sentence, going on with a comma to the next quotation, introduces that one', 'Cheryl Mills forwards an email with a photo of Hillary Clinton. Clinton responds to Mills with, “Why now? That was on my way to Libya?” Mills then writes back, “You look cute in that photo.”', [{ text: 'Why now? That was on my way to Libya?', speaker: 'Hillary Clinton' }, { text: 'You look cute in that photo.', speaker: 'Cheryl Mills' }]],
  ['before a quotation, a person named inside a subordinate clause is not the subject when the main clause names one', 'Tom Reed toured the state. Even before Tom Reed spoke, the Democratic Party in Ohio sent out a statement to reporters calling the visit "a disgrace to the whole state and its voters."', [{ text: 'a disgrace to the whole state and its voters.', speaker: 'Democratic Party' }]],
  ['a described speaker, then the name the article gives it ("known as", "identified as"), is that name', 'Officers at the base in Benghazi spoke. "There never was a stand-down order that night," said the base chief known as Bob Carter, speaking publicly for the first time. "At no time did I ever doubt the team would go."', [{ text: 'There never was a stand-down order that night', speaker: 'Bob Carter' }, { text: 'At no time did I ever doubt the team would go.', speaker: 'Bob Carter' }]],
  ['a described speaker identified only by a name after "identified only as" is that name', 'Voters lined up early in Ohio. "I have waited three hours and I will wait three more," said a retired teacher identified only as Mary Ellen Pike.', [{ text: 'I have waited three hours and I will wait three more', speaker: 'Mary Ellen Pike' }]],
  ['unattributed stays null', 'Protesters carried signs. “We want our jobs back right now,” the signs read.', [{ text: 'We want our jobs back right now', speaker: null }]],
];

describe('quote ledger: extraction and speakers', () => {
  it.each(CASES)('%s', (_name, text, expected) => {
    const { detail } = analyzeStoryDetailed([doc('a', text)]);
    const got = detail.quotes.map((q) => ({ text: q.text, speaker: q.speaker?.name ?? null }));
    expect(got).toEqual(expected);
  });
  it('eleventh round: "X, …, said Y continued to …" reports Y, so a pronoun after it is X, not Y', () => {
    const text = 'Anna Berg spoke first. Brian Murphy, the chairman of the county party, for example, said Trump continued to hurt his cause by taking on the senator. “I don’t think it has cut well for him,” he said.';
    const { detail } = analyzeStoryDetailed([doc('a', text)]);
    expect(detail.quotes.map((q) => [q.text, q.speaker?.name ?? null])).toEqual([['I don’t think it has cut well for him', 'Brian Murphy']]);
  });
  it('eleventh round: a speech verb in an elliptic clause of time ("when asked") does not introduce the quotation', () => {
    const text = 'The inquiry went on. Any decision would involve Attorney General Loretta E. Lynch, who told Congress when asked last month about the inquiry: "That matter is being handled by career agents and we will follow the facts."';
    const { detail } = analyzeStoryDetailed([doc('a', text)]);
    expect(detail.quotes.map((q) => [q.text, q.speaker?.name ?? null])).toEqual([['That matter is being handled by career agents and we will follow the facts.', 'Loretta E. Lynch']]);
  });
  it('eleventh round: "…, calling" after a clause: the subject of its verb speaks, never past an infinitive', () => {
    const text = 'Prince Alwaleed bin Talal owns hotels. In December, the prince called for Trump to drop out of the race, calling him "a disgrace not only to the GOP but to all America."';
    const { detail } = analyzeStoryDetailed([doc('a', text)]);
    expect([...detail.quotes, ...detail.fragments].map((q) => [q.text, q.speaker?.name ?? null])).toEqual([['a disgrace not only to the GOP but to all America.', 'Alwaleed bin Talal']]);
  });
  it('eleventh round: a participle with its agent after a quotation ("measures added by") is no attribution', () => {
    const text = 'The Senate met on Tuesday. Senate Democrats blocked a funding package for the fight against the virus because of "poison pill rules that nobody here wanted to accept" measures added by Republicans on other issues.';
    const { detail } = analyzeStoryDetailed([doc('a', text)]);
    expect([...detail.quotes, ...detail.fragments].map((q) => q.speakerText)).not.toContain('measures');
  });
  it('eleventh round: a quotation closing with a full stop is not attributed to a new sentence going on to a quotation of its own', () => {
    const text = 'Top strategists spoke to the newspaper. They lamented what the writers described as "missed opportunities to run an aggressive political operation last year that would have been more of a challenge." Sanders strategist Tad Devine said the "central complication is the calendar."';
    const { detail } = analyzeStoryDetailed([doc('a', text)]);
    const q = [...detail.quotes, ...detail.fragments].find((x) => x.text.startsWith('missed opportunities'));
    expect(q?.speaker?.name ?? null).not.toBe('Tad Devine');
  });
  it('eleventh round: a Korean given name with its second syllable in lower case is one name ("Ban Ki-moon"), who is the "he" of his own sentence', () => {
    const text = 'Jean-Marc Ayrault, the foreign minister of France, said North Korea\'s latest "provocation cannot be left without consequences, especially at the U.N. Security Council." Secretary General Ban Ki-moon condemned what he called a "brazen breach" of U.N. resolutions.';
    const { detail } = analyzeStoryDetailed([doc('a', text)]);
    expect([...detail.quotes, ...detail.fragments].map((q) => [q.text, q.speaker?.name ?? null])).toEqual([
      ['provocation cannot be left without consequences, especially at the U.N. Security Council.', 'Jean-Marc Ayrault'],
      ['brazen breach', 'Ban Ki-moon'],
    ]);
  });
  it('eleventh round: a name modifying the head noun right before the speech verb is not its subject', () => {
    const text = 'Hillary Clinton spoke on the radio. On Tuesday’s episode of the show, the former secretary of state and current Democratic presidential nominee said she wanted to speak “directly to white people” about the shootings.';
    const { detail } = analyzeStoryDetailed([doc('a', text)]);
    expect([...detail.quotes, ...detail.fragments].map((q) => q.speaker?.name ?? null)).not.toContain('Democratic');
    expect([...detail.quotes, ...detail.fragments].map((q) => q.speaker?.type ?? null)).not.toContain('organization');
  });
  it('eleventh round: "…, saying" after a clause whose subject is described: that description speaks, not the object after its verb', () => {
    const text = 'Tom Clarke bought the mines. In August, several environmental groups granted Mr. Clarke an extension on a court order to treat polluted runoff from a former Patriot mine, saying his "start-up capital was less than expected."';
    const { detail } = analyzeStoryDetailed([doc('a', text)]);
    expect([...detail.quotes, ...detail.fragments].map((q) => [q.text, q.speaker?.name ?? null, q.speakerText])).toEqual([
      ['start-up capital was less than expected.', null, 'several environmental groups'],
    ]);
  });
  it('eleventh round: a relative "who" after a comma stands for the name before it past auxiliaries ("who has publicly vowed")', () => {
    const text = 'Pastor Kevin Swanson spoke on the radio. Later in the broadcast, Swanson praised evangelist Franklin Graham, who has publicly vowed not to buy cookies this year because of the organization’s “support of transgender rights and homosexuality.”';
    const { detail } = analyzeStoryDetailed([doc('a', text)]);
    expect([...detail.quotes, ...detail.fragments].map((q) => [q.text, q.speaker?.name ?? null])).toEqual([['support of transgender rights and homosexuality.', 'Franklin Graham']]);
  });
  it('eleventh round: a person named right before the colon that introduces a quotation is its speaker, also after a heading', () => {
    const text = 'Polls were wrong in Iowa on Monday night. Pollsters agree - Carl Bialik: “One of the biggest lessons was a simple one: keep on contacting voters as late as possible.” More from Blumenthal and Cohen: “Data collected by our firm helps confirm that both issues were in play.”';
    const { detail } = analyzeStoryDetailed([doc('a', text)]);
    expect(detail.quotes.map((q) => q.speaker?.name ?? null)).toEqual(['Carl Bialik', null]);
  });
  it('twelfth round: a sentence closing with "according to X" after a quotation introduced before it is X\'s report', () => {
    const text = 'Sadiq Khan was elected mayor of London last week. On Monday, Donald Trump said he was "happy to see" that Khan was voted in, according to The New York Times.';
    const { detail } = analyzeStoryDetailed([doc('a', text)]);
    expect([...detail.quotes, ...detail.fragments].map((q) => [q.text, q.speaker?.name ?? null])).toEqual([['happy to see', 'New York Times']]);
  });
  it('twelfth round: a sentence closing with ", X reported." after a quotation introduced before it is X\'s report', () => {
    const text = 'John Kasich ended his campaign on Wednesday. Donald Trump welcomed the news, saying the Ohio governor was "doing the right thing for the party and the country," suggesting he might consider Kasich as a running mate, CNN reported.';
    const { detail } = analyzeStoryDetailed([doc('a', text)]);
    expect([...detail.quotes, ...detail.fragments].map((q) => [q.text, q.speaker?.name ?? null])).toEqual([['doing the right thing for the party and the country', 'CNN']]);
  });
  it('eleventh round: voice verbs attribute like speech verbs ("Trump barked", "she muttered")', () => {
    const text = 'Donald Trump held a press conference in Iowa. “Go back to Univision,” Trump barked and a security guard escorted the anchor out.';
    const { detail } = analyzeStoryDetailed([doc('a', text)]);
    expect(detail.quotes.map((q) => [q.text, q.speaker?.name ?? null])).toEqual([['Go back to Univision', 'Donald Trump']]);
  });
  it('eleventh round: "according to her lawyers" is a described speaker, not the one "her" stands for', () => {
    const text = 'Tarla Makaeff sued the seminar. The case launched a counteroffensive by the company that put Makaeff "through the wringer for many long years," according to her lawyers in a court filing.';
    const { detail } = analyzeStoryDetailed([doc('a', text)]);
    expect([...detail.quotes, ...detail.fragments].map((q) => [q.speaker?.name ?? null, q.speakerText])).toEqual([[null, 'her lawyers in a court filing']]);
  });
  it('a phrase opening the sentence, then an apposition closing before the verb: the phrase speaks, not a name in the apposition; a person named right after a described phrase is who it describes', () => {
    const text = 'Tom Reed runs the agency. Officials at Homeland Security Investigations, a division of Immigration and Customs Enforcement, said the forgers "may try to use increasingly sophisticated methods to get around the program." Another superdelegate, Michael Brown of Ohio, said in a statement: "It is time to stand behind our presumptive candidate now."';
    const { detail } = analyzeStoryDetailed([doc('a', text)]);
    expect(detail.quotes.map((q) => [q.text, q.speaker?.name ?? null, q.speakerText])).toEqual([
      ['may try to use increasingly sophisticated methods to get around the program.', null, 'Officials at Homeland Security Investigations'],
      ['It is time to stand behind our presumptive candidate now.', 'Michael Brown', null],
    ]);
  });
  it('a relative "who" after a comma before the speech verb stands for the person named before the comma', () => {
    const text = 'Donald Trump spoke. The leaders who rebuked Trump included his running mate, Indiana Gov. Mike Pence, who called their son "an American hero." On Thursday, Ted Cruz scored his first endorsement from a Senate colleague, from Mike Lee, who declared in the debate spin room, "I am sending the signal that it is time to unite."';
    const { detail } = analyzeStoryDetailed([doc('a', text)]);
    expect([...detail.quotes, ...detail.fragments].map((q) => [q.text, q.speaker?.name ?? null])).toEqual([
      ['I am sending the signal that it is time to unite.', 'Mike Lee'],
      ['an American hero.', 'Mike Pence'],
    ]);
  });
  it('keeps a short fragment only inside reported speech, outside the ledger', () => {
    const text = 'Senator Marco Diaz met donors on Monday. Diaz called the statement “offensive and outlandish.” Critics found it “weak.”';
    const { analysis, detail } = analyzeStoryDetailed([doc('a', text)]);
    expect(detail.fragments.map((q) => [q.text, q.speaker?.name ?? null])).toEqual([['offensive and outlandish.', 'Marco Diaz']]);
    expect(detail.quotes).toEqual([]);
    expect(analysis.quotes).toEqual([]);
  });
  it('keeps a fragment introduced by a speech verb whose speaker cannot be named, without a speaker', () => {
    const text = 'Tom Reed and Bill Stone met the union on Monday. He said the talks had made “good gains” this week. Critics found it “weak.”';
    const { detail } = analyzeStoryDetailed([doc('a', text)]);
    expect(detail.fragments.map((q) => [q.text, q.speaker?.name ?? null, q.speakerText])).toEqual([['good gains', null, null]]);
    expect(detail.quotes).toEqual([]);
  });
  it('gives a fragment the attribution after a comma later in its sentence, not across another quotation', () => {
    const text = 'Officials met on Monday. “Boots on the ground” would be needed there, Senator Ben Carson said after the attacks. A “new approach” is needed now, the paper wrote, “and soon,” said Anna Berg.';
    const { detail } = analyzeStoryDetailed([doc('a', text)]);
    expect(detail.fragments.map((q) => [q.text, q.speaker?.name ?? null, q.speakerText])).toEqual([
      ['Boots on the ground', 'Ben Carson', null],
      ['new approach', null, 'the paper'],
      ['and soon', 'Anna Berg', null],
    ]);
  });
  it('a naming verb with its subject right before it characterises: the subject speaks ("what he called")', () => {
    const text = 'Mayor Anna Lee met the council. Lee condemned what she called a “brazen breach” of the rules. Critics opposed what Senator Tom Reed called “a plan nobody can afford to pay for.” The tax loophole called an “inversion” stays open.';
    const { detail } = analyzeStoryDetailed([doc('a', text)]);
    expect([...detail.quotes, ...detail.fragments].map((q) => [q.text, q.speaker?.name ?? null])).toEqual([
      ['a plan nobody can afford to pay for.', 'Tom Reed'],
      ['brazen breach', 'Anna Lee'],
    ]);
  });
  it('a naming verb after a name or pronoun with an auxiliary between characterises; a passive or a lower-case subject names', () => {
    const text = 'Mayor Anna Lee met the board. The board backed what former employees have called a “fraudulent scheme” for years. The deal, which Lee had called a “disaster,” passed. Senator Tom Reed spoke next, mocking Lee, who he dubbed “the little mayor.” Officials use what is called a “sunset clause” here.';
    const { detail } = analyzeStoryDetailed([doc('a', text)]);
    expect([...detail.quotes, ...detail.fragments].map((q) => [q.text, q.speaker?.name ?? null])).toEqual([
      ['disaster', 'Anna Lee'],
      ['the little mayor.', 'Tom Reed'],
    ]);
  });
  it('a pronoun inside a sentence opened by a person is that person, not the one speaking before', () => {
    const text = 'Patrick Murphy spoke first. “We will fund every school in the state,” Murphy said. Ron DeSantis said he backs a bill against accreditation bodies, which he called “a cartel for higher education.”';
    const { detail } = analyzeStoryDetailed([doc('a', text)]);
    expect(detail.fragments.map((q) => [q.text, q.speaker?.name ?? null])).toEqual([['a cartel for higher education.', 'Ron DeSantis']]);
  });
  it('never files two quotations of one article as wordings of one statement', () => {
    const one = 'Anchor Megan Hale spoke at the forum on Monday. “You don’t want to be the story at the debate,” Hale said. “You want to cover the story at the debate,” Hale added.';
    const other = 'Megan Hale spoke on Monday. “You don’t want to be the story at the debate,” Hale said.';
    const { quotes } = analyzeStory([doc('a', one), doc('b', other)]);
    expect(quotes.map((q) => [q.text, q.sources])).toEqual([
      ['You don’t want to be the story at the debate', ['a', 'b']],
      ['You want to cover the story at the debate', ['a']],
    ]);
  });
  it('keeps a one-word quotation followed by a speech cue and a speaker, not a title without one', () => {
    const text = 'Actress Nora Vale was asked about the race. “Really,” she added when the host laughed. She loves “Modern Family” and watches it often.';
    const { detail } = analyzeStoryDetailed([doc('a', text)]);
    expect([...detail.quotes, ...detail.fragments].map((q) => [q.text, q.speaker?.name ?? null])).toEqual([['Really', 'Nora Vale']]);
  });
  it('keeps a title-like exclamation or question introduced by a speech verb, not one after a naming verb', () => {
    const text = 'Nora Vale hosted the debate. Vale then loudly asked, “Really?” Senator Tom Reed called him “Little Marco!” on stage. Reed loves “Modern Family!” on Sundays.';
    const { detail } = analyzeStoryDetailed([doc('a', text)]);
    expect([...detail.quotes, ...detail.fragments].map((q) => [q.text, q.speaker?.name ?? null])).toEqual([['Really?', 'Nora Vale']]);
  });
  it('leaves a one-word quotation whose speech cue introduces the next quotation of its sentence', () => {
    const text = 'Host Tom Reed asked the crowd for a name. When a man in the back shouted, “Denver,” Reed laughed, again using his stage voice, “Good answer, my friend, good answer!”';
    const { detail } = analyzeStoryDetailed([doc('a', text)]);
    expect([...detail.quotes, ...detail.fragments].map((q) => q.text)).toEqual(['Good answer, my friend, good answer!']);
  });
  it('pairs mismatched marks of translated text and nested quotes', () => {
    const text = '“By then the “Islamic State” held most of the land. It was critical, “said the general.';
    const spans = quoteSpans(text);
    expect(spans).toHaveLength(1);
    expect(text.slice(spans[0]!.start, spans[0]!.end)).toBe('By then the “Islamic State” held most of the land. It was critical, ');
  });
  it('groups versions of one statement across outlets', () => {
    const a = analyzeStory([
      doc('a', 'General Ivan Orlov spoke on Monday. “All rebel units in the region have been defeated and the region has been liberated,” Orlov said.'),
      doc('b', 'Russian Gen. Ivan Orlov told attaches that “all rebel gangs in the region have been destroyed and the region has been freed.”'),
      doc('c', 'Ivan Orlov also said “the harvest this year will be larger than ever before in the region.”'),
    ]);
    const orlov = a.quotes.filter((q) => q.speaker === 'Ivan Orlov');
    const grouped = orlov.find((q) => q.variants.length === 2);
    expect(grouped?.sources).toEqual(['a', 'b']);
    expect(orlov.some((q) => q.sources.length === 1 && q.sources[0] === 'c')).toBe(true);
  });
  it('never groups the statements of two speakers', () => {
    const a = analyzeStory([
      doc('a', 'Minister Ana Ruiz spoke. “The new bridge will open to traffic next spring,” Ruiz said.'),
      doc('b', 'Mayor Luis Vega spoke. “The new bridge will open to traffic next spring,” Vega said.'),
    ]);
    expect(a.quotes).toHaveLength(2);
  });
});

describe('speakers described, not named', () => {
  it.each([
    ['The Russian military', 'the Russian military'],
    ['the head of state.', 'the head of state'],
    ['Syrian activists,', 'Syrian activists'],
    ['“the spokesman', 'the spokesman'],
    ['A senior official', 'a senior official'],
  ])('%s → %s', (raw, shown) => expect(phraseText(raw)).toBe(shown));
  it('an indefinite speaker is described, never the party or person named inside the phrase', () => {
    const text = 'Hillary Clinton and the Democratic Party lead in Iowa. “She is too far behind in the polls,” said an Iowa Democrat. Senator Tom Reed spoke later. “We will win this state by a wide margin,” a senator said.';
    const { detail } = analyzeStoryDetailed([doc('a', text)]);
    expect(detail.quotes.map((q) => [q.speaker?.name ?? null, q.speakerText])).toEqual([
      [null, 'an Iowa Democrat'],
      [null, 'a senator'],
    ]);
  });
  it('a described speaker may run on after a preposition ("one Democratic source on the panel")', () => {
    const text = 'Democrats met on Friday. “Republicans are in a frenzy that is disorganized and lurching from point to point,” said one Democratic source on the panel.';
    const { detail } = analyzeStoryDetailed([doc('a', text)]);
    expect(detail.quotes.map((q) => [q.speaker?.name ?? null, q.speakerText])).toEqual([[null, 'one Democratic source on the panel']]);
  });
  it('a participle after a comma goes with the speech verb of its clause, not a name in the reported clause', () => {
    const text = 'Protests grew in the city. Even a top party strategist said Mayor Anna Lee will have to choose a side, saying, “At some point, she is going to have to come out and say it.”';
    const { detail } = analyzeStoryDetailed([doc('a', text)]);
    expect(detail.quotes.map((q) => [q.speaker?.name ?? null, q.speakerText])).toEqual([[null, 'a top party strategist']]);
  });
  it('a common noun right before the verb is its subject, not a name earlier in the sentence', () => {
    const text = 'Senator Marco Rubio spoke in Miami. When Rubio said it was great to be home, a man in the crowd yelled “Stay there and never come back!”';
    const { detail } = analyzeStoryDetailed([doc('a', text)]);
    expect([...detail.quotes, ...detail.fragments].map((q) => [q.speaker?.name ?? null, q.speakerText])).toEqual([[null, 'a man in the crowd']]);
  });
  it('a surname the gazetteer knows as a place is the person of the article with that surname', () => {
    const text = 'Former ambassador John Bolton spoke on Monday. “I would support the Republican nominee, whoever that was,” said Bolton.';
    const { detail } = analyzeStoryDetailed([doc('a', text)]);
    expect(detail.quotes.map((q) => q.speaker?.name ?? null)).toEqual(['John Bolton']);
  });
  it('a short quoted phrase after a characterising verb is a fragment of its subject; a verbless one too', () => {
    const text = 'Donald Trump spoke in Iowa. At a rally, Trump likened the refugees to a “vicious snake” in a song. Senator Jane Park called the plan “a very bad deal.”';
    const { detail } = analyzeStoryDetailed([doc('a', text)]);
    expect(detail.fragments.map((q) => [q.text, q.speaker?.name ?? null])).toEqual([
      ['vicious snake', 'Donald Trump'],
      ['a very bad deal.', 'Jane Park'],
    ]);
    expect(detail.quotes).toEqual([]);
  });
  it('a characterising verb further before a short quotation, with only its object between, attributes it; not across another verb', () => {
    const text = 'Hillary Clinton used a private server. Last month, FBI Director James Comey called Clinton’s use of private email servers “extremely careless,” but said no charges would follow. Jane Park called the decision that the director made “very odd.”';
    const { detail } = analyzeStoryDetailed([doc('a', text)]);
    expect(detail.fragments.map((q) => [q.text, q.speaker?.name ?? null])).toEqual([['extremely careless', 'James Comey']]);
  });
  it('a name opening the sentence, then an apposition, is the subject of its verb', () => {
    const text = 'Bernie Sanders spoke first. Florida delegate John Archer, wearing a shirt covered in Sanders buttons, said: “He is doing it the right way, and we love it.”';
    const { detail } = analyzeStoryDetailed([doc('a', text)]);
    expect(detail.quotes.map((q) => q.speaker?.name ?? null)).toEqual(['John Archer']);
  });
  it('"X’s been" is the subject X, not a possessor', () => {
    const text = 'Chris Christie spoke on Monday. Marco Rubio replied. Christie’s been making the case for weeks that Rubio is not ready. “You have not been involved in a consequential decision,” he said.';
    const { detail } = analyzeStoryDetailed([doc('a', text)]);
    expect(detail.quotes.map((q) => q.speaker?.name ?? null)).toEqual(['Chris Christie']);
  });
  it('a quotation right after one of a described speaker goes on with that speaker, not a name inside the description', () => {
    const text = 'Donald Trump raised little money. “If I was a donor, I would want answers,” said a committee member who supports Trump, asking for anonymity. “They are paying five times more for the same staff.”';
    const { detail } = analyzeStoryDetailed([doc('a', text)]);
    expect(detail.quotes.map((q) => [q.speaker?.name ?? null, q.speakerText])).toEqual([
      [null, 'a committee member'],
      [null, 'a committee member'],
    ]);
  });
  it('the attribution sentence after a quotation may name its speaker with a party label', () => {
    const text = 'Representatives met Hillary Clinton on Monday. “There is tremendous energy in a whole host of races.” Rep. Earl Blumenauer (D-Ore.) said. Clinton spoke briefly.';
    const { detail } = analyzeStoryDetailed([doc('a', text)]);
    expect(detail.quotes.map((q) => q.speaker?.name ?? null)).toEqual(['Earl Blumenauer']);
  });
  it('a possessive role is a described speaker ("the senator’s spokesman"), never the possessor', () => {
    const { detail } = analyzeStoryDetailed([doc('a', 'Senator Tom Reed spoke on Monday. “The bill will pass next week without any doubt,” the senator’s spokesman said.')]);
    expect(detail.quotes.map((q) => [q.speaker?.name ?? null, q.speakerText])).toEqual([[null, 'the senator’s spokesman']]);
  });
  it('shows an unresolved role phrase cleanly', () => {
    const { detail } = analyzeStoryDetailed([doc('a', 'Maria Lopez visited the base on Monday. “The operation is over and the troops will come home,” Itar Tass quotes the head of state.')]);
    expect(detail.quotes[0]?.speakerText).toBe('the head of state');
  });
  it('a phrase after a preposition is not the subject of the speech verb ("speaking to Channel Nine said")', () => {
    const { detail } = analyzeStoryDetailed([doc('a', 'The inquiry opened in May. A second source speaking to Channel Nine said, “The inspectors are looking at every shipment this week.”')]);
    expect(detail.quotes.map((q) => [q.speaker?.name ?? null, q.speakerText])).toEqual([[null, null]]);
  });
  it('"as a memo put it": the clause after "as" has its own subject, not a name before it', () => {
    const { detail } = analyzeStoryDetailed([doc('a', 'Members of Parliament echo those doubts, since the only test for the grant is a "steady source of household income," as a Treasury memo put it.')]);
    expect([...detail.quotes, ...detail.fragments].map((q) => q.speaker?.name ?? q.speakerText)).not.toContain('Parliament');
  });
  it('the name after "told" is the listener, not the speaker ("…, told CNN, “…”")', () => {
    const { detail } = analyzeStoryDetailed([doc('a', 'Anna Berg, who was named on the Green slate, told CNN, “Of the three, I like Tom Hill the best.”')]);
    expect(detail.quotes.map((q) => q.speaker?.name ?? null)).toEqual(['Anna Berg']);
  });
  it('a verb and particle with an object of their own are no speech ("goes on recess")', () => {
    const { detail } = analyzeStoryDetailed([doc('a', 'Sen. Maria Lopez said that once the Senate goes on recess, “I will travel wherever I can be useful to the party.”')]);
    expect(detail.quotes.map((q) => q.speaker?.name ?? null)).toEqual(['Maria Lopez']);
  });
  it('a clause opening the sentence that introduces a quotation is not where its speaker is ("When Reed died, …:")', () => {
    const { detail } = analyzeStoryDetailed([doc('a', 'Tom Reed was a mayor. Ann Cole knew him. When Reed died in 2001, Governor Ann Cole released the following statement: “We offer our condolences to his family and friends.”')]);
    expect(detail.quotes.map((q) => q.speaker?.name ?? null)).toEqual(['Ann Cole']);
  });
  it('a pronoun right after a sentence reporting a speaker the index cannot name ("…, Cuban said.") names nobody', () => {
    const { detail } = analyzeStoryDetailed([doc('a', 'Donald Trump spoke at length. His grasp of policy is worrying, Cuban said. "You know, it is possible for anybody to change," he said.')]);
    expect(detail.quotes.map((q) => q.speaker?.name ?? null)).toEqual([null]);
  });
});
