import type { BudgetLine, BudgetState } from '../report/budget.js';
import type { Palette } from './color.js';
import { formatCost, formatUsd, roundCost } from './numbers.js';

const PERIOD_NAMES = { day: 'today', week: 'this week', month: 'this month' } as const;

/** The state in words, so it reads the same without colour. */
function stateWords(line: BudgetLine, alertPercent: number): string {
  if (line.state === 'over') return 'OVER BUDGET';
  if (line.state === 'alert') return `alert: ${alertPercent}% of the limit reached`;
  return 'ok';
}

/** The colour of a state: green, yellow or red. */
export function paint(state: BudgetState, palette: BudgetPalette): (text: string) => string {
  return state === 'over' ? palette.over : state === 'alert' ? palette.alert : palette.ok;
}

export type BudgetPalette = Pick<Palette, 'ok' | 'alert' | 'over'>;

/**
 * One line per budget: `today       $8.10 of $20.00   41%  ok`, coloured green, yellow or red
 * by state; at most ~60 columns.
 */
export function renderBudgetLines(
  lines: BudgetLine[],
  alertPercent: number,
  palette: BudgetPalette,
): string {
  const rows = lines.map((line) => ({
    name: PERIOD_NAMES[line.period],
    spent: formatCost(line.spent, line.partial),
    limit: formatUsd(line.limit),
    share: `${Math.round(line.share * 100)}%`,
    words: stateWords(line, alertPercent),
    state: line.state,
  }));
  const width = (pick: (row: (typeof rows)[number]) => string) =>
    Math.max(...rows.map((row) => pick(row).length));
  const [name, spent, limit, share] = [
    width((row) => row.name),
    width((row) => row.spent),
    width((row) => row.limit),
    width((row) => row.share),
  ];
  return rows
    .map((row, i) => {
      const color = paint(row.state, palette);
      const label = i === 0 ? 'Budget ' : '       ';
      return `${label}${row.name.padEnd(name)}  ${row.spent.padStart(spent)} of ${row.limit.padStart(limit)}  ${color(`${row.share.padStart(share)}  ${row.words}`)}`;
    })
    .join('\n');
}

/** The budgets of a report's `meta` (and of `usage budget --json`). */
export function budgetJson(lines: BudgetLine[]) {
  return lines.map((line) => ({
    period: line.period,
    key: line.key,
    spent: roundCost(line.spent),
    limit: line.limit,
    share: roundCost(line.share),
    state: line.state,
    costIsPartial: line.partial,
  }));
}
