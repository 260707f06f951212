import type { PricedRecord } from '../types.js';
import type { ZonedCalendar } from './calendar.js';
import { type Group, groupRecords } from './group.js';
import { projectRows } from './projects.js';
import { totalTokens } from './rollup.js';
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
  'cost',
  'unpricedRequests',
] as const;

export function exportColumns(groupBy: GroupBy): string[] {
  return [...KEY_COLUMNS[groupBy], ...FIGURE_COLUMNS];
}

type Figures = Pick<
  Group,
  | 'requests'
  | 'inputTokens'
  | 'outputTokens'
  | 'cacheWrite5mTokens'
  | 'cacheWrite1hTokens'
  | 'cacheReadTokens'
  | 'cost'
  | 'unpricedRequests'
>;

function figures(
  rollup: Figures,
  cost: number | null,
): Record<(typeof FIGURE_COLUMNS)[number], Cell> {
  return {
    requests: rollup.requests,
    inputTokens: rollup.inputTokens,
    outputTokens: rollup.outputTokens,
    cacheCreation5mTokens: rollup.cacheWrite5mTokens,
    cacheCreation1hTokens: rollup.cacheWrite1hTokens,
    cacheReadTokens: rollup.cacheReadTokens,
    totalTokens: totalTokens(rollup),
    cost,
    unpricedRequests: rollup.unpricedRequests,
  };
}

function requestRow(record: PricedRecord, calendar: ZonedCalendar): Record<string, Cell> {
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
    requests: 1,
    inputTokens: record.inputTokens,
    outputTokens: record.outputTokens,
    cacheCreation5mTokens: record.cacheWrite5mTokens,
    cacheCreation1hTokens: record.cacheWrite1hTokens,
    cacheReadTokens: record.cacheReadTokens,
    totalTokens: totalTokens(record),
    cost: record.cost,
    unpricedRequests: record.cost === null ? 1 : 0,
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
          ...figures(group, group.cost),
        };
      }
      return;
    case 'day':
      for (const group of groupRecords(selected, (r) => calendar.dayOf(r.timestamp))) {
        yield { date: group.key, ...figures(group, group.cost) };
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
          ...figures(row, row.cost),
        };
      }
      return;
    case 'model':
      for (const group of groupRecords(selected, (r) => r.model))
        yield { model: group.key, ...figures(group, group.cost) };
      return;
    case 'project':
      for (const row of projectRows(selected)) {
        yield { project: row.project, projectPath: row.projectPath, ...figures(row, row.cost) };
      }
      return;
  }
}
