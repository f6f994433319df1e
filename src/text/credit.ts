/**
 * Photo credit lines: the photographer and the agency joined by a slash ("Mark
 * Wilson/Getty Images", "AP Photo/Evan Vucci"), or a credit word ("Photo:", "Photo
 * by", "Credit:"), at the start of a text, after an optional "|" or "(". The line
 * before one is the photo's caption: cleaning drops it with its credit when both
 * stand as lines (src/ingest/clean.ts), the summary and the headline pass over a
 * sentence followed by one (src/summarize/readable.ts, headline.ts).
 */
/** Photo agencies and picture desks named in a credit line ("Mark Wilson/Getty Images", "AP Photo/Evan Vucci"). */
const AGENCY = String.raw`(?:Getty Images|AFP|AP(?: Photo)?|REUTERS|Reuters|EPA|Bloomberg|Shutterstock|Corbis|Sipa|NurPhoto|Invision|REX|Rex Features|Xinhua|Anadolu|Pool)`;
const NAME_WORDS = String.raw`(?:\p{Lu}[\p{L}.'’-]*\s+){0,3}\p{Lu}[\p{L}.'’-]*`;
/**
 * A credit line: "| Mark Wilson/Getty Images …", "Mark Wilson/Getty Images", "Jim Watson/AFP/Getty
 * Images", "AP Photo/Evan Vucci", "REUTERS/Kevin Lamarque", "| Photo: Reuters", "(Photo: …)",
 * "(Washington Post Staff Photo/Andrea Bruce)". The
 * photographer and the agency joined by a slash, the agency first or after, or a credit word after a
 * "|" or an opening parenthesis, at the start of the text.
 */
const CREDIT_LINE = new RegExp(
  String.raw`^\s*[|(]?\s*(?:${NAME_WORDS}\s*/\s*(?:${NAME_WORDS}\s*/\s*)?${AGENCY}\b|${AGENCY}\s*/\s*\p{Lu}|(?:${NAME_WORDS}\s+)?Photo(?:graph)?s?\s*/\s*\p{Lu}|(?:Photo(?:graph)?s?|Image|Credit)\s*(?:by\b|:))`,
  'u',
);

/** A photographer and agency joined by a slash, the whole line ("Mark Wilson/Getty Images", "AP Photo/Evan Vucci"). */
const SLASH_CREDIT = new RegExp(String.raw`^\s*[|(]?\s*(?:${NAME_WORDS}\s*/\s*(?:${NAME_WORDS}\s*/\s*)?${AGENCY}|${AGENCY}\s*/\s*${NAME_WORDS})\s*\)?\s*$`, 'u');

/**
 * Whether a whole line is a photographer's credit and nothing else. ("Photo: …" and
 * "Image: …" lines are captions of their own, often of the photo after them, so they
 * say nothing of the line before.)
 */
export function isCreditOnly(text: string): boolean {
  return SLASH_CREDIT.test(text);
}

/** A credit that is only a bar and a short name, the whole line: "| ABC", "| Getty". */
const BAR_NAME = new RegExp(String.raw`^\s*\|\s*${NAME_WORDS}\s*$`, 'u');

/**
 * A photographer and a publication run into the text: "William Wei, Business Insider Facebook is
 * buying Oculus VR …" (issue 10, fifth held-out review, mnval-169, where it was the headline and
 * the summary's lead). A person's name of two or three words, a comma, a publication's name
 * ending on a word publications are named by ("Insider", "Times", "Post"), then straight away
 * the next sentence's capitalised opening and a lower-case word. Not a title after the comma
 * ("Jim Kim, World Bank President said …": "Bank" names no publication).
 */
const PUBLICATION_END = String.raw`(?:News|Times|Post|Press|Journal|Herald|Tribune|Daily|Gazette|Telegraph|Guardian|Observer|Chronicle|Insider|Magazine|Reuters|AP|AFP|Bloomberg|Examiner|Inquirer|Dispatch|Courier|Sentinel|Register)`;
const NAME_AND_PUBLICATION = new RegExp(
  String.raw`^\s*\p{Lu}[\p{Ll}'’-]+(?:\s+\p{Lu}\.?)?\s+\p{Lu}[\p{Ll}'’-]+(?:\s+\p{Lu}[\p{Ll}'’-]+)?,\s+(?:\p{Lu}[\p{L}&.'’-]*\s+){0,3}${PUBLICATION_END}\s+\p{Lu}[\p{L}'’-]*\s+\p{Ll}`,
  'u',
);

/** Whether a text opens on a photo credit (see CREDIT_LINE, NAME_AND_PUBLICATION), or is a bar and a short name alone ("| ABC"). */
export function isCreditLine(text: string): boolean {
  return CREDIT_LINE.test(text) || BAR_NAME.test(text) || NAME_AND_PUBLICATION.test(text);
}

/** Whether a text holds a credit line at its start or right after one of its sentence ends ("… gunman. | Mark Wilson/Getty Images …"). */
export function holdsCreditLine(text: string): boolean {
  return text.split(/(?<=[.!?]["'”’)]?)\s+/u).some(isCreditLine);
}

/**
 * A photo caption by its opening: the agencies' "In this … photo" ("In this Saturday, July 1,
 * 2017, photo, people line up …", "FILE - In this Feb. 11, 2007 file photo, …"), or a
 * photograph named as the sentence's opening ("A photo from the 1998 excavation, with …",
 * "Photograph from the excavations in 1998, …", "Photo taken on …", "A sketch released of an
 * unidentified woman who …"). The headline passes
 * over such a lead and the timeline takes no event from it (mnval-033, mnval-077).
 */
const CAPTION_OPENING = new RegExp(
  String.raw`^\W*(?:file\s*[-–—:]\s*)?(?:in this\b(?:[^.]|\.(?= \d)){0,80}\b(?:photo|photograph|image|picture|frame grab|handout|video)\s*(?:,|provided by|released by|taken|made available|from|by)|(?:an?\s+)?(?:file\s+|undated\s+|handout\s+|police\s+)?(?:photo(?:graph)?|picture|image|sketch|screenshot|screen grab|still|rendering)s?\s+(?:from|taken|released|provided|obtained)\b)`,
  'iu',
);

/** Whether a text opens as a photo caption does (see CAPTION_OPENING). */
export function opensAsCaption(text: string): boolean {
  return CAPTION_OPENING.test(text);
}
