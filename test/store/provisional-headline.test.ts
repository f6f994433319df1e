import { describe, expect, it } from 'vitest';
import { provisionalHeadline } from '../../src/store/rows.js';

const m = (id: string, title: string | null, outlet: string | null = null, published: string | null = null) => ({ id, title, outlet, published });

describe('provisionalHeadline (a story listed before its headline is computed)', () => {
  it('keeps the headline the story had before its members changed', () => {
    expect(provisionalHeadline('Storm surge breaks Riverton flood barrier', [m('a', 'Trouble on the Kell')])).toBe('Storm surge breaks Riverton flood barrier');
  });
  it('a new story: its first member with a title, whitespace folded', () => {
    expect(provisionalHeadline(null, [m('a', null), m('b', '  Trouble on\nthe Kell '), m('c', 'Other')])).toBe('Trouble on the Kell');
  });
  it('no titles: the outlet and date, never blank', () => {
    expect(provisionalHeadline(undefined, [m('a', ' ', 'AP', '2017-09-12T08:00:00Z'), m('b', null, null, '2017-09-11')])).toBe('AP, 2017-09-12');
    expect(provisionalHeadline('', [m('a', null)])).toBe('Untitled story');
  });
});
