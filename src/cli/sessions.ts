import { Option } from 'commander';
import { ExitCode, UsageError } from '../errors.js';
import { renderSessionDetail, renderSessionsTable, sessionDetailJson } from '../format/sessions.js';
import { rollupSelected } from '../report/daily.js';
import { type SessionSort, sessionRows, sessionsMatching } from '../report/sessions.js';
import { REPORT, reportJson } from '../reports/json.js';
import {
  loadReport,
  printJson,
  printReport,
  type ReportContext,
  unpricedOf,
  viewContext,
} from './context.js';
import { reportCommand } from './report-command.js';
import type { ReportOptions } from './shared-options.js';

interface SessionsOptions extends ReportOptions {
  sort: SessionSort;
  limit?: number;
}

function parseLimit(value: string): number {
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1) {
    throw new UsageError(`--limit: '${value}' is not a whole number of 1 or more`, ExitCode.usage);
  }
  return limit;
}

/** One session in detail; the id may be a prefix, and the range is all of its requests. */
function showSession(context: ReportContext, prefix: string): void {
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
  if (context.options.json) {
    printJson(sessionDetailJson(row, records, context.calendar));
    return;
  }
  printReport(
    context,
    renderSessionDetail(row, records, context.calendar, viewContext(context, unpriced)),
  );
}

async function runSessions(id: string | undefined, options: SessionsOptions): Promise<void> {
  const context = await loadReport(options);
  if (id !== undefined) {
    showSession(context, id);
    return;
  }
  const report = rollupSelected(context.selected, context.selection, (record) => record.sessionId);
  const all = sessionRows(context.selected, options.sort);
  const rows = options.limit === undefined ? all : all.slice(0, options.limit);
  const unpriced = unpricedOf(context, report.models);
  if (options.json) {
    printJson(reportJson(REPORT.sessions, context, unpriced));
    return;
  }
  printReport(
    context,
    renderSessionsTable(report, rows, all.length, context.calendar, viewContext(context, unpriced)),
  );
}

export function sessionsCommand() {
  return reportCommand(
    'sessions',
    'one row per session (subagents included), or one session in detail',
  )
    .argument('[id]', 'a session id, or the start of one: that session request by request')
    .addOption(
      new Option('--sort <key>', 'order of the rows')
        .choices(['cost', 'tokens', 'date'])
        .default('cost'),
    )
    .addOption(new Option('--limit <n>', 'show at most n sessions').argParser(parseLimit))
    .action((id: string | undefined, options: SessionsOptions) => runSessions(id, options));
}
