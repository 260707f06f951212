import { describe, expect, it } from 'vitest';
import { EMPTY_CONFIG } from '../../src/config/config.js';
import { parseConfig } from '../../src/config/schema.js';
import { UsageError } from '../../src/errors.js';
import { PriceBook } from '../../src/pricing/book.js';
import { newerTable, shippedPrices } from '../../src/pricing/sources.js';
import type { TokenCounts } from '../../src/types.js';

const table = newerTable(shippedPrices(), null, '/cache/prices.json');
const book = (config = EMPTY_CONFIG) => new PriceBook(table, config, '/cfg.json');
const tokens = (input: number, output: number): TokenCounts => ({
  inputTokens: input,
  outputTokens: output,
  cacheWrite5mTokens: 0,
  cacheWrite1hTokens: 0,
  cacheReadTokens: 0,
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
    expect(book().resolve('my-proxy')).toBeNull();
  });

  it('lets config prices win, under any spelling of the id', () => {
    const config = parseConfig({ prices: { 'claude-sonnet-4-5': { input: 4, output: 20 } } }, 'c');
    const resolution = book(config).resolve('claude-sonnet-4-5-20250929');
    expect(resolution).toMatchObject({ entry: 'claude-sonnet-4-5', source: 'config' });
    // 4 per million, and the cache figures from Anthropic's multiples: 5, 8, 0.4 per million.
    const expected = {
      input: 4e-6,
      output: 2e-5,
      cacheWrite5m: 5e-6,
      cacheWrite1h: 8e-6,
      cacheRead: 4e-7,
    };
    for (const [field, value] of Object.entries(expected)) {
      expect(resolution?.price[field as keyof typeof expected], field).toBeCloseTo(value, 18);
    }
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
    expect(
      book(config)
        .list(true)
        .some((row) => row.model === 'anthropic.claude-opus-4-6-v1'),
    ).toBe(true);
  });
});

describe('PriceBook.costOf', () => {
  it('prices a promotional entry through its last day only', () => {
    // claude-sonnet-5 promo: $2 in / $10 out through 2026-08-31. 1000×2 + 1000×10 = 12,000 µ$.
    const promo = book().costOf(
      'claude-sonnet-5',
      tokens(1000, 1000),
      false,
      at('2026-08-31T23:59:59Z'),
    );
    expect(promo.cost).toBeCloseTo(0.012, 12);
    expect(
      book().costOf('claude-sonnet-5', tokens(1000, 1000), false, at('2026-09-01T00:00:00Z')),
    ).toEqual({
      cost: null,
      reason: 'its listed price held through 2026-08-31 only',
    });
  });

  it('has no cost for fast mode on a model without a fast multiplier', () => {
    expect(book().costOf('claude-sonnet-4-5', tokens(1, 1), true, 0)).toEqual({
      cost: null,
      reason: 'no fast-mode multiplier is known',
    });
  });

  it('has no cost for an unknown model', () => {
    expect(book().costOf('gpt-oss', tokens(1, 1), false, 0)).toEqual({
      cost: null,
      reason: 'no known price',
    });
  });
});
