import type { GroupedReport } from '../report/daily.js';
import type { Group } from '../report/group.js';
import type { ProjectRow } from '../report/projects.js';
import type { ScanStats } from '../types.js';
import { roundCost } from './numbers.js';
import { costByKind, groupFields, tokenFields } from './report-json.js';
import {
  barShares,
  type LabelColumn,
  type ReportFilters,
  renderRollupTable,
  reportNotes,
  reportTitle,
  type TableOptions,
  totalRow,
} from './rollup-table.js';

export interface GroupedView {
  /** `by week`, `by month`, ... for the title. */
  what: string;
  label: LabelColumn;
  labelOf: (row: Group) => string;
  bar?: boolean;
  models?: boolean;
  requests?: boolean;
  costShare?: boolean;
}

export interface ViewContext extends TableOptions, ReportFilters {
  stats: ScanStats;
  unpriced: Map<string, string>;
}

/** Any grouped report as a table: one row per group, a Total row, notes. */
export function renderGroupedTable(
  report: GroupedReport,
  rows: Group[],
  view: GroupedView,
  context: ViewContext,
): string {
  const tableRows = barShares(rows.map((row) => ({ row, rollup: row }))).map(({ row, share }) => ({
    labels: [view.labelOf(row)],
    models: row.models.map((model) => model.name),
    rollup: row,
    kind: 'row' as const,
    share,
  }));
  return renderRollupTable(
    {
      title: reportTitle(view.what, report, context),
      labels: [view.label],
      rows: [...tableRows, totalRow(report.models, report.totals)],
      models: view.models ?? true,
      requests: view.requests,
      costShare: view.costShare,
      bar: (view.bar ?? true) && rows.some((row) => row.cost > 0),
      notes: reportNotes(report.models, context.unpriced),
    },
    context,
  );
}

type Figures = ReturnType<typeof groupFields>;
type GroupedJson<N extends string, K extends string> = {
  [P in N]: ({ [Q in K]: string } & Figures)[];
} & { totals: Figures };

/** `{ [name]: [{ [key]: …, ...figures }], totals }`, as ccusage names weekly and monthly. */
export function groupedJson<N extends string, K extends string>(
  report: GroupedReport,
  rows: Group[],
  name: N,
  keyName: K,
): GroupedJson<N, K> {
  // Computed keys lose their names in the type; the cast puts them back.
  return {
    [name]: rows.map((row) => ({ [keyName]: row.key, ...groupFields(row) })),
    totals: groupFields({ ...report.totals, models: report.models }),
  } as GroupedJson<N, K>;
}

/**
 * Models with their share of the cost: of the costs as shown (rounded to a billionth), so the
 * same costs give the same share however their requests were summed.
 */
export function modelsJson(report: GroupedReport) {
  const total = roundCost(report.totals.cost);
  return {
    models: report.models.map((model) => ({
      model: model.name,
      ...tokenFields(model),
      cost: model.unpricedRequests > 0 ? null : roundCost(model.cost),
      costByKind: model.unpricedRequests > 0 ? null : costByKind(model),
      costShare: total > 0 ? roundCost(model.cost) / total : 0,
    })),
    totals: groupFields({ ...report.totals, models: report.models }),
  };
}

export function projectsJson(report: GroupedReport, rows: ProjectRow[]) {
  return {
    projects: rows.map((row) => ({
      project: row.project,
      projectPath: row.projectPath,
      ...groupFields(row),
    })),
    totals: groupFields({ ...report.totals, models: report.models }),
  };
}
