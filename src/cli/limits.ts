import { renderLimits } from '../format/limits.js';
import { latestLimits } from '../limits/keep.js';
import { limitsReportJson } from '../reports/limits.js';
import { officialReport } from '../reports/official.js';
import { loadReport, printJson, printText, tableOptions } from './context.js';
import { readKept } from './kept.js';
import { reportCommand } from './report-command.js';
import type { ReportOptions } from './shared-options.js';

async function runLimits(options: ReportOptions): Promise<void> {
  // A week back covers the 7-day window; the range options do not narrow it.
  const context = {
    ...(await loadReport(options)),
    official: await readKept(options, latestLimits),
  };
  if (options.json) {
    printJson(limitsReportJson(context));
    return;
  }
  const report = officialReport(context);
  printText(renderLimits(report, context.calendar, context.now, tableOptions(options).palette));
}

export function limitsCommand() {
  return reportCommand(
    'limits',
    "Claude Code's own 5-hour and 7-day rate limits: used, reset, pace, and your spend in them",
  ).action((options: ReportOptions) => runLimits(options));
}
