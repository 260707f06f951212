import { Command } from 'commander';
import { runProgram } from './run.js';
import { statuslineCommand } from './statusline.js';

/**
 * `usage statusline` alone (main.ts starts it): Claude Code runs it every few seconds, and
 * building the whole program (every command, the report registry, the table code) cost it
 * ~30 ms of a start it has 180 ms for.
 */
export async function run(argv: string[]): Promise<void> {
  await runProgram(new Command('usage').addCommand(statuslineCommand()).exitOverride(), argv);
}
