import { addDays, type Day, daysInMonth, monthsBefore, weekOf } from './calendar.js';

/**
 * What `usage watch` shows on a terminal, and how keys move it: a period (a day, a week from
 * Monday, a month) of usage, that period's sessions, one session, or the keys. Pure: the key
 * handler and the tests drive it the same way.
 */
export type Period = 'day' | 'week' | 'month';

export interface WatchView {
  period: Period;
  /** A day of the period shown; moving keeps it on the period's first day. */
  anchor: Day;
  screen: 'report' | 'sessions' | 'session' | 'help';
  /** The session picked in the list (an index into it). */
  selected: number;
  /** The session open on the `session` screen. */
  sessionId: string | null;
}

export const KEYS_HELP = [
  'Left / Right   previous / next day (week, month)',
  'd  w  m        by day, week, month',
  's              the sessions of the period; Up / Down pick, Enter opens',
  'Esc            back',
  't              today',
  '?              these keys',
  'q              quit',
];

export function todayView(today: Day): WatchView {
  return { period: 'day', anchor: today, screen: 'report', selected: 0, sessionId: null };
}

/** The first and last day of the period holding `view.anchor`. */
export function periodSpan(view: Pick<WatchView, 'period' | 'anchor'>): { since: Day; until: Day } {
  const { period, anchor } = view;
  if (period === 'day') return { since: anchor, until: anchor };
  if (period === 'week') {
    const since = weekOf(anchor, 'monday');
    return { since, until: addDays(since, 6) };
  }
  const since = `${anchor.slice(0, 7)}-01`;
  return { since, until: addDays(since, daysInMonth(since) - 1) };
}

/** The period before (-1) or after (1) the one shown, never past today's. */
function moved(view: WatchView, step: -1 | 1, today: Day): WatchView {
  const { since } = periodSpan(view);
  const anchor =
    view.period === 'day'
      ? addDays(since, step)
      : view.period === 'week'
        ? addDays(since, 7 * step)
        : monthsBefore(since, -step);
  if (anchor > today) return view;
  return { ...view, anchor, screen: 'report', selected: 0, sessionId: null };
}

/** Keys as a terminal in raw mode sends them. */
export const KEY = {
  left: '\u001b[D',
  right: '\u001b[C',
  up: '\u001b[A',
  down: '\u001b[B',
  enter: '\r',
  escape: '\u001b',
  backspace: '\u007f',
} as const;

/**
 * The view after `key`. `sessions` is the session ids listed for the period now (in the
 * order shown), for picking one.
 */
export function afterKey(
  view: WatchView,
  key: string,
  today: Day,
  sessions: readonly string[],
): WatchView {
  switch (key) {
    case KEY.left:
      return moved(view, -1, today);
    case KEY.right:
      return moved(view, 1, today);
    case 'd':
    case 'w':
    case 'm': {
      const period = ({ d: 'day', w: 'week', m: 'month' } as const)[key];
      return { ...view, period, screen: 'report', selected: 0, sessionId: null };
    }
    case 't':
      return todayView(today);
    case 's':
      return { ...view, screen: 'sessions', selected: 0, sessionId: null };
    case '?':
      return { ...view, screen: view.screen === 'help' ? 'report' : 'help' };
    case KEY.up:
      return view.screen === 'sessions'
        ? { ...view, selected: Math.max(view.selected - 1, 0) }
        : view;
    case KEY.down:
      return view.screen === 'sessions'
        ? { ...view, selected: Math.min(view.selected + 1, Math.max(sessions.length - 1, 0)) }
        : view;
    case KEY.enter: {
      const sessionId = sessions[view.selected];
      return view.screen === 'sessions' && sessionId !== undefined
        ? { ...view, screen: 'session', sessionId }
        : view;
    }
    case KEY.escape:
    case KEY.backspace:
      if (view.screen === 'session') return { ...view, screen: 'sessions', sessionId: null };
      return { ...view, screen: 'report', sessionId: null };
    default:
      return view;
  }
}
