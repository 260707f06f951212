import { readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { cacheDir, defaultConfigFile } from '../config/paths.js';
import { palette, useColor } from '../format/color.js';
import { limitsPart } from '../format/limits.js';
import { printableLine } from '../format/printable.js';
import { renderStatusLine, STATUS_FIELDS, type StatusField } from '../format/statusline.js';
import { chooseLedger, withLedger } from '../ledger/ledger.js';
import { ledgerExists } from '../ledger/open.js';
import { keepOfficialFigures, latestLimits, officialCacheFile } from '../limits/keep.js';
import {
  type LimitObservation,
  type LimitObservations,
  NO_LIMITS,
  objectOf,
  officialFiguresOf,
} from '../limits/official.js';
import { contextTokensOf } from '../logs/context-size.js';
import { shortModelName } from '../pricing/match.js';
import { DEFAULT_COST_MODE } from '../pricing/price-records.js';
import { DEFAULT_ALERT_PERCENT } from '../report/budget.js';
import type { ZonedCalendar } from '../report/calendar.js';
import { limitsReport } from '../report/limits.js';
import { type StatusFigures, statusFigures } from '../report/statusline.js';
import { budgetLimitsOf } from '../report-context.js';
import { loadUsageFrom } from '../usage.js';
import { writeFileAtomic } from '../write-file-atomic.js';
import { processEnvironment } from './environment.js';
import { isCharacterDevice, printAndExit, readStdin } from './raw-stdio.js';
import type { ReportOptions } from './shared-options.js';
import { calendarOf } from './zone.js';

export interface StatuslineOptions extends ReportOptions {
  color?: boolean;
  format: string;
  timeout: number;
}

/** The options' defaults, as commander's `usage statusline` and the quick reading give them. */
export const STATUSLINE_DEFAULTS = {
  format: STATUS_FIELDS.join(','),
  timeout: 180,
  mode: DEFAULT_COST_MODE,
} as const satisfies Partial<StatuslineOptions>;

/** What Claude Code passes a status-line command on stdin; every field may be missing. */
export interface StatusInput {
  sessionId: string | null;
  transcriptPath: string | null;
  modelId: string | null;
  modelName: string | null;
}

const text = (value: unknown): string | null =>
  typeof value === 'string' && value !== '' ? value : null;

/** The payload as JSON, or null when it is not JSON. */
function jsonOrNull(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}

/**
 * Reads the payload (parsed as JSON; null when it was not) leniently: unknown fields are
 * ignored, anything but an object is an empty one. A payload without `session_id` takes it
 * from the transcript's name (`<session id>.jsonl`).
 */
export function statusInputOf(payload: unknown): StatusInput {
  const object = objectOf(payload) ?? {};
  const model = objectOf(object.model) ?? {};
  const transcriptPath = text(object.transcript_path);
  return {
    sessionId:
      text(object.session_id) ??
      (transcriptPath === null ? null : text(path.basename(transcriptPath, '.jsonl'))),
    transcriptPath,
    modelId: text(model.id) ?? text(object.model),
    modelName: text(model.display_name),
  };
}

/** Lines shown lately, by session and format: what to show when the figures take too long. */
interface LineCache {
  [key: string]: { line: string; at: number };
}

const FRESH_MS = 2_000;
/** What the status line reads itself of its project's new lines; ~10 ms of reading. */
const INLINE_SYNC_BYTES = 8 * 1024 * 1024;
/**
 * Claude Code writes the payload at once and closes stdin: it is read to its end, however
 * late it comes on a loaded machine, but a caller that never closes it is not waited for
 * longer than this.
 */
const STDIN_WAIT_MS = 2_000;
const BACKGROUND_SYNC_EVERY_MS = 30_000;

function readJson<T>(file: string, fallback: T): T {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return fallback;
  }
}

async function writeJson(file: string, value: unknown): Promise<void> {
  // A status line without a cache is slower, not wrong.
  await writeFileAtomic(file, JSON.stringify(value)).catch(() => {});
}

/**
 * A full sync in a process of its own, at most every 30 s: the status line itself reads only
 * its own project's transcripts, so other sessions reach the ledger this way.
 */
async function syncInBackground(marker: string, ledger: string, now: number): Promise<void> {
  try {
    if (now - statSync(marker).mtimeMs < BACKGROUND_SYNC_EVERY_MS) return;
  } catch {
    // never synced from here
  }
  await writeJson(marker, { at: now });
  const main = process.argv[1];
  if (main === undefined) return;
  // Loaded here, not at start: most status lines start no sync.
  const { spawn } = await import('node:child_process');
  spawn(process.execPath, [main, 'ledger', 'sync', '--ledger', ledger], {
    detached: true,
    stdio: 'ignore',
  }).unref();
}

/**
 * The parts `--format` asks for. A status line never fails, so a field it does not know is
 * left out, and a format with none it knows shows every part.
 */
export function parseFields(format: string): StatusField[] {
  const known = format
    .split(',')
    .map((field) => field.trim())
    .filter((field): field is StatusField => (STATUS_FIELDS as readonly string[]).includes(field));
  return known.length > 0 ? known : [...STATUS_FIELDS];
}

/**
 * The key of a reused line: the session and every option that changes what the line says
 * (a line made with one budget is not shown for another), and the config file's version.
 */
function lineKey(
  options: StatuslineOptions,
  fields: StatusField[],
  sessionId: string | null,
  colored: boolean,
): string {
  let configVersion = 0;
  try {
    configVersion = statSync(
      options.config ?? defaultConfigFile(process.env, os.homedir()),
    ).mtimeMs;
  } catch {
    // no config file
  }
  return JSON.stringify([
    sessionId,
    fields,
    options.dailyBudget,
    options.weeklyBudget,
    options.monthlyBudget,
    options.budgetAlert,
    // Not the zone's name, which may take Intl to know (a fifth of a line's time to load).
    options.timezone ?? `this process's zone, TZ=${process.env.TZ ?? ''}`,
    options.mode,
    options.ledger,
    options.config,
    configVersion,
    colored,
  ]);
}

/** How a line shown after a timeout says it is the last one known, not a fresh one. */
export const STALE_MARK = ' (stale)';

interface LedgerFigures {
  figures: StatusFigures;
  dailyBudget: number | undefined;
  alertPercent: number;
}

/**
 * The figures from the ledger, after keeping Claude Code's own figures in it (`keep`) and
 * reading what is new in this session's project.
 */
async function figuresFromLedger(
  options: StatuslineOptions,
  ledger: string,
  input: StatusInput,
  now: number,
  calendar: ZonedCalendar,
  keep: (db: Database) => Promise<void>,
): Promise<LedgerFigures> {
  const folder = input.transcriptPath === null ? null : path.dirname(input.transcriptPath);
  // Only what the line shows: this session's responses and the last two days'.
  const since = now - 48 * 3_600_000;
  const usage = await withLedger(ledger, async (store) => {
    await keep(store.db);
    return loadUsageFrom(store, options, processEnvironment(), {
      // More than this is left to the background sync: reading it here could take seconds.
      sync: folder === null ? 'none' : { within: folder, maxBytes: INLINE_SYNC_BYTES },
      wanted: { since, sessionId: input.sessionId },
    });
  });
  const budgets = budgetLimitsOf(options, usage.book.config);
  return {
    figures: statusFigures(usage.records, calendar, now, input.sessionId),
    dailyBudget: budgets.daily,
    alertPercent: budgets.alertPercent,
  };
}

/** The payload's windows, or the kept ones still open where the payload has none. */
function limitsNow(payload: LimitObservations, kept: LimitObservations, now: number) {
  const open = (seen: LimitObservation | null) =>
    seen !== null && seen.resetsAt > now ? seen : null;
  return {
    fiveHour: payload.fiveHour ?? open(kept.fiveHour),
    sevenDay: payload.sevenDay ?? open(kept.sevenDay),
  };
}

function timeout(ms: number): Promise<null> {
  return new Promise((resolve) => setTimeout(() => resolve(null), Math.max(ms, 0)).unref());
}

export async function runStatusline(options: StatuslineOptions): Promise<void> {
  const fields = parseFields(options.format);
  const started = Date.now() - process.uptime() * 1000;
  const deadline = started + options.timeout;
  const cacheFolder = cacheDir(process.env, os.homedir());
  const cacheFile = path.join(cacheFolder, 'statusline.json');
  const officialFile = officialCacheFile(cacheFolder);
  let line = '';
  try {
    const payload = jsonOrNull(await readStdin(STDIN_WAIT_MS));
    const input = statusInputOf(payload);
    const now = Date.now();
    const official = officialFiguresOf(payload, now);
    // Claude Code shows ANSI colours in its status line, but reads it through a pipe: colour
    // as anywhere else, on --color or FORCE_COLOR (never on NO_COLOR or --no-color).
    const colored = useColor({
      flag: options.color,
      env: process.env,
      isTTY: isCharacterDevice(1),
    });
    const colors = palette(colored);
    const calendar = calendarOf(options.timezone);
    const limitsText = (kept: LimitObservations, alertPercent: number) =>
      limitsPart(
        limitsReport(limitsNow(official.limits, kept, now), [], now, alertPercent),
        calendar,
        colors,
      );
    const key = lineKey(options, fields, input.sessionId, colored);
    const cache = readJson<LineCache>(cacheFile, {});
    const cached = cache[key];
    if (cached !== undefined && now - cached.at < FRESH_MS) {
      await keepOfficialFigures(official, null, officialFile);
      line = cached.line;
      return;
    }
    const model =
      input.modelName ?? (input.modelId === null ? null : shortModelName(input.modelId));
    const contextTokens =
      input.transcriptPath === null ? null : contextTokensOf(input.transcriptPath);
    const alertPercent = options.budgetAlert ?? DEFAULT_ALERT_PERCENT;
    const cheap = { model, contextTokens, figures: null, dailyBudget: undefined };
    const quick = renderStatusLine(
      { ...cheap, limits: limitsText(NO_LIMITS, alertPercent) },
      fields,
    );
    // Until the figures come: the last line shown, marked as such, or the cheap parts.
    line = cached === undefined ? quick : `${cached.line}${STALE_MARK}`;
    const ledger = chooseLedger(options, process.env, os.homedir());
    const marker = path.join(cacheFolder, 'statusline-sync');
    if (ledger === null || !ledgerExists(ledger)) {
      await keepOfficialFigures(official, null, officialFile);
      line = renderStatusLine(
        { ...cheap, limits: limitsText(latestLimits(null, officialFile), alertPercent) },
        fields,
      );
      if (ledger !== null) await syncInBackground(marker, ledger, now);
      return;
    }
    let kept = NO_LIMITS;
    const result = await Promise.race([
      figuresFromLedger(options, ledger, input, now, calendar, async (db) => {
        await keepOfficialFigures(official, db, officialFile);
        kept = latestLimits(db, officialFile);
      }).catch(() => null),
      timeout(deadline - Date.now()),
    ]);
    await syncInBackground(marker, ledger, now);
    if (result === null) return;
    line = renderStatusLine(
      {
        model,
        contextTokens,
        figures: result.figures,
        dailyBudget: result.dailyBudget,
        limits: limitsText(kept, result.alertPercent),
      },
      fields,
    );
    const entries = Object.entries(cache)
      .filter(([, entry]) => now - entry.at < 86_400_000)
      .slice(-50);
    await writeJson(cacheFile, { ...Object.fromEntries(entries), [key]: { line, at: now } });
  } catch {
    // Whatever went wrong, Claude Code gets a line, never a stack trace.
  } finally {
    // Exit once the line is out: a sync that outlived the time limit must not hold Claude Code.
    printAndExit(`${printableLine(line)}\n`);
  }
}
