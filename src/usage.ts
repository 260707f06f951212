import path from 'node:path';
import { ExitCode, UsageError } from './errors.js';
import { chooseLedger, loadFromLedger, type SumsRequest, viewMask } from './ledger/ledger.js';
import { LedgerBusy, LedgerUnwritable, ledgerExists, removeLedger } from './ledger/open.js';
import type { LedgerStore, RecordFilter } from './ledger/store.js';
import { syncFound, syncLedger } from './ledger/sync.js';
import { findTranscriptFiles } from './logs/files.js';
import { type LoadedUsage, type LoadProgress, loadUsageRecords } from './logs/load.js';
import { candidateRoots, type ResolvedRoots, resolveProjectDirs } from './logs/roots.js';
import { packageRoot } from './package-root.js';
import type { PriceBook } from './pricing/book.js';
import { loadPriceBook } from './pricing/load.js';
import { type CostMode, priceRecords } from './pricing/price-records.js';
import type { ZonedCalendar } from './report/calendar.js';
import { projectFolders } from './report/filter.js';
import { ofModel } from './report/select.js';
import type { PricedRecord, ScanStats, ToolUse } from './types.js';

/**
 * The one way every face of the tool (the reports, watch, the status line, a server) loads
 * usage: which logs, ledger or not, prices, the project filter. It reads no `process.env`,
 * prints nothing and takes the clock from its caller: warnings come back through `onWarning`.
 */

/** What to load: the report options that choose the records. */
export interface UsageRequest {
  dataDir?: string[] | undefined;
  /** `--ledger <file>`, or false for `--no-ledger`. */
  ledger?: string | false | undefined;
  allRoots?: boolean | undefined;
  project?: string | undefined;
  model?: string | undefined;
  mode: CostMode;
  config?: string | undefined;
  /** Name each file with malformed lines in the warning. */
  debug?: boolean | undefined;
  /** Tool calls too (the ledger reads them only when asked). */
  toolUses?: boolean | undefined;
  /**
   * The report only sums by day, week, month or model, of days of `calendar`: with the ledger,
   * the records may be sums of a day's requests of a model (`report/sums.ts`), priced already.
   */
  sums?: { calendar: ZonedCalendar } | undefined;
}

/** Where the run is: its environment, home folder and clock. */
export interface UsageEnvironment {
  env: Record<string, string | undefined>;
  homeDir: string;
}

export interface UsageHooks {
  onWarning?: (message: string) => void;
  onProgress?: (progress: LoadProgress) => void;
}

export interface Usage {
  /** Every priced record of the project filter, whatever its day. */
  records: PricedRecord[];
  /** Every record, whatever the project filter, priced: for budgets (priced on first call). */
  allRecords: () => PricedRecord[];
  toolUses: ToolUse[];
  stats: ScanStats;
  book: PriceBook;
  roots: ResolvedRoots;
}

/** The demo logs shipped with the package, for the hint when no logs are found. */
export const DEMO_DIR = path.join(packageRoot(), 'fixtures', 'demo');

function noLogsMessage(searched: string[]): string {
  return [
    'no Claude Code logs (*.jsonl transcripts) found. Looked in:',
    ...searched.map((dir) => `  ${dir}`),
    'Point usage at them with --data-dir <dir> or CLAUDE_CONFIG_DIR=<dir>[,<dir>...],',
    `or try the bundled demo logs: usage --data-dir ${DEMO_DIR} --all`,
  ].join('\n');
}

/**
 * The `projects/` folders to read (`--data-dir`, else `CLAUDE_CONFIG_DIR`, else the defaults);
 * a configured root that holds none is told to `onWarning`.
 */
export async function findRoots(
  dataDirs: string[],
  { env, homeDir }: UsageEnvironment,
  onWarning: (message: string) => void = () => {},
): Promise<ResolvedRoots> {
  const roots = await resolveProjectDirs(candidateRoots({ dataDirs, env, homeDir }));
  for (const warning of roots.warnings) onWarning(warning);
  return roots;
}

/** One line for each file or folder that could not be read. */
export function unreadableWarnings(unreadable: ScanStats['unreadable']): string[] {
  return unreadable.map(({ path: where, reason }) => `cannot read ${where}: ${reason}; skipped`);
}

/** The project folder a transcript is in: the first folder under the `projects/` it was found in. */
function folderOf(file: string, projectDirs: string[]): string | null {
  for (const dir of projectDirs) {
    const relative = path.relative(dir, file);
    if (!relative.startsWith('..') && !path.isAbsolute(relative))
      return relative.split(path.sep)[0] ?? null;
  }
  return null;
}

/** With `--project`, the malformed lines counted are those of the project's own files. */
function shownStats(
  stats: ScanStats,
  projectDirs: string[],
  folders: Set<string> | null,
): ScanStats {
  if (folders === null) return stats;
  const malformedFiles = stats.malformedFiles.filter((file) => {
    const folder = folderOf(file.path, projectDirs);
    return folder !== null && folders.has(folder);
  });
  return {
    ...stats,
    malformedFiles,
    malformedLines: malformedFiles.reduce((sum, file) => sum + file.lines, 0),
  };
}

/** The lines about skipped lines of the files shown; with `debug` one per file too. */
function malformedWarnings(stats: ScanStats, debug: boolean): string[] {
  if (stats.malformedLines === 0) return [];
  const files = stats.malformedFiles.length;
  const lines = `${stats.malformedLines} malformed line${stats.malformedLines === 1 ? '' : 's'}`;
  const where = `${files} file${files === 1 ? '' : 's'}`;
  return [
    `skipped ${lines} in ${where} (not JSON, half-written, or not the usage shape)${debug ? ':' : '; --debug names them'}`,
    ...(debug ? stats.malformedFiles.map((file) => `  ${file.path}: ${file.lines}`) : []),
  ];
}

/**
 * The records from the ledger (synced first) when the run uses one, else from the logs. A
 * ledger that cannot be written is not worth failing the report over: say so, read the logs.
 */
async function readUsage(
  request: UsageRequest,
  roots: ResolvedRoots,
  environment: UsageEnvironment,
  warn: (message: string) => void,
  onProgress: ((progress: LoadProgress) => void) | undefined,
  book: PriceBook,
): Promise<(Omit<LoadedUsage, 'files'> & { priced?: boolean }) | null> {
  const { projectDirs } = roots;
  const ledger = chooseLedger(request, environment.env, environment.homeDir);
  if (request.allRoots && ledger === null) {
    throw new UsageError('--all-roots shows what a ledger holds; it needs one', ExitCode.usage);
  }
  if (ledger === null && request.dataDir !== undefined && environment.env.USAGE_LEDGER_DB?.trim()) {
    warn(
      '--data-dir reads those logs only; the ledger of USAGE_LEDGER_DB is left alone (--ledger <file> keeps them in one)',
    );
  }
  // The folders in view, found or not: a root whose logs are gone still shows its history.
  const view = request.allRoots
    ? ('all' as const)
    : { paths: [...new Set([...roots.searched, ...projectDirs])] };
  // No logs and no history: nothing to keep, so no ledger file is made.
  const existed = ledger !== null && ledgerExists(ledger);
  if (ledger !== null && (projectDirs.length > 0 || existed)) {
    try {
      return await loadFromLedger(ledger, projectDirs, {
        onProgress,
        toolUses: request.toolUses,
        view,
        batchBytes: batchBytesOf(environment.env),
        sums: sumsRequest(request, book),
      });
    } catch (error) {
      if (!(error instanceof LedgerUnwritable)) throw error;
      // A first sync that could not finish (a full disk) leaves no half-made ledger behind.
      if (!existed && !(error instanceof LedgerBusy)) removeLedger(ledger);
      warn(`${error.message}; reading the logs only (--no-ledger)`);
    }
  }
  if (projectDirs.length === 0) return null;
  return loadUsageRecords(projectDirs, { onProgress, toolUses: request.toolUses === true });
}

/**
 * Sums from the ledger for a report that only sums, of every project, at calculated costs
 * (a logged `costUSD` decides the cost by each request's own line).
 */
function sumsRequest(request: UsageRequest, book: PriceBook): SumsRequest | undefined {
  const { sums } = request;
  if (sums === undefined || request.project !== undefined || request.mode !== 'calculate') {
    return undefined;
  }
  return {
    prices: book.fingerprint(),
    price: (records) => priceRecords(records, book, request.mode),
    calendar: sums.calendar,
  };
}

/** Prices the records read, applies the project filter, and says what concerns the result. */
function finish(
  loaded: Omit<LoadedUsage, 'files'> & { priced?: boolean },
  request: UsageRequest,
  book: PriceBook,
  roots: ResolvedRoots,
  onWarning: (message: string) => void,
): Usage {
  const { project, model } = request;
  const folders = project === undefined ? null : projectFolders(loaded.records, project);
  const inProject = <T extends { project: string }>(list: T[]): T[] =>
    folders === null ? list : list.filter((item) => folders.has(item.project));
  const records =
    loaded.priced === true
      ? loaded.records
      : priceRecords(inProject(loaded.records), book, request.mode);
  // Budgets count all spending, whatever project a report shows; the rest of the records are
  // priced only when a budget asks for them.
  const allRecords = () =>
    project === undefined ? records : priceRecords(loaded.records, book, request.mode);
  if (project !== undefined && records.length === 0) {
    onWarning(`no usage found for project '${project}' (usage projects --all lists them)`);
  }
  if (model !== undefined && records.length > 0 && ofModel(records, model).length === 0) {
    const models = [...new Set(records.map((record) => record.model))].sort().join(', ');
    onWarning(`no usage found for model '${model}'; the logs have ${models}`);
  }
  const stats = shownStats(loaded.stats, roots.projectDirs, folders);
  for (const warning of malformedWarnings(stats, request.debug === true)) onWarning(warning);
  return { records, allRecords, toolUses: inProject(loaded.toolUses), stats, book, roots };
}

/**
 * Finds, reads, deduplicates and prices the records a request asks for. Problems that do not
 * stop it (unreadable files, roots without logs, skipped lines, filters that match nothing)
 * go to `onWarning`, once each; no logs and no history at all is a failure.
 */
export async function loadUsage(
  request: UsageRequest,
  environment: UsageEnvironment,
  { onWarning = () => {}, onProgress }: UsageHooks = {},
): Promise<Usage> {
  const book = await loadPriceBook(request.config, environment, onWarning);
  const roots = await findRoots(request.dataDir ?? [], environment, onWarning);
  const loaded = await readUsage(request, roots, environment, onWarning, onProgress, book);
  if (
    loaded === null ||
    (loaded.records.length === 0 &&
      loaded.stats.filesRead === 0 &&
      loaded.stats.unreadable.length === 0)
  ) {
    throw new UsageError(noLogsMessage(roots.searched), ExitCode.failure);
  }
  for (const warning of unreadableWarnings(loaded.stats.unreadable)) onWarning(warning);
  return finish(loaded, request, book, roots, onWarning);
}

/** How `loadUsageFrom` brings an open store up to date before it reads it. */
export type StoreSync =
  /** Everything under the roots (a live view). */
  | 'all'
  /** Only what is new under one project folder, and nothing when that is over `maxBytes`. */
  | { within: string; maxBytes: number }
  /** Nothing: read what the store holds. */
  | 'none';

export interface StoreOptions {
  sync: StoreSync;
  /** Which records to build at all, asked before one is (a status line wants few). */
  wanted?: RecordFilter;
}

/**
 * `USAGE_LEDGER_BATCH_BYTES`: how much a sync reads and writes at a time (default 256 MiB), so
 * a test can make a small history take several batches.
 */
function batchBytesOf(env: Record<string, string | undefined>): number | undefined {
  const set = Number(env.USAGE_LEDGER_BATCH_BYTES);
  return Number.isSafeInteger(set) && set > 0 ? set : undefined;
}

/**
 * `loadUsage` on a ledger store held open by its caller (a live view, a status line, a
 * server): brings it up to date as `sync` says, then reads the records of the folders in view.
 */
export async function loadUsageFrom(
  store: LedgerStore,
  request: UsageRequest,
  environment: UsageEnvironment,
  { sync, wanted }: StoreOptions,
  { onWarning = () => {} }: UsageHooks = {},
): Promise<Usage> {
  const book = await loadPriceBook(request.config, environment, onWarning);
  const roots = await findRoots(request.dataDir ?? [], environment, onWarning);
  let stats: ScanStats = {
    roots: roots.projectDirs,
    filesRead: 0,
    linesRead: 0,
    malformedLines: 0,
    malformedFiles: [],
    unreadable: [],
  };
  if (sync === 'all') {
    stats = (await syncLedger(store, roots.projectDirs)).stats;
  } else if (sync !== 'none') {
    const found = await findTranscriptFiles(roots.projectDirs, path.basename(sync.within));
    await syncFound(store, found, roots.projectDirs, {
      within: sync.within,
      maxBytes: sync.maxBytes,
    });
  }
  const view = request.allRoots
    ? ('all' as const)
    : { paths: [...new Set([...roots.searched, ...roots.projectDirs])] };
  const records = store.records({ wanted, roots: viewMask(store, view) });
  const toolUses = request.toolUses ? store.toolUses() : [];
  return finish({ records, toolUses, stats }, request, book, roots, onWarning);
}
