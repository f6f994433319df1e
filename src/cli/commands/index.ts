/**
 * The list of CLI commands. Each entry builds one commander `Command`; commands
 * import heavy modules lazily inside their action so that start-up stays fast.
 */
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { briefCommand } from './brief.js';
import { evalCommand } from './eval.js';
import { ingestCommand } from './ingest.js';
import { storiesCommand } from './stories.js';
import { articlesCommand } from './articles.js';
import { forgetCommand } from './forget.js';
import { watchCommand } from './watch.js';
import { evalClusterCommand } from './eval-cluster.js';
import { serveCommand } from './serve.js';
import { evalTimexCommand } from './eval-timex.js';
import { evalEntitiesCommand } from './eval-entities.js';
import { evalBriefingCommand } from './eval-briefing.js';
import { evalAttributionCommand } from './eval-attribution.js';
import { workerCommand } from './worker.js';
import { jobsCommand } from './jobs.js';
import { copyCommand } from './copy.js';

export const commands: Array<(ctx: CliContext) => Command> = [briefCommand, evalCommand];
commands.push(ingestCommand, storiesCommand, articlesCommand, forgetCommand, watchCommand, evalClusterCommand);
commands.push(serveCommand);
commands.push(evalTimexCommand);
commands.push(evalEntitiesCommand);
commands.push(evalBriefingCommand);
commands.push(evalAttributionCommand);
commands.push(workerCommand, jobsCommand);
commands.push(copyCommand);
