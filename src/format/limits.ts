import type { LimitWindowName } from '../limits/official.js';
import type { ZonedCalendar } from '../report/calendar.js';
import type { LimitsReport, LimitWindow } from '../report/limits.js';
import { type BudgetPalette, paint } from './budget.js';
import { formatDuration } from './duration.js';
import { formatCost, formatInteger, roundCost } from './numbers.js';

const WINDOW_NAMES: Record<LimitWindowName, string> = {
  fiveHour: '5-hour window',
  sevenDay: '7-day window',
};
const SHORT_NAMES: Record<LimitWindowName, string> = { fiveHour: '5h', sevenDay: '7d' };

/** What is said when Claude Code never reported a limit. */
export const NO_OFFICIAL_FIGURE =
  'No official rate-limit figure seen yet: Claude Code (2.1.80 or later, Pro/Max plans) hands it to `usage statusline` after a session’s first response. Set `usage statusline` as your status line to keep it.';

function percent(value: number): string {
  return `${value.toFixed(1)}%`;
}

const round2 = (value: number | null) => (value === null ? null : Math.round(value * 100) / 100);

/** A window in `usage limits --json`: times in the report's zone. */
export function limitWindowJson(window: LimitWindow, calendar: ZonedCalendar) {
  return {
    usedPercentage: window.usedPercentage,
    resetsAt: calendar.isoOf(window.resetsAt),
    observedAt: calendar.isoOf(window.observedAt),
    windowStart: calendar.isoOf(window.windowStart),
    freshness: window.freshness,
    minutesLeft: Math.round(window.msLeft / 60_000),
    state: window.state,
    ourCost: roundCost(window.ourCost),
    ourCostIsPartial: window.ourCostPartial,
    ourRequests: window.ourRequests,
    percentPerHour: round2(window.percentPerHour),
    percentPerHourToLimit: round2(window.percentPerHourToLimit),
    projectedPercentage: round2(window.projectedPercentage),
    hitsLimitAt: window.hitsLimitAt === null ? null : calendar.isoOf(window.hitsLimitAt),
  };
}

function freshnessWords(window: LimitWindow, calendar: ZonedCalendar, now: number): string {
  const seen = `last seen ${calendar.shortOf(window.observedAt)} (${formatDuration(now - window.observedAt)} ago)`;
  if (window.freshness === 'reset')
    return `${seen}; the window has reset since, no figure for the new one yet`;
  if (window.freshness === 'stale')
    return `${seen}; stale: use since then (claude.ai, other machines) is not in it`;
  return seen;
}

function projectionWords(window: LimitWindow, calendar: ZonedCalendar): string | null {
  if (window.freshness === 'reset' || window.projectedPercentage === null) return null;
  const pace =
    window.percentPerHour === null ? '' : `${window.percentPerHour.toFixed(1)}%/h so far`;
  if (window.usedPercentage >= 100) return `${pace}; the limit is reached`;
  if (window.hitsLimitAt !== null) {
    return `${pace}: at this rate 100% at ${calendar.shortOf(window.hitsLimitAt)}, ${formatDuration(window.resetsAt - window.hitsLimitAt)} before the reset`;
  }
  const room =
    window.percentPerHourToLimit === null
      ? ''
      : `; up to ${window.percentPerHourToLimit.toFixed(1)}%/h keeps you under 100%`;
  return `${pace}: at this rate ${percent(window.projectedPercentage)} at the reset${room}`;
}

/** `usage limits` as text: each window, coloured by state, with our spend and the pace. */
export function renderLimits(
  report: LimitsReport,
  calendar: ZonedCalendar,
  now: number,
  palette: BudgetPalette,
): string {
  const lines: string[] = [];
  for (const window of [report.fiveHour, report.sevenDay]) {
    if (window === null) continue;
    const left = window.freshness === 'reset' ? 'reset' : `${formatDuration(window.msLeft)} left`;
    lines.push(
      `${WINDOW_NAMES[window.window].padEnd(14)} ${paint(window.state, palette)(`${percent(window.usedPercentage).padStart(6)} used`)}   resets ${calendar.shortOf(window.resetsAt)} (${left})`,
      `  ${freshnessWords(window, calendar, now)}`,
      `  our spend in it: ${formatCost(window.ourCost, window.ourCostPartial)} in ${formatInteger(window.ourRequests)} request${window.ourRequests === 1 ? '' : 's'} since ${calendar.shortOf(window.windowStart)}`,
    );
    const projection = projectionWords(window, calendar);
    if (projection !== null) lines.push(`  ${projection}`);
  }
  if (report.fiveHour === null || report.sevenDay === null) {
    const missing = report.fiveHour === null && report.sevenDay === null;
    lines.push(
      missing
        ? NO_OFFICIAL_FIGURE
        : `No official figure seen yet for the ${report.fiveHour === null ? '5-hour' : '7-day'} window.`,
    );
  }
  return lines.join('\n');
}

/**
 * `5h 42% (resets 14:00) · 7d 18%` for the status line: the windows still open, each coloured
 * by state when `palette` colours.
 */
export function limitsPart(
  report: LimitsReport,
  calendar: ZonedCalendar,
  palette: BudgetPalette,
): string | null {
  const parts: string[] = [];
  for (const window of [report.fiveHour, report.sevenDay]) {
    if (window === null || window.freshness === 'reset') continue;
    const reset =
      window.window === 'fiveHour'
        ? ` (resets ${calendar.shortOf(window.resetsAt).slice(11)})`
        : '';
    parts.push(
      `${SHORT_NAMES[window.window]} ${paint(window.state, palette)(`${Math.round(window.usedPercentage)}%`)}${reset}`,
    );
  }
  return parts.length === 0 ? null : parts.join(' · ');
}
