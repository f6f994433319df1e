/**
 * How a sentence opens, for places that show a sentence on its own outside its article
 * (a timeline entry): a connective that ties it to the sentence before ("And both Dr. Lee
 * and Dr. Spitz disagreed …", "But by 1978, Balin grew tired …", "Moreover in 1798, …",
 * "Also: John Mayer toured …") says nothing the entry needs and can be left out; a pronoun
 * or demonstrative subject ("He joined the band in 1975", "It happened with Instagram in
 * 2012", "This is a big change …") points at someone the entry does not name.
 *
 * Issue 10, fifth held-out review (mnval-069, mnval-045, mnval-229, mnval-171, mnval-201).
 * The summary has its own, wider tests (src/summarize/readable.ts), since it drops such
 * sentences or takes them with the sentence before.
 */

/** Connectives that only link to the sentence before: leaving them out changes no fact. */
const CONNECTIVE = /^(?:and|but|yet|so|or|plus|also|moreover|furthermore|however|still|meanwhile|then|rather|instead|indeed|besides|likewise|similarly|in addition|nevertheless|nonetheless)(?:\s*[,:;—–]\s*|\s+)(?=\S)/iu;

/** A pronoun or demonstrative subject pointing back ("He …", "It's …", "This is …"; not "This year …"). */
const POINTER = /^["“‘']?(?:he|she|it|they|his|her|its|their|him|them|this|that|these|those)\b(?!\s+(?:year|week|month|time|day|morning|afternoon|evening|night|weekend|season|summer|winter|spring|fall|autumn)s?\b)(?!-)/iu;

/**
 * The same after an opening phrase ("In 1998 they leaked …", "In 1989, he joined …", "After
 * the war, she …"): a preposition and at most four more words, then the pronoun subject.
 */
const POINTER_AFTER_PHRASE = /^(?:in|on|at|by|during|after|before|since|until|from|for|within|over|around|between|later|earlier)\s+(?:[\p{L}\p{N}'’.-]+\s+){0,3}[\p{L}\p{N}'’.-]+,?\s+(?:he|she|they|it)\b(?!-)/iu;

/** The text without a connective opening it, its first letter upper case ("And both …" → "Both …"). */
export function withoutOpeningConnective(text: string): string {
  const m = CONNECTIVE.exec(text);
  if (!m) return text;
  const rest = text.slice(m[0].length);
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}

/** True when the text opens on a pronoun or demonstrative whose referent is in an earlier sentence. */
export function opensOnPointer(text: string): boolean {
  return POINTER.test(text) || POINTER_AFTER_PHRASE.test(text);
}

/** "He" or "She" as the subject at the opening, also after an opening phrase ("In 1989, he joined …"). */
const PERSON_SUBJECT = /^(?:(?:in|on|at|by|during|after|before|since|until|from|for|within|over|around|between|later|earlier)\s+(?:[\p{L}\p{N}'’.-]+\s+){0,3}[\p{L}\p{N}'’.-]+,?\s+)?(he|she)\b(?![-'’])/iu;

/**
 * Where the text's subject is "he" or "she" at its opening (also after an opening phrase): the
 * pronoun's offsets, or null. Only these subjects may be named from the sentence before
 * (src/analysis/timeline.ts); "it", "they", "this" and possessives are not.
 */
export function personSubject(text: string): { start: number; end: number; pronoun: string } | null {
  const m = PERSON_SUBJECT.exec(text);
  if (!m || m[1] === undefined) return null;
  const end = m[0].length;
  return { start: end - m[1].length, end, pronoun: m[1].toLowerCase() };
}
