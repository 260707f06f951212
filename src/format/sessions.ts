import type { ZonedCalendar } from '../report/calendar.js';
import type { GroupedReport } from '../report/daily.js';
import type { EstimateComparison, EstimatePart } from '../report/estimate.js';
import type { SessionRow } from '../report/sessions.js';
import type { Output } from '../schemas/output.js';
import type { PricedRecord } from '../types.js';
import { formatDuration } from './duration.js';
import type { ViewContext } from './grouped.js';
import { countOf, formatCost, formatInteger, formatUsd, roundCost } from './numbers.js';
import { printable } from './printable.js';
import { costByKind, groupFields } from './report-json.js';
import {
  barShares,
  renderRollupTable,
  reportNotes,
  reportTitle,
  totalRow,
} from './rollup-table.js';

/**
 * The sessions table. `rows` may be the first few of `count` (`--limit`): the title says how
 * many of how many, and the Total row, which sums them all, says so.
 */
export function renderSessionsTable(
  report: GroupedReport,
  rows: SessionRow[],
  count: number,
  calendar: ZonedCalendar,
  context: ViewContext,
): string {
  const tableRows = rows.map((row) => ({
    labels: [
      row.sessionId.slice(0, 8),
      row.projectPath,
      calendar.shortOf(row.first).slice(5),
      calendar.shortOf(row.last).slice(5),
      formatDuration(row.activeMs),
    ],
    models: row.models.map((model) => model.name),
    rollup: row,
    kind: 'row' as const,
    share: 0,
  }));
  const total = totalRow(report.models, report.totals);
  const limited = rows.length < count;
  const what = limited
    ? `by session · ${formatInteger(rows.length)} of ${countOf(count, 'session')}`
    : `by session · ${countOf(count, 'session')}`;
  return renderRollupTable(
    {
      title: reportTitle(what, report, context),
      labels: [
        { header: 'Session' },
        { header: 'Project', maxWidth: 20, shorten: 'start', optional: 1 },
        { header: 'First', optional: 4 },
        { header: 'Last', optional: 2 },
        { header: 'Active', align: 'right', optional: 3 },
      ],
      rows: [
        ...tableRows,
        {
          ...total,
          labels: [limited ? `Total, all ${formatInteger(count)}` : 'Total', '', '', '', ''],
        },
      ],
      models: true,
      requests: true,
      notes: [
        ...reportNotes(report.models, context.unpriced),
        'Subagent requests count in their parent session. First and Last: its first and last request; Active: time between requests, without gaps over 10 minutes.',
      ],
    },
    context,
  );
}

/** A session for `--json`, times in local ISO 8601 with the offset. */
function sessionFields(row: SessionRow, calendar: ZonedCalendar) {
  return {
    sessionId: row.sessionId,
    project: row.project,
    projectPath: row.projectPath,
    firstActivity: calendar.isoOf(row.first),
    lastActivity: calendar.isoOf(row.last),
    activeMinutes: Math.round(row.activeMs / 60_000),
    subagentRequests: row.subagentRequests,
    ...groupFields(row),
  };
}

/** `totals` sums every session of the range, `sessionCount` says how many; `sessions` may be fewer (`--limit`). */
export function sessionsJson(
  report: GroupedReport,
  rows: SessionRow[],
  count: number,
  calendar: ZonedCalendar,
) {
  return {
    sessions: rows.map((row) => sessionFields(row, calendar)),
    sessionCount: count,
    totals: groupFields({ ...report.totals, models: report.models }),
  };
}

/** One session, request by request. */
export function renderSessionDetail(
  row: SessionRow,
  records: PricedRecord[],
  calendar: ZonedCalendar,
  context: ViewContext,
): string {
  const rows = records.map((record) => ({
    labels: [
      calendar.isoOf(record.timestamp).slice(11, 19),
      record.sidechain ? `${record.model} (subagent)` : record.model,
    ],
    models: [record.model],
    rollup: {
      ...record,
      requests: 1,
      cost: record.cost ?? 0,
      unpricedRequests: record.cost === null ? 1 : 0,
    },
    kind: 'row' as const,
    share: 0,
  }));
  return renderRollupTable(
    {
      title: `Session ${printable(row.sessionId)} · ${printable(row.projectPath)} · ${calendar.shortOf(row.first)} to ${calendar.shortOf(row.last)} · ${calendar.timeZone}`,
      labels: [{ header: 'Time' }, { header: 'Model', maxWidth: 30, optional: 1 }],
      rows: [...barShares(rows), { ...totalRow(row.models, row), labels: ['Total', ''] }],
      bar: true,
      notes: reportNotes(row.models, context.unpriced),
    },
    context,
  );
}

function estimateJson(comparison: EstimateComparison | null, calendar: ZonedCalendar) {
  if (comparison === null) return null;
  const part = ({ requests, cost }: EstimatePart) => ({ requests, cost: roundCost(cost) });
  const { estimate } = comparison;
  return {
    costUsd: roundCost(estimate.costUsd),
    observedAt: calendar.isoOf(estimate.observedAt),
    source: estimate.source,
    version: estimate.version,
    oursThen: roundCost(comparison.oursThen),
    oursThenIsPartial: comparison.oursThenPartial,
    difference: roundCost(comparison.difference),
    differencePercent:
      comparison.differenceShare === null
        ? null
        : Math.round(comparison.differenceShare * 10_000) / 100,
    fast: part(comparison.fast),
    usGeo: part(comparison.usGeo),
    subagents: part(comparison.subagents),
  };
}

const SOURCE_WORDS = { statusline: 'its status line', 'cost-state': 'a cost-state line' } as const;

/** Claude Code's figure beside ours, and the shares of ours it may count differently. */
export function renderEstimate(comparison: EstimateComparison, calendar: ZonedCalendar): string {
  const { estimate } = comparison;
  const sign = comparison.difference >= 0 ? '+' : '-';
  const share =
    comparison.differenceShare === null
      ? ''
      : ` (${sign}${Math.abs(comparison.differenceShare * 100).toFixed(1)}%)`;
  const parts = (
    [
      ['fast mode', comparison.fast],
      ['US data residency', comparison.usGeo],
      ['subagents', comparison.subagents],
    ] as const
  )
    .filter(([, part]) => part.requests > 0)
    .map(
      ([name, part]) =>
        `${name} ${formatUsd(part.cost)} in ${formatInteger(part.requests)} request${part.requests === 1 ? '' : 's'}`,
    );
  return [
    `Claude Code's own estimate: ${formatUsd(estimate.costUsd)} (from ${SOURCE_WORDS[estimate.source]}, ${calendar.shortOf(estimate.observedAt)}); ours then: ${formatCost(comparison.oursThen, comparison.oursThenPartial)}, ${sign}${formatUsd(Math.abs(comparison.difference))}${share}.`,
    parts.length > 0
      ? `Of ours: ${parts.join(', ')}, which Claude Code may price or count differently. Its figure also restarts at /clear; ours is the whole session.`
      : "Claude Code's figure restarts at /clear; ours is the whole session.",
  ].join('\n');
}

export function sessionDetailJson(
  row: SessionRow,
  records: PricedRecord[],
  calendar: ZonedCalendar,
  comparison: EstimateComparison | null = null,
): Output<'session'> {
  return {
    session: sessionFields(row, calendar),
    claudeCodeEstimate: estimateJson(comparison, calendar),
    requests: records.map((record) => ({
      timestamp: calendar.isoOf(record.timestamp),
      model: record.model,
      subagent: record.sidechain,
      inputTokens: record.inputTokens,
      outputTokens: record.outputTokens,
      cacheCreation5mTokens: record.cacheWrite5mTokens,
      cacheCreation1hTokens: record.cacheWrite1hTokens,
      cacheReadTokens: record.cacheReadTokens,
      webSearchRequests: record.webSearchRequests,
      cost: record.cost === null ? null : roundCost(record.cost),
      costByKind: record.cost === null ? null : costByKind(record),
    })),
  };
}
