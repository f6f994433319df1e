/** `crossread forget ARTICLE_ID`: remove an article from the store and update its story. */
import { Command } from 'commander';
import type { CliContext } from '../context.js';
import { writeOutput } from '../util.js';
import { CrossreadError } from '../../errors.js';
import { DB_HELP } from '../store.js';
import { articleName } from '../../report/labels.js';

interface ForgetCliOptions {
  db?: string;
  json?: boolean;
  yes?: boolean;
}

/** True when a person can answer: stdin and stderr are terminals. */
function interactive(ctx: CliContext): boolean {
  return Boolean((ctx.stdin as NodeJS.ReadStream).isTTY && (ctx.stderr as NodeJS.WriteStream).isTTY);
}

/** Asks `question` on stderr and reads one line of stdin; true for y/yes. */
async function confirm(ctx: CliContext, question: string): Promise<boolean> {
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: ctx.stdin, output: ctx.stderr, terminal: false });
  try {
    const answer = await rl.question(`${question} [y/N] `);
    return /^\s*y(es)?\s*$/i.test(answer);
  } catch {
    return false; // stdin closed before an answer: no.
  } finally {
    rl.close();
  }
}

export function forgetCommand(ctx: CliContext): Command {
  return new Command('forget')
    .description('remove an article from the database (the only deletion) and update its story; asks first on a terminal')
    .argument('<article-id>', 'id of the stored article')
    .option('--db <path>', DB_HELP)
    .option('-y, --yes', 'do not ask for confirmation')
    .option('--json', 'print the result as JSON')
    .action(async (id: string, o: ForgetCliOptions) => {
      const { openForCli } = await import('../store.js');
      const store = await openForCli(ctx, o.db, 'read');
      try {
        if (!o.yes && interactive(ctx)) {
          const a = await store.getArticle(id);
          if (!a) throw CrossreadError.of('ARTICLE_NOT_FOUND', id);
          const story = a.storyId ? await store.getStory(a.storyId) : null;
          const from = story ? ` from the story “${story.headline}” (${story.articleCount === 1 ? 'its only article' : `${story.articleCount} articles`})` : '';
          if (!(await confirm(ctx, `forget ${id}, “${articleName(a, a.text)}”${from}?`))) throw CrossreadError.of('CONFIRM_REFUSED', `forget ${id}`);
        }
        const r = await store.forget(id);
        if (o.json) {
          await writeOutput(ctx, undefined, JSON.stringify(r, null, 2));
          return;
        }
        let msg = `forgot ${r.articleId}; `;
        if (r.storyRemoved) msg += `story ${r.storyId} had no other article and is gone`;
        else {
          const s = await store.getStory(r.storyId);
          const n = s?.articleCount ?? 0;
          msg += `story ${r.storyId} now has ${n} article${n === 1 ? '' : 's'}${s ? `: “${s.headline}”` : ''}`;
          if (r.splitInto.length) msg += `; it split off ${r.splitInto.join(', ')}`;
        }
        await writeOutput(ctx, undefined, msg);
      } finally {
        await store.close();
      }
    });
}
