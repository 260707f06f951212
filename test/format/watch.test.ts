import { describe, expect, it } from 'vitest';
import { renderSessionList } from '../../src/format/watch.js';
import { ZonedCalendar } from '../../src/report/calendar.js';
import type { SessionRow } from '../../src/report/sessions.js';

const utc = new ZonedCalendar('UTC');

function row(sessionId: string, cost: number, unpricedRequests = 0): SessionRow {
  return {
    sessionId,
    project: 'p',
    projectPath: '/home/ann/app',
    activeMs: 0,
    subagentRequests: 0,
    cost,
    unpricedRequests,
    first: Date.UTC(2026, 11, 1, 9, 5),
  } as SessionRow;
}

describe('renderSessionList', () => {
  it('marks the picked session, shows partial costs, and escapes ids from the logs', () => {
    const text = renderSessionList(
      [row('s1', 1.5), row('evil\u001b[2J', 0.25, 1)],
      { period: 'day', selected: 1 },
      utc,
    );
    expect(text.split('\n')).toEqual([
      'Sessions of the day (Up / Down, Enter opens, Esc back)',
      '',
      '  2026-12-01 09:05       $1.50  s1  /home/ann/app',
      '> 2026-12-01 09:05      $0.25+  evil\\u001b[2J  /home/ann/app',
    ]);
    expect(renderSessionList([], { period: 'week', selected: 0 }, utc)).toContain(
      'No sessions in this period.',
    );
  });
});
