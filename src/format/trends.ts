import { shortModelName } from '../pricing/match.js';
import type { Trends } from '../report/trends.js';
import type { Palette } from './color.js';
import { formatUsd, roundCost } from './numbers.js';
import { printable } from './printable.js';
import { filterScope, type ReportFilters } from './rollup-table.js';
import { wrapText } from './wrap.js';

const SPARKS = '▁▂▃▄▅▆▇█';

/** One character per value, scaled to the largest; zero is the lowest bar. */
export function sparkline(values: number[]): string {
  const max = Math.max(0, ...values);
  return values
    .map((value) => SPARKS[max === 0 ? 0 : Math.min(7, Math.floor((value / max) * 7.999))])
    .join('');
}

const percent = (share: number) => `${Math.round(share * 100)}%`;

function change(value: number | null): string {
  if (value === null) return 'nothing in the 7 days before';
  const sign = value > 0 ? '+' : value < 0 ? '−' : '±';
  return `${sign}${Math.abs(Math.round(value * 100))}% on the 7 days before`;
}

/** `usage trends` as text, each part on its own lines, within `width` columns. */
export function renderTrends(
  trends: Trends,
  timeZone: string,
  palette: Palette,
  width: number,
  filters: ReportFilters = {},
): string {
  const { range } = trends;
  const lines = [
    palette.heading(
      wrapText(
        `Claude Code trends · ${range.since} to ${range.until} · ${timeZone}${filterScope(filters)}`,
        width,
      ),
    ),
    '',
  ];
  const spark = sparkline(trends.days.map((day) => day.cost));
  const peak = trends.days.reduce((best, day) => (day.cost > best.cost ? day : best), {
    date: '',
    cost: 0,
  });
  const label = (text: string) => text.padEnd(13);
  const chunk = Math.max(20, width - 13);
  for (let at = 0; at < spark.length; at += chunk) {
    lines.push(`${label(at === 0 ? 'Daily cost' : '')}${palette.bar(spark.slice(at, at + chunk))}`);
  }
  if (peak.cost > 0) lines.push(`${label('')}highest: ${formatUsd(peak.cost)} on ${peak.date}`);
  const partial = trends.costIsPartial ? ' (unpriced requests left out)' : '';
  lines.push(`${label('Average')}${formatUsd(trends.averageDailyCost)} a day${partial}`);
  const wow = trends.weekOverWeek;
  lines.push(`${label('Last 7 days')}${formatUsd(wow.last7Days)}, ${change(wow.change)}`);
  lines.push('', 'By weekday (average cost of the days in the range)');
  for (const day of trends.byWeekday) {
    const count = `${day.days} ${day.days === 1 ? 'day' : 'days'}`;
    lines.push(`  ${day.weekday.slice(0, 3)}  ${formatUsd(day.average).padStart(10)}  (${count})`);
  }
  lines.push('', 'Peak hours');
  if (trends.peakHours.length === 0) lines.push('  none');
  for (const { hour, cost } of trends.peakHours) {
    lines.push(`  ${String(hour).padStart(2, '0')}:00  ${formatUsd(cost).padStart(10)}`);
  }
  lines.push('', 'Model mix (share of each week’s cost)');
  if (trends.modelMix.length === 0) lines.push('  none');
  for (const week of trends.modelMix) {
    const mix = week.models
      .map((model) => `${printable(shortModelName(model.model))} ${percent(model.share)}`)
      .join(', ');
    lines.push(`  ${week.week}  ${mix}`.slice(0, width));
  }
  return lines.join('\n');
}

/** `usage trends --json`: the figures, costs in USD. */
export function trendsJson(trends: Trends) {
  return {
    days: trends.days.map((day) => ({ date: day.date, cost: roundCost(day.cost) })),
    sparkline: sparkline(trends.days.map((day) => day.cost)),
    averageDailyCost: roundCost(trends.averageDailyCost),
    weekOverWeek: {
      last7Days: roundCost(trends.weekOverWeek.last7Days),
      previous7Days: roundCost(trends.weekOverWeek.previous7Days),
      change: trends.weekOverWeek.change === null ? null : roundCost(trends.weekOverWeek.change),
    },
    byWeekday: trends.byWeekday.map((day) => ({
      weekday: day.weekday,
      days: day.days,
      cost: roundCost(day.cost),
      average: roundCost(day.average),
    })),
    peakHours: trends.peakHours.map((entry) => ({ hour: entry.hour, cost: roundCost(entry.cost) })),
    modelMix: trends.modelMix.map((week) => ({
      week: week.week,
      cost: roundCost(week.cost),
      models: week.models.map((model) => ({
        model: model.model,
        cost: roundCost(model.cost),
        share: roundCost(model.share),
      })),
    })),
    costIsPartial: trends.costIsPartial,
  };
}
