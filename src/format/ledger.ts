import type { LedgerStatus } from '../ledger/status.js';
import type { ZonedCalendar } from '../report/calendar.js';
import { formatDuration } from './duration.js';
import { formatBytes, formatInteger } from './numbers.js';
import { printable } from './printable.js';

function labelled(rows: [string, string][]): string {
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n');
}

/** `usage ledger status` as text: one fact a line. */
export function renderLedgerStatus(
  status: LedgerStatus,
  calendar: ZonedCalendar,
  now: number,
): string {
  const covers =
    status.first === null || status.last === null
      ? 'nothing yet'
      : `${calendar.dayOf(status.first)} to ${calendar.dayOf(status.last)} (${calendar.timeZone})`;
  const lastSync =
    status.lastSyncAt === null
      ? 'never'
      : `${calendar.shortOf(status.lastSyncAt)} (${formatDuration(now - status.lastSyncAt)} ago)`;
  const gone = status.filesTracked - status.filesOnDisk;
  return labelled([
    ['Ledger', printable(status.file)],
    ['Size', `${formatBytes(status.bytes)} (schema ${status.schemaVersion})`],
    [
      'Responses',
      `${formatInteger(status.responses)} (tool calls: ${formatInteger(status.toolUses)})`,
    ],
    ['Covers', covers],
    [
      'Files',
      `${formatInteger(status.filesTracked)} tracked` +
        (gone > 0 ? `, ${formatInteger(gone)} no longer on disk (their usage is kept)` : ''),
    ],
    [
      'Log folders',
      status.roots.length === 0 ? 'none yet' : status.roots.map(printable).join(', '),
    ],
    ['Last sync', lastSync],
  ]);
}

/** `usage ledger status --json`. */
export function ledgerStatusJson(status: LedgerStatus) {
  return {
    ledger: status.file,
    bytes: status.bytes,
    schemaVersion: status.schemaVersion,
    responses: status.responses,
    toolUses: status.toolUses,
    firstResponseAt: status.first === null ? null : new Date(status.first).toISOString(),
    lastResponseAt: status.last === null ? null : new Date(status.last).toISOString(),
    filesTracked: status.filesTracked,
    filesOnDisk: status.filesOnDisk,
    roots: status.roots,
    lastSyncAt: status.lastSyncAt === null ? null : new Date(status.lastSyncAt).toISOString(),
  };
}
