/**
 * A headline run into the text's first sentence without a stop, as a page that lost its
 * line break gives it: "Monkeys learn to cover their eyes when they want to be left alone
 * Monkeys at Colchester Zoo have invented a unique do not disturb sign …" (issue 10, fourth
 * held-out review's leftover, mnval-041, where it was the story's headline and a summary
 * sentence). The headline and the lede open on the same word, and the lede's opening word
 * comes again after a lower-case word with no punctuation between them (in an opening
 * sentence, after a headline part without commas or quotation marks); or the lede opens
 * on a capitalised "The" right after a lower-case word ("… for theft The man, 34, was …").
 * Not after a word that usually stands before a name ("said Obama", "that Smith", "with
 * Trump"): a name repeated inside one sentence is no glue.
 */

const BEFORE_NAME = new Set([
  'a', 'an', 'the', 'and', 'or', 'but', 'nor', 'that', 'which', 'who', 'whom', 'whose', 'said', 'says', 'told', 'tells', 'asked', 'asks', 'added', 'wrote', 'by', 'with', 'of', 'to', 'for',
  'from', 'about', 'as', 'than', 'at', 'in', 'on', 'into', 'onto', 'upon', 'over', 'under', 'after', 'before', 'since', 'until', 'like', 'against', 'between', 'among', 'without', 'within',
  'via', 'per', 'when', 'where', 'while', 'if', 'because', 'although', 'though', 'whether', 'thanked', 'praised', 'called', 'named', 'joined', 'met', 'beat', 'defeated', 'replaced',
  'succeeded', 'including', 'featuring', 'starring', 'then', 'is', 'was', 'are', 'were', 'be', 'been', 'not', 'also', 'even', 'both', 'either', 'neither', 'only', 'dear', 'versus', 'vs',
]);

/**
 * The offset where the lede starts inside a headline glued to it, or -1. The repeated opening
 * word is looked for only in a text's opening sentence (`opening`), and only after a headline
 * part without a comma or quotation mark: inside an article a subject's name comes again
 * ("… would not allow Farrow to use …").
 */
export function gluedTitleAt(text: string, opening: boolean): number {
  const t = text.trimStart();
  const lead = text.length - t.length;
  const first = /^\p{Lu}[\p{L}'’-]{2,}/u.exec(t)?.[0];
  const re = /(?<![\p{L}'’-])(\p{Ll}[\p{L}'’-]*) (\p{Lu}[\p{L}'’-]*) (?=[\p{L}\p{N}])/gu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(t))) {
    const before = (m[1] as string).toLowerCase();
    const word = m[2] as string;
    const at = m.index + (m[1] as string).length + 1;
    if (BEFORE_NAME.has(before)) continue;
    const head = t.slice(0, at).trim().split(/\s+/).length;
    const rest = t.slice(at).trim().split(/\s+/).length;
    if (head < 5 || rest < 5) continue;
    const lowerNext = /^\p{Ll}/u.test(t.slice(at + word.length + 1));
    const repeated = opening && first !== undefined && word === first && first !== 'The' && !/[,"“”]/u.test(t.slice(0, at));
    if (repeated || (word === 'The' && lowerNext)) return lead + at;
    re.lastIndex = m.index + (m[1] as string).length;
  }
  return -1;
}
