import { describe, expect, it } from 'vitest';
import { renderBudgetLines } from '../../src/format/budget.js';
import { palette } from '../../src/format/color.js';
import type { BudgetLine } from '../../src/report/budget.js';

const line = (
  period: BudgetLine['period'],
  spent: number,
  limit: number,
  state: BudgetLine['state'],
): BudgetLine => ({
  period,
  key: 'k',
  spent,
  limit,
  share: spent / limit,
  state,
  partial: false,
});

describe('renderBudgetLines', () => {
  const lines = [
    line('day', 8.1, 20, 'ok'),
    line('week', 84.2, 100, 'alert'),
    line('month', 412, 400, 'over'),
  ];

  it('aligns the figures and says the state in words', () => {
    expect(renderBudgetLines(lines, 80, palette(false))).toBe(
      [
        'Budget today         $8.10 of  $20.00   41%  ok',
        '       this week    $84.20 of $100.00   84%  alert: 80% of the limit reached',
        '       this month  $412.00 of $400.00  103%  OVER BUDGET',
      ].join('\n'),
    );
  });

  it('colours the state green, yellow and red when colour is on', () => {
    const [ok, alert, over] = renderBudgetLines(lines, 80, palette(true)).split('\n');
    expect(ok).toContain('\u001b[32m'); // green
    expect(alert).toContain('\u001b[33m'); // yellow
    expect(over).toContain('\u001b[31m'); // red
  });

  it('marks a spend that leaves out unpriced requests as a lower bound', () => {
    expect(
      renderBudgetLines([{ ...line('day', 1, 2, 'ok'), partial: true }], 80, palette(false)),
    ).toContain('$1.00+ of $2.00');
  });
});
