/**
 * Bytes → text: binary detection and character-encoding detection.
 *
 * Order of evidence: a byte-order mark; valid UTF-8; an encoding the input declares
 * (HTTP content type, `<meta charset>`, `<?xml encoding?>`) when iconv-lite knows it;
 * otherwise a choice between windows-1251 and windows-1252 by which decoding reads as
 * plausible text. Decoding itself is done by iconv-lite (and the built-in UTF-8 decoder).
 *
 * Detection is written by hand: chardet-style libraries guess among dozens of
 * encodings from statistics and are unreliable on short English news with a handful
 * of non-ASCII bytes; the question crossread needs answered is narrower (is it UTF-8?
 * if not, Cyrillic or Western?) and is answered by a few byte-level rules below.
 */
import { isUtf8 as bufferIsUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1251' | 'windows-1252' | string;

export interface Decoded {
  text: string;
  encoding: Encoding;
}

/** Magic numbers of common binary formats (checked at offset 0 unless stated). */
const MAGIC: Array<{ what: string; bytes: number[]; at?: number }> = [
  { what: 'PNG image', bytes: [0x89, 0x50, 0x4e, 0x47] },
  { what: 'PDF document', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { what: 'ZIP archive or Office document', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { what: 'GIF image', bytes: [0x47, 0x49, 0x46, 0x38] },
  { what: 'JPEG image', bytes: [0xff, 0xd8, 0xff] },
  { what: 'gzip data', bytes: [0x1f, 0x8b] },
  { what: 'ELF executable', bytes: [0x7f, 0x45, 0x4c, 0x46] },
  { what: 'OLE2 (old Office) document', bytes: [0xd0, 0xcf, 0x11, 0xe0] },
  { what: '7-Zip archive', bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  { what: 'RAR archive', bytes: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07] },
  { what: 'SQLite database', bytes: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66, 0x6f, 0x72, 0x6d, 0x61, 0x74] },
  { what: 'RIFF media (WebP, WAV, AVI)', bytes: [0x52, 0x49, 0x46, 0x46] },
  { what: 'MP4/QuickTime media', bytes: [0x66, 0x74, 0x79, 0x70], at: 4 },
  { what: 'WebAssembly module', bytes: [0x00, 0x61, 0x73, 0x6d] },
  { what: 'bzip2 data', bytes: [0x42, 0x5a, 0x68] },
  { what: 'xz data', bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00] },
  { what: 'Mach-O executable', bytes: [0xcf, 0xfa, 0xed, 0xfe] },
  { what: 'Windows executable', bytes: [0x4d, 0x5a, 0x90, 0x00] },
];

function startsWith(bytes: Uint8Array, sig: number[], at = 0): boolean {
  if (bytes.length < at + sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (bytes[at + i] !== sig[i]) return false;
  return true;
}

export function bomEncoding(bytes: Uint8Array): { encoding: Encoding; length: number } | null {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { encoding: 'utf-8', length: 3 };
  if (startsWith(bytes, [0xff, 0xfe])) return { encoding: 'utf-16le', length: 2 };
  if (startsWith(bytes, [0xfe, 0xff])) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/**
 * UTF-16 without a byte-order mark: ASCII-range text leaves every other byte zero.
 * Returns the byte order when at least 90% of the sampled code units look like that.
 */
function bomlessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 8) return null;
  let le = 0;
  let be = 0;
  for (let i = 0; i < n; i += 2) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1] ?? 0;
    if (b === 0 && a !== 0) le++;
    if (a === 0 && b !== 0) be++;
  }
  const units = n / 2;
  if (le / units >= 0.9) return 'utf-16le';
  if (be / units >= 0.9) return 'utf-16be';
  return null;
}

/**
 * Says why `bytes` are binary rather than text, or null for text: a known magic
 * number, NUL bytes, or more than 10% control characters (other than tab, line
 * breaks, form feed and escape) in the first 8 KiB. Inputs with a UTF-16 byte-order
 * mark (or UTF-16 without one) are text.
 */
export function binaryReason(bytes: Uint8Array): string | null {
  for (const m of MAGIC) if (startsWith(bytes, m.bytes, m.at ?? 0)) return m.what;
  const bom = bomEncoding(bytes);
  if (bom && bom.encoding !== 'utf-8') return null;
  if (bomlessUtf16(bytes)) return null;
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i] ?? 0;
    if (b === 0) return 'contains NUL bytes';
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) control++;
    else if (b === 0x7f) control++;
  }
  if (n > 0 && control / n > 0.1) return `${Math.round((100 * control) / n)}% control characters`;
  return null;
}

/** True when `bytes` are well-formed UTF-8 (Node's built-in validator). */
export function isUtf8(bytes: Uint8Array): boolean {
  return bufferIsUtf8(bytes);
}

const utf8Decoder = new TextDecoder('utf-8', { ignoreBOM: false });

/** Normalises an encoding label (`ISO-8859-1`, `cp1251`, `UTF8`…) to the name crossread records. */
export function normalizeLabel(label: string): Encoding | null {
  const l = label.trim().toLowerCase().replace(/^["']|["']$/g, '');
  if (!l) return null;
  if (l === 'utf8' || l === 'utf-8') return 'utf-8';
  if (l === 'utf-16' || l === 'utf-16le' || l === 'utf16le') return 'utf-16le';
  if (l === 'utf-16be' || l === 'utf16be') return 'utf-16be';
  // As browsers do (WHATWG Encoding): Latin-1 and ASCII labels mean windows-1252.
  if (/^(iso-?8859-1|latin-?1|l1|us-ascii|ascii|cp1252|windows-1252|x-cp1252|iso_8859-1)$/.test(l)) return 'windows-1252';
  if (/^(cp1251|windows-1251|x-cp1251)$/.test(l)) return 'windows-1251';
  if (iconv.encodingExists(l)) return l;
  return null;
}

/** Encoding declared inside the bytes: `<meta charset>`, `http-equiv` content type, or `<?xml encoding?>`. */
export function declaredEncoding(bytes: Uint8Array): Encoding | null {
  // The declaration is ASCII and near the top; latin1 keeps bytes 1:1.
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 4096)).toString('latin1');
  const m =
    /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head) ??
    /<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  return m?.[1] ? normalizeLabel(m[1]) : null;
}

/** Charset parameter of a content type (`text/html; charset=windows-1251`). */
export function contentTypeEncoding(contentType: string | undefined): Encoding | null {
  const m = contentType ? /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType) : null;
  return m?.[1] ? normalizeLabel(m[1]) : null;
}

/**
 * Chooses windows-1251 or windows-1252 for bytes that are not UTF-8.
 *
 * Both code pages put letters at 0xC0–0xFF and the same curly quotes at 0x91–0x94, so
 * punctuation alone says nothing. Letters do: Cyrillic words are runs of high bytes
 * (ASCII letters do not occur inside them), while Western European text has isolated
 * accented letters inside ASCII words (café, Müller). Each run of letters votes.
 */
export function cyrillicOrWestern(bytes: Uint8Array): 'windows-1251' | 'windows-1252' {
  let cyr = 0;
  let lat = 0;
  let i = 0;
  const isAsciiLetter = (b: number) => (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);
  const isHighLetter = (b: number) => b >= 0xc0 && b !== 0xd7 && b !== 0xf7;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    if (!isAsciiLetter(b) && !isHighLetter(b)) {
      i++;
      continue;
    }
    let ascii = 0;
    let high = 0;
    let longestHighRun = 0;
    let run = 0;
    while (i < bytes.length) {
      const c = bytes[i] ?? 0;
      if (isAsciiLetter(c)) {
        ascii++;
        run = 0;
      } else if (isHighLetter(c)) {
        high++;
        run++;
        if (run > longestHighRun) longestHighRun = run;
      } else break;
      i++;
    }
    if (high === 0) continue;
    if (ascii === 0 && high >= 2) cyr += high;
    else if (ascii > 0 && longestHighRun <= 2) lat += high;
    else if (longestHighRun >= 3) cyr += high;
  }
  return cyr > lat ? 'windows-1251' : 'windows-1252';
}

function decodeWith(bytes: Uint8Array, encoding: Encoding): string {
  if (encoding === 'utf-8') return utf8Decoder.decode(bytes);
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), encoding, { stripBOM: true });
}

/**
 * Decodes bytes to text. `declared` is an encoding named outside the bytes (an HTTP
 * content type); encodings declared inside HTML/XML are found here. Returns the text
 * without BOM, with line breaks normalised to `\n`.
 */
export function decode(bytes: Uint8Array, declared?: Encoding | null): Decoded {
  const bom = bomEncoding(bytes);
  let encoding: Encoding;
  const utf16 = bom ? null : bomlessUtf16(bytes);
  if (bom) encoding = bom.encoding;
  // ASCII text in UTF-16 is also valid UTF-8 (full of NULs), so this comes first.
  else if (utf16) encoding = utf16;
  else if (isUtf8(bytes)) encoding = 'utf-8';
  else {
    const inner = declared ?? declaredEncoding(bytes);
    if (inner && inner !== 'utf-8' && !inner.startsWith('utf-16')) encoding = inner;
    else encoding = cyrillicOrWestern(bytes);
  }
  let text = decodeWith(bytes, encoding);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text: normalizeText(text), encoding };
}

/**
 * Normalises decoded text without changing its content: line breaks to `\n`, Unicode
 * NFC, no-break and other exotic spaces to plain spaces, zero-width characters dropped.
 */
export function normalizeText(text: string): string {
  return text
    .replace(/\r\n?|\u2028|\u2029|\u0085/g, '\n')
    .replace(/[\u200b\u200c\u200d\u2060\ufeff\u00ad]/g, '')
    .replace(/[\u00a0\u2000-\u200a\u202f\u205f\u3000\t\f\v]/g, ' ')
    .normalize('NFC');
}
