import type { PricedRecord } from '../types.js';
import { type Day, monthOf, weekOf, type ZonedCalendar } from './calendar.js';

/** Spending limits in USD, and the share of a limit (in percent) that raises the alert. */
export interface BudgetLimits {
  daily?: number;
  weekly?: number;
  monthly?: number;
  alertPercent: number;
}

export const DEFAULT_ALERT_PERCENT = 80;

/** Under the alert threshold, at or over it, or over the limit itself. */
export type BudgetState = 'ok' | 'alert' | 'over';

export type BudgetPeriod = 'day' | 'week' | 'month';

export interface BudgetLine {
  period: BudgetPeriod;
  /** The period holding now: its day, the Monday its week starts on, or `YYYY-MM`. */
  key: string;
  spent: number;
  limit: number;
  /** spent / limit. */
  share: number;
  state: BudgetState;
  /** Some of the period's requests have no price, so `spent` is a lower bound. */
  partial: boolean;
}

/** Whether any budget is set. */
export function hasBudget(limits: BudgetLimits): boolean {
  return [limits.daily, limits.weekly, limits.monthly].some((limit) => limit !== undefined);
}

export function stateOf(spent: number, limit: number, alertPercent: number): BudgetState {
  if (spent > limit) return 'over';
  return spent >= (limit * alertPercent) / 100 ? 'alert' : 'ok';
}

/**
 * Today's, this week's (from Monday) and this month's spend against the limits that are set,
 * over all the records given: a budget is about everything spent, whatever a report shows.
 */
export function budgetLines(
  records: PricedRecord[],
  calendar: ZonedCalendar,
  now: number,
  limits: BudgetLimits,
): BudgetLine[] {
  const today = calendar.dayOf(now);
  const periods: {
    period: BudgetPeriod;
    key: string;
    limit: number | undefined;
    of: (day: Day) => string;
  }[] = [
    { period: 'day', key: today, limit: limits.daily, of: (day) => day },
    {
      period: 'week',
      key: weekOf(today, 'monday'),
      limit: limits.weekly,
      of: (day) => weekOf(day, 'monday'),
    },
    { period: 'month', key: monthOf(today), limit: limits.monthly, of: monthOf },
  ];
  const wanted = periods.filter((entry) => entry.limit !== undefined);
  const sums = wanted.map(() => ({ spent: 0, partial: false }));
  const monthStart = calendar.startOf(`${monthOf(today)}-01`);
  const weekStart = calendar.startOf(weekOf(today, 'monday'));
  const from = Math.min(monthStart, weekStart);
  for (const record of records) {
    if (record.timestamp < from || record.timestamp > now) continue;
    const day = calendar.dayOf(record.timestamp);
    wanted.forEach((entry, i) => {
      const sum = sums[i];
      if (sum === undefined || entry.of(day) !== entry.key) return;
      if (record.cost === null) sum.partial = true;
      else sum.spent += record.cost;
    });
  }
  return wanted.map((entry, i) => {
    const limit = entry.limit ?? 0;
    const { spent, partial } = sums[i] ?? { spent: 0, partial: false };
    return {
      period: entry.period,
      key: entry.key,
      spent,
      limit,
      share: limit > 0 ? spent / limit : 0,
      state: stateOf(spent, limit, limits.alertPercent),
      partial,
    };
  });
}

const SEVERITY: Record<BudgetState, number> = { ok: 0, alert: 1, over: 2 };

/** The worst state among the lines (ok when there are none). */
export function worstState(lines: BudgetLine[]): BudgetState {
  return lines.reduce<BudgetState>(
    (worst, line) => (SEVERITY[line.state] > SEVERITY[worst] ? line.state : worst),
    'ok',
  );
}
