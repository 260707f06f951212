import { ExitCode } from '../errors.js';
import { renderBudgetLines } from '../format/budget.js';
import { worstState } from '../report/budget.js';
import { budgetReportJson } from '../reports/registry.js';
import { loadReport, printJson, printText, tableOptions } from './context.js';
import { reportCommand } from './report-command.js';
import type { ReportOptions } from './shared-options.js';

interface BudgetOptions extends ReportOptions {
  check?: boolean;
}

const EXIT_OF_STATE = { ok: ExitCode.ok, alert: ExitCode.budgetAlert, over: ExitCode.overBudget };

async function runBudget(options: BudgetOptions): Promise<void> {
  const context = await loadReport(options);
  const json = budgetReportJson(context);
  const state = worstState(context.budgets);
  const { alertPercent } = context.budgetLimits;
  if (options.json) {
    printJson(json);
  } else {
    printText(renderBudgetLines(context.budgets, alertPercent, tableOptions(options).palette));
  }
  if (options.check) process.exitCode = EXIT_OF_STATE[state];
}

export function budgetCommand() {
  return reportCommand('budget', "today's, this week's and this month's spend against your budgets")
    .option('--check', 'exit 0 under the alert threshold, 3 at or over it, 4 over a budget')
    .action((options: BudgetOptions) => runBudget(options));
}
