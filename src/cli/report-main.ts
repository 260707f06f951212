import { runDaily } from './daily-run.js';
import { endQuietlyOnClosedPipe, reportFailure } from './failure.js';
import { quickDailyOptions } from './report-args.js';

/**
 * Every command but the status line (main.ts starts it). The default report, the one run most,
 * runs without commander when its options can be read without it (`quickDailyOptions`); the
 * rest go to the whole program.
 */
export async function run(argv: string[]): Promise<void> {
  const options = quickDailyOptions(argv.slice(2));
  if (options === null) {
    const program = await import('./program-main.js');
    await program.run(argv);
    return;
  }
  endQuietlyOnClosedPipe();
  try {
    await runDaily(options);
  } catch (error) {
    reportFailure(error, argv);
  }
}
