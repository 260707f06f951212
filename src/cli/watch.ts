import os from 'node:os';
import { Option } from 'commander';
import { cacheDir } from '../config/paths.js';
import { ExitCode } from '../errors.js';
import { renderBudgetLines } from '../format/budget.js';
import { formatDuration } from '../format/duration.js';
import { renderGroupedTable } from '../format/grouped.js';
import { limitsPart } from '../format/limits.js';
import { formatUsd } from '../format/numbers.js';
import { terminalSafe } from '../format/printable.js';
import { renderSessionDetail } from '../format/sessions.js';
import { loadTableCode } from '../format/table.js';
import { renderSessionList } from '../format/watch.js';
import { fitToScreen, wrapText } from '../format/wrap.js';
import { latestLimits, officialCacheFile } from '../limits/keep.js';
import { activeBlock, usageBlocks } from '../report/blocks.js';
import { budgetLines, hasBudget } from '../report/budget.js';
import { weekOf } from '../report/calendar.js';
import { rollupSelected } from '../report/daily.js';
import { limitsReport } from '../report/limits.js';
import { selectRecords } from '../report/select.js';
import { sessionRows } from '../report/sessions.js';
import {
  afterKey,
  KEYS_HELP,
  periodSpan,
  todayView,
  type WatchView,
} from '../report/watch-view.js';
import { loadUsageFrom } from '../usage.js';
import { budgetLimitsOf, tableOptions, warn } from './context.js';
import { processEnvironment } from './environment.js';
import { followFolders } from './follow.js';
import { openStore } from './open-store.js';
import { reportCommand } from './report-command.js';
import { positiveInteger, type ReportOptions } from './shared-options.js';
import { calendarOf } from './zone.js';

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
  const calendar = calendarOf(options.timezone);
  const store = await openStore(options);
  await loadTableCode();
  const officialFile = officialCacheFile(cacheDir(process.env, os.homedir()));
  // Warnings are said once, before the first frame: a frame on the alternate screen is redrawn.
  let onWarning: ((message: string) => void) | undefined = warn;
  /** The folders to follow, known once the first frame has found them. */
  let folders: string[] = [];

  /** Null while the view follows today (no key pressed since start or `t`). */
  let view: WatchView | null = null;
  /** The sessions the last frame listed, for Up / Down / Enter. */
  let listed: string[] = [];

  const frame = async (): Promise<string> => {
    const now = Date.now();
    const today = calendar.dayOf(now);
    const shown = view ?? todayView(today);
    const span = periodSpan(shown);
    // What the frame shows reaches back to the period's start, to the week's or the month's
    // start (budgets) and to two days ago (the open 5-hour window).
    const from = Math.min(
      calendar.startOf(span.since),
      calendar.startOf(`${today.slice(0, 8)}01`),
      calendar.startOf(weekOf(today, 'monday')),
      now - 48 * HOUR,
    );
    const project = options.project;
    const usage = await loadUsageFrom(
      store,
      options,
      processEnvironment(),
      { sync: 'all', wanted: { since: from } },
      { onWarning },
    );
    onWarning = undefined;
    folders = usage.roots.projectDirs;
    const { records, stats } = usage;
    const limits = budgetLimitsOf(options, usage.book.config);
    const selection = {
      calendar,
      range: { ...span, fillEmptyDays: true },
      model: options.model,
    };
    const selected = selectRecords(records, selection);
    const look = tableOptions(options);
    const viewContext = { ...look, stats, unpriced: new Map(), project, model: options.model };
    const holdsToday = span.since <= today && today <= span.until;
    const dates = span.since === span.until ? span.since : `${span.since} to ${span.until}`;
    const keys = tty && process.stdin.isTTY ? ' · ? keys · q quits' : tty ? ' · q quits' : '';
    const header = look.palette.muted(
      wrapText(
        `usage watch · ${shown.period} ${dates}${holdsToday ? ' (today)' : ''} · ${calendar.shortOf(now)} · every ${options.interval} s${keys}`,
        look.width,
      ),
    );
    const sessions = sessionRows(selected);
    listed = sessions.map((row) => row.sessionId);
    if (shown.screen === 'help') return `${header}\n\n${KEYS_HELP.join('\n')}`;
    if (shown.screen === 'sessions') {
      return `${header}\n\n${renderSessionList(sessions, shown, calendar)}`;
    }
    if (shown.screen === 'session') {
      const mine = selected.filter((record) => record.sessionId === shown.sessionId);
      const [row] = sessionRows(mine);
      const body =
        row === undefined
          ? 'That session has no requests in this period.'
          : renderSessionDetail(row, mine, calendar, viewContext);
      return `${header}\n\n${body}`;
    }
    const report = rollupSelected(selected, selection, (r) => r.model);
    const rows = [...report.rows].sort((a, b) => b.cost - a.cost || (a.key < b.key ? -1 : 1));
    const table = renderGroupedTable(
      report,
      rows,
      {
        what: `${shown.period === 'day' ? (holdsToday ? 'today' : span.since) : `the ${shown.period}`} by model`,
        label: { header: 'Model', maxWidth: 30 },
        labelOf: (row) => row.key,
        models: false,
        requests: true,
        costShare: true,
      },
      viewContext,
    );
    const open = activeBlock(usageBlocks(records, now), now);
    const block =
      open === null
        ? 'No 5-hour window open.'
        : `5-hour window ${calendar.shortOf(open.block.start).slice(11)}–${calendar.shortOf(open.block.end).slice(11)}: ` +
          `${formatUsd(open.block.cost)} so far, ${formatDuration(open.remainingMs)} left, ` +
          `${formatUsd(open.costPerHour)}/h, ${formatUsd(open.projectedCost)} at this rate`;
    const official = limitsPart(
      limitsReport(latestLimits(store.db, officialFile), records, now, limits.alertPercent),
      calendar,
      look.palette,
    );
    const window = `${block}${official === null ? '' : ` · Claude Code: ${official}`}`;
    const budgets = hasBudget(limits)
      ? `\n\n${renderBudgetLines(budgetLines(records, calendar, now, limits), limits.alertPercent, look.palette)}`
      : '';
    return `${header}\n\n${table}${holdsToday ? `\n\n${wrapText(window, look.width)}${budgets}` : ''}`;
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
  let changedWhileDrawing = false;
  let following = false;
  const draw = async () => {
    if (stopped) return;
    if (drawing) {
      // A change or a key while a frame is made: draw again once it is out.
      changedWhileDrawing = true;
      return;
    }
    drawing = true;
    clearTimeout(timer);
    try {
      last = await frame();
      // Stopped meanwhile (q, Ctrl-C): the terminal is the user's again.
      if (stopped) return;
      // The transcripts are followed from when the first frame found them, before it shows:
      // a change made once it is seen redraws at once (the interval refreshes anyway).
      if (!following) {
        following = true;
        unfollow = followFolders(folders, () => void draw());
      }
      process.stdout.write(
        tty
          ? `${HOME_AND_CLEAR}${terminalSafe(fitToScreen(last, process.stdout.rows))}`
          : `${terminalSafe(last)}\n\n`,
      );
    } finally {
      drawing = false;
    }
    if (stopped) return;
    frames++;
    if (options.count !== undefined && frames >= options.count) stop(ExitCode.ok);
    else if (changedWhileDrawing) {
      changedWhileDrawing = false;
      void draw();
    } else timer = setTimeout(draw, options.interval * 1000);
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
        else {
          const today = calendar.dayOf(Date.now());
          const next = afterKey(view ?? todayView(today), pressed, today, listed);
          // `t` (or a view equal to today's) follows the days again.
          view = JSON.stringify(next) === JSON.stringify(todayView(today)) ? null : next;
          void draw();
        }
      });
    }
    process.on('SIGWINCH', redraw);
  }
  process.once('SIGINT', () => stop(INTERRUPTED));
  process.once('SIGTERM', () => stop(TERMINATED));
  await draw();
  await finished;
  unfollow();
  store.db.close();
}

export function watchCommand() {
  return reportCommand(
    'watch',
    "today's report, live: redrawn every few seconds and on new logs; on a terminal, keys move it (? lists them)",
  )
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
