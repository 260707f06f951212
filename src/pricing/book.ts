import type { Config, PriceOverride } from '../config/schema.js';
import { ExitCode, UsageError } from '../errors.js';
import type { TokenCounts } from '../types.js';
import { costOfRequest } from './cost.js';
import { canonicalModelId, type ModelMatch, ModelMatcher } from './match.js';
import { completeRates } from './rates.js';
import type { ModelPrice } from './snapshot.js';
import type { PriceTable } from './sources.js';

/** How a model id found its price. */
export interface Resolution {
  model: string;
  /** The entry whose price is used: a table id, or a model named in the config. */
  entry: string;
  price: ModelPrice;
  source: 'config' | PriceTable['origin'];
  /** The entry is the id itself (not another spelling of it). */
  exact: boolean;
  /** The alias target, when the config maps this id to another model. */
  alias: string | null;
}

/** One line of `usage pricing`: a model, its price, and `config`, `= alias target` or ''. */
export interface PriceRow {
  model: string;
  price: ModelPrice;
  note: string;
}

/** What one request costs, or why it has no cost. */
export type RequestCost = { cost: number; reason: null } | { cost: null; reason: string };

const PER_MILLION = 1e6;

function perToken(rates: Omit<PriceOverride, 'above200k' | 'fastMultiplier'>) {
  return completeRates({
    input: rates.input / PER_MILLION,
    output: rates.output / PER_MILLION,
    cacheWrite5m: rates.cacheWrite5m === undefined ? undefined : rates.cacheWrite5m / PER_MILLION,
    cacheWrite1h: rates.cacheWrite1h === undefined ? undefined : rates.cacheWrite1h / PER_MILLION,
    cacheRead: rates.cacheRead === undefined ? undefined : rates.cacheRead / PER_MILLION,
  });
}

/** A config price (USD per million tokens) as a model price (USD per token). */
export function overridePrice(override: PriceOverride): ModelPrice {
  const price: ModelPrice = perToken(override);
  if (override.above200k !== undefined) price.above200k = perToken(override.above200k);
  if (override.fastMultiplier !== undefined) price.fastMultiplier = override.fastMultiplier;
  return price;
}

/**
 * Every price the reports may use, in order of authority: the user's config prices, then the
 * config's aliases (priced as their target), then the price table (the newer of the shipped
 * snapshot and `usage pricing update`'s cache).
 */
export class PriceBook {
  private readonly overrides: ModelMatcher;
  private readonly table: ModelMatcher;
  private readonly aliases: Map<string, string>;
  private readonly resolved = new Map<string, Resolution | null>();

  constructor(
    readonly prices: PriceTable,
    readonly config: Config,
    readonly configFile: string,
  ) {
    this.overrides = new ModelMatcher(
      Object.fromEntries(Object.entries(config.prices).map(([id, p]) => [id, overridePrice(p)])),
    );
    this.table = new ModelMatcher(prices.models);
    this.aliases = new Map(Object.entries(config.aliases));
    for (const [alias, target] of this.aliases) {
      if (this.resolveDirect(target) === null) {
        throw new UsageError(
          `config ${configFile} is not valid:\n  aliases.${alias}: '${target}' has no price`,
          ExitCode.usage,
        );
      }
    }
  }

  private resolveDirect(model: string): (ModelMatch & { source: Resolution['source'] }) | null {
    const override = this.overrides.match(model);
    if (override !== null) return { ...override, source: 'config' };
    const listed = this.table.match(model);
    return listed === null ? null : { ...listed, source: this.prices.origin };
  }

  /** How a model id resolves to a price, or null when nothing prices it. */
  resolve(model: string): Resolution | null {
    const cached = this.resolved.get(model);
    if (cached !== undefined) return cached;
    const target = this.aliases.get(model);
    const found = this.resolveDirect(target ?? model);
    const resolution =
      found === null
        ? null
        : {
            model,
            entry: found.entry,
            price: found.price,
            source: found.source,
            exact: found.exact,
            alias: target ?? null,
          };
    this.resolved.set(model, resolution);
    return resolution;
  }

  /** Config prices, then aliases, then the table (provider ids only when `all`). */
  list(all: boolean): PriceRow[] {
    const rows: PriceRow[] = Object.entries(this.config.prices).map(([model, override]) => ({
      model,
      price: overridePrice(override),
      note: 'config',
    }));
    for (const alias of this.aliases.keys()) {
      const resolution = this.resolve(alias);
      if (resolution !== null)
        rows.push({ model: alias, price: resolution.price, note: `= ${resolution.alias}` });
    }
    for (const [model, price] of Object.entries(this.prices.models)) {
      if (all || canonicalModelId(model) === model) rows.push({ model, price, note: '' });
    }
    return rows;
  }

  /**
   * The cost of one request, or why it has none: an unknown model, a promotional price that
   * had ended by the request's day (UTC), or fast mode on a model without a fast multiplier.
   */
  costOf(model: string, tokens: TokenCounts, fast: boolean, timestamp: number): RequestCost {
    const resolution = this.resolve(model);
    if (resolution === null) return { cost: null, reason: 'no known price' };
    const { price } = resolution;
    if (
      price.validUntil !== undefined &&
      new Date(timestamp).toISOString().slice(0, 10) > price.validUntil
    ) {
      return { cost: null, reason: `its listed price held through ${price.validUntil} only` };
    }
    if (fast && price.fastMultiplier === undefined) {
      return { cost: null, reason: 'no fast-mode multiplier is known' };
    }
    return { cost: costOfRequest(tokens, price, fast), reason: null };
  }
}
