import { periodInterval } from '../pricing/changes.js';
import { COST_PARTS } from '../pricing/cost.js';
import type { PricedRecord } from '../types.js';
import type { ZonedCalendar } from './calendar.js';
import { groupRecords } from './group.js';
import { projectRows } from './projects.js';
import { type Rollup, totalTokens } from './rollup.js';
import { sessionRows } from './sessions.js';

export const GROUP_BYS = ['request', 'hour', 'day', 'session', 'model', 'project'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

/** A cell: text, a count, a cost (null when unknown) or a flag. */
export type Cell = string | number | boolean | null;

/** What identifies a row for each grouping, before the figures every row has. */
const KEY_COLUMNS: Record<GroupBy, string[]> = {
  request: [
    'timestamp',
    'date',
    'sessionId',
    'project',
    'projectPath',
    'model',
    'subagent',
    'priced',
    'pricePeriod',
    'fast',
    'fastBilled',
    'inferenceGeo',
  ],
  hour: ['hour', 'date'],
  day: ['date'],
  session: ['sessionId', 'project', 'projectPath', 'firstActivity', 'lastActivity'],
  model: ['model'],
  project: ['project', 'projectPath'],
};

export const FIGURE_COLUMNS = [
  'requests',
  'inputTokens',
  'outputTokens',
  'cacheCreation5mTokens',
  'cacheCreation1hTokens',
  'cacheReadTokens',
  'totalTokens',
  'webSearchRequests',
  'cost',
  ...COST_PARTS,
  'unpricedRequests',
] as const;

/** The columns that hold dollars (a cost, or one of its parts). */
export const COST_COLUMNS: ReadonlySet<string> = new Set(
  FIGURE_COLUMNS.filter((column) => column === 'cost' || column.endsWith('Cost')),
);

export function exportColumns(groupBy: GroupBy): string[] {
  return [...KEY_COLUMNS[groupBy], ...FIGURE_COLUMNS];
}

type Figures = Omit<Rollup, 'cost' | 'requests' | 'unpricedRequests'>;

/** The figures every row has; the cost parts are null where the cost is unknown. */
function figures(
  rollup: Figures,
  cost: number | null,
  requests: number,
  unpricedRequests: number,
): Record<(typeof FIGURE_COLUMNS)[number], Cell> {
  const known = cost !== null;
  return {
    requests,
    inputTokens: rollup.inputTokens,
    outputTokens: rollup.outputTokens,
    cacheCreation5mTokens: rollup.cacheWrite5mTokens,
    cacheCreation1hTokens: rollup.cacheWrite1hTokens,
    cacheReadTokens: rollup.cacheReadTokens,
    totalTokens: totalTokens(rollup),
    webSearchRequests: rollup.webSearchRequests,
    cost,
    inputCost: known ? rollup.inputCost : null,
    outputCost: known ? rollup.outputCost : null,
    cacheWrite5mCost: known ? rollup.cacheWrite5mCost : null,
    cacheWrite1hCost: known ? rollup.cacheWrite1hCost : null,
    cacheReadCost: known ? rollup.cacheReadCost : null,
    webSearchCost: known ? rollup.webSearchCost : null,
    loggedCost: known ? rollup.loggedCost : null,
    unpricedRequests,
  };
}

function groupFigures(group: Rollup): Record<(typeof FIGURE_COLUMNS)[number], Cell> {
  return figures(group, group.cost, group.requests, group.unpricedRequests);
}

function requestRow(record: PricedRecord, calendar: ZonedCalendar): Record<string, Cell> {
  const period = record.pricePeriod;
  // Built field by field: a million of these must not each copy the record.
  return {
    timestamp: calendar.isoOf(record.timestamp),
    date: calendar.dayOf(record.timestamp),
    sessionId: record.sessionId,
    project: record.project,
    projectPath: record.cwd ?? record.project,
    model: record.model,
    subagent: record.sidechain,
    priced: record.cost !== null,
    pricePeriod: period === null ? null : periodInterval(period),
    fast: record.fast,
    fastBilled: record.fast && period !== null && period.fast !== null,
    inferenceGeo: record.inferenceGeo,
    ...figures(record, record.cost, 1, record.cost === null ? 1 : 0),
  };
}

/**
 * The rows of an export, lazily: one per request, or one per hour, day, session, model or
 * project. Every figure is a sum of the same selected records as the reports.
 */
export function* exportRows(
  selected: PricedRecord[],
  groupBy: GroupBy,
  calendar: ZonedCalendar,
): Generator<Record<string, Cell>> {
  switch (groupBy) {
    case 'request':
      for (const record of selected) yield requestRow(record, calendar);
      return;
    case 'hour':
      for (const group of groupRecords(selected, (r) => calendar.hourKeyOf(r.timestamp)).sort(
        (a, b) => a.first - b.first,
      )) {
        const start = group.key.slice(0, 13);
        yield {
          hour: `${start}:00:00${group.key.slice(16)}`,
          date: start.slice(0, 10),
          ...groupFigures(group),
        };
      }
      return;
    case 'day':
      for (const group of groupRecords(selected, (r) => calendar.dayOf(r.timestamp))) {
        yield { date: group.key, ...groupFigures(group) };
      }
      return;
    case 'session':
      for (const row of sessionRows(selected, 'date').reverse()) {
        yield {
          sessionId: row.sessionId,
          project: row.project,
          projectPath: row.projectPath,
          firstActivity: calendar.isoOf(row.first),
          lastActivity: calendar.isoOf(row.last),
          ...groupFigures(row),
        };
      }
      return;
    case 'model':
      for (const group of groupRecords(selected, (r) => r.model))
        yield { model: group.key, ...groupFigures(group) };
      return;
    case 'project':
      for (const row of projectRows(selected)) {
        yield { project: row.project, projectPath: row.projectPath, ...groupFigures(row) };
      }
      return;
  }
}
