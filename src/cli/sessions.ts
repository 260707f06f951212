import { ExitCode, UsageError } from '../errors.js';
import { renderEstimate, renderSessionDetail, sessionDetailJson } from '../format/sessions.js';
import { latestEstimate } from '../limits/keep.js';
import { newer, type SessionEstimate } from '../limits/official.js';
import { lastCostState } from '../logs/cost-state.js';
import { compareEstimate } from '../report/estimate.js';
import { sessionRows, sessionsMatching } from '../report/sessions.js';
import { REPORT } from '../reports/registry.js';
import type { PricedRecord } from '../types.js';
import {
  loadReport,
  printJson,
  printReport,
  type ReportContext,
  unpricedOf,
  viewContext,
} from './context.js';
import { readKept } from './kept.js';
import { commandOf, type ReportCommandOptions, runReport } from './report-command.js';

/**
 * Claude Code's latest figure for a session: the newer of what its status line said (kept by
 * `usage statusline`) and the last `cost-state` line of the session's transcripts.
 */
async function claudeCodeEstimate(
  options: ReportCommandOptions,
  sessionId: string,
  records: PricedRecord[],
): Promise<SessionEstimate | null> {
  const kept = await readKept(options, (db, cacheFile) => latestEstimate(db, cacheFile, sessionId));
  const files = [...new Set(records.map((record) => record.file))];
  return newer(kept, lastCostState(files, sessionId));
}

/** One session in detail; the id may be a prefix, and the range is all of its requests. */
async function showSession(context: ReportContext, prefix: string): Promise<void> {
  const matches = sessionsMatching(context.records, prefix);
  if (matches.length === 0)
    throw new UsageError(`no session id starts with '${prefix}'`, ExitCode.failure);
  if (matches.length > 1) {
    throw new UsageError(
      `'${prefix}' starts ${matches.length} session ids: ${matches.slice(0, 5).join(', ')}${matches.length > 5 ? ', …' : ''}; give more of it`,
      ExitCode.usage,
    );
  }
  const records = context.records.filter((record) => record.sessionId === matches[0]);
  const [row] = sessionRows(records);
  if (row === undefined) return;
  const unpriced = unpricedOf({ ...context, selected: records }, row.models);
  const estimate = await claudeCodeEstimate(context.options, row.sessionId, records);
  const comparison = estimate === null ? null : compareEstimate(estimate, records);
  if (context.options.json) {
    printJson(sessionDetailJson(row, records, context.calendar, comparison));
    return;
  }
  const table = renderSessionDetail(row, records, context.calendar, viewContext(context, unpriced));
  printReport(
    context,
    comparison === null ? table : `${table}\n\n${renderEstimate(comparison, context.calendar)}`,
  );
}

async function runSessions(id: string | undefined, options: ReportCommandOptions): Promise<void> {
  if (id === undefined) {
    await runReport(REPORT.sessions, options);
    return;
  }
  await showSession(await loadReport(options), id);
}

/** sessions from the registry, with an id: that session request by request. */
export function sessionsCommand() {
  return commandOf(REPORT.sessions)
    .argument('[id]', 'a session id, or the start of one: that session request by request')
    .action((id: string | undefined, options: ReportCommandOptions) => runSessions(id, options));
}
