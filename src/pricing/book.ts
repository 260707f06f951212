import type { Config, PriceOverride } from '../config/schema.js';
import { ExitCode, UsageError } from '../errors.js';
import type { RequestUsage } from '../types.js';
import { priceRequest, type RequestPrice } from './cost.js';
import { canonicalModelId, ModelMatcher, type PricedName } from './match.js';
import { pacificMidnight } from './pacific.js';
import { completeRates, undatedPrices } from './rates.js';
import type { PriceTable } from './sources.js';
import type { ModelPrices, PricePeriod } from './table.js';

/** How a model id found its prices. */
export interface Resolution {
  model: string;
  /** The model whose prices are used: a table id, or a model named in the config. */
  entry: string;
  prices: ModelPrices;
  source: 'config' | PriceTable['origin'];
  /** The id itself is listed (as a model or one of its aliases), not another spelling of it. */
  exact: boolean;
  /** The alias target, when the config maps this id to another model. */
  alias: string | null;
}

/** One line of `usage pricing`: a model, its prices, and `config`, `= alias target` or ''. */
export interface PriceRow {
  model: string;
  prices: ModelPrices;
  note: string;
}

/** What one request costs and at which period's prices, or why it has no cost. */
export type RequestCost =
  | { price: RequestPrice; period: PricePeriod; reason: null }
  | { price: null; period: null; reason: string };

const LONG_CONTEXT_THRESHOLD = 200_000;

/**
 * A config price (USD per million tokens) as one period in force at every date: the user's
 * figures replace the table's whole history for that model.
 */
export function overridePrices(override: PriceOverride): ModelPrices {
  return undatedPrices({
    origin: 'config',
    base: completeRates(override),
    tiers:
      override.above200k === undefined
        ? []
        : [{ abovePromptTokens: LONG_CONTEXT_THRESHOLD, ...completeRates(override.above200k) }],
    fastMultiplier: override.fastMultiplier,
    geoUsMultiplier: null,
  });
}

/** Where each period begins and ends, as instants: 00:00 US Pacific on its dates. */
interface PeriodBounds {
  period: PricePeriod;
  fromMs: number;
  untilMs: number;
}

function boundsOf(prices: ModelPrices): PeriodBounds[] {
  return prices.periods.map((period) => ({
    period,
    fromMs: period.from === null ? Number.NEGATIVE_INFINITY : pacificMidnight(period.from),
    untilMs: period.until === null ? Number.POSITIVE_INFINITY : pacificMidnight(period.until),
  }));
}

/** Every name a table prices by: each model id and its aliases. */
export function pricedNames(
  models: Record<string, ModelPrices>,
  rank: number,
): PricedName<ModelPrices>[] {
  return Object.entries(models).flatMap(([entry, prices]) =>
    [entry, ...prices.aliases].map((name) => ({
      name,
      entry,
      value: prices,
      // A LiteLLM model never wins over a dated one under the same spelling.
      rank: rank + (prices.origin === 'litellm' ? 1 : 0),
    })),
  );
}

/**
 * Every price the reports may use, in order of authority: the user's config prices, then the
 * config's aliases (priced as their target), then the price table (Anthropic's dated prices,
 * LiteLLM's for what they lack). Each request is priced at the period in force when it ran.
 */
export class PriceBook {
  private readonly overrides: ModelMatcher<ModelPrices>;
  private readonly table: ModelMatcher<ModelPrices>;
  private readonly aliases: Map<string, string>;
  private readonly resolved = new Map<string, Resolution | null>();
  private readonly bounds = new Map<ModelPrices, PeriodBounds[]>();

  constructor(
    readonly prices: PriceTable,
    readonly config: Config,
    readonly configFile: string,
  ) {
    this.overrides = new ModelMatcher(
      pricedNames(
        Object.fromEntries(
          Object.entries(config.prices).map(([id, price]) => [id, overridePrices(price)]),
        ),
        0,
      ),
    );
    this.table = new ModelMatcher(pricedNames(prices.models, 0));
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

  private resolveDirect(
    model: string,
  ): { entry: string; prices: ModelPrices; exact: boolean; source: Resolution['source'] } | null {
    const override = this.overrides.match(model);
    if (override !== null)
      return {
        entry: override.entry,
        prices: override.value,
        exact: override.exact,
        source: 'config',
      };
    const listed = this.table.match(model);
    return listed === null
      ? null
      : {
          entry: listed.entry,
          prices: listed.value,
          exact: listed.exact,
          source: this.prices.origin,
        };
  }

  /** How a model id resolves to its prices, or null when nothing prices it. */
  resolve(model: string): Resolution | null {
    const cached = this.resolved.get(model);
    if (cached !== undefined) return cached;
    const target = this.aliases.get(model);
    const found = this.resolveDirect(target ?? model);
    const resolution = found === null ? null : { model, ...found, alias: target ?? null };
    this.resolved.set(model, resolution);
    return resolution;
  }

  /** The period of `prices` in force at an instant, or null when none covers it. */
  periodAt(prices: ModelPrices, timestamp: number): PricePeriod | null {
    let bounds = this.bounds.get(prices);
    if (bounds === undefined) {
      bounds = boundsOf(prices);
      this.bounds.set(prices, bounds);
    }
    for (const { period, fromMs, untilMs } of bounds) {
      if (timestamp >= fromMs && timestamp < untilMs) return period;
    }
    return null;
  }

  /** Config prices, then aliases, then the table (provider ids only when `all`). */
  list(all: boolean): PriceRow[] {
    const rows: PriceRow[] = Object.entries(this.config.prices).map(([model, override]) => ({
      model,
      prices: overridePrices(override),
      note: 'config',
    }));
    for (const alias of this.aliases.keys()) {
      const resolution = this.resolve(alias);
      if (resolution !== null)
        rows.push({ model: alias, prices: resolution.prices, note: `= ${resolution.alias}` });
    }
    for (const [model, prices] of Object.entries(this.prices.models)) {
      if (all || canonicalModelId(model) === model) rows.push({ model, prices, note: '' });
    }
    return rows;
  }

  /**
   * A name for the prices this book gives (the table with what was merged into it, the config's
   * prices and aliases): equal for two books that price every request alike. The whole of them
   * as JSON (~25 KB), not a hash of it: two compare exactly, and hashing loaded node:crypto
   * into every report of kept sums (~4 ms of a repeat run's ~100).
   */
  fingerprint(): string {
    const { origin: _origin, file: _file, ...table } = this.prices;
    return JSON.stringify([table, this.config.prices, this.config.aliases]);
  }

  /** The cost of one request at the prices in force when it ran, or why it has none. */
  costOf(model: string, usage: RequestUsage, timestamp: number): RequestCost {
    const resolution = this.resolve(model);
    if (resolution === null) return { price: null, period: null, reason: 'no known price' };
    const period = this.periodAt(resolution.prices, timestamp);
    if (period === null) {
      return {
        price: null,
        period: null,
        reason: `no price period covers ${new Date(timestamp).toISOString().slice(0, 10)}`,
      };
    }
    return { price: priceRequest(usage, period), period, reason: null };
  }
}
