import type { ToolRow } from '../report/tools.js';
import type { Palette } from './color.js';
import { formatInteger } from './numbers.js';
import { printable } from './printable.js';
import { NO_ROW_RULES, shorten, withRules } from './rollup-table.js';
import { newTable } from './table.js';
import { wrapText } from './wrap.js';

export function renderToolsTable(
  rows: ToolRow[],
  title: string,
  p: Palette,
  width: number,
): string {
  const heading = p.heading(wrapText(title, width));
  if (rows.length === 0) return `${heading}\nNo tool calls in these requests.`;
  const table = newTable({
    head: ['Tool', 'Calls', 'Share', 'Sessions'].map(p.heading),
    colAligns: ['left', 'right', 'right', 'right'],
    style: { head: [], border: [], 'padding-left': 1, 'padding-right': 1 },
    chars: NO_ROW_RULES,
  });
  for (const row of rows) {
    const name = shorten(printable(row.name), 40);
    table.push([
      name,
      formatInteger(row.calls),
      `${(row.share * 100).toFixed(1)}%`,
      formatInteger(row.sessions),
    ]);
  }
  const total = rows.reduce((sum, row) => sum + row.calls, 0);
  table.push([p.total('Total'), p.total(formatInteger(total)), '', '']);
  return [heading, withRules(table.toString(), rows.length)].join('\n');
}

export function toolsJson(rows: ToolRow[]) {
  return {
    tools: rows.map((row) => ({
      name: row.name,
      calls: row.calls,
      share: row.share,
      sessions: row.sessions,
    })),
    totals: { calls: rows.reduce((sum, row) => sum + row.calls, 0) },
  };
}
