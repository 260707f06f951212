import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMPTY_CONFIG } from '../../src/config/config.js';
import { findTranscriptFiles } from '../../src/logs/files.js';
import { readTranscripts } from '../../src/logs/load.js';
import { PriceBook } from '../../src/pricing/book.js';
import { type CostMode, priceRecords } from '../../src/pricing/price-records.js';
import { newerTable, shippedPrices } from '../../src/pricing/sources.js';
import { ZonedCalendar } from '../../src/report/calendar.js';
import { rollupByDay } from '../../src/report/daily.js';
import { REPO } from '../helpers/cli.js';

const dir = path.join(REPO, 'fixtures', 'pricing');
const expected = JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8'));
const book = new PriceBook(newerTable(shippedPrices(), null, '/c'), EMPTY_CONFIG, '/cfg');

async function priced(mode: CostMode) {
  const { files } = await findTranscriptFiles([path.join(dir, 'projects')]);
  const { records } = await readTranscripts(files);
  return priceRecords(records, book, mode);
}

describe('priceRecords on fixtures/pricing (EXPECTED.md)', () => {
  it('prices each request as worked out by hand', async () => {
    const records = await priced('calculate');
    const byKey = new Map(
      records.map((record) => [record.key?.split(':')[0]?.replace('msg_', ''), record]),
    );
    for (const [key, cost] of Object.entries(expected.requests)) {
      expect(byKey.get(key)?.cost, key).toBeCloseTo(cost as number, 12);
    }
    for (const key of ['P7', 'P8', 'P11']) expect(byKey.get(key)?.cost, key).toBeNull();
  });

  it.each(['calculate', 'auto', 'display'] as const)(
    'gives the day totals of --mode %s',
    async (mode) => {
      const records = await priced(mode);
      const report = rollupByDay(records, {
        calendar: new ZonedCalendar('UTC'),
        range: {
          since: '2026-08-30',
          until: '2026-11-10',
          fillEmptyDays: false,
        },
      });
      const days = Object.fromEntries(
        report.days.map((day) => [day.date, Math.round(day.cost * 1e9) / 1e9]),
      );
      expect(days).toEqual(expected.modes[mode]);
      // The report's cost is the plain sum of its records' costs.
      const sum = records.reduce((total, record) => total + (record.cost ?? 0), 0);
      expect(report.totals.cost).toBeCloseTo(sum, 12);
    },
  );

  it('uses costUSD in auto and display modes only', async () => {
    const find = (records: Awaited<ReturnType<typeof priced>>) =>
      records.find((r) => r.key === 'msg_P9:req_P9');
    expect(find(await priced('calculate'))?.cost).toBeCloseTo(0.0018, 12);
    expect(find(await priced('auto'))?.cost).toBe(0.5);
    expect(find(await priced('display'))?.cost).toBe(0.5);
    expect((await priced('display')).find((r) => r.key === 'msg_P1:req_P1')).toMatchObject({
      cost: null,
      unpriced: 'no costUSD logged; --mode display',
    });
  });
});
