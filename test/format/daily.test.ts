import { describe, expect, it } from 'vitest';
import { palette } from '../../src/format/color.js';
import { dailyJson } from '../../src/format/daily-json.js';
import { renderDailyTable } from '../../src/format/daily-table.js';
import { reportMeta } from '../../src/format/report-json.js';
import { shorten } from '../../src/format/rollup-table.js';
import { ZonedCalendar } from '../../src/report/calendar.js';
import { rollupByDay } from '../../src/report/daily.js';
import type { ScanStats } from '../../src/types.js';
import { pricedRecord } from '../helpers/lines.js';

const stats: ScanStats = {
  roots: ['/logs'],
  filesRead: 2,
  linesRead: 40,
  malformedLines: 0,
  malformedFiles: [],
  unreadable: [],
};
const week = { since: '2026-11-17', until: '2026-11-23', fillEmptyDays: true };
const at = (iso: string) => Date.parse(iso);

const report = rollupByDay(
  [
    pricedRecord({
      timestamp: at('2026-11-18T09:00:00Z'),
      inputTokens: 123_456,
      outputTokens: 1_234_567,
      cacheWrite5mTokens: 2_000_000,
      cacheWrite1hTokens: 345_678,
      cacheReadTokens: 456_789_012,
      cost: 1234.5678,
      inputCost: 34.5678,
      outputCost: 1000,
      cacheReadCost: 200,
    }),
    pricedRecord({
      timestamp: at('2026-11-19T09:00:00Z'),
      model: 'claude-opus-4-6',
      outputTokens: 10,
      cost: 0.001,
      outputCost: 0.001,
    }),
  ],
  { calendar: new ZonedCalendar('UTC'), range: week },
);

const plain = palette(false);

describe('renderDailyTable', () => {
  it('fits 80 columns with a compact layout, and says so as a note for stderr', () => {
    const notes: string[] = [];
    const text = renderDailyTable(report, {
      width: 80,
      palette: plain,
      breakdown: true,
      onNote: (note) => notes.push(note),
    });
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    expect(text).not.toContain('compact view');
    expect(notes).toEqual([expect.stringContaining('compact view: widen the terminal')]);
    expect(text).toContain('$1,234.57');
    // 123,456 + 1,234,567 + 2,345,678 + 456,789,012 = 460,492,713 tokens on 2026-11-18
    expect(text).toContain('460,492,713');
  });

  it('shows every token kind when the terminal is wide, right-aligned with separators', () => {
    const text = renderDailyTable(report, { width: 200, palette: plain, breakdown: false });
    expect(text).not.toContain('compact view');
    const header = text.split('\n').find((line) => line.includes('Cache write')) ?? '';
    expect(header).toMatch(
      /Date .*Models .*Input .*Output .*Cache write .*Cache read .*Total tokens .*Cost \(USD\)/,
    );
    const row = text.split('\n').find((line) => line.includes('2026-11-18')) ?? '';
    expect(row).toMatch(
      / +123,456 │ +1,234,567 │ +2,345,678 │ +456,789,012 │ +460,492,713 │ +\$1,234\.57 │ █+/,
    );
    const totalRow = text.split('\n').find((line) => line.startsWith('│ Total ')) ?? '';
    expect(totalRow).toContain('$1,234.57');
  });

  it('lists zero days and the daily average', () => {
    const text = renderDailyTable(report, { width: 200, palette: plain, breakdown: false });
    expect(text).toMatch(/2026-11-17 .* \$0\.00/);
    // (1234.5678 + 0.001) / 7 days = 176.3669...
    expect(text).toMatch(/Avg, 7 days .* \$176\.37/);
  });

  it('adds a row per model under each day with --breakdown', () => {
    const text = renderDailyTable(report, { width: 200, palette: plain, breakdown: true });
    expect(text).toMatch(/└ opus-4-6 .* <\$0\.01/);
  });

  it('marks partial costs and names the unpriced models', () => {
    const partial = rollupByDay(
      [
        pricedRecord({ timestamp: at('2026-11-20T01:00:00Z'), model: 'my-proxy', cost: null }),
        pricedRecord({ timestamp: at('2026-11-20T02:00:00Z'), cost: 1 }),
      ],
      { calendar: new ZonedCalendar('UTC'), range: week },
    );
    const text = renderDailyTable(partial, { width: 80, palette: plain, breakdown: false });
    expect(text).toContain('$1.00+');
    expect(text).toContain('without a price: my-proxy (no known price)');
  });

  it('carries escape codes only with colour on', () => {
    const options = { width: 200, breakdown: false };
    expect(renderDailyTable(report, { ...options, palette: plain })).not.toContain('\u001b[');
    expect(renderDailyTable(report, { ...options, palette: palette(true) })).toContain('\u001b[');
  });
});

describe('dailyJson', () => {
  it('lists each unpriced model with its reason and token counts', () => {
    const partial = rollupByDay(
      [
        pricedRecord({
          timestamp: at('2026-11-20T01:00:00Z'),
          model: 'my-proxy',
          outputTokens: 7,
          cost: null,
        }),
      ],
      { calendar: new ZonedCalendar('UTC'), range: week },
    );
    const prices = {
      source: 't',
      retrievedAt: '2026-11-01',
      models: {},
      origin: 'snapshot' as const,
      file: null,
    };
    const { daily } = dailyJson(partial);
    const meta = reportMeta({
      range: partial.range,
      timeZone: partial.timeZone,
      models: partial.models,
      stats,
      project: undefined,
      costMode: 'calculate',
      prices,
      unpriced: new Map([['my-proxy', 'no known price']]),
      budgets: [],
    });
    expect(meta.unpricedModels).toEqual([
      expect.objectContaining({
        model: 'my-proxy',
        reason: 'no known price',
        unpricedRequests: 1,
        outputTokens: 7,
      }),
    ]);
    expect(daily[3]).toMatchObject({ totalCost: 0, costIsPartial: true });
    expect(daily[3]?.modelBreakdowns[0]?.cost).toBeNull();
  });

  const prices = {
    source: 'test table',
    retrievedAt: '2026-11-01',
    models: {},
    origin: 'snapshot' as const,
    file: null,
  };
  const json = dailyJson(report);
  const meta = reportMeta({
    range: report.range,
    timeZone: report.timeZone,
    models: report.models,
    stats,
    project: undefined,
    costMode: 'calculate',
    prices,
    unpriced: new Map(),
    budgets: [],
  });

  // The first record's parts, as set above: 34.5678 + 1000 + 200 = 1234.5678.
  const firstDayKinds = {
    input: 34.5678,
    output: 1000,
    cacheWrite5m: 0,
    cacheWrite1h: 0,
    cacheRead: 200,
    webSearch: 0,
    logged: 0,
  };

  it('uses the field names ccusage users read, plus the cache-write split', () => {
    expect(json.daily[1]).toEqual({
      date: '2026-11-18',
      inputTokens: 123_456,
      outputTokens: 1_234_567,
      cacheCreationTokens: 2_345_678,
      cacheReadTokens: 456_789_012,
      totalTokens: 460_492_713,
      cacheCreation5mTokens: 2_000_000,
      cacheCreation1hTokens: 345_678,
      requests: 1,
      webSearchRequests: 0,
      totalCost: 1234.5678,
      costByKind: firstDayKinds,
      costIsPartial: false,
      modelsUsed: ['claude-sonnet-4-5-20250929'],
      modelBreakdowns: [
        {
          modelName: 'claude-sonnet-4-5-20250929',
          inputTokens: 123_456,
          outputTokens: 1_234_567,
          cacheCreationTokens: 2_345_678,
          cacheReadTokens: 456_789_012,
          totalTokens: 460_492_713,
          cacheCreation5mTokens: 2_000_000,
          cacheCreation1hTokens: 345_678,
          requests: 1,
          webSearchRequests: 0,
          cost: 1234.5678,
          costByKind: firstDayKinds,
        },
      ],
    });
  });

  it('totals the range and describes the run in meta', () => {
    expect(json.totals).toMatchObject({
      totalTokens: 460_492_723,
      totalCost: 1234.5688,
      requests: 2,
    });
    expect(meta).toEqual({
      schemaVersion: 3,
      since: '2026-11-17',
      until: '2026-11-23',
      timeZone: 'UTC',
      project: null,
      model: null,
      allRoots: false,
      roots: ['/logs'],
      ledger: null,
      filesRead: 2,
      linesRead: 40,
      malformedLines: 0,
      unreadable: [],
      unpricedModels: [],
      costMode: 'calculate',
      prices: { source: 'test table', retrievedAt: '2026-11-01', origin: 'snapshot' },
      budgets: [],
    });
  });
});

describe('shorten', () => {
  it('cuts a path at a folder boundary, and other text at the end', () => {
    expect(shorten('/home/ann/work/my-app', 14, 'start')).toBe('…/work/my-app');
    expect(shorten('/home/ann/work/my-app', 9, 'start')).toBe('…/my-app');
    expect(shorten('/home/ann/work/a-very-long-name', 8, 'start')).toBe('…ng-name');
    expect(shorten('claude-sonnet-4-5-20250929', 10)).toBe('claude-so…');
    expect(shorten('short', 10, 'start')).toBe('short');
  });
});
