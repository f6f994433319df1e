/**
 * Issue 14, command line 5, 6, 10: ingest counts that add up, the stories table, and
 * forget's confirmation — through the built binary over real SQLite files.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { crossread } from './run.js';
import { EXAMPLE, REPO, sharedFile } from '../helpers/shared.js';

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'crossread-stories-'));
}

function listed(db: string): { total: number; items: Array<{ id: string; headline: string; articleCount: number }> } {
  return JSON.parse(crossread(['stories', '--db', db, '--json', '--limit', '1000']).stdout) as ReturnType<typeof listed>;
}

/** "stored N articles in S stories (K new)" → numbers. */
function summary(stdout: string): { articles: number; stories: number; fresh: number } {
  const m = /^stored (\d+) articles? in (\d+) (?:story|stories) \((\d+) new\)/.exec(stdout);
  expect(m, stdout).not.toBeNull();
  return { articles: Number(m![1]), stories: Number(m![2]), fresh: Number(m![3]) };
}

describe('ingest: counts read right and add up', () => {
  it('"1 article", "1 story" for one article', () => {
    const db = join(tmp(), 'one.db');
    const r = crossread(['ingest', join(EXAMPLE, '001_fdee696dc7c08430.txt'), '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^stored 1 article in 1 story \(1 new\); 0 already stored/);
  });

  const wikiref = sharedFile('data/dev/cluster-wikiref220.jsonl');
  it.skipIf(!wikiref).each([1, 8])('62 articles in small batches (--batch %i): stories = what `stories` lists, new ≤ stories', (batch) => {
    const dir = tmp();
    const input = join(dir, 'w62.jsonl');
    writeFileSync(input, `${readFileSync(wikiref!, 'utf8').split('\n').slice(0, 62).join('\n')}\n`);
    const db = join(dir, 'w.db');
    const r = crossread(['ingest', input, '--db', db, '--batch', String(batch), '-q']);
    expect(r.code).toBe(0);
    const s = summary(r.stdout);
    expect(s.articles).toBe(62);
    expect(s.fresh).toBeLessThanOrEqual(s.stories);
    expect(s.stories).toBe(listed(db).total);
    expect(s.fresh).toBe(s.stories); // a new database: every story is new
    // A second ingest into the same stories: nothing new.
    const more = join(dir, 'more.jsonl');
    writeFileSync(more, `${readFileSync(wikiref!, 'utf8').split('\n').slice(62, 70).join('\n')}\n`);
    const before = listed(db).total;
    const again = crossread(['ingest', more, '--db', db, '--json', '-q']);
    const j = JSON.parse(again.stdout) as { stories: number; newStories: number };
    expect(j.newStories).toBeLessThanOrEqual(j.stories);
    expect(listed(db).total - before).toBeLessThanOrEqual(j.newStories);
  });
});

describe('stories: the table', () => {
  const dir = tmp();
  const db = join(dir, 's.db');
  mkdirSync(join(dir, 'in'));
  const long = ['The Extraordinarily Long-Named Evening Chronicle of Greater Metropolitan Areas', 'International Wire Service for News, Photographs and Syndicated Columns Worldwide'];
  ['001_fdee696dc7c08430', '002_5e5bea258574097d'].forEach((id, i) => {
    const text = readFileSync(join(EXAMPLE, `${id}.txt`), 'utf8').split('\n').slice(2).join('\n');
    writeFileSync(join(dir, 'in', `${id}.json`), JSON.stringify({ id, title: 'Russia says the mission of defeating the Islamic State group in Syria has been accomplished', text, source: long[i], published: '2017-12-0' + (7 + i) }));
  });
  crossread(['ingest', join(dir, 'in'), '--db', db, '-q']);

  it('keeps at least half of the width for the headline when outlets are long', () => {
    const r = crossread(['stories', '--db', db]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    const start = lines[0]!.indexOf('headline');
    expect(start).toBeLessThanOrEqual(60);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(120);
    expect(lines[1]!.slice(start).length).toBeGreaterThanOrEqual(60);
    expect(lines[1]).toContain('Russia says the mission of defeating the Islamic State group in');
  });

  it('footnotes go to stderr, the table alone to stdout; --json unchanged', () => {
    const r = crossread(['stories', '--db', db, '--limit', '1']);
    expect(r.stdout).not.toMatch(/an estimate|--offset/);
    expect(r.stderr).toMatch(/lineages \(an estimate\):/);
    const j = JSON.parse(crossread(['stories', '--db', db, '--json']).stdout) as { total: number; items: Array<{ outlets: string[] }>; limit: number; offset: number };
    expect(Object.keys(j).sort()).toEqual(['items', 'limit', 'offset', 'total']);
    expect(j.items[0]!.outlets).toEqual([...long].sort());
  });
});

/** Runs a command on a pseudo-terminal (util-linux `script`), typing `answer`. */
function onTerminal(args: string[], answer: string): { out: string; code: number } {
  const cmd = `node ${JSON.stringify(join(REPO, 'bin/crossread.js'))} ${args.map((a) => JSON.stringify(a)).join(' ')}; echo "exit=$?"`;
  const r = spawnSync('script', ['-qec', cmd, '/dev/null'], { input: answer, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const m = /exit=(\d+)/.exec(r.stdout);
  return { out: r.stdout, code: m ? Number(m[1]) : -1 };
}

const hasScript = spawnSync('script', ['--version']).status === 0;

describe('forget', () => {
  it.skipIf(!hasScript)('asks on a terminal; "n" changes nothing, "y" forgets', () => {
    const db = join(tmp(), 'f.db');
    crossread(['ingest', EXAMPLE, '--db', db]);
    const no = onTerminal(['forget', '001_fdee696dc7c08430', '--db', db], 'n\n');
    expect(no.out).toMatch(/forget 001_fdee696dc7c08430, “Putin says IS suffers ‘complete defeat’ in eastern Syria” from the story “.+” \(5 articles\)\? \[y\/N\]/);
    expect(no.out).toMatch(/not confirmed, nothing changed/);
    expect(no.code).toBe(1);
    expect(listed(db).items[0]!.articleCount).toBe(5);
    const yes = onTerminal(['forget', '001_fdee696dc7c08430', '--db', db], 'y\n');
    expect(yes.code).toBe(0);
    expect(listed(db).items[0]!.articleCount).toBe(4);
    const skip = onTerminal(['forget', '002_5e5bea258574097d', '--db', db, '--yes'], '');
    expect(skip.out).not.toMatch(/\[y\/N\]/);
    expect(skip.code).toBe(0);
  });

  it('without a terminal it does not ask (scripts), and the remaining story keeps a proper headline', () => {
    const db = join(tmp(), 'g.db');
    crossread(['ingest', EXAMPLE, '--db', db]);
    const arts = JSON.parse(crossread(['articles', '--db', db, '--json']).stdout) as { items: Array<{ id: string; title: string | null }> };
    const titles = new Map(arts.items.map((a) => [a.id, a.title ?? '']));
    const order = ['001_fdee696dc7c08430', '000_47ea86874e02de87', '002_5e5bea258574097d', '004_1431156e20cd0360'];
    for (const [i, id] of order.entries()) {
      const r = crossread(['forget', id, '--db', db]);
      expect(r.code).toBe(0);
      const story = listed(db).items[0]!;
      const left = order.slice(i + 1).map((x) => titles.get(x)!);
      // The headline names a remaining article: its title, or for the last, untitled one its first words.
      if (left.length) expect(left).toContain(story.headline);
      else expect(story.headline).toMatch(/^Syria is completely liberated/);
      expect(r.stdout).toContain(`: “${story.headline}”`);
    }
  });
});
