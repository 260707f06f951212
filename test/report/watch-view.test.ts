import { describe, expect, it } from 'vitest';
import { afterKey, KEY, periodSpan, todayView } from '../../src/report/watch-view.js';

const TODAY = '2026-12-01'; // a Tuesday

describe('the steered watch view', () => {
  it('names the period of the day shown: the day, its Monday week, its month', () => {
    const view = todayView(TODAY);
    expect(periodSpan(view)).toEqual({ since: TODAY, until: TODAY });
    expect(periodSpan({ ...view, period: 'week' })).toEqual({
      since: '2026-11-30',
      until: '2026-12-06',
    });
    expect(periodSpan({ ...view, period: 'month', anchor: '2026-02-14' })).toEqual({
      since: '2026-02-01',
      until: '2026-02-28',
    });
  });

  it('moves by the period shown, never past today', () => {
    let view = todayView(TODAY);
    view = afterKey(view, KEY.left, TODAY, []);
    expect(view.anchor).toBe('2026-11-30');
    view = afterKey(view, 'm', TODAY, []);
    view = afterKey(view, KEY.left, TODAY, []);
    expect(periodSpan(view)).toEqual({ since: '2026-10-01', until: '2026-10-31' });
    view = afterKey(afterKey(view, KEY.right, TODAY, []), KEY.right, TODAY, []);
    expect(periodSpan(view).since).toBe('2026-12-01');
    expect(afterKey(view, KEY.right, TODAY, [])).toBe(view);
    view = afterKey(afterKey(view, 'w', TODAY, []), KEY.left, TODAY, []);
    expect(periodSpan(view)).toEqual({ since: '2026-11-23', until: '2026-11-29' });
    expect(afterKey(view, 't', TODAY, [])).toEqual(todayView(TODAY));
  });

  it('lists, picks and opens sessions, and goes back with Esc', () => {
    const sessions = ['s1', 's2'];
    let view = afterKey(todayView(TODAY), 's', TODAY, sessions);
    expect(view.screen).toBe('sessions');
    view = afterKey(
      afterKey(afterKey(view, KEY.down, TODAY, sessions), KEY.down, TODAY, sessions),
      KEY.enter,
      TODAY,
      sessions,
    );
    expect(view).toMatchObject({ screen: 'session', sessionId: 's2' });
    view = afterKey(view, KEY.escape, TODAY, sessions);
    expect(view).toMatchObject({ screen: 'sessions', sessionId: null });
    expect(afterKey(view, KEY.escape, TODAY, sessions).screen).toBe('report');
    // Nothing to open in an empty list; an unknown key changes nothing.
    const empty = afterKey(todayView(TODAY), 's', TODAY, []);
    expect(afterKey(empty, KEY.enter, TODAY, [])).toBe(empty);
    expect(afterKey(empty, 'x', TODAY, [])).toBe(empty);
    expect(afterKey(empty, '?', TODAY, []).screen).toBe('help');
  });
});
