import type { ZonedCalendar } from '../report/calendar.js';
import type { SessionRow } from '../report/sessions.js';
import type { WatchView } from '../report/watch-view.js';
import { formatCost } from './numbers.js';
import { printable } from './printable.js';

/** The period's sessions in `usage watch`, the picked one marked `>`. */
export function renderSessionList(
  sessions: SessionRow[],
  view: Pick<WatchView, 'period' | 'selected'>,
  calendar: ZonedCalendar,
): string {
  const lines = sessions.map(
    (row, i) =>
      `${i === view.selected ? '>' : ' '} ${calendar.shortOf(row.first)}  ${formatCost(row.cost, row.unpricedRequests > 0).padStart(10)}  ${printable(row.sessionId)}  ${printable(row.projectPath)}`,
  );
  const body = lines.length === 0 ? 'No sessions in this period.' : lines.join('\n');
  return `Sessions of the ${view.period} (Up / Down, Enter opens, Esc back)\n\n${body}`;
}
