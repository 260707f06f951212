import { Option } from 'commander';
import { ExitCode } from '../errors.js';
import { renderBudgetLines } from '../format/budget.js';
import { formatDuration } from '../format/duration.js';
import { renderGroupedTable } from '../format/grouped.js';
import { formatUsd } from '../format/numbers.js';
import { terminalSafe } from '../format/printable.js';
import { fitToScreen, wrapText } from '../format/wrap.js';
import { activeBlock, usageBlocks } from '../report/blocks.js';
import { budgetLines, hasBudget } from '../report/budget.js';
import { weekOf, ZonedCalendar } from '../report/calendar.js';
import { rollupSelected } from '../report/daily.js';
import { selectRecords } from '../report/select.js';
import { loadUsageFrom } from '../usage.js';
import { budgetLimitsOf, tableOptions, warn } from './context.js';
import { followFolders } from './follow.js';
import { openStore } from './open-store.js';
import { processEnvironment } from './records.js';
import { reportCommand } from './report-command.js';
import { positiveInteger, type ReportOptions } from './shared-options.js';
import { timeZoneOf } from './zone.js';

interface WatchOptions extends ReportOptions {
  interval: number;
  count?: number;
}

const HOUR = 3_600_000;
const ENTER_SCREEN = '\x1b[?1049h\x1b[?25l';
const LEAVE_SCREEN = '\x1b[?25h\x1b[?1049l';
const HOME_AND_CLEAR = '\x1b[H\x1b[2J';

/** Exit codes as a shell reports a process ended by SIGINT (Ctrl-C) and SIGTERM. */
const INTERRUPTED = 130;
const TERMINATED = 143;

/**
 * `usage watch`: today's report, redrawn every few seconds and when a transcript changes. Each
 * refresh syncs the ledger, which reads only what was appended since the last one.
 */
async function runWatch(options: WatchOptions): Promise<void> {
  const tty = process.stdout.isTTY === true;
  const calendar = new ZonedCalendar(timeZoneOf(options.timezone));
  const store = await openStore(options);
  // Warnings are said once, before the first frame: a frame on the alternate screen is redrawn.
  let onWarning: ((message: string) => void) | undefined = warn;
  /** The folders to follow, known once the first frame has found them. */
  let folders: string[] = [];

  const frame = async (): Promise<string> => {
    const now = Date.now();
    const today = calendar.dayOf(now);
    // What the frame shows reaches back to the week's or the month's start (budgets) and to
    // two days ago (the open 5-hour window).
    const from = Math.min(
      calendar.startOf(`${today.slice(0, 8)}01`),
      calendar.startOf(weekOf(today, 'monday')),
      now - 48 * HOUR,
    );
    const project = options.project;
    const usage = await loadUsageFrom(
      store,
      options,
      processEnvironment(),
      { sync: 'all', wanted: (timestamp) => timestamp >= from },
      { onWarning },
    );
    onWarning = undefined;
    folders = usage.roots.projectDirs;
    const { records, stats } = usage;
    const limits = budgetLimitsOf(options, usage.book.config);
    const selection = {
      calendar,
      range: { since: today, until: today, fillEmptyDays: true },
      model: options.model,
    };
    const report = rollupSelected(selectRecords(records, selection), selection, (r) => r.model);
    const view = tableOptions(options);
    const rows = [...report.rows].sort((a, b) => b.cost - a.cost || (a.key < b.key ? -1 : 1));
    const table = renderGroupedTable(
      report,
      rows,
      {
        what: 'today by model',
        label: { header: 'Model', maxWidth: 30 },
        labelOf: (row) => row.key,
        models: false,
        requests: true,
        costShare: true,
      },
      { ...view, stats, unpriced: new Map(), project, model: options.model },
    );
    const open = activeBlock(usageBlocks(records, now), now);
    const block =
      open === null
        ? 'No 5-hour window open.'
        : `5-hour window ${calendar.shortOf(open.block.start).slice(11)}–${calendar.shortOf(open.block.end).slice(11)}: ` +
          `${formatUsd(open.block.cost)} so far, ${formatDuration(open.remainingMs)} left, ` +
          `${formatUsd(open.costPerHour)}/h, ${formatUsd(open.projectedCost)} at this rate`;
    const budgets = hasBudget(limits)
      ? `\n\n${renderBudgetLines(budgetLines(records, calendar, now, limits), limits.alertPercent, view.palette)}`
      : '';
    const header = view.palette.muted(
      wrapText(
        `usage watch · ${calendar.shortOf(now)} · every ${options.interval} s${tty ? ' · q quits' : ''}`,
        view.width,
      ),
    );
    return `${header}\n\n${table}\n\n${wrapText(block, view.width)}${budgets}`;
  };

  let frames = 0;
  let last = '';
  let timer: NodeJS.Timeout | undefined;
  let unfollow: () => void = () => {};
  let finish: () => void = () => {};
  const finished = new Promise<void>((resolve) => {
    finish = resolve;
  });
  /**
   * Ends the watch: `exitCode` 130 for Ctrl-C (as a shell reports an interrupt), 143 for
   * SIGTERM, 0 for q or the last of `--count` frames, which stays on the screen.
   */
  let stopped = false;
  const stop = (exitCode: number) => {
    stopped = true;
    clearTimeout(timer);
    process.off('SIGWINCH', redraw);
    unfollow();
    if (tty) {
      process.stdout.write(LEAVE_SCREEN);
      if (exitCode === 0 && options.count !== undefined) {
        process.stdout.write(`${terminalSafe(last)}\n`);
      }
      if (process.stdin.isTTY) process.stdin.setRawMode(false);
      process.stdin.pause();
    }
    process.exitCode = exitCode;
    finish();
  };
  let drawing = false;
  const draw = async () => {
    if (drawing) return;
    drawing = true;
    clearTimeout(timer);
    try {
      last = await frame();
      process.stdout.write(
        tty
          ? `${HOME_AND_CLEAR}${terminalSafe(fitToScreen(last, process.stdout.rows))}`
          : `${terminalSafe(last)}\n\n`,
      );
    } finally {
      drawing = false;
    }
    frames++;
    if (options.count !== undefined && frames >= options.count) stop(ExitCode.ok);
    else timer = setTimeout(draw, options.interval * 1000);
  };
  // A resized terminal is drawn again at once, at its new size.
  const redraw = () => void draw();

  if (tty) {
    process.stdout.write(ENTER_SCREEN);
    if (process.stdin.isTTY) {
      process.stdin.setRawMode(true);
      process.stdin.resume();
      process.stdin.on('data', (key: Buffer) => {
        const pressed = key.toString();
        if (pressed === 'q' || pressed === 'Q') stop(ExitCode.ok);
        // In raw mode Ctrl-C is a key, not a signal.
        else if (pressed === '\u0003') stop(INTERRUPTED);
      });
    }
    process.on('SIGWINCH', redraw);
  }
  process.once('SIGINT', () => stop(INTERRUPTED));
  process.once('SIGTERM', () => stop(TERMINATED));
  await draw();
  // A change to a transcript redraws at once; the interval refreshes anyway.
  unfollow = followFolders(stopped ? [] : folders, () => void draw());
  await finished;
  unfollow();
  store.db.close();
}

export function watchCommand() {
  return reportCommand('watch', "today's report, live: redrawn every few seconds and on new logs")
    .addOption(
      new Option('--interval <seconds>', 'seconds between refreshes')
        .argParser(positiveInteger('seconds'))
        .default(5),
    )
    .addOption(
      new Option('--count <n>', 'stop after n refreshes (for scripts)').argParser(
        positiveInteger('refreshes'),
      ),
    )
    .action((options: WatchOptions) => runWatch(options));
}
