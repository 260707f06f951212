import type { ModelPrice, Rates } from './snapshot.js';

export interface PriceChange {
  model: string;
  /** `input`, `above200k.output`, `fastMultiplier`, ... with the values before and after. */
  fields: { field: string; before: number | string | null; after: number | string | null }[];
}

export interface PriceDiff {
  added: string[];
  removed: string[];
  changed: PriceChange[];
}

const RATE_FIELDS: (keyof Rates)[] = [
  'input',
  'output',
  'cacheWrite5m',
  'cacheWrite1h',
  'cacheRead',
];

function flatten(price: ModelPrice): Map<string, number | string> {
  const flat = new Map<string, number | string>();
  for (const field of RATE_FIELDS) flat.set(field, price[field]);
  for (const field of RATE_FIELDS) {
    if (price.above200k !== undefined) flat.set(`above200k.${field}`, price.above200k[field]);
  }
  if (price.fastMultiplier !== undefined) flat.set('fastMultiplier', price.fastMultiplier);
  if (price.validUntil !== undefined) flat.set('validUntil', price.validUntil);
  return flat;
}

/** What changed between two price tables, model by model and field by field. */
export function diffPrices(
  before: Record<string, ModelPrice>,
  after: Record<string, ModelPrice>,
): PriceDiff {
  const added = Object.keys(after)
    .filter((model) => !(model in before))
    .sort();
  const removed = Object.keys(before)
    .filter((model) => !(model in after))
    .sort();
  const changed: PriceChange[] = [];
  for (const model of Object.keys(after).sort()) {
    const old = before[model];
    const now = after[model];
    if (old === undefined || now === undefined) continue;
    const a = flatten(old);
    const b = flatten(now);
    const fields = [...new Set([...a.keys(), ...b.keys()])]
      .filter((field) => a.get(field) !== b.get(field))
      .map((field) => ({ field, before: a.get(field) ?? null, after: b.get(field) ?? null }));
    if (fields.length > 0) changed.push({ model, fields });
  }
  return { added, removed, changed };
}
