import { ModelMatcher } from './match.js';
import shipped from './prices.json' with { type: 'json' };
import { type PriceSnapshot, PriceSnapshotSchema } from './snapshot.js';

/** The price snapshot shipped inside the package: reports never fetch anything. */
export function shippedPrices(): PriceSnapshot {
  return PriceSnapshotSchema.parse(shipped);
}

export function shippedMatcher(): ModelMatcher {
  return new ModelMatcher(shippedPrices().models);
}
