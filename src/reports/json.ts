import { ExitCode, UsageError } from '../errors.js';
import { blocksJson } from '../format/blocks.js';
import { budgetJson } from '../format/budget.js';
import { dailyJson } from '../format/daily-json.js';
import { dayDetailJson } from '../format/day-detail.js';
import { groupedJson, modelsJson, projectsJson } from '../format/grouped.js';
import { type MetaContext, reportMeta } from '../format/report-json.js';
import { sessionsJson } from '../format/sessions.js';
import { toolsJson } from '../format/tools.js';
import { trendsJson } from '../format/trends.js';
import {
  activeBlock,
  blocksInRange,
  maxTokensOfFinishedBlocks,
  usageBlocks,
} from '../report/blocks.js';
import { worstState } from '../report/budget.js';
import {
  addDays,
  type Day,
  monthOf,
  monthsBefore,
  type WeekStart,
  weekOf,
} from '../report/calendar.js';
import { dailyOfSelected, rollupSelected } from '../report/daily.js';
import { dayDetail } from '../report/day-detail.js';
import type { NamedRollup } from '../report/group.js';
import { hourlyTimeline, hourOfDayProfile } from '../report/hourly.js';
import { projectRows } from '../report/projects.js';
import { ofModel, selectRecords } from '../report/select.js';
import { type SessionSort, sessionRows } from '../report/sessions.js';
import { toolRows } from '../report/tools.js';
import { trendsOf } from '../report/trends.js';
import { unpricedReasons } from '../report/unpriced.js';
import type { ReportContext, ReportRequest } from '../report-context.js';
import type { PricedRecord } from '../types.js';

/**
 * The JSON of each report, from its context: what `--json` prints and what the dashboard's
 * API answers, built by the same code so the two cannot differ. A definition says which
 * records its context needs (its default range, tool calls) and how to build its JSON.
 */

/** The options some reports have besides the shared ones. */
export interface ReportExtras {
  startOfWeek?: WeekStart;
  byHourOfDay?: boolean;
  sort?: SessionSort;
  limit?: number;
  /** `--token-limit`: a number, or the most any finished window used. */
  tokenLimit?: number | 'max';
  days?: number;
}

export type JsonRequest = ReportRequest & ReportExtras;

export interface ReportDefinition {
  name: string;
  /** The first day of the default range, ending on `until` (default: the last 7 days). */
  defaultSince?: (until: Day, options: JsonRequest) => Day;
  toolUses?: boolean;
  /** The report's figures and the models its meta names. */
  build(context: ReportContext<JsonRequest>): {
    body: Record<string, unknown>;
    models: NamedRollup[];
  };
}

/** Why each model's requests of the report lack a cost, for `meta.unpricedModels`. */
export function unpricedOfModels(
  context: ReportContext<JsonRequest>,
  models: NamedRollup[],
): Map<string, string> {
  const reasons = unpricedReasons(context.selected);
  return new Map(
    models
      .filter((model) => model.unpricedRequests > 0)
      .map((model) => [model.name, reasons.get(model.name) ?? 'no known price']),
  );
}

/** The `meta` of a report's JSON. */
export function metaOf(
  context: ReportContext<JsonRequest>,
  models: NamedRollup[],
  unpriced: Map<string, string> = unpricedOfModels(context, models),
): ReturnType<typeof reportMeta> {
  const meta: MetaContext = {
    range: context.selection.range,
    timeZone: context.calendar.timeZone,
    stats: context.stats,
    project: context.options.project,
    model: context.options.model,
    allRoots: context.options.allRoots === true,
    costMode: context.options.mode,
    prices: context.book.prices,
    unpriced,
    models,
    budgets: context.budgets,
  };
  return reportMeta(meta);
}

type KeyOf = (context: ReportContext<JsonRequest>) => (record: PricedRecord) => string;

/** A report that sums the selected records by a key: weekly, monthly. */
function grouped(name: string, keyName: string, key: KeyOf): ReportDefinition['build'] {
  return (context) => {
    const report = rollupSelected(context.selected, context.selection, key(context));
    return { body: groupedJson(report, report.rows, name, keyName), models: report.models };
  };
}

/** The trends of a report's range (its days, weeks before it for the week-over-week change). */
export function trendsOfContext(context: ReportContext<JsonRequest>) {
  return trendsOf(context.selected, context.records, context.calendar, context.selection.range);
}

export const REPORTS: ReportDefinition[] = [
  {
    name: 'daily',
    build: (context) => {
      const report = dailyOfSelected(context.selected, context.selection);
      return { body: dailyJson(report), models: report.models };
    },
  },
  {
    name: 'weekly',
    defaultSince: (until, options) => addDays(weekOf(until, options.startOfWeek ?? 'monday'), -49),
    build: grouped(
      'weekly',
      'week',
      (c) => (r) => weekOf(c.calendar.dayOf(r.timestamp), c.options.startOfWeek ?? 'monday'),
    ),
  },
  {
    name: 'monthly',
    defaultSince: (until) => monthsBefore(until, 5),
    build: grouped('monthly', 'month', (c) => (r) => monthOf(c.calendar.dayOf(r.timestamp))),
  },
  {
    name: 'models',
    build: (context) => {
      const report = rollupSelected(context.selected, context.selection, (r) => r.model);
      return { body: modelsJson(report), models: report.models };
    },
  },
  {
    name: 'projects',
    build: (context) => {
      const report = rollupSelected(context.selected, context.selection, (r) => r.project);
      return { body: projectsJson(report, projectRows(context.selected)), models: report.models };
    },
  },
  {
    name: 'hourly',
    defaultSince: (until, options) => (options.byHourOfDay ? addDays(until, -6) : until),
    build: (context) => {
      const report = rollupSelected(context.selected, context.selection, () => '');
      const profile = context.options.byHourOfDay === true;
      const rows = profile
        ? hourOfDayProfile(context.selected, context.calendar)
        : hourlyTimeline(context.selected, context.calendar);
      return {
        body: groupedJson(report, rows, profile ? 'hourOfDay' : 'hourly', 'hour'),
        models: report.models,
      };
    },
  },
  {
    name: 'sessions',
    build: (context) => {
      const report = rollupSelected(context.selected, context.selection, (r) => r.sessionId);
      const all = sessionRows(context.selected, context.options.sort ?? 'cost');
      const limit = context.options.limit;
      const rows = limit === undefined ? all : all.slice(0, limit);
      return {
        body: sessionsJson(report, rows, all.length, context.calendar),
        models: report.models,
      };
    },
  },
  {
    name: 'blocks',
    build: (context) => {
      // Windows from the whole history; the range picks the ones to show.
      const history = usageBlocks(ofModel(context.records, context.options.model), context.now);
      const blocks = blocksInRange(history, context.selection.range, context.calendar);
      const active = activeBlock(blocks, context.now);
      const asked = context.options.tokenLimit;
      const limit = asked === 'max' ? maxTokensOfFinishedBlocks(history) : (asked ?? null);
      const shown = blocks.flatMap((block) => block.records);
      const report = rollupSelected(shown, context.selection, () => '');
      return { body: blocksJson(blocks, active, limit, context.calendar), models: report.models };
    },
  },
  {
    name: 'tools',
    toolUses: true,
    build: (context) => {
      const report = rollupSelected(context.selected, context.selection, () => '');
      const rows = toolRows(selectRecords(context.toolUses, context.selection));
      return { body: toolsJson(rows), models: report.models };
    },
  },
  {
    name: 'trends',
    defaultSince: (until, options) => addDays(until, 1 - (options.days ?? 30)),
    build: (context) => {
      const trends = trendsOfContext(context);
      const report = rollupSelected(context.selected, context.selection, () => '');
      return { body: { trends: trendsJson(trends) }, models: report.models };
    },
  },
];

/** A report's definition by name. */
export function reportNamed(name: string): ReportDefinition | undefined {
  return REPORTS.find((report) => report.name === name);
}

function definition(
  name: string,
): Required<Pick<ReportDefinition, 'defaultSince'>> & ReportDefinition {
  const found = reportNamed(name);
  if (found === undefined) throw new Error(`no report named ${name}`);
  return { defaultSince: (until) => addDays(until, -6), ...found };
}

/** The definitions by name, for the commands. */
export const REPORT = {
  daily: definition('daily'),
  weekly: definition('weekly'),
  monthly: definition('monthly'),
  models: definition('models'),
  projects: definition('projects'),
  hourly: definition('hourly'),
  sessions: definition('sessions'),
  blocks: definition('blocks'),
  tools: definition('tools'),
  trends: definition('trends'),
};

/** A report's whole JSON: its figures, then `meta`. */
export function reportJson(
  definition: ReportDefinition,
  context: ReportContext<JsonRequest>,
  unpriced?: Map<string, string>,
): Record<string, unknown> {
  const { body, models } = definition.build(context);
  return { ...body, meta: metaOf(context, models, unpriced ?? unpricedOfModels(context, models)) };
}

/** `--day`: one day in detail; `context` covers `dayDetailSince(day, today)` to today. */
export function dayJson(context: ReportContext<JsonRequest>, day: Day): Record<string, unknown> {
  const detail = dayDetail(context.selected, day, context.today, context.calendar);
  return {
    ...dayDetailJson(detail),
    meta: metaOf(
      {
        ...context,
        selection: { ...context.selection, range: { since: day, until: day, fillEmptyDays: true } },
      },
      detail.models,
    ),
  };
}

/** `usage budget --json`; no budget set is a usage error saying how to set one. */
export function budgetReportJson(context: ReportContext<JsonRequest>): Record<string, unknown> {
  if (context.budgets.length === 0) {
    throw new UsageError(
      `no budget is set: add one to ${context.book.configFile}, such as {"budgets": {"daily": 20, "monthly": 400}}, or pass --daily-budget, --weekly-budget or --monthly-budget`,
      ExitCode.usage,
    );
  }
  return {
    budgets: budgetJson(context.budgets),
    alertPercent: context.budgetLimits.alertPercent,
    state: worstState(context.budgets),
    meta: metaOf(context, [], new Map()),
  };
}
