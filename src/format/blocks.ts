import type { ActiveBlock, Block } from '../report/blocks.js';
import type { ZonedCalendar } from '../report/calendar.js';
import type { GroupedReport } from '../report/daily.js';
import { totalTokens } from '../report/rollup.js';
import { formatDuration } from './duration.js';
import type { ViewContext } from './grouped.js';
import { formatInteger, formatUsd, roundCost } from './numbers.js';
import { groupFields } from './report-json.js';
import {
  barShares,
  renderRollupTable,
  reportNotes,
  reportTitle,
  totalRow,
} from './rollup-table.js';

function status(block: Block, active: ActiveBlock | null, limit: number | null): string {
  const over = limit !== null && totalTokens(block) > limit ? ' OVER LIMIT' : '';
  if (block.isActive && active !== null)
    return `active, ${formatDuration(active.remainingMs)} left${over}`;
  return over.trim();
}

export function renderBlocksTable(
  report: GroupedReport,
  blocks: Block[],
  active: ActiveBlock | null,
  limit: number | null,
  calendar: ZonedCalendar,
  context: ViewContext,
  official: string | null = null,
): string {
  const rows = barShares(blocks.map((block) => ({ block, rollup: block }))).map(
    ({ block, share }) => ({
      labels: [
        calendar.shortOf(block.start),
        calendar.shortOf(block.end).slice(11),
        status(block, active, limit),
      ],
      models: block.models.map((model) => model.name),
      rollup: block,
      kind: 'row' as const,
      share,
    }),
  );
  const notes = reportNotes(report.models, context.unpriced);
  if (active !== null) {
    notes.unshift(
      `Active block: ${formatDuration(active.remainingMs)} left; burn rate ${formatInteger(Math.round(active.tokensPerHour))} tokens/h, ` +
        `${formatUsd(active.costPerHour)}/h; projected ${formatInteger(Math.round(active.projectedTokens))} tokens, ` +
        `${formatUsd(active.projectedCost)} by ${calendar.shortOf(active.block.end).slice(11)} (an estimate).`,
    );
  }
  if (official !== null) notes.unshift(`Claude Code's own limits: ${official}.`);
  if (limit !== null) {
    const over = blocks.filter((block) => totalTokens(block) > limit).length;
    notes.push(
      `Token limit ${formatInteger(limit)}: ${over} block${over === 1 ? '' : 's'} over it.`,
    );
  }
  return renderRollupTable(
    {
      title: reportTitle('in 5-hour blocks', report, context),
      labels: [{ header: 'Block start' }, { header: 'End' }, { header: 'Status', optional: 1 }],
      rows: [...rows, { ...totalRow(report.models, report.totals), labels: ['Total', '', ''] }],
      models: true,
      requests: true,
      bar: blocks.some((block) => block.cost > 0),
      notes,
    },
    context,
  );
}

/** Blocks under ccusage's names (`blocks[].startTime`, `endTime`, `isActive`, `costUSD`, ...). */
export function blocksJson(
  blocks: Block[],
  active: ActiveBlock | null,
  limit: number | null,
  calendar: ZonedCalendar,
) {
  return {
    blocks: blocks.map((block) => ({
      id: new Date(block.start).toISOString(),
      startTime: calendar.isoOf(block.start),
      endTime: calendar.isoOf(block.end),
      actualEndTime: calendar.isoOf(block.lastRequest),
      isActive: block.isActive,
      ...groupFields(block),
      costUSD: roundCost(block.cost),
      models: block.models.map((model) => model.name),
      overTokenLimit: limit === null ? null : totalTokens(block) > limit,
      burnRate:
        active !== null && active.block === block
          ? {
              tokensPerHour: Math.round(active.tokensPerHour),
              costPerHour: roundCost(active.costPerHour),
            }
          : null,
      projection:
        active !== null && active.block === block
          ? {
              totalTokens: Math.round(active.projectedTokens),
              totalCost: roundCost(active.projectedCost),
              remainingMinutes: Math.round(active.remainingMs / 60_000),
            }
          : null,
    })),
    tokenLimit: limit,
  };
}
