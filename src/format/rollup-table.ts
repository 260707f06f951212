import { shortModelName } from '../pricing/match.js';
import type { NamedRollup } from '../report/group.js';
import { cacheWriteTokens, type Rollup, totalTokens } from '../report/rollup.js';
import type { Palette } from './color.js';
import { summarizeModels } from './model-name.js';
import { countOf, formatCost, formatInteger, renderBar } from './numbers.js';
import { printable } from './printable.js';
import { newTable } from './table.js';
import { wrapText } from './wrap.js';

export interface LabelColumn {
  header: string;
  /**
   * When the table is wider than the terminal, values are shortened to fit, down to this width
   * at the least: from the start for paths (`…/ann/app`, at a folder boundary), else at the end.
   * A terminal with room shows them whole.
   */
  maxWidth?: number;
  shorten?: 'start' | 'end';
  /** May be dropped when the width is short; higher ranks go first. */
  optional?: number;
  align?: 'left' | 'right';
}

export interface TableRow {
  labels: string[];
  models: string[];
  rollup: Rollup;
  /** `sub`: a model row under its parent (--breakdown). */
  kind: 'row' | 'sub' | 'total' | 'average';
  /** 0..1, for the bar. */
  share: number;
}

export interface RollupTable {
  title: string;
  labels: LabelColumn[];
  rows: TableRow[];
  models?: boolean;
  requests?: boolean;
  /** A column with each row's share of the total cost. */
  costShare?: boolean;
  bar?: boolean;
  notes: string[];
}

export interface TableOptions {
  /** Columns available; the widest layout that fits is used. */
  width: number;
  palette: Palette;
  /** The compact layout even when the full one would fit. */
  compact?: boolean;
  /** Told about the table rather than part of it (a compact layout): a note for stderr. */
  onNote?: (note: string) => void;
  /**
   * Draw each layout to see whether it fits, without `leastWidth`'s measure first: the
   * reference the tests hold that measure to.
   */
  measureByDrawing?: boolean;
}

type Figure =
  | 'models'
  | 'requests'
  | 'input'
  | 'output'
  | 'write'
  | 'read'
  | 'total'
  | 'cost'
  | 'share'
  | 'bar';
type Column = { label: number } | { figure: Figure };

interface Layout {
  columns: Column[];
  modelsWidth: number;
  barWidth: number;
}

const HEADERS: Record<Figure, string> = {
  models: 'Models',
  requests: 'Requests',
  input: 'Input',
  output: 'Output',
  write: 'Cache write',
  read: 'Cache read',
  total: 'Total tokens',
  cost: 'Cost (USD)',
  share: 'Share',
  bar: '',
};

const TOKEN_KINDS: Figure[] = ['input', 'output', 'write', 'read'];
const ESCAPES = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

function visibleWidth(text: string): number {
  return Math.max(0, ...text.split('\n').map((line) => line.replace(ESCAPES, '').length));
}

/**
 * `text` within `width` characters: cut at the end (`claude-sonnet…`), or for `start` at the
 * front, a path at a folder boundary where one fits (`…/ann/app`).
 */
export function shorten(text: string, width: number, from: 'start' | 'end' = 'end'): string {
  if (text.length <= width) return text;
  if (from === 'end') return `${text.slice(0, width - 1)}…`;
  const parts = text.split('/');
  for (let first = 1; first < parts.length; first++) {
    const tail = `…/${parts.slice(first).join('/')}`;
    if (tail.length <= width) return tail;
  }
  return `…${text.slice(text.length - width + 1)}`;
}

/** Layouts from the richest to the narrowest: token kinds go first, then models, bar, extras, optional labels. */
function layouts(table: RollupTable, compact: boolean): Layout[] {
  const labels: Column[] = table.labels.map((_, label) => ({ label }));
  const figures = (list: (Figure | false | undefined)[]): Column[] =>
    list
      .filter((figure): figure is Figure => typeof figure === 'string')
      .map((figure) => ({ figure }));
  const models = table.models ? 'models' : undefined;
  const requests = table.requests ? 'requests' : undefined;
  const share = table.costShare ? 'share' : undefined;
  const bar = table.bar ? 'bar' : undefined;
  const full: Layout = {
    columns: [
      ...labels,
      ...figures([models, requests, ...TOKEN_KINDS, 'total', 'cost', share, bar]),
    ],
    modelsWidth: 24,
    barWidth: 10,
  };
  const withFigures = (
    list: (Figure | undefined)[],
    modelsWidth: number,
    barWidth: number,
    keep = labels,
  ): Layout => ({
    columns: [...keep, ...figures(list)],
    modelsWidth,
    barWidth,
  });
  // Optional labels go one at a time, the highest rank first.
  const optional = table.labels
    .flatMap((label, index) =>
      label.optional === undefined ? [] : [{ index, rank: label.optional }],
    )
    .sort((a, b) => b.rank - a.rank)
    .map(({ index }) => index);
  const fewerLabels = optional.map((_, dropped) =>
    labels.filter(
      (column) => !('label' in column && optional.slice(0, dropped + 1).includes(column.label)),
    ),
  );
  const all = [
    full,
    // Token kinds matter more than the models column (111-135 columns keep them).
    withFigures([requests, ...TOKEN_KINDS, 'total', 'cost', share, bar], 0, 10),
    withFigures([requests, ...TOKEN_KINDS, 'total', 'cost', share], 0, 0),
    withFigures([models, requests, 'total', 'cost', share, bar], 24, 8),
    withFigures([models, requests, 'total', 'cost', share, bar], 14, 8),
    withFigures([requests, 'total', 'cost', share, bar], 0, 8),
    withFigures([requests, 'total', 'cost', share], 0, 0),
    withFigures(['total', 'cost'], 0, 0),
    ...fewerLabels.map((keep) => withFigures(['total', 'cost'], 0, 0, keep)),
  ];
  return compact ? all.slice(1) : all;
}

function figureCell(
  row: TableRow,
  figure: Figure,
  layout: Layout,
  p: Palette,
  totalCost: number,
): string {
  const partial = row.rollup.unpricedRequests > 0;
  switch (figure) {
    case 'models':
      return row.kind === 'sub'
        ? `└ ${summarizeModels(row.models, layout.modelsWidth - 2)}`
        : summarizeModels(row.models, layout.modelsWidth);
    case 'requests':
      return formatInteger(Math.round(row.rollup.requests));
    case 'input':
      return formatInteger(row.rollup.inputTokens);
    case 'output':
      return formatInteger(row.rollup.outputTokens);
    case 'write':
      return formatInteger(cacheWriteTokens(row.rollup));
    case 'read':
      return formatInteger(row.rollup.cacheReadTokens);
    case 'total':
      return formatInteger(totalTokens(row.rollup));
    case 'cost':
      return row.kind === 'sub'
        ? formatCost(row.rollup.cost, partial)
        : p.cost(formatCost(row.rollup.cost, partial));
    case 'share':
      return row.kind === 'average' || totalCost <= 0
        ? ''
        : `${((row.rollup.cost / totalCost) * 100).toFixed(1)}%`;
    case 'bar':
      return row.kind === 'row' ? p.bar(renderBar(row.share, layout.barWidth)) : '';
  }
}

/** How wide each label column may be (by index); a column not named is not cut. */
type LabelCaps = Map<number, number>;

function labelCell(
  table: RollupTable,
  row: TableRow,
  index: number,
  layout: Layout,
  caps: LabelCaps,
): string {
  const column = table.labels[index];
  const hasModels = layout.columns.some((c) => 'figure' in c && c.figure === 'models');
  if (row.kind === 'sub' && index === 0 && !hasModels)
    return `└ ${shortModelName(row.models[0] ?? '')}`;
  const text = printable(row.labels[index] ?? '');
  const cap = caps.get(index);
  return cap === undefined ? text : shorten(text, cap, column?.shorten);
}

/**
 * A layout drawn within `width` where its labels can give way: labels whole when they fit,
 * else the shortenable ones cut by what is too much, widest first, never below their floor.
 */
function renderFitted(table: RollupTable, layout: Layout, p: Palette, width: number): string {
  const whole = renderLayout(table, layout, p, new Map());
  let excess = visibleWidth(whole) - width;
  if (excess <= 0) return whole;
  const caps: LabelCaps = new Map();
  const shortenable = layout.columns
    .flatMap((c) => ('label' in c ? [c.label] : []))
    .map((index) => ({
      index,
      floor: table.labels[index]?.maxWidth,
      longest: Math.max(0, ...table.rows.map((row) => printable(row.labels[index] ?? '').length)),
    }))
    .filter(
      (column): column is { index: number; floor: number; longest: number } =>
        column.floor !== undefined && column.longest > column.floor,
    )
    .sort((a, b) => b.longest - a.longest);
  if (shortenable.length === 0) return whole;
  for (const column of shortenable) {
    const cut = Math.min(excess, column.longest - column.floor);
    caps.set(column.index, column.longest - cut);
    excess -= cut;
    if (excess <= 0) break;
  }
  return renderLayout(table, layout, p, caps);
}

/** A layout's header and rows, cell by cell, as drawn. */
function cellsOf(
  table: RollupTable,
  layout: Layout,
  p: Palette,
  caps: LabelCaps,
): { head: string[]; rows: string[][] } {
  const totalCost = table.rows.find((row) => row.kind === 'total')?.rollup.cost ?? 0;
  const head = layout.columns.map((c) =>
    p.heading('label' in c ? (table.labels[c.label]?.header ?? '') : HEADERS[c.figure]),
  );
  const rows = table.rows.map((row) => {
    const style = row.kind === 'total' ? p.total : row.kind === 'sub' ? p.muted : (s: string) => s;
    return layout.columns.map((c) =>
      style(
        'label' in c
          ? labelCell(table, row, c.label, layout, caps)
          : figureCell(row, c.figure, layout, p, totalCost),
      ),
    );
  });
  return { head, rows };
}

function renderLayout(table: RollupTable, layout: Layout, p: Palette, caps: LabelCaps): string {
  const { head, rows } = cellsOf(table, layout, p, caps);
  const grid = newTable({
    head,
    colAligns: layout.columns.map((c) =>
      'label' in c
        ? (table.labels[c.label]?.align ?? 'left')
        : c.figure === 'models' || c.figure === 'bar'
          ? 'left'
          : 'right',
    ),
    chars: NO_ROW_RULES,
    style: { head: [], border: [], 'padding-left': 1, 'padding-right': 1 },
  });
  grid.push(...rows);
  return withRules(
    grid.toString(),
    table.rows.findIndex((row) => row.kind === 'total'),
  );
}

/** Text one terminal column a character: printable ASCII, and the marks and bars we draw. */
const ONE_COLUMN_EACH = /^[\x20-\x7e█▏▎▍▌▋▊▉└…]*$/;

/**
 * The least width a layout can be drawn in, from its cells alone: cli-table3 makes each column
 * as wide as its longest cell and a space either side, with a border between columns and at
 * each end. A column of labels that `renderFitted` may cut counts as wide as its header only
 * (a path is cut at a folder boundary, which may leave much less than its floor). Null when a
 * cell holds a character that may not take one column (then the layout is drawn to see).
 * Drawing a layout only to find it too wide was most of the time of a table (a daily table in
 * 80 columns drew six).
 */
function leastWidth(table: RollupTable, layout: Layout, p: Palette): number | null {
  const { head, rows } = cellsOf(table, layout, p, new Map());
  let width = layout.columns.length + 1;
  for (const [i, column] of layout.columns.entries()) {
    const floor = 'label' in column ? table.labels[column.label]?.maxWidth : undefined;
    let longest = 0;
    for (const cells of floor === undefined ? [head, ...rows] : [head]) {
      const text = (cells[i] ?? '').replace(ESCAPES, '');
      if (!ONE_COLUMN_EACH.test(text)) return null;
      longest = Math.max(longest, text.length);
    }
    width += 2 + longest;
  }
  return width;
}

/** Rows without rules between them look calm; rules go under the header and above the total row. */
export const NO_ROW_RULES = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };

/** Adds the rules to a table drawn with NO_ROW_RULES (one line per row). */
export function withRules(text: string, totalRowIndex: number): string {
  const lines = text.split('\n');
  const rule = (lines[0] ?? '').replace('┌', '├').replaceAll('┬', '┼').replace('┐', '┤');
  if (totalRowIndex > 0) lines.splice(2 + totalRowIndex, 0, rule);
  lines.splice(2, 0, rule);
  return lines.join('\n');
}

/** The grid alone, in the richest layout that fits; `compacted` when token kinds were dropped. */
export function renderGrid(
  table: Omit<RollupTable, 'title' | 'notes'>,
  options: TableOptions,
): { text: string; compacted: boolean } {
  const full = { ...table, title: '', notes: [] };
  let text = '';
  let compacted = false;
  const candidates = layouts(full, options.compact === true);
  for (const [i, layout] of candidates.entries()) {
    // One that cannot fit is not drawn; the narrowest is, whatever its width.
    const least =
      i < candidates.length - 1 && options.measureByDrawing !== true
        ? leastWidth(full, layout, options.palette)
        : null;
    if (least !== null && least > options.width) continue;
    text = renderFitted(full, layout, options.palette, options.width);
    compacted = !layout.columns.some((c) => 'figure' in c && c.figure === 'input');
    if (visibleWidth(text) <= options.width) break;
  }
  return { text, compacted };
}

/** A report's rows as a table: the richest layout that fits, then the notes. */
export function renderRollupTable(table: RollupTable, options: TableOptions): string {
  const { text, compacted } = renderGrid(table, options);
  const notes = [...table.notes];
  if (compacted && options.compact !== true) {
    options.onNote?.(
      'compact view: widen the terminal (or set COLUMNS) to see tokens by kind, or use --json',
    );
  }
  return [
    options.palette.heading(wrapText(table.title, options.width)),
    text,
    ...notes.map((note) => options.palette.muted(wrapText(note, options.width))),
  ].join('\n');
}

/** The filters a report applies, each named in its title. */
export interface ReportFilters {
  project?: string | undefined;
  model?: string | undefined;
  allRoots?: boolean | undefined;
}

/** ` · project x · model y`: the active filters, for a report's title. */
export function filterScope(filters: ReportFilters): string {
  return [
    filters.project === undefined ? '' : ` · project ${printable(filters.project)}`,
    filters.model === undefined ? '' : ` · model ${printable(filters.model)}`,
    filters.allRoots ? ' · every log folder in the ledger' : '',
  ].join('');
}

/** A report's title: what it shows, its range, its zone, and the filters applied. */
export function reportTitle(
  what: string,
  report: { range: { since: string; until: string }; timeZone: string },
  filters: ReportFilters = {},
): string {
  const scope = filterScope(filters);
  return `Claude Code usage ${what} · ${report.range.since} to ${report.range.until} · ${report.timeZone}${scope}`;
}

/**
 * The notes every report ends with: what its costs leave out. (Skipped lines are a note on
 * stderr, written when the records are loaded.)
 */
export function reportNotes(models: NamedRollup[], reasons: Map<string, string>): string[] {
  const notes: string[] = [];
  const unpriced = models.filter((model) => model.unpricedRequests > 0);
  if (unpriced.length > 0) {
    const names = unpriced
      .map((model) => `${printable(model.name)} (${reasons.get(model.name) ?? 'no known price'})`)
      .join(', ');
    const requests = unpriced.reduce((sum, model) => sum + model.unpricedRequests, 0);
    notes.push(`+ Costs leave out ${countOf(requests, 'request')} without a price: ${names}.`);
  }
  return notes;
}

/** A row per group, then the Total row. */
export function totalRow(models: NamedRollup[], totals: Rollup): TableRow {
  return {
    labels: ['Total'],
    models: models.map((model) => model.name),
    rollup: totals,
    kind: 'total',
    share: 0,
  };
}

/** Each row's share of the largest cost, for the bars. */
export function barShares<T extends { rollup: Rollup }>(rows: T[]): (T & { share: number })[] {
  const max = Math.max(0, ...rows.map((row) => row.rollup.cost));
  return rows.map((row) => ({ ...row, share: max > 0 ? row.rollup.cost / max : 0 }));
}
