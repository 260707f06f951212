import type { DayDetail } from '../report/day-detail.js';
import { totalTokens } from '../report/rollup.js';
import type { ViewContext } from './grouped.js';
import { countOf, formatCost, formatInteger, formatUsd, roundCost } from './numbers.js';
import { costFields, modelBreakdown, tokenFields } from './report-json.js';
import {
  barShares,
  filterScope,
  type LabelColumn,
  renderGrid,
  reportNotes,
  type TableRow,
  totalRow,
} from './rollup-table.js';
import { wrapText } from './wrap.js';

function percent(value: number | null): string {
  return value === null ? 'n/a' : `${(value * 100).toFixed(1)}%`;
}

/** One day in detail: totals, models, token kinds, hours, projects, sessions, month estimate. */
export function renderDayDetail(detail: DayDetail, context: ViewContext): string {
  const t = detail.totals;
  const partial = t.unpricedRequests > 0;
  const section = (title: string, body: string) => `\n${context.palette.heading(title)}\n${body}`;
  const table = (
    labels: LabelColumn[],
    rows: TableRow[],
    extra: { bar?: boolean; requests?: boolean; costShare?: boolean } = {},
  ) => renderGrid({ labels, rows, ...extra }, context).text;

  const models = table(
    [{ header: 'Model', maxWidth: 30 }],
    [
      ...detail.models.map((m) => ({
        labels: [m.name],
        models: [m.name],
        rollup: m,
        kind: 'row' as const,
        share: 0,
      })),
      totalRow(detail.models, t),
    ],
    { requests: true, costShare: true },
  );
  // Tokens and what each kind cost: the parts add up to the day's total.
  const kinds: [string, string, number][] = [
    ['Input', formatInteger(t.inputTokens), t.inputCost],
    ['Output', formatInteger(t.outputTokens), t.outputCost],
    ['Cache write 5m', formatInteger(t.cacheWrite5mTokens), t.cacheWrite5mCost],
    ['Cache write 1h', formatInteger(t.cacheWrite1hTokens), t.cacheWrite1hCost],
    ['Cache read', formatInteger(t.cacheReadTokens), t.cacheReadCost],
  ];
  if (t.webSearchRequests > 0 || t.webSearchCost > 0) {
    kinds.push(['Web search', `${formatInteger(t.webSearchRequests)} searches`, t.webSearchCost]);
  }
  if (t.loggedCost > 0) kinds.push(['Logged costUSD', '', t.loggedCost]);
  kinds.push(['Total', formatInteger(totalTokens(t)), t.cost]);
  const countWidth = Math.max(...kinds.map(([, n]) => n.length));
  const costWidth = Math.max(...kinds.map(([, , cost]) => formatUsd(cost).length)) + 1;
  const kindLines = kinds.map(([name, n, cost]) => {
    const shown = name === 'Total' ? formatCost(cost, partial) : formatUsd(cost);
    return `  ${name.padEnd(15)} ${n.padStart(countWidth)}  ${shown.padStart(costWidth)}`.trimEnd();
  });
  const hours = table(
    [{ header: 'Hour' }],
    barShares(
      detail.hours.map((slot) => ({
        labels: [slot.label],
        models: [],
        rollup: slot,
        kind: 'row' as const,
      })),
    ),
    { bar: detail.hours.some((slot) => slot.cost > 0), requests: true },
  );
  const projects = table(
    [{ header: 'Project', maxWidth: 40, shorten: 'start' }],
    detail.projects.map((p) => ({
      labels: [p.projectPath],
      models: [],
      rollup: p,
      kind: 'row' as const,
      share: 0,
    })),
    { requests: true },
  );
  const sessions = table(
    [{ header: 'Session' }, { header: 'Project', maxWidth: 24, shorten: 'start' }],
    detail.topSessions.map((s) => ({
      labels: [s.sessionId.slice(0, 8), s.projectPath],
      models: [],
      rollup: s,
      kind: 'row' as const,
      share: 0,
    })),
    { requests: true },
  );
  const peak =
    detail.peakHour === null
      ? 'none'
      : `${detail.peakHour.label} (${formatCost(detail.peakHour.cost, detail.peakHour.unpricedRequests > 0)}, ${formatInteger(totalTokens(detail.peakHour))} tokens)`;
  const p = detail.projection;
  const wrap = (text: string) => wrapText(text, context.width);
  const indented = (text: string) =>
    wrapText(text, context.width - 2)
      .split('\n')
      .map((line) => `  ${line}`)
      .join('\n');
  return [
    context.palette.heading(
      wrap(`Claude Code usage on ${detail.date} · ${detail.timeZone}${filterScope(context)}`),
    ),
    wrap(
      `Total ${formatCost(t.cost, partial)} · ${countOf(totalTokens(t), 'token')} · ${countOf(detail.sessions, 'session')} · ${countOf(t.requests, 'request')}`,
    ),
    wrap(
      `Cache hit rate ${percent(detail.cacheHitRate)} (cache reads / all prompt tokens) · peak hour ${peak}`,
    ),
    section('By model', models),
    section('Tokens and cost by kind', kindLines.join('\n')),
    section(`By hour (peak ${detail.peakHour?.label ?? 'none'})`, hours),
    section('Projects', projects),
    section('Most expensive sessions', sessions),
    p.isEstimate
      ? section(
          'Month projection (an estimate)',
          indented(
            `${formatUsd(p.monthToDate)} so far this month + ${formatUsd(p.trailingDailyAverage)}/day (7-day average) × ${countOf(p.daysLeft, 'day')} left = ${formatUsd(p.estimate)}`,
          ),
        )
      : section(
          `Month total (${detail.date.slice(0, 7)})`,
          indented(`${formatUsd(p.estimate)}: the whole month, as it was`),
        ),
    ...reportNotes(detail.models, context.unpriced).map((note) => context.palette.muted(note)),
  ].join('\n');
}

export function dayDetailJson(detail: DayDetail) {
  return {
    day: {
      date: detail.date,
      ...costFields(detail.totals),
      sessions: detail.sessions,
      cacheHitRate: detail.cacheHitRate,
      models: detail.models.map((m) => ({ ...modelBreakdown(m), costShare: m.share })),
      hours: detail.hours.map((slot) => ({
        hour: slot.label,
        start: new Date(slot.start).toISOString(),
        ...costFields(slot),
      })),
      peakHour: detail.peakHour?.label ?? null,
      projects: detail.projects.map((row) => ({
        project: row.project,
        projectPath: row.projectPath,
        ...costFields(row),
      })),
      topSessions: detail.topSessions.map((row) => ({
        sessionId: row.sessionId,
        projectPath: row.projectPath,
        ...costFields(row),
      })),
      projection: {
        monthToDate: roundCost(detail.projection.monthToDate),
        trailingDailyAverage: roundCost(detail.projection.trailingDailyAverage),
        daysLeft: detail.projection.daysLeft,
        estimate: roundCost(detail.projection.estimate),
        isEstimate: detail.projection.isEstimate,
      },
      tokens: tokenFields(detail.totals),
    },
  };
}
