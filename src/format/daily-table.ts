import Table from 'cli-table3';
import type { DailyReport, NamedRollup } from '../report/daily.js';
import { cacheWriteTokens, type Rollup, totalTokens } from '../report/rollup.js';
import type { ScanStats } from '../types.js';
import type { Palette } from './color.js';
import { shortModelName, summarizeModels } from './model-name.js';
import { formatCost, formatInteger, renderBar } from './numbers.js';
import { wrapText } from './wrap.js';

export interface TableOptions {
  /** Columns available; the widest layout that fits is used. */
  width: number;
  palette: Palette;
  /** One extra row per model under each day. */
  breakdown: boolean;
  /** Use the compact layout even when the full one would fit. */
  compact?: boolean;
  /** Why some models' requests have no cost: model -> reason. */
  unpriced?: Map<string, string>;
}

type ColumnId =
  | 'date'
  | 'models'
  | 'input'
  | 'output'
  | 'write'
  | 'read'
  | 'total'
  | 'cost'
  | 'bar';

interface Row {
  label: string;
  models: string[];
  rollup: Rollup;
  kind: 'day' | 'model' | 'total' | 'average';
  /** 0..1 of the most expensive day, for the bar. */
  share: number;
}

const HEADERS: Record<ColumnId, string> = {
  date: 'Date',
  models: 'Models',
  input: 'Input',
  output: 'Output',
  write: 'Cache write',
  read: 'Cache read',
  total: 'Total tokens',
  cost: 'Cost (USD)',
  bar: '',
};

/** Layouts from the richest to the narrowest; the first that fits the width is used. */
const LAYOUTS: { columns: ColumnId[]; modelsWidth: number; barWidth: number }[] = [
  {
    columns: ['date', 'models', 'input', 'output', 'write', 'read', 'total', 'cost', 'bar'],
    modelsWidth: 24,
    barWidth: 10,
  },
  { columns: ['date', 'models', 'total', 'cost', 'bar'], modelsWidth: 24, barWidth: 8 },
  { columns: ['date', 'models', 'total', 'cost', 'bar'], modelsWidth: 14, barWidth: 8 },
  { columns: ['date', 'total', 'cost', 'bar'], modelsWidth: 0, barWidth: 8 },
  { columns: ['date', 'total', 'cost'], modelsWidth: 0, barWidth: 0 },
];

const VISIBLE_ESCAPES = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

function visibleWidth(text: string): number {
  let widest = 0;
  for (const line of text.split('\n')) {
    widest = Math.max(widest, line.replace(VISIBLE_ESCAPES, '').length);
  }
  return widest;
}

function cell(row: Row, column: ColumnId, layout: (typeof LAYOUTS)[number], p: Palette): string {
  const partial = row.rollup.unpricedRequests > 0;
  const style = row.kind === 'total' ? p.total : row.kind === 'model' ? p.muted : (s: string) => s;
  switch (column) {
    case 'date':
      // Without a models column, a breakdown row names its model here.
      return row.kind === 'model' && !layout.columns.includes('models')
        ? style(`└ ${shortModelName(row.models[0] ?? '')}`)
        : style(row.label);
    case 'models':
      return row.kind === 'model'
        ? style(`└ ${summarizeModels(row.models, layout.modelsWidth - 2)}`)
        : style(summarizeModels(row.models, layout.modelsWidth));
    case 'input':
      return style(formatInteger(row.rollup.inputTokens));
    case 'output':
      return style(formatInteger(row.rollup.outputTokens));
    case 'write':
      return style(formatInteger(cacheWriteTokens(row.rollup)));
    case 'read':
      return style(formatInteger(row.rollup.cacheReadTokens));
    case 'total':
      return style(formatInteger(totalTokens(row.rollup)));
    case 'cost':
      return row.kind === 'model'
        ? style(formatCost(row.rollup.cost, partial))
        : p.cost(style(formatCost(row.rollup.cost, partial)));
    case 'bar':
      return row.kind === 'day' ? p.bar(renderBar(row.share, layout.barWidth)) : '';
  }
}

function averageOf(report: DailyReport): Rollup {
  const n = Math.max(report.days.length, 1);
  const t = report.totals;
  return {
    inputTokens: Math.round(t.inputTokens / n),
    outputTokens: Math.round(t.outputTokens / n),
    cacheWrite5mTokens: Math.round(t.cacheWrite5mTokens / n),
    cacheWrite1hTokens: Math.round(t.cacheWrite1hTokens / n),
    cacheReadTokens: Math.round(t.cacheReadTokens / n),
    requests: t.requests / n,
    cost: t.cost / n,
    unpricedRequests: t.unpricedRequests,
  };
}

function rowsOf(report: DailyReport, breakdown: boolean): Row[] {
  const maxCost = Math.max(...report.days.map((day) => day.cost), 0);
  const rows: Row[] = [];
  for (const day of report.days) {
    const models = day.models.map((model) => model.name);
    rows.push({
      label: day.date,
      models,
      rollup: day,
      kind: 'day',
      share: maxCost > 0 ? day.cost / maxCost : 0,
    });
    if (breakdown && day.models.length > 0) {
      for (const model of day.models) rows.push(modelRow(model));
    }
  }
  rows.push({
    label: 'Total',
    models: report.models.map((model) => model.name),
    rollup: report.totals,
    kind: 'total',
    share: 0,
  });
  if (report.days.length > 1) {
    rows.push({
      label: 'Daily avg',
      models: [],
      rollup: averageOf(report),
      kind: 'average',
      share: 0,
    });
  }
  return rows;
}

function modelRow(model: NamedRollup): Row {
  return { label: '', models: [model.name], rollup: model, kind: 'model', share: 0 };
}

/** No rule between rows: only under the header and above the totals. */
const NO_ROW_RULES = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };

function renderLayout(rows: Row[], layout: (typeof LAYOUTS)[number], p: Palette): string {
  const table = new Table({
    head: layout.columns.map((column) => p.heading(HEADERS[column])),
    colAligns: layout.columns.map((column) =>
      column === 'date' || column === 'models' || column === 'bar' ? 'left' : 'right',
    ),
    chars: NO_ROW_RULES,
    style: { head: [], border: [], 'padding-left': 1, 'padding-right': 1 },
  });
  for (const row of rows) table.push(layout.columns.map((column) => cell(row, column, layout, p)));
  // Lines: top border, header, then one line per row. Rules go under the header and above
  // the totals, drawn like the top border with inner joints.
  const lines = table.toString().split('\n');
  const rule = (lines[0] ?? '').replace('┌', '├').replaceAll('┬', '┼').replace('┐', '┤');
  const totalRow = rows.findIndex((row) => row.kind === 'total');
  lines.splice(2 + totalRow, 0, rule);
  lines.splice(2, 0, rule);
  return lines.join('\n');
}

function title(report: DailyReport, project: string | undefined): string {
  const scope = project === undefined ? '' : ` · project ${project}`;
  return `Claude Code usage by day · ${report.range.since} to ${report.range.until} · ${report.timeZone}${scope}`;
}

function footnotes(
  report: DailyReport,
  stats: ScanStats,
  compacted: boolean,
  reasons: Map<string, string>,
): string[] {
  const notes: string[] = [];
  const unpriced = report.models.filter((model) => model.unpricedRequests > 0);
  if (unpriced.length > 0) {
    const names = unpriced
      .map((model) => `${model.name} (${reasons.get(model.name) ?? 'no known price'})`)
      .join(', ');
    const requests = unpriced.reduce((sum, model) => sum + model.unpricedRequests, 0);
    notes.push(`+ Costs leave out ${formatInteger(requests)} requests without a price: ${names}.`);
  }
  if (stats.malformedLines > 0) {
    notes.push(`Skipped ${formatInteger(stats.malformedLines)} malformed lines in the logs.`);
  }
  if (compacted) {
    notes.push(
      'Compact view: widen the terminal (or set COLUMNS) to see tokens by kind, or use --json.',
    );
  }
  return notes;
}

/** The daily report as a terminal table: the richest layout that fits the width. */
export function renderDailyTable(
  report: DailyReport,
  stats: ScanStats,
  options: TableOptions & { project?: string },
): string {
  const rows = rowsOf(report, options.breakdown);
  const anyCost = report.days.some((day) => day.cost > 0);
  const candidates = (options.compact ? LAYOUTS.slice(1) : LAYOUTS).map((layout) =>
    anyCost ? layout : { ...layout, columns: layout.columns.filter((column) => column !== 'bar') },
  );
  let text = '';
  let compacted = false;
  for (const layout of candidates) {
    text = renderLayout(rows, layout, options.palette);
    compacted = !layout.columns.includes('input');
    if (visibleWidth(text) <= options.width) break;
  }
  const notes = footnotes(report, stats, compacted, options.unpriced ?? new Map()).map((note) =>
    options.palette.muted(wrapText(note, options.width)),
  );
  const heading = options.palette.heading(wrapText(title(report, options.project), options.width));
  return [heading, text, ...notes].join('\n');
}
