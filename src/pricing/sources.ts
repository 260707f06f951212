import { ModelMatcher } from './match.js';
import shipped from './prices.json' with { type: 'json' };
import { type PriceSnapshot, PriceSnapshotSchema } from './snapshot.js';

let parsed: PriceSnapshot | undefined;

/** The price snapshot shipped inside the package (checked once): reports never fetch anything. */
export function shippedPrices(): PriceSnapshot {
  parsed ??= PriceSnapshotSchema.parse(shipped);
  return parsed;
}

export function shippedMatcher(): ModelMatcher {
  return new ModelMatcher(shippedPrices().models);
}
