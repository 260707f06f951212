import type { Spend, StatusFigures } from '../report/statusline.js';
import { formatDuration } from './duration.js';
import { formatCost, formatUsd } from './numbers.js';

export const STATUS_FIELDS = ['model', 'session', 'today', 'block', 'limits', 'ctx'] as const;
export type StatusField = (typeof STATUS_FIELDS)[number];

export interface StatusLine {
  model: string | null;
  contextTokens: number | null;
  /** Null when only the cheap parts are known (the figures took too long). */
  figures: StatusFigures | null;
  dailyBudget: number | undefined;
  /** Claude Code's rate limits, as `limitsPart` shows them (null: none known). */
  limits: string | null;
}

/** `41234` -> `41k`, `1234567` -> `1.2M`. */
function compactCount(value: number): string {
  if (value >= 1_000_000) return `${(Math.round(value / 100_000) / 10).toFixed(1)}M`;
  if (value >= 1_000) return `${Math.round(value / 1_000)}k`;
  return String(value);
}

const cost = (spend: Spend) => formatCost(spend.cost, spend.partial);

/**
 * `Opus 4.6 | session $1.24 · today $8.10 / $20.00 · block $3.02 (2h 14m left) | 5h 42%
 * (resets 14:00) · 7d 18% | 41k ctx`: the model, the costs, Claude Code's rate limits, then
 * the context size, each part only when it is known and asked for.
 */
export function renderStatusLine(line: StatusLine, fields: readonly StatusField[]): string {
  const wanted = new Set(fields);
  const costs: string[] = [];
  const { figures } = line;
  if (figures !== null) {
    if (wanted.has('session') && figures.session !== null) {
      costs.push(`session ${cost(figures.session)}`);
    }
    if (wanted.has('today')) {
      const budget = line.dailyBudget === undefined ? '' : ` / ${formatUsd(line.dailyBudget)}`;
      costs.push(`today ${cost(figures.today)}${budget}`);
    }
    if (wanted.has('block') && figures.block !== null) {
      costs.push(
        `block ${cost(figures.block)} (${formatDuration(figures.block.remainingMs)} left)`,
      );
    }
  }
  const parts = [
    wanted.has('model') ? line.model : null,
    costs.length > 0 ? costs.join(' · ') : null,
    wanted.has('limits') ? line.limits : null,
    wanted.has('ctx') && line.contextTokens !== null
      ? `${compactCount(line.contextTokens)} ctx`
      : null,
  ];
  return parts.filter((part): part is string => part !== null && part !== '').join(' | ');
}
