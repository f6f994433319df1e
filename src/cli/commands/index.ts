/**
 * The list of CLI commands. Each entry builds one commander `Command`; commands
 * import heavy modules lazily inside their action so that start-up stays fast.
 */
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { briefCommand } from './brief.js';
import { evalCommand } from './eval.js';

export const commands: Array<(ctx: CliContext) => Command> = [briefCommand, evalCommand];
