import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMPTY_CONFIG } from '../../src/config/config.js';
import { findTranscriptFiles } from '../../src/logs/files.js';
import { readTranscripts } from '../../src/logs/load.js';
import { PriceBook } from '../../src/pricing/book.js';
import { COST_PARTS } from '../../src/pricing/cost.js';
import { type CostMode, priceRecords } from '../../src/pricing/price-records.js';
import { priceTable, shippedPrices } from '../../src/pricing/sources.js';
import { ZonedCalendar } from '../../src/report/calendar.js';
import { rollupByDay } from '../../src/report/daily.js';
import { REPO } from '../helpers/cli.js';

const dir = path.join(REPO, 'fixtures', 'pricing');
const expected = JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8'));
const book = new PriceBook(priceTable(shippedPrices(), null, '/c'), EMPTY_CONFIG, '/cfg');

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
    expect(byKey.size).toBe(Object.keys(expected.requests).length + 2);
    for (const [key, cost] of Object.entries(expected.requests)) {
      expect(byKey.get(key)?.cost, key).toBeCloseTo(cost as number, 12);
    }
    for (const key of ['U1', 'U2']) {
      expect(byKey.get(key)).toMatchObject({ cost: null, unpriced: 'no known price' });
    }
  });

  it('splits every cost into parts that add up to it', async () => {
    for (const record of await priced('calculate')) {
      const parts = COST_PARTS.reduce((sum, part) => sum + record[part], 0);
      expect(parts, record.key ?? '').toBeCloseTo(record.cost ?? 0, 15);
    }
    const byKey = new Map(
      (await priced('calculate')).map((r) => [r.key?.split(':')[0]?.replace('msg_', ''), r]),
    );
    // W1: 3 searches; A2: 200,000 reads at the tier's $0.60; C2: 4,000 1-hour writes at $6.
    expect(byKey.get('W1')?.webSearchCost).toBeCloseTo(0.03, 15);
    expect(byKey.get('A2')?.cacheReadCost).toBeCloseTo(0.12, 15);
    expect(byKey.get('C2')).toMatchObject({ cacheWrite5mTokens: 0, cacheWrite1hTokens: 4000 });
    expect(byKey.get('C2')?.cacheWrite1hCost).toBeCloseTo(0.024, 15);
  });

  it.each(['calculate', 'auto', 'display'] as const)(
    'gives the day totals of --mode %s',
    async (mode) => {
      const records = await priced(mode);
      const report = rollupByDay(records, {
        calendar: new ZonedCalendar('UTC'),
        range: { since: '2025-01-01', until: '2026-12-31', fillEmptyDays: false },
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

  it('sets every cost part of every record, in every mode (records start without them)', async () => {
    for (const mode of ['calculate', 'auto', 'display'] as const) {
      for (const record of await priced(mode)) {
        for (const part of COST_PARTS) {
          expect(typeof record[part], `${mode} ${record.key} ${part}`).toBe('number');
        }
      }
    }
  });

  it('uses costUSD in auto and display modes only', async () => {
    const find = (records: Awaited<ReturnType<typeof priced>>) =>
      records.find((r) => r.key === 'msg_K1:req_K1');
    expect(find(await priced('calculate'))?.cost).toBeCloseTo(0.0018, 12);
    expect(find(await priced('auto'))?.cost).toBe(0.5);
    expect(find(await priced('display'))).toMatchObject({
      cost: 0.5,
      loggedCost: 0.5,
      inputCost: 0,
    });
    expect((await priced('display')).find((r) => r.key === 'msg_A1:req_A1')).toMatchObject({
      cost: null,
      unpriced: 'no costUSD logged; --mode display',
    });
  });
});
