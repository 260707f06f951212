import { describe, expect, it } from 'vitest';
import { renderStatusLine } from '../../src/format/statusline.js';
import { ZonedCalendar } from '../../src/report/calendar.js';
import { statusFigures } from '../../src/report/statusline.js';
import { pricedRecord } from '../helpers/lines.js';

const utc = new ZonedCalendar('UTC');
const now = Date.parse('2026-11-20T15:30:00Z');
const at = (iso: string, cost: number | null, sessionId = 's1') =>
  pricedRecord({ timestamp: Date.parse(iso), cost, sessionId });

describe('statusFigures', () => {
  const records = [
    at('2026-11-19T09:00:00Z', 5), // the session began yesterday
    at('2026-11-20T09:10:00Z', 1, 's2'), // today; its window ran 09:00-14:00
    at('2026-11-20T14:05:00Z', 2), // opens the window 14:00-19:00
    at('2026-11-20T15:00:00Z', null), // no price
    at('2026-11-20T16:00:00Z', 100), // after now
  ];

  it("sums the whole session, today's spend and the open 5-hour window", () => {
    expect(statusFigures(records, utc, now, 's1')).toEqual({
      session: { cost: 7, partial: true },
      today: { cost: 3, partial: true },
      block: { cost: 2, partial: true, remainingMs: 3.5 * 3_600_000 },
    });
  });

  it('has no session without an id, and no window after five quiet hours', () => {
    const figures = statusFigures(records.slice(0, 2), utc, now, null);
    expect(figures.session).toBeNull();
    expect(figures.block).toBeNull();
  });
});

describe('renderStatusLine', () => {
  const figures = {
    session: { cost: 1.24, partial: false },
    today: { cost: 8.1, partial: true },
    block: { cost: 3.02, partial: false, remainingMs: (2 * 60 + 14) * 60_000 },
  };
  const line = {
    model: 'Opus 4.6',
    contextTokens: 41_234,
    figures,
    dailyBudget: 20,
    limits: '5h 42% (resets 14:00) · 7d 18%',
  };

  it('puts the model, the costs, the limits and the context in that order', () => {
    expect(renderStatusLine(line, ['model', 'session', 'today', 'block', 'limits', 'ctx'])).toBe(
      'Opus 4.6 | session $1.24 · today $8.10+ / $20.00 · block $3.02 (2h 14m left) | 5h 42% (resets 14:00) · 7d 18% | 41k ctx',
    );
    expect(renderStatusLine({ ...line, limits: null }, ['model', 'limits', 'ctx'])).toBe(
      'Opus 4.6 | 41k ctx',
    );
  });

  it('shows only the fields asked for, and leaves out what is not known', () => {
    expect(renderStatusLine(line, ['today', 'ctx'])).toBe('today $8.10+ / $20.00 | 41k ctx');
    expect(
      renderStatusLine({ ...line, figures: null, contextTokens: 1_234_567 }, [
        'model',
        'today',
        'ctx',
      ]),
    ).toBe('Opus 4.6 | 1.2M ctx');
    expect(
      renderStatusLine(
        { model: null, contextTokens: null, figures: null, dailyBudget: undefined, limits: null },
        ['model'],
      ),
    ).toBe('');
  });
});
