import type { Cell, GroupBy } from '../report/export-rows.js';
import { COST_COLUMNS, FIGURE_COLUMNS } from '../report/export-rows.js';
import { CSV_EOL, csvField, csvLine } from './csv.js';
import { roundCost } from './numbers.js';
import { SCHEMA_VERSION } from './report-json.js';

export const EXPORT_FORMATS = ['csv', 'json', 'ndjson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Rows are written in chunks of about this many characters, never as one string. */
const CHUNK_CHARS = 64 * 1024;

export interface ExportHead {
  groupBy: GroupBy;
  from: string;
  to: string;
  timeZone: string;
  columns: string[];
}

function machineRow(row: Record<string, Cell>): Record<string, Cell> {
  const rounded = { ...row };
  for (const column of COST_COLUMNS) {
    const value = rounded[column];
    if (typeof value === 'number') rounded[column] = roundCost(value);
  }
  return rounded;
}

function* batched(lines: Iterable<string>): Generator<string> {
  let chunk = '';
  for (const line of lines) {
    chunk += line;
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk !== '') yield chunk;
}

function* csvLines(head: ExportHead, rows: Iterable<Record<string, Cell>>): Generator<string> {
  yield head.columns.map((column) => csvField(column, '')).join(',') + CSV_EOL;
  for (const row of rows) yield csvLine(head.columns, row);
}

function* ndjsonLines(rows: Iterable<Record<string, Cell>>): Generator<string> {
  for (const row of rows)
    yield `${JSON.stringify({ schemaVersion: SCHEMA_VERSION, ...machineRow(row) })}\n`;
}

function* jsonParts(
  head: ExportHead,
  rows: Iterable<Record<string, Cell>>,
  meta: unknown,
): Generator<string> {
  const totals = Object.fromEntries(FIGURE_COLUMNS.map((column) => [column, 0])) as Record<
    string,
    number
  >;
  yield `{"schemaVersion":${SCHEMA_VERSION},"groupBy":${JSON.stringify(head.groupBy)},"from":${JSON.stringify(head.from)},"to":${JSON.stringify(head.to)},"timeZone":${JSON.stringify(head.timeZone)},"columns":${JSON.stringify(head.columns)},"rows":[`;
  let first = true;
  for (const row of rows) {
    for (const column of FIGURE_COLUMNS) {
      const value = row[column];
      if (typeof value === 'number') totals[column] = (totals[column] ?? 0) + value;
    }
    yield `${first ? '' : ','}\n${JSON.stringify(machineRow(row))}`;
    first = false;
  }
  for (const column of COST_COLUMNS) totals[column] = roundCost(totals[column] ?? 0);
  yield `\n],"totals":${JSON.stringify(totals)},"meta":${JSON.stringify(meta)}}\n`;
}

/**
 * An export as a stream of text chunks. CSV: RFC 4180 with CRLF line ends, UTF-8 without BOM,
 * a header row, no totals row (so columns sum cleanly). NDJSON: one object per line, each with
 * `schemaVersion`. JSON: one object with `schemaVersion`, the rows, their totals and `meta`.
 */
export function exportChunks(
  format: ExportFormat,
  head: ExportHead,
  rows: Iterable<Record<string, Cell>>,
  meta: unknown,
): Iterable<string> {
  if (format === 'csv') return batched(csvLines(head, rows));
  if (format === 'ndjson') return batched(ndjsonLines(rows));
  return batched(jsonParts(head, rows, meta));
}
