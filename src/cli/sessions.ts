import { ExitCode, UsageError } from '../errors.js';
import { renderEstimate, renderSessionDetail, sessionDetailJson } from '../format/sessions.js';
import { loadTableCode } from '../format/table.js';
import { claudeCodeEstimate } from '../limits/keep.js';
import { compareEstimate } from '../report/estimate.js';
import { sessionRows, sessionsMatching } from '../report/sessions.js';
import { REPORT } from '../reports/registry.js';
import {
  loadReport,
  printJson,
  printReport,
  type ReportContext,
  unpricedOf,
  viewContext,
} from './context.js';
import { readKept } from './kept.js';
import { commandOf } from './report-command.js';
import { type ReportCommandOptions, runReport } from './report-run.js';

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
  const estimate = await readKept(context.options, (db, cacheFile) =>
    claudeCodeEstimate(db, cacheFile, row.sessionId, records),
  );
  const comparison = estimate === null ? null : compareEstimate(estimate, records);
  if (context.options.json) {
    printJson(sessionDetailJson(row, records, context.calendar, comparison));
    return;
  }
  await loadTableCode();
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
