import { type Cell, COST_COLUMNS } from '../report/export-rows.js';

/** RFC 4180 line ending. */
export const CSV_EOL = '\r\n';

/** A spreadsheet runs a cell that starts like this as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV field: numbers plain (costs with 6 decimals), empty for unknown, text quoted when it
 * holds a comma, quote or line break (quotes doubled). Text a spreadsheet would run as a
 * formula gets a leading `'`, because project paths and session names come from the user's disk.
 */
export function csvField(value: Cell, column: string): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return COST_COLUMNS.has(column) ? value.toFixed(6) : String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(columns: string[], row: Record<string, Cell>): string {
  return columns.map((column) => csvField(row[column] ?? null, column)).join(',') + CSV_EOL;
}
