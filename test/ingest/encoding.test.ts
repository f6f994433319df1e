/** Encodings: UTF-8 with and without BOM, UTF-16 LE/BE with BOM, windows-1251 and windows-1252, binary data. */
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { binaryReason, cyrillicOrWestern, decode, isUtf8 } from '../../src/ingest/decode.js';
import { readBytes } from '../../src/ingest/index.js';

const ENGLISH =
  'Officials in the capital said on Monday that the talks would resume next week, after three days of negotiations ended without agreement. ' +
  'The delegations met for six hours and agreed only on a timetable for the next round, according to two diplomats who attended the meeting.';

const CYRILLIC_NAMES =
  'The Moscow daily Коммерсантъ reported on Tuesday that Defence Minister Сергей Шойгу had told the president that the operation was over. ' +
  'The newspaper, quoting two officials, said the troops would return to their bases before the end of the year, and that the ministry had prepared a report for parliament.';

const WESTERN =
  'The café owner in Zürich told “Le Temps” that the protest was peaceful. “We closed early, that’s all,” said Françoise Müller, 54. ' +
  'Police said more than 2,000 people had marched through the old town and that nobody had been arrested during the demonstration.';

function article(name: string, bytes: Uint8Array) {
  const r = readBytes(name, bytes);
  expect(r.diagnostics).toEqual([]);
  expect(r.articles).toHaveLength(1);
  return r.articles[0]!;
}

describe('decode', () => {
  it('reads UTF-8 without and with a byte-order mark', () => {
    expect(decode(Buffer.from(WESTERN, 'utf8'))).toEqual({ text: WESTERN, encoding: 'utf-8' });
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(WESTERN, 'utf8')]);
    expect(decode(bom)).toEqual({ text: WESTERN, encoding: 'utf-8' });
  });
  it('reads UTF-16 LE and BE with a byte-order mark', () => {
    expect(decode(iconv.encode(WESTERN, 'utf-16le', { addBOM: true }))).toEqual({ text: WESTERN, encoding: 'utf-16le' });
    expect(decode(iconv.encode(WESTERN, 'utf-16be', { addBOM: true }))).toEqual({ text: WESTERN, encoding: 'utf-16be' });
  });
  it('reads UTF-16 LE without a byte-order mark', () => {
    expect(decode(iconv.encode(ENGLISH, 'utf-16le'))).toEqual({ text: ENGLISH, encoding: 'utf-16le' });
  });
  it('chooses windows-1251 for English text with Cyrillic names', () => {
    const bytes = iconv.encode(CYRILLIC_NAMES, 'windows-1251');
    expect(isUtf8(bytes)).toBe(false);
    expect(cyrillicOrWestern(bytes)).toBe('windows-1251');
    expect(decode(bytes)).toEqual({ text: CYRILLIC_NAMES, encoding: 'windows-1251' });
  });
  it('chooses windows-1252 for curly quotes and accented Latin letters', () => {
    const bytes = iconv.encode(WESTERN, 'windows-1252');
    expect(isUtf8(bytes)).toBe(false);
    expect(cyrillicOrWestern(bytes)).toBe('windows-1252');
    expect(decode(bytes)).toEqual({ text: WESTERN, encoding: 'windows-1252' });
  });
  it('chooses windows-1252 when only punctuation is non-ASCII (the quotes are the same in both)', () => {
    const s = 'He said “no” – and left.';
    expect(decode(iconv.encode(s, 'windows-1252'))).toEqual({ text: s, encoding: 'windows-1252' });
  });
  it('follows an encoding declared by the page or the content type', () => {
    const html = `<html><head><meta charset="windows-1251"></head><body><p>${CYRILLIC_NAMES}</p></body></html>`;
    expect(decode(iconv.encode(html, 'windows-1251')).encoding).toBe('windows-1251');
    const koi = iconv.encode('Правительство сообщило', 'koi8-r');
    expect(decode(koi, 'koi8-r').text).toBe('Правительство сообщило');
  });
  it('normalises line breaks and invisible characters', () => {
    expect(decode(Buffer.from('a\r\nb\rc\u00a0d\u200be', 'utf8')).text).toBe('a\nb\nc de');
  });
});

describe('readBytes records the encoding on the article', () => {
  it.each([
    ['utf-8', Buffer.from(`${WESTERN}\n\n${ENGLISH}`, 'utf8'), WESTERN],
    ['utf-16le', iconv.encode(`${WESTERN}\n\n${ENGLISH}`, 'utf-16le', { addBOM: true }), WESTERN],
    ['utf-16be', iconv.encode(`${WESTERN}\n\n${ENGLISH}`, 'utf-16be', { addBOM: true }), WESTERN],
    ['windows-1251', iconv.encode(`${CYRILLIC_NAMES}\n\n${ENGLISH}`, 'windows-1251'), CYRILLIC_NAMES],
    ['windows-1252', iconv.encode(`${WESTERN}\n\n${ENGLISH}`, 'windows-1252'), WESTERN],
  ])('%s', (encoding, bytes, first) => {
    const a = article('story.txt', bytes);
    expect(a.encoding).toBe(encoding);
    expect(a.text.split('\n')[0]).toBe(first);
  });
});

describe('binary data', () => {
  it.each([
    ['PNG image', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])],
    ['PDF document', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj', 'latin1')],
    ['ZIP archive or Office document', Buffer.from([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0])],
    ['contains NUL bytes', Buffer.from('plain text\u0000with a NUL byte in the middle of it', 'utf8')],
  ])('%s', (what, bytes) => {
    expect(binaryReason(bytes)).toBe(what);
    const r = readBytes('thing.txt', bytes);
    expect(r.articles).toEqual([]);
    expect(r.diagnostics).toEqual([{ code: 'INPUT_BINARY', level: 'error', source: 'thing.txt', message: `thing.txt: looks like binary data (${what}), not text` }]);
  });
  it('control characters above 10% make data binary', () => {
    const bytes = Buffer.alloc(200, 0x41);
    for (let i = 0; i < 200; i += 5) bytes[i] = 0x01;
    expect(binaryReason(bytes)).toMatch(/% control characters/);
  });
  it('text with a few tabs and form feeds is text', () => {
    expect(binaryReason(Buffer.from(`${ENGLISH}\t\f\n`, 'utf8'))).toBeNull();
  });
});
