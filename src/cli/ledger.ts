import { existsSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { defaultLedgerFile } from '../config/paths.js';
import { ExitCode, UsageError } from '../errors.js';
import { ledgerStatusJson, renderLedgerStatus } from '../format/ledger.js';
import { formatBytes, formatInteger } from '../format/numbers.js';
import { checkLedger } from '../ledger/check.js';
import { withLedger } from '../ledger/ledger.js';
import { describeLedgerError, ledgerExists, openLedgerReadOnly } from '../ledger/open.js';
import { checkpoint, moveLedgerAside } from '../ledger/rebuild.js';
import { ledgerStatus } from '../ledger/status.js';
import type { LedgerStore } from '../ledger/store.js';
import { syncLedger } from '../ledger/sync.js';
import { findTranscriptFiles } from '../logs/files.js';
import { printJson, printText } from './context.js';
import { findProjectDirs, warnUnreadable } from './records.js';
import { dataDirOption, jsonOption, ledgerOption, timezoneOption } from './shared-options.js';
import { progressReporter } from './terminal.js';
import { calendarOf } from './zone.js';

interface LedgerOptions {
  ledger?: string;
  dataDir?: string[];
  json?: boolean;
  timezone?: string;
}

/** The ledger a `usage ledger` command works on: `--ledger`, `USAGE_LEDGER_DB` or the default. */
function ledgerFile(options: LedgerOptions): string {
  return options.ledger === undefined
    ? defaultLedgerFile(process.env, os.homedir())
    : path.resolve(options.ledger);
}

interface SyncSummary {
  ledger: string;
  roots: string[];
  filesRead: number;
  bytesRead: number;
  responsesBefore: number;
  responsesAfter: number;
  toolUsesBefore: number;
  toolUsesAfter: number;
  unreadable: { path: string; reason: string }[];
}

/** Syncs `projectDirs` into the ledger and says what changed. */
async function syncInto(
  store: LedgerStore,
  file: string,
  projectDirs: string[],
): Promise<SyncSummary> {
  const before = store.counts();
  const progress = progressReporter(process.stderr, process.stdout);
  const outcome = await syncLedger(store, projectDirs, { onProgress: progress.update });
  progress.done();
  warnUnreadable(outcome.stats.unreadable);
  const after = store.counts();
  return {
    ledger: file,
    roots: projectDirs,
    filesRead: outcome.filesSynced,
    bytesRead: outcome.bytesSynced,
    responsesBefore: before.responses,
    responsesAfter: after.responses,
    toolUsesBefore: before.toolUses,
    toolUsesAfter: after.toolUses,
    unreadable: outcome.stats.unreadable,
  };
}

function renderSummary(verb: string, summary: SyncSummary): string {
  const added = summary.responsesAfter - summary.responsesBefore;
  return [
    `${verb} ${summary.roots.join(', ') || '(no log folders found)'}`,
    `  read ${formatInteger(summary.filesRead)} files (${formatBytes(summary.bytesRead)} new or changed)`,
    `  responses: ${formatInteger(summary.responsesAfter)} (${added > 0 ? '+' : ''}${formatInteger(added)})` +
      `, tool calls: ${formatInteger(summary.toolUsesAfter)}`,
    `  ledger: ${summary.ledger}`,
  ].join('\n');
}

function printSummary(verb: string, summary: SyncSummary, json: boolean | undefined): void {
  if (json) printJson(summary);
  else printText(renderSummary(verb, summary));
}

async function showStatus(options: LedgerOptions): Promise<void> {
  const file = ledgerFile(options);
  if (!ledgerExists(file)) {
    if (options.json) printJson({ ledger: file, exists: false });
    else printText(`No ledger yet at ${file}; the next report creates it.`);
    return;
  }
  // Read-only: status works on a ledger in a read-only place, and never migrates one.
  const db = await openLedgerReadOnly(file);
  let status: ReturnType<typeof ledgerStatus>;
  try {
    status = ledgerStatus(db, file);
  } catch (error) {
    throw describeLedgerError(file, error);
  } finally {
    db.close();
  }
  if (options.json) {
    printJson({ exists: true, ...ledgerStatusJson(status) });
    return;
  }
  const calendar = calendarOf(options.timezone);
  printText(renderLedgerStatus(status, calendar, Date.now()));
}

async function sync(options: LedgerOptions): Promise<void> {
  const file = ledgerFile(options);
  const projectDirs = (await findProjectDirs(options.dataDir ?? [])).projectDirs;
  const summary = await withLedger(file, (store) => syncInto(store, file, projectDirs));
  printSummary('Synced', summary, options.json);
}

/** The transcripts under `projectDirs`; none is an error naming `where` (exit 1). */
async function requireTranscripts(projectDirs: string[], none: string): Promise<void> {
  const { files } = await findTranscriptFiles(projectDirs);
  if (files.length === 0) throw new UsageError(none, ExitCode.failure);
}

async function importBackup(dir: string, options: LedgerOptions): Promise<void> {
  const file = ledgerFile(options);
  const folder = path.resolve(dir);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new UsageError(`ledger import: no such folder: ${folder}`, ExitCode.failure);
  }
  const projectDirs = (await findProjectDirs([folder])).projectDirs;
  await requireTranscripts(
    projectDirs,
    `ledger import: ${folder} holds no Claude Code transcripts (*.jsonl); nothing was imported`,
  );
  // An imported folder's history is part of every report, whatever folders are in view.
  const summary = await withLedger(file, async (store) => {
    const synced = await syncInto(store, file, projectDirs);
    store.markImported(projectDirs);
    return synced;
  });
  printSummary('Imported', summary, options.json);
}

async function check(options: LedgerOptions): Promise<void> {
  const file = ledgerFile(options);
  if (!ledgerExists(file)) throw new UsageError(`no ledger at ${file}`, ExitCode.failure);
  const found = await withLedger(file, (store) => checkLedger(store));
  if (options.json) printJson({ ledger: file, ...found });
  else {
    const snapshot =
      found.snapshot === 'none'
        ? 'none yet (the next report that reads every response writes one)'
        : found.snapshot === 'damaged'
          ? 'damaged (its checksum failed)'
          : found.differing === 0
            ? 'intact, the same as the rows'
            : `intact, but ${found.differing} responses differ from the rows`;
    printText(
      [
        `Ledger     ${file}`,
        `Integrity  ${found.integrity}`,
        `Responses  ${formatInteger(found.responses)}`,
        `Snapshot   ${snapshot}`,
        ...(found.rewritten
          ? ['           written again from the rows, which are the record']
          : []),
      ].join('\n'),
    );
  }
  if (found.integrity !== 'ok') {
    throw new UsageError(
      `the ledger ${file} failed SQLite's integrity check; usage ledger rebuild --ledger ${file} moves it aside and builds a new one`,
      ExitCode.failure,
    );
  }
}

async function rebuild(options: LedgerOptions): Promise<void> {
  const file = ledgerFile(options);
  const roots = await findProjectDirs(options.dataDir ?? []);
  // A ledger built from no logs would hide the history of the old one behind an empty one.
  await requireTranscripts(
    roots.projectDirs,
    [
      'ledger rebuild: no Claude Code logs found, so the ledger was left as it is. Looked in:',
      ...roots.searched.map((where) => `  ${where}`),
      'Point it at the logs with --data-dir <dir> or CLAUDE_CONFIG_DIR=<dir>.',
    ].join('\n'),
  );
  const projectDirs = roots.projectDirs;
  await checkpoint(file);
  const aside = moveLedgerAside(file, new Date());
  const summary = await withLedger(file, (store) => syncInto(store, file, projectDirs));
  if (options.json) {
    printJson({ ...summary, previous: aside });
    return;
  }
  printText(
    aside === null
      ? renderSummary('Built the ledger from', summary)
      : `Moved the old ledger to ${aside} (kept; delete it yourself once you no longer need it)\n` +
          renderSummary('Rebuilt from', summary),
  );
}

export function ledgerCommand(): Command {
  const ledger = new Command('ledger')
    .description('the local history of every response: status, sync, import, rebuild')
    .exitOverride();
  ledger
    .command('status', { isDefault: true })
    .description('where the ledger is, what it holds, when it was last synced')
    .addOption(ledgerOption())
    .addOption(jsonOption('print as JSON'))
    .addOption(timezoneOption('IANA time zone for the dates (default: the system zone)'))
    .action((options: LedgerOptions) => showStatus(options));
  ledger
    .command('sync')
    .description('read what is new in the logs into the ledger (every report does this too)')
    .addOption(ledgerOption())
    .addOption(dataDirOption())
    .addOption(jsonOption('print as JSON'))
    .action((options: LedgerOptions) => sync(options));
  ledger
    .command('import')
    .description('add a backup of old logs (a Claude config or projects folder), counted once')
    .argument('<dir>', 'the folder to import')
    .addOption(ledgerOption())
    .addOption(jsonOption('print as JSON'))
    .action((dir: string, options: LedgerOptions) => importBackup(dir, options));
  ledger
    .command('check')
    .description('check the file with SQLite, and the snapshot against the rows (fixing it)')
    .addOption(ledgerOption())
    .addOption(jsonOption('print as JSON'))
    .action((options: LedgerOptions) => check(options));
  ledger
    .command('rebuild')
    .description(
      'move the ledger aside (never deleted) and build a new one from the logs there are',
    )
    .addOption(ledgerOption())
    .addOption(dataDirOption())
    .addOption(jsonOption('print as JSON'))
    .action((options: LedgerOptions) => rebuild(options));
  for (const command of ledger.commands) command.exitOverride();
  return ledger;
}
