import type { FastPrice, ModelPrices, PricePeriod, PriceTier, Rates } from './table.js';

/** One figure of a period that changed, before and after (null: there was none). */
export interface FieldChange {
  field: string;
  before: number | null;
  after: number | null;
}

/** A dated change of one model's prices: the period that began on `date`. */
export interface PriceChange {
  date: string;
  model: string;
  fields: FieldChange[];
}

const RATE_FIELDS: (keyof Rates)[] = [
  'input',
  'output',
  'cacheWrite5m',
  'cacheWrite1h',
  'cacheRead',
];

function flattenRates(flat: Map<string, number>, prefix: string, rates: Rates): void {
  for (const field of RATE_FIELDS) flat.set(`${prefix}${field}`, rates[field]);
}

function flattenTiers(flat: Map<string, number>, prefix: string, tiers: PriceTier[]): void {
  for (const tier of tiers) flattenRates(flat, `${prefix}above${tier.abovePromptTokens}.`, tier);
}

function flattenFast(flat: Map<string, number>, fast: FastPrice | null): void {
  if (fast === null) return;
  flattenRates(flat, 'fast.', fast);
  flat.set('fast.multiplier', fast.multiplier);
  flattenTiers(flat, 'fast.', fast.tiers);
}

/**
 * Every figure of a period under a name: `input`, `above200000.output`, `fast.input`,
 * `fast.above200000.input`, `geoUsMultiplier`, `webSearchPer1000`.
 */
export function flattenPeriod(period: PricePeriod): Map<string, number> {
  const flat = new Map<string, number>();
  flattenRates(flat, '', period);
  flattenTiers(flat, '', period.tiers);
  flattenFast(flat, period.fast);
  if (period.geoUsMultiplier !== null) flat.set('geoUsMultiplier', period.geoUsMultiplier);
  flat.set('webSearchPer1000', period.webSearchPer1000);
  return flat;
}

/** The figures that differ between two periods, in a stable order. */
export function diffPeriods(before: PricePeriod, after: PricePeriod): FieldChange[] {
  const a = flattenPeriod(before);
  const b = flattenPeriod(after);
  return [...new Set([...a.keys(), ...b.keys()])]
    .filter((field) => a.get(field) !== b.get(field))
    .map((field) => ({ field, before: a.get(field) ?? null, after: b.get(field) ?? null }));
}

/**
 * The dated changes in a table, oldest first: each period that began after a model's first,
 * with what it changed. `since` keeps the changes on or after that day.
 */
export function priceChanges(
  models: Record<string, ModelPrices>,
  since: string | null = null,
): PriceChange[] {
  const changes: PriceChange[] = [];
  for (const [model, prices] of Object.entries(models)) {
    prices.periods.forEach((period, i) => {
      const previous = prices.periods[i - 1];
      if (previous === undefined || period.from === null) return;
      if (since !== null && period.from < since) return;
      changes.push({ date: period.from, model, fields: diffPeriods(previous, period) });
    });
  }
  return changes.sort((a, b) => a.date.localeCompare(b.date) || a.model.localeCompare(b.model));
}

/** The period of a model in force on a day (US Pacific), or null. */
export function periodOn(prices: ModelPrices, day: string): PricePeriod | null {
  return (
    prices.periods.find(
      (period) =>
        (period.from === null || period.from <= day) &&
        (period.until === null || day < period.until),
    ) ?? null
  );
}

/**
 * A period as an ISO 8601 interval of US Pacific days, open ends as `..`:
 * `2026-02-07/2026-02-17` (the end excluded), `../2026-02-07`, `2026-06-29/..`.
 */
export function periodInterval(period: Pick<PricePeriod, 'from' | 'until'>): string {
  return `${period.from ?? '..'}/${period.until ?? '..'}`;
}
