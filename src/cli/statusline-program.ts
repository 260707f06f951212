import { Command } from 'commander';
import { statuslineCommand } from './statusline.js';

/**
 * `usage statusline` alone: Claude Code runs it every few seconds, and building the whole
 * program (every command, the report registry, the table code) cost it ~30 ms of a start it
 * has 180 ms for.
 */
export function statuslineProgram(): Command {
  return new Command('usage').addCommand(statuslineCommand()).exitOverride();
}
