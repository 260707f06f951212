import { ExitCode, UsageError } from '../errors.js';
import { blocksJson, renderBlocksTable } from '../format/blocks.js';
import { budgetJson } from '../format/budget.js';
import { dailyJson } from '../format/daily-json.js';
import { renderDailyTable } from '../format/daily-table.js';
import { dayDetailJson } from '../format/day-detail.js';
import {
  type GroupedView,
  groupedJson,
  modelsJson,
  projectsJson,
  renderGroupedTable,
  type ViewContext,
} from '../format/grouped.js';
import { type MetaContext, reportMeta } from '../format/report-json.js';
import { reportTitle } from '../format/rollup-table.js';
import { renderSessionsTable, sessionsJson } from '../format/sessions.js';
import { renderToolsTable, toolsJson } from '../format/tools.js';
import { renderTrends, trendsJson } from '../format/trends.js';
import {
  activeBlock,
  blockSpans,
  blocksInRange,
  maxTokensOfFinishedBlocks,
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
import type { Group, NamedRollup } from '../report/group.js';
import { hourlyTimeline, hourOfDayProfile } from '../report/hourly.js';
import { projectRows } from '../report/projects.js';
import { ofModel, selectRecords } from '../report/select.js';
import { type SessionSort, sessionRows } from '../report/sessions.js';
import { toolRows } from '../report/tools.js';
import { trendsOf } from '../report/trends.js';
import { unpricedReasons } from '../report/unpriced.js';
import type { ReportContext, ReportRequest } from '../report-context.js';
import type { Output, OutputName, ReportMeta } from '../schemas/output.js';
import type { PricedRecord } from '../types.js';
import { officialLimitsJson, officialLimitsPart } from './official.js';
import { choiceOf, type ReportOption, wholeNumberOf } from './options.js';

/**
 * The reports, one definition each: name, description, own options, default range, the records
 * it needs, its JSON (typed from its published schemas) and its table. The commands, the
 * dashboard's API routes and the tests' lists are made from this list, so `--json` and the API
 * are built by the same code and cannot differ.
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
  /** daily's table: one row per model under each day. */
  breakdown?: boolean;
}

export type JsonRequest = ReportRequest & ReportExtras;

/** What a table needs from the run (width, colour, filters), given the models it shows. */
export type ViewOf = (models: NamedRollup[]) => ViewContext;

export interface ReportDefinition<S extends OutputName = OutputName> {
  name: string;
  description: string;
  aliases?: string[];
  options?: ReportOption<keyof ReportExtras>[];
  /** The published schema (`usage schema <name>`) of its JSON; hourly has one per mode. */
  schemas: S[];
  /** The first day of the default range, ending on `until` (default: the last 7 days). */
  defaultSince?: (until: Day, options: JsonRequest) => Day;
  toolUses?: boolean;
  /**
   * It only sums requests by day, week, month or model (never by session, project or time of
   * day), so it may be given a day's requests of a model as one record (`requests`).
   */
  sums?: boolean;
  /** It shows Claude Code's rate limits as the status line kept them (`context.official`). */
  official?: boolean;
  /** False: a report of something else than cost (tools), which warns of no unpriced model. */
  costs?: boolean;
  /** The report's figures and the models its meta names. */
  build(context: ReportContext<JsonRequest>): { body: Body<S>; models: NamedRollup[] };
  /** The report as a terminal table; `empty`: it shows nothing (say so in one line instead). */
  table(context: ReportContext<JsonRequest>, view: ViewOf): { text: string; empty?: boolean };
}

/** A report's JSON without its meta, typed from its schema. */
type Body<S extends OutputName> = S extends OutputName ? Omit<Output<S>, 'meta'> : never;

/** A definition whose JSON is checked against its schemas' types. */
const defineReport = <S extends OutputName>(definition: ReportDefinition<S>) => definition;

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
): ReportMeta {
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

/** The records of the range summed by `key`: weekly, monthly, models, projects, sessions. */
const rollupBy = (context: ReportContext<JsonRequest>, key: (record: PricedRecord) => string) =>
  rollupSelected(context.selected, context.selection, key);

/** A report of the range summed by a key, one row per key: weekly, monthly. */
function grouped<N extends string, K extends string>(
  name: N,
  keyName: K,
  key: KeyOf,
  view: (context: ReportContext<JsonRequest>) => Omit<GroupedView, 'labelOf'>,
) {
  return {
    build: (context: ReportContext<JsonRequest>) => {
      const rollup = rollupBy(context, key(context));
      return { body: groupedJson(rollup, rollup.rows, name, keyName), models: rollup.models };
    },
    table: (context: ReportContext<JsonRequest>, viewOf: ViewOf) => {
      const rollup = rollupBy(context, key(context));
      const labelOf = (row: { key: string }) => row.key;
      return {
        text: renderGroupedTable(
          rollup,
          rollup.rows,
          { ...view(context), labelOf },
          viewOf(rollup.models),
        ),
      };
    },
  };
}

/** The trends of a report's range (its days, weeks before it for the week-over-week change). */
export function trendsOfContext(context: ReportContext<JsonRequest>) {
  return trendsOf(context.selected, context.records, context.calendar, context.selection.range);
}

const weekStartOf = (context: ReportContext<JsonRequest>) =>
  context.options.startOfWeek ?? 'monday';

/** `2026-10-25T02:00+02:00` as `2026-10-25 02:00`, with the offset only where an hour repeats. */
function hourLabels(rows: Group[]): Map<string, string> {
  const plain = (key: string) => key.slice(0, 16).replace('T', ' ');
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(plain(row.key), (counts.get(plain(row.key)) ?? 0) + 1);
  return new Map(
    rows.map((row) => [
      row.key,
      (counts.get(plain(row.key)) ?? 0) > 1
        ? `${plain(row.key)} ${row.key.slice(16)}`
        : plain(row.key),
    ]),
  );
}

/** The hours of the range (a timeline, or the 24-hour profile with --by-hour-of-day). */
function hoursOf(context: ReportContext<JsonRequest>) {
  const profile = context.options.byHourOfDay === true;
  const rows = profile
    ? hourOfDayProfile(context.selected, context.calendar)
    : hourlyTimeline(context.selected, context.calendar);
  return { profile, rows, rollup: rollupBy(context, () => '') };
}

/** The sessions of the range in their order, at most `--limit` of them. */
function sessionsOf(context: ReportContext<JsonRequest>) {
  const rollup = rollupBy(context, (record) => record.sessionId);
  const all = sessionRows(context.selected, context.options.sort ?? 'cost');
  const limit = context.options.limit;
  return { rollup, all, rows: limit === undefined ? all : all.slice(0, limit) };
}

/** The 5-hour windows that start in the range, from the whole history, and the token limit. */
function blocksOf(context: ReportContext<JsonRequest>) {
  // Windows from the whole history; the range picks the ones to show.
  const history = blockSpans(ofModel(context.records, context.options.model));
  const blocks = blocksInRange(history, context.selection.range, context.calendar, context.now);
  const asked = context.options.tokenLimit;
  return {
    blocks,
    active: activeBlock(blocks, context.now),
    limit: asked === 'max' ? maxTokensOfFinishedBlocks(history, context.now) : (asked ?? null),
    rollup: rollupSelected(
      blocks.flatMap((block) => block.records),
      context.selection,
      () => '',
    ),
  };
}

function parseTokenLimit(value: string): number | 'max' {
  if (value === 'max') return 'max';
  const limit = Number(value.replaceAll(',', '').replaceAll('_', ''));
  if (!Number.isInteger(limit) || limit <= 0) {
    throw new UsageError(
      `--token-limit: '${value}' is not a whole number of tokens or 'max'`,
      ExitCode.usage,
    );
  }
  return limit;
}

export const REPORTS: ReportDefinition[] = [
  defineReport({
    name: 'daily',
    sums: true,
    description: 'cost and tokens per day (the default report: the last 7 days)',
    options: [
      {
        flags: '-b, --breakdown',
        description: 'one row per model under each day',
        name: 'breakdown',
      },
    ],
    schemas: ['daily'],
    build: (context) => {
      const report = dailyOfSelected(context.selected, context.selection);
      return { body: dailyJson(report), models: report.models };
    },
    table: (context, view) => {
      const report = dailyOfSelected(context.selected, context.selection);
      return {
        text: renderDailyTable(report, {
          ...view(report.models),
          breakdown: context.options.breakdown === true,
        }),
      };
    },
  }),
  defineReport({
    name: 'weekly',
    sums: true,
    description: 'cost and tokens per week (default: the last 8 weeks)',
    options: [
      {
        flags: '--start-of-week <day>',
        description: 'the first day of a week',
        name: 'startOfWeek',
        parse: choiceOf('--start-of-week', ['monday', 'sunday'] as const),
        default: 'monday',
      },
    ],
    schemas: ['weekly'],
    defaultSince: (until, options) => addDays(weekOf(until, options.startOfWeek ?? 'monday'), -49),
    ...grouped(
      'weekly',
      'week',
      (c) => (r) => weekOf(c.calendar.dayOf(r.timestamp), weekStartOf(c)),
      (c) => ({ what: `by week (from ${weekStartOf(c)})`, label: { header: 'Week of' } }),
    ),
  }),
  defineReport({
    name: 'monthly',
    sums: true,
    description: 'cost and tokens per month (default: the last 6 months)',
    schemas: ['monthly'],
    defaultSince: (until) => monthsBefore(until, 5),
    ...grouped(
      'monthly',
      'month',
      (c) => (r) => monthOf(c.calendar.dayOf(r.timestamp)),
      () => ({ what: 'by month', label: { header: 'Month' } }),
    ),
  }),
  defineReport({
    name: 'models',
    sums: true,
    description: "requests, tokens and cost per model, with each one's share",
    aliases: ['model'],
    schemas: ['models'],
    build: (context) => {
      const report = rollupBy(context, (r) => r.model);
      return { body: modelsJson(report), models: report.models };
    },
    table: (context, view) => {
      const report = rollupBy(context, (r) => r.model);
      const rows = [...report.rows].sort((a, b) => b.cost - a.cost || (a.key < b.key ? -1 : 1));
      const shape = {
        what: 'by model',
        label: { header: 'Model', maxWidth: 30 },
        labelOf: (row: { key: string }) => row.key,
        models: false,
        requests: true,
        costShare: true,
      };
      return { text: renderGroupedTable(report, rows, shape, view(report.models)) };
    },
  }),
  defineReport({
    name: 'projects',
    description: 'cost and tokens per project (its real path)',
    aliases: ['project'],
    schemas: ['projects'],
    build: (context) => {
      const report = rollupBy(context, (r) => r.project);
      return { body: projectsJson(report, projectRows(context.selected)), models: report.models };
    },
    table: (context, view) => {
      const report = rollupBy(context, (r) => r.project);
      const rows = projectRows(context.selected);
      const paths = new Map(rows.map((row) => [row.key, row.projectPath]));
      const shape = {
        what: 'by project',
        label: { header: 'Project', maxWidth: 36, shorten: 'start' as const },
        labelOf: (row: { key: string }) => paths.get(row.key) ?? row.key,
        costShare: true,
      };
      return { text: renderGroupedTable(report, rows, shape, view(report.models)) };
    },
  }),
  defineReport({
    name: 'hourly',
    description: 'cost and tokens per hour (default: today), or the 24-hour profile',
    options: [
      {
        flags: '--by-hour-of-day',
        description: 'sum the range by hour of day: 24 rows (default range: 7 days)',
        name: 'byHourOfDay',
      },
    ],
    schemas: ['hourly', 'hour-of-day'],
    defaultSince: (until, options) => (options.byHourOfDay ? addDays(until, -6) : until),
    build: (context) => {
      const { profile, rows, rollup } = hoursOf(context);
      return {
        body: profile
          ? groupedJson(rollup, rows, 'hourOfDay', 'hour')
          : groupedJson(rollup, rows, 'hourly', 'hour'),
        models: rollup.models,
      };
    },
    table: (context, view) => {
      const { profile, rows, rollup } = hoursOf(context);
      const labels = hourLabels(rows);
      const shape = {
        what: profile ? 'by hour of day' : 'by hour',
        label: { header: 'Hour' },
        labelOf: (row: Group) => (profile ? `${row.key}:00` : (labels.get(row.key) ?? row.key)),
      };
      return { text: renderGroupedTable(rollup, rows, shape, view(rollup.models)) };
    },
  }),
  defineReport({
    name: 'sessions',
    description: 'one row per session (subagents included), or one session in detail',
    aliases: ['session'],
    options: [
      {
        flags: '--sort <key>',
        description: 'order of the rows: cost, tokens, date',
        name: 'sort',
        parse: choiceOf('--sort', ['cost', 'tokens', 'date'] as const),
        default: 'cost',
      },
      {
        flags: '--limit <n>',
        description: 'show at most n sessions',
        name: 'limit',
        parse: wholeNumberOf('--limit', 1),
      },
    ],
    schemas: ['sessions'],
    build: (context) => {
      const { rollup, all, rows } = sessionsOf(context);
      return {
        body: sessionsJson(rollup, rows, all.length, context.calendar),
        models: rollup.models,
      };
    },
    table: (context, view) => {
      const { rollup, all, rows } = sessionsOf(context);
      return {
        text: renderSessionsTable(rollup, rows, all.length, context.calendar, view(rollup.models)),
      };
    },
  }),
  defineReport({
    name: 'blocks',
    description: "Claude's 5-hour usage windows: each one's cost, and the active one's burn rate",
    aliases: ['block'],
    official: true,
    options: [
      {
        flags: '--token-limit <n|max>',
        description: "mark windows over n tokens ('max': the most any finished window used)",
        name: 'tokenLimit',
        parse: parseTokenLimit,
      },
    ],
    schemas: ['blocks'],
    build: (context) => {
      const { blocks, active, limit, rollup } = blocksOf(context);
      return {
        body: {
          ...blocksJson(blocks, active, limit, context.calendar),
          officialLimits: officialLimitsJson(context),
        },
        models: rollup.models,
      };
    },
    table: (context, view) => {
      const { blocks, active, limit, rollup } = blocksOf(context);
      return {
        text: renderBlocksTable(
          rollup,
          blocks,
          active,
          limit,
          context.calendar,
          view(rollup.models),
          officialLimitsPart(context, view([]).palette),
        ),
        empty: blocks.length === 0,
      };
    },
  }),
  defineReport({
    name: 'tools',
    description: 'tool calls (Read, Edit, Bash, ...) by tool name',
    aliases: ['tool'],
    toolUses: true,
    costs: false,
    schemas: ['tools'],
    build: (context) => {
      const report = rollupBy(context, () => '');
      const rows = toolRows(selectRecords(context.toolUses, context.selection));
      return { body: toolsJson(rows), models: report.models };
    },
    table: (context, view) => {
      const rows = toolRows(selectRecords(context.toolUses, context.selection));
      const { palette, width } = view([]);
      const title = reportTitle(
        'by tool',
        { range: context.selection.range, timeZone: context.calendar.timeZone },
        context.options,
      );
      return { text: renderToolsTable(rows, title, palette, width) };
    },
  }),
  defineReport({
    name: 'trends',
    description: 'cost over time: daily average, week over week, weekdays, hours, model mix',
    options: [
      {
        flags: '--days <n>',
        description: 'the days to look at, ending today (or --until)',
        name: 'days',
        parse: wholeNumberOf('--days', 1, 3660, 'days'),
        default: 30,
      },
    ],
    schemas: ['trends'],
    defaultSince: (until, options) => addDays(until, 1 - (options.days ?? 30)),
    build: (context) => {
      const trends = trendsOfContext(context);
      const report = rollupBy(context, () => '');
      return { body: { trends: trendsJson(trends) }, models: report.models };
    },
    table: (context, view) => {
      const report = rollupBy(context, () => '');
      const { palette, width } = view(report.models);
      return {
        text: renderTrends(
          trendsOfContext(context),
          context.calendar.timeZone,
          palette,
          width,
          context.options,
        ),
      };
    },
  }),
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

/**
 * A report's whole JSON: its figures, then `meta`, which names the unpriced models with the
 * reasons `unpricedOf` gives (the CLI's also says so on stderr).
 */
export function reportJson<S extends OutputName>(
  definition: ReportDefinition<S>,
  context: ReportContext<JsonRequest>,
  unpricedOf: (models: NamedRollup[]) => Map<string, string> = (models) =>
    unpricedOfModels(context, models),
): Body<S> & { meta: ReportMeta } {
  const { body, models } = definition.build(context);
  return { ...body, meta: metaOf(context, models, unpricedOf(models)) };
}

/** `--day`: one day in detail; `context` covers `dayDetailSince(day, today)` to today. */
export function dayJson(context: ReportContext<JsonRequest>, day: Day): Output<'day'> {
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
export function budgetReportJson(context: ReportContext<JsonRequest>): Output<'budget'> {
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
