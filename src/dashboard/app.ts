import uPlot from 'uplot';
import { formatCost, formatInteger, formatUsd } from '../format/numbers.js';
import {
  CHART_REPORTS,
  callOf,
  GRID_PAGE_SIZE,
  gridCall,
  sessionCall,
  sessionsCall,
  windowSince,
} from './calls.js';

// The dashboard page. Every figure comes from the documented JSON API (the CLI's --json);
// every string from the logs is set as text, never as HTML.

// The API's JSON is checked by the server's schemas; here it is read as it comes.
// biome-ignore lint/suspicious/noExplicitAny: the shapes are the published JSON Schemas
type Json = Record<string, any>;

const $ = (id: string) => document.getElementById(id) as HTMLElement;
// Numbers as the terminal writes them: the same functions.
const cost = (value: number, partial = false) => formatCost(value, partial);
const compact = new Intl.NumberFormat('en-US', { notation: 'compact' });

/**
 * A report file (`usage report --html`) carries the answers of its calls, the view's state and
 * when it was made; served by `usage dashboard`, the page has none and asks the API.
 */
const embedded = (() => {
  const element = document.getElementById('report-data');
  if (element === null) return null;
  return JSON.parse(element.textContent ?? '') as {
    madeAt: number;
    state: string;
    answers: Record<string, Json>;
  };
})();
const now = () => embedded?.madeAt ?? Date.now();
let fileState = new URLSearchParams(embedded?.state ?? '');

/** The view's parameters: in the URL, so a view can be bookmarked (in a report file, in memory). */
const viewParams = () => new URLSearchParams(embedded === null ? location.search : fileState);

/** Changes the view: a pushed entry in the URL, so Back returns to the view before. */
function navigate(change: (params: URLSearchParams) => void) {
  const params = viewParams();
  change(params);
  if (embedded !== null) fileState = params;
  else history.pushState(null, '', `?${params}`);
}

/** The view's state as the API takes it: the URL's, the last 30 days unless it says. */
function state(): URLSearchParams {
  const params = viewParams();
  if (!params.has('since') && !params.has('all')) params.set('since', '30d');
  return params;
}

/** Whether a call can be answered: always when served, when embedded in a report file. */
const answerable = (call: string) => embedded === null || call in embedded.answers;

async function get(call: string): Promise<Json> {
  if (embedded !== null) {
    const answer = embedded.answers[call];
    if (answer === undefined) throw new Error('not in this report file; usage dashboard has it');
    return answer;
  }
  const response = await fetch(call, { credentials: 'same-origin' });
  const body = (await response.json()) as Json;
  if (!response.ok) throw new Error(body.error ?? response.statusText);
  return body;
}

const api = (path: string, extra: Record<string, string> = {}) => get(callOf(path, state(), extra));

function table(
  element: HTMLElement,
  head: string[],
  rows: (string | number)[][],
  numeric: number[],
  onRow?: (i: number) => void,
) {
  element.replaceChildren();
  const header = element.appendChild(document.createElement('tr'));
  head.forEach((text, i) => {
    const th = header.appendChild(document.createElement('th'));
    th.textContent = text;
    if (numeric.includes(i)) th.className = 'n';
  });
  rows.forEach((row, r) => {
    const tr = element.appendChild(document.createElement('tr'));
    row.forEach((value, i) => {
      const td = tr.appendChild(document.createElement('td'));
      td.textContent = String(value);
      if (numeric.includes(i)) td.className = 'n';
    });
    if (onRow !== undefined) {
      tr.className = 'link';
      tr.tabIndex = 0;
      tr.addEventListener('click', () => onRow(r));
      tr.addEventListener('keydown', (event) => {
        if (event.key === 'Enter') onRow(r);
      });
    }
  });
}

const PALETTE = ['#c15f3c', '#3c7dc1', '#5a9e4b', '#a35bb5', '#c1a23c', '#3cb1a7', '#8d96a0'];
/** Models beyond this many are one "other" layer, so the colours stay apart. */
const MODELS_SHOWN = 6;

interface Layers {
  names: string[];
  /** values[layer][bar] */
  values: number[][];
}

/** Each bar's cost split by model (the costliest first), or its tokens split by kind. */
function layersOf(rows: Json[], show: string): Layers {
  if (show === 'tokens') {
    const kinds: [string, (row: Json) => number][] = [
      ['Input', (row) => row.inputTokens],
      ['Output', (row) => row.outputTokens],
      ['Cache write', (row) => row.cacheCreationTokens],
      ['Cache read', (row) => row.cacheReadTokens],
    ];
    return { names: kinds.map(([name]) => name), values: kinds.map(([, of]) => rows.map(of)) };
  }
  const byModel = new Map<string, number>();
  for (const row of rows) {
    for (const m of row.modelBreakdowns as Json[]) {
      byModel.set(m.modelName, (byModel.get(m.modelName) ?? 0) + (m.cost ?? 0));
    }
  }
  const ranked = [...byModel].sort((a, b) => b[1] - a[1]).map(([name]) => name);
  const shown = ranked.slice(0, ranked.length > MODELS_SHOWN ? MODELS_SHOWN - 1 : MODELS_SHOWN);
  const names = ranked.length > shown.length ? [...shown, 'other models'] : shown;
  const values = names.map(() => rows.map(() => 0));
  rows.forEach((row, bar) => {
    for (const m of row.modelBreakdowns as Json[]) {
      const layer = shown.indexOf(m.modelName);
      (values[layer === -1 ? shown.length : layer] as number[])[bar] += m.cost ?? 0;
    }
  });
  return { names, values };
}

let chart: uPlot | null = null;
/**
 * Cost over time as bars stacked by model (or tokens stacked by kind). uPlot does not stack,
 * so layer k is drawn as the sum of layers 0..k, the tallest first: each shows as its own band.
 */
function drawChart(rows: Json[], period: keyof typeof CHART_REPORTS, show: string) {
  const { key } = CHART_REPORTS[period];
  const { names, values } = layersOf(rows, show);
  const sums = values.map((_, layer) =>
    rows.map((_row, bar) => values.slice(0, layer + 1).reduce((sum, v) => sum + (v[bar] ?? 0), 0)),
  );
  const money = show !== 'tokens';
  const format = (v: number) => (money ? cost(v) : formatInteger(v));
  const element = $('chart');
  $('chart-title').textContent = `${money ? 'Cost by model' : 'Tokens by kind'} per ${period}`;
  element.setAttribute('aria-label', $('chart-title').textContent ?? '');
  element.dataset.layers = names.join('|');
  element.dataset.total = String(sums.at(-1)?.reduce((a, b) => a + b, 0) ?? 0);
  chart?.destroy();
  const order = names.map((_, i) => names.length - 1 - i);
  // One slot per period with usage, evenly spaced (a time axis would crowd a month's bars).
  const labels: string[] = rows.map((row) => row[key]);
  const labelOf = (slot: number) => (Number.isInteger(slot) ? (labels[slot] ?? '') : '');
  chart = new uPlot(
    {
      width: Math.max(element.clientWidth, 300),
      height: 240,
      series: [
        { label: period, value: (_u: uPlot, slot: number) => labelOf(slot) },
        ...order.map((layer) => ({
          label: names[layer],
          stroke: PALETTE[layer % PALETTE.length],
          fill: PALETTE[layer % PALETTE.length],
          paths: uPlot.paths.bars?.({ size: [0.7, 48] }),
          // The legend shows the layer's own figure, not the running sum drawn.
          value: (_u: uPlot, _v: number, _s: number, bar: number | null) =>
            bar === null ? '' : format(values[layer]?.[bar] ?? 0),
        })),
      ],
      axes: [
        { space: 70, incrs: [1, 2, 3, 7, 14, 30, 90], values: (_u, ticks) => ticks.map(labelOf) },
        { size: 70, values: (_u, ticks) => ticks.map(money ? format : compact.format) },
      ],
      scales: { x: { time: false, range: () => [-0.5, Math.max(labels.length, 1) - 0.5] } },
    },
    [rows.map((_row, slot) => slot), ...order.map((layer) => sums[layer] ?? [])],
    element,
  );
}

const count = (n: number, noun: string) => `${formatInteger(n)} ${noun}${n === 1 ? '' : 's'}`;

async function cards() {
  // Today, this week (from Monday, or ?startOfWeek=sunday) and this month in the server's
  // zone, whatever range the page shows; the budgets' state comes with today's report.
  const [todays, global] = await Promise.all([
    api('daily', { since: 'today', until: 'today' }),
    api('usage/global'),
  ]);
  const budgets = new Map((todays.meta.budgets as Json[]).map((b) => [b.period, b]));
  const periods: [string, Json, string][] = [
    ['Today', global.today, 'day'],
    ['This week', global.week, 'week'],
    ['This month', global.month, 'month'],
  ];
  const element = $('cards');
  element.replaceChildren();
  for (const [name, t, period] of periods) {
    const card = element.appendChild(document.createElement('div'));
    card.className = 'card';
    card.dataset.period = name;
    card.appendChild(document.createElement('h3')).textContent = name;
    const lines = [
      `${cost(t.totalCost, t.costIsPartial)}`,
      `${formatInteger(t.totalTokens)} tokens · ${count(t.requests, 'request')} · ${count(t.sessions, 'session')}`,
      `cache hit rate ${t.cacheHitRate === null ? 'n/a' : `${(t.cacheHitRate * 100).toFixed(1)}%`}`,
    ];
    for (const text of lines) card.appendChild(document.createElement('div')).textContent = text;
    const budget = budgets.get(period);
    if (budget !== undefined) {
      const line = card.appendChild(document.createElement('div'));
      line.className = `state-${budget.state}`;
      line.textContent = `${Math.round(budget.share * 100)}% of ${formatUsd(budget.limit)} (${budget.state})`;
    }
  }
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/**
 * Cost by weekday and hour of the range, from `/api/hourly` (its hours are in the report's
 * zone, `2026-11-18T09:00+00:00`): each cell's shade is its share of the busiest cell.
 */
function drawHeatmap(hours: Json[]) {
  const cells = new Map<string, { cost: number; requests: number }>();
  for (const row of hours) {
    const text = row.hour as string;
    const weekday = (new Date(`${text.slice(0, 10)}T00:00:00Z`).getUTCDay() + 6) % 7;
    const key = `${weekday}:${Number(text.slice(11, 13))}`;
    const cell = cells.get(key) ?? { cost: 0, requests: 0 };
    cell.cost += row.totalCost;
    cell.requests += row.requests;
    cells.set(key, cell);
  }
  const top = Math.max(0, ...[...cells.values()].map((cell) => cell.cost));
  const element = $('heatmap');
  element.replaceChildren();
  const header = element.appendChild(document.createElement('tr'));
  header.appendChild(document.createElement('th'));
  for (let hour = 0; hour < 24; hour++) {
    header.appendChild(document.createElement('th')).textContent =
      hour % 3 === 0 ? String(hour) : '';
  }
  WEEKDAYS.forEach((name, weekday) => {
    const tr = element.appendChild(document.createElement('tr'));
    tr.appendChild(document.createElement('th')).textContent = name;
    for (let hour = 0; hour < 24; hour++) {
      const td = tr.appendChild(document.createElement('td'));
      const cell = cells.get(`${weekday}:${hour}`);
      td.className = 'heat';
      if (cell === undefined) continue;
      td.dataset.cost = String(cell.cost);
      td.title = `${name} ${hour}:00–${hour + 1}:00: ${cost(cell.cost)}, ${formatInteger(cell.requests)} requests`;
      // CSSOM, not a style attribute: the CSP allows no inline styles.
      td.style.opacity = String(top === 0 ? 0.15 : 0.15 + 0.85 * (cell.cost / top));
    }
  });
}

/** The range's tokens and cost by kind, as the bill has them. */
function kindsTable(totals: Json) {
  const kinds: [string, number, number][] = [
    ['Input', totals.inputTokens, totals.costByKind.input],
    ['Output', totals.outputTokens, totals.costByKind.output],
    ['Cache write 5m', totals.cacheCreation5mTokens, totals.costByKind.cacheWrite5m],
    ['Cache write 1h', totals.cacheCreation1hTokens, totals.costByKind.cacheWrite1h],
    ['Cache read', totals.cacheReadTokens, totals.costByKind.cacheRead],
    ['Web searches', totals.webSearchRequests, totals.costByKind.webSearch],
  ];
  table(
    $('kinds'),
    ['Kind', 'Tokens', 'Cost'],
    kinds.map(([name, tokens, amount]) => [name, formatInteger(tokens), cost(amount)]),
    [1, 2],
  );
}

/** The open 5-hour window (or that there is none): its spend, time left and where it is heading. */
async function windowCard() {
  const card = $('window');
  // A window lasts five hours, so an open one started yesterday at the earliest.
  const { blocks, officialLimits } = await api('blocks', {
    since: windowSince(now()),
    until: 'today',
  });
  const open = (blocks as Json[]).find((block) => block.isActive);
  const lines =
    open === undefined
      ? ['no open window', 'one opens with the next request']
      : [
          cost(open.costUSD),
          `${formatInteger(open.totalTokens)} tokens · ${open.projection.remainingMinutes} min left`,
          `${cost(open.burnRate.costPerHour)}/h · heading for ${cost(open.projection.totalCost)}`,
        ];
  card.replaceChildren();
  card.appendChild(document.createElement('h3')).textContent = '5-hour window';
  for (const text of lines) card.appendChild(document.createElement('div')).textContent = text;
  card.dataset.open = String(open !== undefined);
  const official = officialLine(officialLimits);
  if (official !== null) {
    const line = card.appendChild(document.createElement('div'));
    line.className = 'official';
    line.textContent = official.text;
    line.dataset.state = official.state;
  }
}

/** Claude Code's own windows, as the status line kept them: `Claude Code: 5h 42% · 7d 18%`. */
function officialLine(limits: Json): { text: string; state: string } | null {
  const parts: string[] = [];
  let state = 'ok';
  for (const [name, window] of [
    ['5h', limits?.fiveHour],
    ['7d', limits?.sevenDay],
  ] as const) {
    if (window === null || window === undefined || window.freshness === 'reset') continue;
    const reset = name === '5h' ? ` (resets ${String(window.resetsAt).slice(11, 16)})` : '';
    parts.push(`${name} ${Math.round(window.usedPercentage)}%${reset}`);
    if (window.state === 'over' || (window.state === 'alert' && state === 'ok'))
      state = window.state;
  }
  return parts.length === 0 ? null : { text: `Claude Code: ${parts.join(' · ')}`, state };
}

/** A request's model, tokens by kind and cost, as the session view and the grid show them. */
function requestCells(r: Json): string[] {
  return [
    r.model,
    formatInteger(r.inputTokens),
    formatInteger(r.outputTokens),
    formatInteger(r.cacheCreation5mTokens + r.cacheCreation1hTokens),
    formatInteger(r.cacheReadTokens),
    r.cost === null ? 'unknown' : cost(r.cost),
  ];
}

async function showSession(id: string) {
  const detail = await get(sessionCall(state(), id));
  $('session').hidden = false;
  $('session-title').textContent =
    `Session ${detail.session.sessionId} · ${detail.session.projectPath}`;
  table(
    $('requests'),
    ['Time', 'Model', 'Input', 'Output', 'Cache write', 'Cache read', 'Cost'],
    detail.requests.map((r: Json) => [r.timestamp.slice(11, 19), ...requestCells(r)]),
    [2, 3, 4, 5, 6],
  );
  $('session-estimate').textContent = estimateText(detail.claudeCodeEstimate);
}

/** Claude Code's own figure for the session beside ours, and the difference. */
function estimateText(estimate: Json): string {
  if (estimate === null || estimate === undefined) return '';
  const sign = estimate.difference >= 0 ? '+' : '-';
  const share =
    estimate.differencePercent === null ? '' : ` (${sign}${Math.abs(estimate.differencePercent)}%)`;
  const parts = [
    ['fast mode', estimate.fast],
    ['US data residency', estimate.usGeo],
    ['subagents', estimate.subagents],
  ]
    .filter(([, part]) => part.requests > 0)
    .map(([name, part]) => `${name} ${cost(part.cost)} in ${part.requests}`);
  const from = estimate.source === 'statusline' ? 'its status line' : 'a cost-state line';
  return (
    `Claude Code's own estimate: ${cost(estimate.costUsd)} (from ${from}, ${String(estimate.observedAt).slice(0, 16).replace('T', ' ')}); ` +
    `ours then ${cost(estimate.oursThen)}, ${sign}${cost(Math.abs(estimate.difference))}${share}.` +
    (parts.length > 0 ? ` Of ours: ${parts.join(', ')}.` : '')
  );
}

/** The download links: `usage export` of the view's range and filters. */
function setDownloads() {
  const groupBy = ($('group-by') as HTMLSelectElement).value;
  for (const format of ['csv', 'json']) {
    $(`download-${format}`).setAttribute('href', callOf('export', state(), { format, groupBy }));
  }
}

/** Which page of the request grid is shown (the server sorts and pages). */
const grid = { page: 1 };

/** One page of every request of the range: time, session, project, model, tokens, cost. */
async function requestGrid() {
  const sortBy = ($('grid-sort') as HTMLSelectElement).value;
  const result = await get(gridCall(state(), grid.page, sortBy));
  const pages = Math.max(1, Math.ceil(result.total / GRID_PAGE_SIZE));
  table(
    $('grid'),
    ['Time', 'Session', 'Project', 'Model', 'Input', 'Output', 'Cache write', 'Cache read', 'Cost'],
    result.rows.map((r: Json) => [
      r.timestamp.slice(0, 19).replace('T', ' '),
      r.sessionId.slice(0, 8),
      r.projectPath,
      ...requestCells(r),
    ]),
    [4, 5, 6, 7, 8],
  );
  const held = embedded !== null && pages > 1 ? ' · this file holds the first page' : '';
  $('grid-page').textContent =
    `page ${grid.page} of ${pages} · ${formatInteger(result.total)} requests${held}`;
  ($('grid-previous') as HTMLButtonElement).disabled = grid.page <= 1;
  // A report file holds each order's first page: every request is in `usage export`.
  ($('grid-next') as HTMLButtonElement).disabled =
    grid.page >= pages || !answerable(gridCall(state(), grid.page + 1, sortBy));
}

/** The chart's period (day, week, month) and what it shows (cost, tokens), kept in the URL. */
function chartChoice(): { period: keyof typeof CHART_REPORTS; show: string } {
  const params = viewParams();
  const period = params.get('chart') ?? 'day';
  return {
    period: (period in CHART_REPORTS ? period : 'day') as keyof typeof CHART_REPORTS,
    show: params.get('show') ?? 'cost',
  };
}

async function periodChart() {
  const { period, show } = chartChoice();
  ($('chart-period') as HTMLSelectElement).value = period;
  ($('chart-show') as HTMLSelectElement).value = show;
  const { report } = CHART_REPORTS[period];
  const body = await api(report);
  drawChart(body[report], period, show);
}

async function refresh() {
  const params = state();
  setDownloads();
  for (const button of document.querySelectorAll<HTMLButtonElement>('#ranges button')) {
    const range = button.dataset.range ?? '';
    const pressed =
      range === 'all' ? params.has('all') : params.get('since') === range && !params.has('until');
    button.setAttribute('aria-pressed', String(pressed));
  }
  const daily = await api('daily');
  const totals = daily.totals;
  $('total-cost').textContent = cost(totals.totalCost, totals.costIsPartial);
  $('total-tokens').textContent = formatInteger(totals.totalTokens);
  $('total-requests').textContent = formatInteger(totals.requests);
  $('range').textContent = `${daily.meta.since} to ${daily.meta.until}`;
  ($('since-input') as HTMLInputElement).value = daily.meta.since ?? '';
  ($('until-input') as HTMLInputElement).value = daily.meta.until ?? '';
  kindsTable(totals);
  await periodChart();
  const [models, projects, tools, sessions, hourly] = await Promise.all([
    api('models'),
    api('projects'),
    api('tools'),
    get(sessionsCall(state())),
    api('hourly'),
  ]);
  drawHeatmap(hourly.hourly);
  table(
    $('models'),
    ['Model', 'Requests', 'Cost', 'Share'],
    models.models.map((m: Json) => [
      m.model,
      formatInteger(m.requests),
      m.cost === null ? 'unknown' : cost(m.cost),
      `${(m.costShare * 100).toFixed(1)}%`,
    ]),
    [1, 2, 3],
  );
  table(
    $('projects'),
    ['Project', 'Requests', 'Cost'],
    projects.projects.map((p: Json) => [
      p.projectPath,
      formatInteger(p.requests),
      cost(p.totalCost, p.costIsPartial),
    ]),
    [1, 2],
  );
  table(
    $('tools'),
    ['Tool', 'Calls', 'Sessions'],
    tools.tools.map((t: Json) => [t.name, formatInteger(t.calls), formatInteger(t.sessions)]),
    [1, 2],
  );
  table(
    $('sessions'),
    ['Session', 'Project', 'Last', 'Requests', 'Cost'],
    sessions.sessions.map((s: Json) => [
      s.sessionId.slice(0, 8),
      s.projectPath,
      s.lastActivity.slice(0, 16).replace('T', ' '),
      formatInteger(s.requests),
      cost(s.totalCost, s.costIsPartial),
    ]),
    [3, 4],
    (i) => void showSession(sessions.sessions[i].sessionId),
  );
  await Promise.all([cards(), windowCard(), requestGrid()]);
  document.body.dataset.ready = 'true';
}

/** Shows another range: `since` as the CLI takes it (7d, a date), `all`, or since and until. */
function setRange(since: string, until?: string) {
  grid.page = 1;
  navigate((params) => {
    params.delete('since');
    params.delete('until');
    params.delete('all');
    if (since === 'all') params.set('all', 'true');
    else params.set('since', since);
    if (until !== undefined) params.set('until', until);
  });
  void refresh();
}

for (const button of document.querySelectorAll<HTMLButtonElement>('#ranges button')) {
  button.addEventListener('click', () => setRange(button.dataset.range ?? '30d'));
}
window.addEventListener('popstate', () => void refresh());
$('custom-range').addEventListener('submit', (event) => {
  event.preventDefault();
  const since = ($('since-input') as HTMLInputElement).value;
  const until = ($('until-input') as HTMLInputElement).value;
  if (since !== '' && until !== '') setRange(since, until);
});
for (const [id, name] of [
  ['chart-period', 'chart'],
  ['chart-show', 'show'],
] as const) {
  $(id).addEventListener('change', () => {
    navigate((params) => params.set(name, ($(id) as HTMLSelectElement).value));
    void periodChart();
  });
}
$('group-by').addEventListener('change', setDownloads);
$('grid-sort').addEventListener('change', () => {
  grid.page = 1;
  void requestGrid();
});
$('grid-previous').addEventListener('click', () => {
  grid.page -= 1;
  void requestGrid();
});
$('grid-next').addEventListener('click', () => {
  grid.page += 1;
  void requestGrid();
});

if (embedded === null) {
  const events = new EventSource('/api/events');
  events.addEventListener('change', () => {
    $('live').textContent = `updated ${new Date().toLocaleTimeString()}`;
    void refresh();
  });
  events.addEventListener('hello', () => {
    $('live').textContent = 'live';
  });
} else {
  // A report file shows the view it was made of: no other range, no downloads, no updates.
  for (const id of ['ranges', 'custom-range', 'downloads']) $(id).hidden = true;
  $('live').textContent = `report of ${new Date(embedded.madeAt).toLocaleString()}`;
}

refresh().catch((error: Error) => {
  $('total-cost').textContent = error.message;
});
