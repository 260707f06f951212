// The API calls the dashboard page makes, named the same way by the page (to fetch them) and by
// `usage report --html` (to answer them ahead and embed the answers): no DOM, no Node.

/** The sessions the page lists, the rows of a grid page, and the grid's orders. */
const SESSIONS_LISTED = 20;
export const GRID_PAGE_SIZE = 50;
export const GRID_SORTS = ['timestamp', 'cost', 'totalTokens'] as const;
/** The report behind the chart's per day / week / month bars, and the field naming a bar. */
export const CHART_REPORTS = {
  day: { report: 'daily', key: 'date' },
  week: { report: 'weekly', key: 'week' },
  month: { report: 'monthly', key: 'month' },
} as const;

/** View state kept in the URL that is the page's own, not a query the API takes. */
const PAGE_ONLY = ['chart', 'show'];

/**
 * One call: `/api/<path>?<the view's state with the call's own parameters>`, the parameters
 * sorted so the page and the report file name a call alike. A call with its own `since`
 * drops the view's `all`.
 */
export function callOf(
  path: string,
  state: URLSearchParams,
  extra: Record<string, string> = {},
): string {
  const params = new URLSearchParams(state);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  if (extra.since !== undefined) params.delete('all');
  for (const key of PAGE_ONLY) params.delete(key);
  params.sort();
  return `/api/${path}?${params}`;
}

/** The sessions the page lists: the costliest of the range. */
export const sessionsCall = (state: URLSearchParams) =>
  callOf('sessions', state, { limit: String(SESSIONS_LISTED) });

/** A session's requests, whatever the range. */
export const sessionCall = (state: URLSearchParams, id: string) =>
  callOf(`sessions/${encodeURIComponent(id)}`, state);

/** The first day that may hold an open 5-hour window at `now`: yesterday, as UTC has it. */
export const windowSince = (now: number) => new Date(now - 86_400_000).toISOString().slice(0, 10);

/** One page of the request grid in an order. */
export const gridCall = (state: URLSearchParams, page: number, sortBy: string) =>
  callOf('requests', state, { page: String(page), pageSize: String(GRID_PAGE_SIZE), sortBy });

/**
 * Every call one showing of the page makes for `state` at `now` (the chart in each period,
 * the grid's first page in each order), but the sessions' own, which follow from the list.
 */
export function pageCalls(state: URLSearchParams, now: number): string[] {
  const calls = [
    ...Object.values(CHART_REPORTS).map(({ report }) => callOf(report, state)),
    callOf('models', state),
    callOf('projects', state),
    callOf('tools', state),
    callOf('hourly', state),
    sessionsCall(state),
    callOf('daily', state, { since: 'today', until: 'today' }),
    callOf('usage/global', state),
    callOf('blocks', state, { since: windowSince(now), until: 'today' }),
    ...GRID_SORTS.map((sortBy) => gridCall(state, 1, sortBy)),
  ];
  return [...new Set(calls)];
}
