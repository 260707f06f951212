import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ExitCode, UsageError } from '../errors.js';
import { type LoadedUsage, loadUsageRecords } from '../logs/load.js';
import { candidateRoots, resolveProjectDirs } from '../logs/roots.js';
import { priceRecords } from '../pricing/price-records.js';
import { shippedMatcher } from '../pricing/table.js';
import { isInProject } from '../report/filter.js';
import type { PricedRecord } from '../types.js';
import type { ReportOptions } from './shared-options.js';
import { progressReporter } from './terminal.js';

/** The demo logs shipped with the package, for the hint when no logs are found. */
export const DEMO_DIR = path.resolve(fileURLToPath(import.meta.url), '../../../fixtures/demo');

function noLogsMessage(searched: string[]): string {
  return [
    'no Claude Code logs (*.jsonl transcripts) found. Looked in:',
    ...searched.map((dir) => `  ${dir}`),
    'Point usage at them with --data-dir <dir> or CLAUDE_CONFIG_DIR=<dir>[,<dir>...],',
    `or try the bundled demo logs: usage --data-dir ${DEMO_DIR} --all`,
  ].join('\n');
}

export interface PricedUsage extends LoadedUsage {
  records: PricedRecord[];
}

/**
 * Finds, reads, deduplicates and prices the records a report asks for. Problems that do not
 * stop the report (unreadable files, roots without logs) are written to stderr here, once.
 */
export async function loadPricedRecords(options: ReportOptions): Promise<PricedUsage> {
  const candidates = candidateRoots({
    dataDirs: options.dataDir,
    env: process.env,
    homeDir: os.homedir(),
  });
  const roots = await resolveProjectDirs(candidates);
  for (const warning of roots.warnings) process.stderr.write(`usage: ${warning}\n`);
  if (roots.projectDirs.length === 0) {
    throw new UsageError(noLogsMessage(roots.searched), ExitCode.failure);
  }

  const progress = progressReporter(process.stderr);
  const loaded = await loadUsageRecords(roots.projectDirs, { onProgress: progress.update });
  progress.done();
  if (loaded.stats.filesRead === 0 && loaded.stats.unreadable.length === 0) {
    throw new UsageError(noLogsMessage(roots.searched), ExitCode.failure);
  }
  for (const { path: where, reason } of loaded.stats.unreadable) {
    process.stderr.write(`usage: cannot read ${where}: ${reason}; skipped\n`);
  }

  let records = priceRecords(loaded.records, shippedMatcher());
  const project = options.project;
  if (project !== undefined) {
    records = records.filter((record) => isInProject(record, project));
    if (records.length === 0) {
      process.stderr.write(`usage: no usage found for project '${project}'\n`);
    }
  }
  return { records, stats: loaded.stats };
}
