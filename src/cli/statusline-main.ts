import { runStatusline } from './statusline.js';
import { quickStatuslineOptions } from './statusline-args.js';

/**
 * `usage statusline` alone (main.ts starts it): Claude Code runs it every few seconds, and
 * building the whole program (every command, the report registry, the table code) cost it
 * ~30 ms of a start it has 180 ms for. Its options are read without commander when they can
 * be (`quickStatuslineOptions`); the rest (`--help`, a mistake, a rarer spelling) go to the
 * whole program, which reads them with commander, its help and its messages.
 */
export async function run(argv: string[]): Promise<void> {
  const options = quickStatuslineOptions(argv.slice(3));
  if (options !== null) return runStatusline(options);
  const program = await import('./program-main.js');
  await program.run(argv);
}
