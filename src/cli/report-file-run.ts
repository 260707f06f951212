// usage report --html's work, loaded only when it runs (it serves the page's calls in process).
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { ExitCode, UsageError } from '../errors.js';
import { latestLimits } from '../limits/keep.js';
import { packageRoot } from '../package-root.js';
import { ZonedCalendar } from '../report/calendar.js';
import { resolveRange } from '../report/range.js';
import { dashboardApp } from '../server/app.js';
import { answersOf, reportFile } from '../server/report-file.js';
import { warn } from './context.js';
import { readKept } from './kept.js';
import { writeToFile, writeToStdout } from './output.js';
import { loadPricedRecords } from './records.js';
import type { ReportFileOptions } from './report-file.js';
import { timeZoneOf } from './zone.js';

/** The page's view of the options: the query the dashboard's API takes for them. */
function stateOf(options: ReportFileOptions, timeZone: string): URLSearchParams {
  const state = new URLSearchParams({ timezone: timeZone });
  if (options.all === true) state.set('all', 'true');
  const given: [string, string | number | undefined][] = [
    ['since', options.all === true ? undefined : (options.since ?? '30d')],
    ['until', options.until],
    ['project', options.project],
    ['model', options.model],
    ['mode', options.mode === 'calculate' ? undefined : options.mode],
    ['dailyBudget', options.dailyBudget],
    ['weeklyBudget', options.weeklyBudget],
    ['monthlyBudget', options.monthlyBudget],
  ];
  for (const [name, value] of given) if (value !== undefined) state.set(name, String(value));
  return state;
}

/** `usage report --html FILE`: the dashboard of the range as one file, data embedded. */
export async function runReportFile(options: ReportFileOptions): Promise<void> {
  if (options.html === undefined) {
    throw new UsageError(
      'report: --html <file> names the file to write (- for stdout)',
      ExitCode.usage,
    );
  }
  const timeZone = timeZoneOf(options.timezone);
  const madeAt = Date.now();
  // A bad range is a usage error before the (possibly long) scan.
  resolveRange(options, new ZonedCalendar(timeZone).dayOf(madeAt), null);
  // The page's calls differ in range, never in which records they read: one load serves all.
  const usage = loadPricedRecords(options, { toolUses: true });
  const token = randomBytes(24).toString('base64url');
  const assets = path.join(packageRoot(), 'dist', 'dashboard');
  const official = await readKept(options, latestLimits);
  const app = dashboardApp({
    token,
    hosts: () => ['report'],
    official: () => official,
    load: () => usage,
    timeZone,
    now: () => madeAt,
    assets,
    onChange: () => () => {},
  });
  const state = stateOf(options, timeZone);
  const answers = await answersOf(
    (call) =>
      app.request(`http://report${call}`, {
        headers: { host: 'report', authorization: `Bearer ${token}` },
      }),
    state,
    madeAt,
  );
  const html = reportFile(assets, { madeAt, state: String(state), answers });
  if (options.html === '-') {
    await writeToStdout([html]);
    return;
  }
  await writeToFile(options.html, [html], options.force === true, '--html');
  warn(`wrote ${options.html} (${Math.ceil(Buffer.byteLength(html) / 1024)} KiB)`);
}
