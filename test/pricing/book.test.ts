import { describe, expect, it } from 'vitest';
import { EMPTY_CONFIG } from '../../src/config/config.js';
import { parseConfig } from '../../src/config/schema.js';
import { UsageError } from '../../src/errors.js';
import { PriceBook } from '../../src/pricing/book.js';
import { priceTable, shippedPrices } from '../../src/pricing/sources.js';
import type { PricePeriod } from '../../src/pricing/table.js';
import type { RequestUsage } from '../../src/types.js';

const table = priceTable(shippedPrices(), null, '/cache/prices.json');
const book = (config = EMPTY_CONFIG) => new PriceBook(table, config, '/cfg.json');
const tokens = (input: number, output: number, more: Partial<RequestUsage> = {}): RequestUsage => ({
  inputTokens: input,
  outputTokens: output,
  cacheWrite5mTokens: 0,
  cacheWrite1hTokens: 0,
  cacheReadTokens: 0,
  fast: false,
  inferenceGeo: null,
  webSearchRequests: 0,
  ...more,
});
const at = (iso: string) => Date.parse(iso);

describe('PriceBook.resolve', () => {
  it('says which entry prices a model, from where, and how it matched', () => {
    expect(book().resolve('claude-sonnet-4-5-20250929')).toMatchObject({
      entry: 'claude-sonnet-4-5-20250929',
      source: 'snapshot',
      exact: true,
      alias: null,
    });
    expect(book().resolve('us.anthropic.claude-sonnet-4-5-20250929-v1:0')).toMatchObject({
      entry: 'claude-sonnet-4-5-20250929',
      exact: false,
    });
    // A provider id that LiteLLM lists is an alias of the dated model: the same prices.
    expect(book().resolve('anthropic.claude-opus-4-6-v1')).toMatchObject({
      entry: 'claude-opus-4-6',
      exact: true,
    });
    expect(book().resolve('anthropic.claude-opus-4-6-v1')?.prices.origin).toBe('anthropic');
    expect(book().resolve('my-proxy')).toBeNull();
  });

  it('lets config prices win, under any spelling of the id', () => {
    const config = parseConfig({ prices: { 'claude-sonnet-4-5': { input: 4, output: 20 } } }, 'c');
    const resolution = book(config).resolve('claude-sonnet-4-5-20250929');
    expect(resolution).toMatchObject({ entry: 'claude-sonnet-4-5', source: 'config' });
    // $4 per million, and the cache figures from Anthropic's multiples: 5, 8, 0.4 per million,
    // at every date (the config replaces the table's history for that model).
    expect(resolution?.prices.periods).toHaveLength(1);
    expect(resolution?.prices.periods[0]).toMatchObject({
      from: null,
      until: null,
      input: 4,
      output: 20,
      cacheWrite5m: 5,
      cacheWrite1h: 8,
      cacheRead: 0.4,
      tiers: [],
      fast: null,
    });
  });

  it('prices an alias as its target', () => {
    const config = parseConfig({ aliases: { 'my-proxy': 'claude-opus-4-6' } }, 'c');
    expect(book(config).resolve('my-proxy')).toMatchObject({
      model: 'my-proxy',
      entry: 'claude-opus-4-6',
      alias: 'claude-opus-4-6',
    });
  });

  it('rejects an alias whose target has no price, naming the key', () => {
    const config = parseConfig({ aliases: { 'my-proxy': 'claude-sonet-4-5' } }, 'c');
    expect(() => book(config)).toThrow(UsageError);
    expect(() => book(config)).toThrow("aliases.my-proxy: 'claude-sonet-4-5' has no price");
  });
});

describe('PriceBook.list', () => {
  it('lists config prices, then aliases, then plain table ids; provider ids only when asked', () => {
    const config = parseConfig(
      {
        prices: { 'my-model': { input: 1, output: 2 } },
        aliases: { 'my-proxy': 'claude-opus-4-6' },
      },
      'c',
    );
    const rows = book(config).list(false);
    expect(rows.slice(0, 2).map((row) => [row.model, row.note])).toEqual([
      ['my-model', 'config'],
      ['my-proxy', '= claude-opus-4-6'],
    ]);
    expect(rows.some((row) => row.model.startsWith('anthropic.'))).toBe(false);
    // Provider ids of dated models are their aliases; LiteLLM-only provider ids are rows.
    const all = book(config).list(true);
    expect(all.some((row) => row.model === 'anthropic.claude-opus-4-6-v1')).toBe(false);
    expect(all.some((row) => row.model === 'anthropic.claude-v2:1')).toBe(true);
  });
});

describe('PriceBook.costOf', () => {
  const cost = (model: string, usage: RequestUsage, iso: string) => {
    const result = book().costOf(model, usage, at(iso));
    return result.price === null ? result.reason : Math.round(result.price.cost * 1e9) / 1e3;
  };

  it('prices each request at the period in force when it ran', () => {
    // Sonnet 5.5 cache reads: $0.20, then $0.10 from 2026-10-07. 100,000 reads.
    const reads = tokens(0, 0, { cacheReadTokens: 100_000 });
    expect(cost('claude-sonnet-5-5', reads, '2026-10-05T12:00:00Z')).toBe(20_000);
    expect(cost('claude-sonnet-5-5', reads, '2026-10-09T12:00:00Z')).toBe(10_000);
    // Sonnet 5's $2/$10 went on after 2026-08-31: it became the standard price.
    expect(cost('claude-sonnet-5', tokens(1000, 1000), '2026-09-15T12:00:00Z')).toBe(12_000);
  });

  it('starts a period at 00:00 US Pacific on its date', () => {
    // 2026-10-07 00:00 PDT is 07:00 UTC.
    const reads = tokens(0, 0, { cacheReadTokens: 100_000 });
    expect(cost('claude-sonnet-5-5', reads, '2026-10-07T06:59:59.999Z')).toBe(20_000);
    expect(cost('claude-sonnet-5-5', reads, '2026-10-07T07:00:00Z')).toBe(10_000);
    // 2026-02-07 00:00 PST is 08:00 UTC: Opus 4.6 fast mode begins (launch promotion, $15/$75).
    const fast = tokens(1000, 1000, { fast: true });
    expect(cost('claude-opus-4-6', fast, '2026-02-07T07:59:59Z')).toBe(30_000);
    expect(cost('claude-opus-4-6', fast, '2026-02-07T08:00:00Z')).toBe(90_000);
    // The promotion ran "until 11:59pm PT on February 16".
    expect(cost('claude-opus-4-6', fast, '2026-02-17T07:59:59Z')).toBe(90_000);
    expect(cost('claude-opus-4-6', fast, '2026-02-17T08:00:00Z')).toBe(180_000);
  });

  it('bills a fast request as standard once the model has no fast mode', () => {
    const fast = tokens(1000, 1000, { fast: true });
    expect(cost('claude-opus-4-6', fast, '2026-06-27T12:00:00Z')).toBe(180_000);
    expect(cost('claude-opus-4-6', fast, '2026-07-01T12:00:00Z')).toBe(30_000);
    expect(cost('claude-sonnet-4-5', fast, '2026-07-01T12:00:00Z')).toBe(18_000);
  });

  it('says which period it used', () => {
    const result = book().costOf('claude-opus-4-6', tokens(1, 1), at('2026-03-20T12:00:00Z'));
    expect(result.period).toMatchObject({ from: '2026-03-13', until: '2026-06-29' });
  });

  it('has no cost for an unknown model', () => {
    expect(book().costOf('gpt-oss', tokens(1, 1), 0)).toEqual({
      price: null,
      period: null,
      reason: 'no known price',
    });
  });

  it('has no cost, with the reason, where no period covers the day', () => {
    const gap = priceTable(
      {
        source: 'test',
        retrievedAt: '2026-01-01',
        models: {
          'claude-test-1': {
            origin: 'anthropic',
            aliases: [],
            released: '2026-06-01',
            retired: null,
            periods: [
              {
                ...(table.models['claude-sonnet-5']?.periods[0] as PricePeriod),
                from: '2026-06-01',
                until: null,
              },
            ],
          },
        },
      },
      null,
      '/c',
    );
    const result = new PriceBook(gap, EMPTY_CONFIG, '/cfg').costOf(
      'claude-test-1',
      tokens(1, 1),
      at('2026-05-01T12:00:00Z'),
    );
    expect(result.reason).toBe('no price period covers 2026-05-01');
  });
});
