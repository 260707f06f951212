import os from 'node:os';
import path from 'node:path';
import { ExitCode, UsageError } from '../errors.js';
import { printable } from '../format/printable.js';
import { chooseLedger, loadFromLedger } from '../ledger/ledger.js';
import { LedgerBusy, LedgerUnwritable, ledgerExists, removeLedger } from '../ledger/open.js';
import { type LoadedUsage, type LoadProgress, loadUsageRecords } from '../logs/load.js';
import { candidateRoots, type ResolvedRoots, resolveProjectDirs } from '../logs/roots.js';
import { packageRoot } from '../package-root.js';
import type { PriceBook } from '../pricing/book.js';
import { priceRecords } from '../pricing/price-records.js';
import { projectFolders } from '../report/filter.js';
import { ofModel } from '../report/select.js';
import { unpricedReasons } from '../report/unpriced.js';
import type { PricedRecord, ScanStats } from '../types.js';
import { warn } from './context.js';
import { loadPriceBook } from './prices.js';
import type { ReportOptions } from './shared-options.js';
import { progressReporter } from './terminal.js';

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

type Usage = Omit<LoadedUsage, 'files'>;

export interface PricedUsage extends Usage {
  book: PriceBook;
  /** Every record, whatever the project filter, priced: for budgets. */
  allRecords: () => PricedRecord[];
}

/**
 * The `projects/` folders this run reads (`--data-dir`, else `CLAUDE_CONFIG_DIR`, else the
 * defaults), saying on stderr which configured roots hold none unless `quiet`.
 */
export async function findProjectDirs(
  dataDirs: string[],
  { quiet = false }: { quiet?: boolean } = {},
): Promise<ResolvedRoots> {
  const roots = await resolveProjectDirs(
    candidateRoots({ dataDirs, env: process.env, homeDir: os.homedir() }),
  );
  if (!quiet) for (const warning of roots.warnings) warn(warning);
  return roots;
}

/** One stderr line for each file or folder that could not be read. */
export function warnUnreadable(unreadable: ScanStats['unreadable']): void {
  for (const { path: where, reason } of unreadable) {
    warn(`cannot read ${where}: ${reason}; skipped`);
  }
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

/** One stderr line when lines of the files shown were skipped; `--debug` names the files. */
function warnMalformed(stats: ScanStats, debug: boolean): void {
  if (stats.malformedLines === 0) return;
  const files = stats.malformedFiles.length;
  const lines = `${stats.malformedLines} malformed line${stats.malformedLines === 1 ? '' : 's'}`;
  const where = `${files} file${files === 1 ? '' : 's'}`;
  warn(
    `skipped ${lines} in ${where} (not JSON, half-written, or not the usage shape)${debug ? ':' : '; --debug names them'}`,
  );
  if (debug) for (const file of stats.malformedFiles) warn(`  ${file.path}: ${file.lines}`);
}

/** What a report needs besides the records. */
export interface LoadNeeds {
  /** Tool calls (the ledger reads them only when asked). */
  toolUses?: boolean;
}

/**
 * The records from the ledger (synced first) when the run uses one, else from the logs.
 * A ledger that cannot be written is not worth failing the report over: say so, read the logs.
 */
async function loadUsage(
  options: ReportOptions,
  roots: ResolvedRoots,
  onProgress: (progress: LoadProgress) => void,
  needs: LoadNeeds,
): Promise<Usage | null> {
  const { projectDirs } = roots;
  const ledger = chooseLedger(options, process.env, os.homedir());
  if (options.allRoots && ledger === null) {
    throw new UsageError('--all-roots shows what a ledger holds; it needs one', ExitCode.usage);
  }
  if (ledger === null && options.dataDir !== undefined && process.env.USAGE_LEDGER_DB?.trim()) {
    warn(
      '--data-dir reads those logs only; the ledger of USAGE_LEDGER_DB is left alone (--ledger <file> keeps them in one)',
    );
  }
  // The folders in view, found or not: a root whose logs are gone still shows its history.
  const view = options.allRoots
    ? ('all' as const)
    : { paths: [...new Set([...roots.searched, ...projectDirs])] };
  // No logs and no history: nothing to keep, so no ledger file is made.
  const existed = ledger !== null && ledgerExists(ledger);
  if (ledger !== null && (projectDirs.length > 0 || existed)) {
    try {
      return await loadFromLedger(ledger, projectDirs, {
        onProgress,
        toolUses: needs.toolUses,
        view,
      });
    } catch (error) {
      if (!(error instanceof LedgerUnwritable)) throw error;
      // A first sync that could not finish (a full disk) leaves no half-made ledger behind.
      if (!existed && !(error instanceof LedgerBusy)) removeLedger(ledger);
      warn(`${error.message}; reading the logs only (--no-ledger)`);
    }
  }
  if (projectDirs.length === 0) return null;
  return loadUsageRecords(projectDirs, { onProgress });
}

/**
 * One stderr line, once per run, naming the models a report's costs leave out and how to
 * price them.
 */
export function warnUnpriced(
  models: { name: string; unpricedRequests: number }[],
  records: PricedRecord[],
  configFile: string,
): Map<string, string> {
  const reasons = unpricedReasons(records);
  const shown = new Map(
    models
      .filter((model) => model.unpricedRequests > 0)
      .map((model) => [model.name, reasons.get(model.name) ?? 'no known price']),
  );
  if (shown.size === 0) return shown;
  const byReason = new Map<string, string[]>();
  for (const [model, reason] of shown)
    byReason.set(reason, [...(byReason.get(reason) ?? []), model]);
  const list = [...byReason].map(([reason, names]) => `${names.join(', ')} (${reason})`).join('; ');
  const advice = [...byReason.keys()].some((reason) => !reason.includes('costUSD'))
    ? `; a new Claude model may be known to usage pricing update (online), or add a price or an alias in ${configFile} (README: "Prices of other models")`
    : '';
  warn(`costs leave out ${printable(list)}${advice}`);
  return shown;
}

/**
 * Finds, reads, deduplicates and prices the records a report asks for. Problems that do not
 * stop the report (unreadable files, roots without logs) are written to stderr here, once.
 */
export async function loadPricedRecords(
  options: ReportOptions,
  needs: LoadNeeds = {},
): Promise<PricedUsage> {
  const book = await loadPriceBook(options.config);
  const roots = await findProjectDirs(options.dataDir ?? []);

  const progress = progressReporter(process.stderr, process.stdout);
  const loaded = await loadUsage(options, roots, progress.update, needs);
  progress.done();
  if (
    loaded === null ||
    (loaded.records.length === 0 &&
      loaded.stats.filesRead === 0 &&
      loaded.stats.unreadable.length === 0)
  ) {
    throw new UsageError(noLogsMessage(roots.searched), ExitCode.failure);
  }
  warnUnreadable(loaded.stats.unreadable);

  const project = options.project;
  const folders = project === undefined ? null : projectFolders(loaded.records, project);
  const inProject = <T extends { project: string }>(list: T[]): T[] =>
    folders === null ? list : list.filter((item) => folders.has(item.project));
  const records = priceRecords(inProject(loaded.records), book, options.mode);
  // Budgets count all spending, whatever project a report shows; the rest of the records are
  // priced only when a budget asks for them.
  const allRecords = () =>
    project === undefined ? records : priceRecords(loaded.records, book, options.mode);
  if (project !== undefined && records.length === 0) {
    warn(`no usage found for project '${project}' (usage projects --all lists them)`);
  }
  const model = options.model;
  if (model !== undefined && records.length > 0 && ofModel(records, model).length === 0) {
    const models = [...new Set(records.map((record) => record.model))].sort().join(', ');
    warn(`no usage found for model '${model}'; the logs have ${models}`);
  }
  const stats = shownStats(loaded.stats, roots.projectDirs, folders);
  warnMalformed(stats, options.debug === true);
  return { records, allRecords, toolUses: inProject(loaded.toolUses), stats, book };
}
