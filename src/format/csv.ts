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
  if (typeof value === 'number') return plainNumber(value, COST_COLUMNS.has(column) ? 6 : null);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * A number as spreadsheets read it: digits and a `.`, never exponent notation (`1e+21`), with
 * `decimals` fixed where given.
 */
export function plainNumber(value: number, decimals: number | null): string {
  if (!Number.isFinite(value)) return '';
  if (decimals !== null && Math.abs(value) < 1e21) return value.toFixed(decimals);
  if (Math.abs(value) < 1e21) {
    const text = String(value);
    // A tiny fraction prints as 1e-7: spell it out.
    return text.includes('e') ? value.toFixed(20).replace(/\.?0+$/, '') : text;
  }
  const whole = BigInt(Math.round(value)).toString();
  return decimals === null || decimals === 0 ? whole : `${whole}.${'0'.repeat(decimals)}`;
}

export function csvLine(columns: string[], row: Record<string, Cell>): string {
  return columns.map((column) => csvField(row[column] ?? null, column)).join(',') + CSV_EOL;
}
