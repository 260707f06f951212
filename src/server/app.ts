import { timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type Context, Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { streamSSE } from 'hono/streaming';
import { UsageError } from '../errors.js';
import { EXPORT_FORMATS, type ExportFormat } from '../format/export.js';
import { sessionDetailJson } from '../format/sessions.js';
import { type LimitObservations, NO_LIMITS, type SessionEstimate } from '../limits/official.js';
import { ZonedCalendar } from '../report/calendar.js';
import { dayDetailSince } from '../report/day-detail.js';
import { compareEstimate } from '../report/estimate.js';
import { GROUP_BYS, type GroupBy } from '../report/export-rows.js';
import { parseDayArgument } from '../report/range.js';
import { sessionRows, sessionsMatching } from '../report/sessions.js';
import { sumByDay, sumRecords } from '../report/sums.js';
import { reportContext } from '../report-context.js';
import { exportOf } from '../reports/export.js';
import { limitsReportJson } from '../reports/limits.js';
import {
  budgetReportJson,
  dayJson,
  type JsonRequest,
  REPORT,
  REPORTS,
  type ReportDefinition,
  reportJson,
} from '../reports/registry.js';
import type { PricedRecord } from '../types.js';
import type { Usage } from '../usage.js';
import { choiceIn, requestOf } from './query.js';
import { globalUsage, requestPage } from './views.js';

/**
 * The dashboard's HTTP app: the page, its assets, and the JSON API, each answer what the
 * CLI's `--json` gives for the same query. It reads usage through `load` and never writes.
 * Security: every request needs the token (a cookie set from `?token=`, or `Authorization:
 * Bearer`), a Host that is not the server's own name is refused (DNS rebinding), no CORS
 * header is ever sent, and a strict Content-Security-Policy keeps the page to its own files.
 */

export interface DashboardOptions {
  token: string;
  /** The Host values requests may carry (`127.0.0.1:4177`, `localhost:4177`, …). */
  hosts: () => string[];
  /** Usage for a request: the records of its filters, from the followed ledger. */
  load: (request: JsonRequest) => Promise<Usage>;
  /** The time zone when a query names none. */
  timeZone: string;
  now?: () => number;
  /** Where the page's files are (dist/dashboard/). */
  assets: string;
  /** Subscribes to changes of the followed logs; returns the unsubscribe. */
  onChange: (listener: (version: number) => void) => () => void;
  /** Claude Code's rate limits as the status line kept them (default: none seen). */
  official?: () => LimitObservations;
  /** Claude Code's latest estimate of a session's cost (default: none). */
  estimate?: (sessionId: string, records: PricedRecord[]) => SessionEstimate | null;
}

const COOKIE = 'usage_token';

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function sameToken(given: string | undefined, token: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

const EXPORT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  ndjson: 'application/x-ndjson; charset=utf-8',
};

/** Text chunks as a byte stream, pulled one chunk at a time so a big export is never one string. */
function streamOf(chunks: Iterable<string>): ReadableStream<Uint8Array> {
  const iterator = chunks[Symbol.iterator]();
  const encoder = new TextEncoder();
  return new ReadableStream({
    pull(controller) {
      const next = iterator.next();
      if (next.done === true) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
  });
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

export function dashboardApp(options: DashboardOptions): Hono {
  const app = new Hono();
  const now = options.now ?? Date.now;
  const official = options.official ?? (() => NO_LIMITS);
  // One calendar a zone: each keeps the days and offsets it has worked out.
  const calendars = new Map<string, ZonedCalendar>();
  const calendarOf = (timeZone: string) => {
    let calendar = calendars.get(timeZone);
    if (calendar === undefined) {
      calendar = new ZonedCalendar(timeZone);
      calendars.set(timeZone, calendar);
    }
    return calendar;
  };
  // A report of sums (daily, weekly, monthly, models) is given the loaded usage's records
  // summed by day of its zone, as the CLI's are from the ledger: the same figures from ~900
  // sums instead of 70,000 records (a page asks for them again with every range it shows).
  const summed = new WeakMap<Usage, Map<string, Usage>>();
  const summedByDay = (usage: Usage, calendar: ZonedCalendar) => {
    let byZone = summed.get(usage);
    if (byZone === undefined) {
      byZone = new Map();
      summed.set(usage, byZone);
    }
    let days = byZone.get(calendar.timeZone);
    if (days === undefined) {
      days = { ...usage, records: sumByDay(sumRecords(usage.records), calendar) };
      byZone.set(calendar.timeZone, days);
    }
    return days;
  };

  app.use('*', async (c, next) => {
    c.header('Content-Security-Policy', CSP);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('Cache-Control', 'no-store');
    const host = c.req.header('host') ?? '';
    if (!options.hosts().includes(host)) {
      return c.text('this dashboard answers only on its own address\n', 403);
    }
    const fromQuery = c.req.query('token');
    if (fromQuery !== undefined && sameToken(fromQuery, options.token)) {
      setCookie(c, COOKIE, options.token, { httpOnly: true, sameSite: 'Strict', path: '/' });
      const url = new URL(c.req.url);
      url.searchParams.delete('token');
      return c.redirect(`${url.pathname}${url.search}`, 303);
    }
    const bearer = /^Bearer (.+)$/.exec(c.req.header('authorization') ?? '')?.[1];
    if (!sameToken(getCookie(c, COOKIE), options.token) && !sameToken(bearer, options.token)) {
      return c.text('a token is needed: open the address usage dashboard printed\n', 401);
    }
    await next();
  });

  const asset = (file: string) => (c: Context) => {
    const body = readFileSync(path.join(options.assets, file), 'utf8');
    return c.body(body, 200, { 'Content-Type': TYPES[path.extname(file)] ?? 'text/plain' });
  };
  app.get('/', asset('index.html'));
  app.get('/app.js', asset('app.js'));
  app.get('/app.css', asset('app.css'));
  app.get('/favicon.ico', (c) => c.body(null, 204));

  /** A report's JSON for a query, or the CLI's message as a 400. */
  const answer = async <T>(
    query: Record<string, string>,
    base: Partial<JsonRequest>,
    build: (context: ReturnType<typeof reportContext<JsonRequest>>) => T,
    definition?: Pick<ReportDefinition, 'defaultSince' | 'options' | 'official' | 'sums'>,
  ) => {
    const request = requestOf(query, base, definition?.options);
    const defaultSince = definition?.defaultSince;
    const calendar = calendarOf(request.timezone ?? options.timeZone);
    const usage = await options.load(request);
    const context = reportContext(
      definition?.sums === true ? summedByDay(usage, calendar) : usage,
      request,
      calendar,
      now(),
      defaultSince === undefined ? undefined : (until) => defaultSince(until, request),
      // Read (a ledger query and a file) only for the answers that show them.
      definition?.official === true ? official() : NO_LIMITS,
    );
    return build(context);
  };

  /**
   * A route: the handler's answer as JSON (a Response as it is), null as a 404 with
   * `missing`'s message, and a UsageError (a bad value) as a 400 with the message the CLI gives.
   */
  const route =
    (handler: (c: Context) => Promise<unknown>, missing = 'not found') =>
    async (c: Context) => {
      try {
        const result = await handler(c);
        if (result instanceof Response) return result;
        return result === null ? c.json({ error: missing }, 404) : c.json(result);
      } catch (error) {
        if (error instanceof UsageError) return c.json({ error: error.message }, 400);
        throw error;
      }
    };

  /** The query without its range: a view that is not of the page's range. */
  const unranged = (c: Context) => {
    const { since: _since, until: _until, all: _all, ...query } = c.req.query();
    return query;
  };

  for (const definition of REPORTS) {
    app.get(
      `/api/${definition.name}`,
      route((c) =>
        answer(
          c.req.query(),
          { toolUses: definition.toolUses },
          (context) => reportJson(definition, context),
          definition,
        ),
      ),
    );
  }

  // A session whole, whatever range the page is on: its figures and each request's usage.
  const session = route((c) => {
    const prefix = c.req.param('id') ?? '';
    return answer({ ...unranged(c), all: 'true' }, {}, (context) => {
      const matches = sessionsMatching(context.records, prefix);
      if (matches.length !== 1) return null;
      const records = context.records.filter((record) => record.sessionId === matches[0]);
      const [row] = sessionRows(records);
      if (row === undefined) return null;
      const estimate = options.estimate?.(row.sessionId, records) ?? null;
      const comparison = estimate === null ? null : compareEstimate(estimate, records);
      return sessionDetailJson(row, records, context.calendar, comparison);
    });
  }, 'no one session id starts with that');
  app.get('/api/sessions/:id', session);
  app.get('/api/session/:id/usage', session);

  app.get(
    '/api/limits',
    route((c) => answer(c.req.query(), {}, limitsReportJson, { official: true })),
  );

  app.get(
    '/api/budget',
    route((c) => answer(c.req.query(), {}, budgetReportJson)),
  );

  app.get(
    '/api/day/:date',
    route(async (c) => {
      const request = requestOf(unranged(c), {});
      const calendar = calendarOf(request.timezone ?? options.timeZone);
      const today = calendar.dayOf(now());
      const day = parseDayArgument('--day', c.req.param('date') ?? '', today);
      if (day > today) {
        throw new UsageError(
          `--day: ${day} has not happened yet (today is ${today} in ${calendar.timeZone})`,
        );
      }
      const usage = await options.load(request);
      const context = reportContext(usage, request, calendar, now(), () =>
        dayDetailSince(day, today),
      );
      return dayJson(context, day);
    }),
  );

  app.get(
    '/api/usage/global',
    // This week starts on ?startOfWeek, as weekly's do.
    route((c) =>
      answer({ ...unranged(c), all: 'true' }, {}, globalUsage, { options: REPORT.weekly.options }),
    ),
  );

  app.get(
    '/api/requests',
    route((c) => answer(c.req.query(), {}, (context) => requestPage(context, c.req.query()))),
  );

  // What `usage export` writes for the same options, as a download; like the CLI, no range
  // at all means everything.
  app.get(
    '/api/export',
    route(async (c) => {
      const query = c.req.query();
      const format = choiceIn(query, 'format', EXPORT_FORMATS) ?? 'csv';
      const groupBy: GroupBy = choiceIn(query, 'groupBy', GROUP_BYS) ?? 'day';
      const unbounded = !query.since && !query.until;
      const chunks = await answer(unbounded ? { ...query, all: 'true' } : query, {}, (context) =>
        exportOf(context, format, groupBy),
      );
      return c.body(streamOf(chunks), 200, {
        'Content-Type': EXPORT_TYPES[format],
        'Content-Disposition': `attachment; filename="usage-by-${groupBy}.${format}"`,
      });
    }),
  );

  app.get('/api/events', (c) =>
    streamSSE(c, async (stream) => {
      let open = true;
      const stop = options.onChange((version) => {
        void stream.writeSSE({ event: 'change', data: JSON.stringify({ version }) });
      });
      stream.onAbort(() => {
        open = false;
        stop();
      });
      await stream.writeSSE({ event: 'hello', data: '{}' });
      while (open) await stream.sleep(15_000).then(() => stream.write(': keep-alive\n\n'));
    }),
  );

  app.notFound((c) => c.json({ error: 'no such page or endpoint' }, 404));
  return app;
}
