import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPriceTable, datedModels, liteLlmModel } from '../../src/pricing/build.js';
import { mergeLiteLlm } from '../../src/pricing/merge.js';
import { PRICE_TABLE_SOURCE, priceDataDir } from '../../src/pricing/price-data.js';
import { shippedPrices } from '../../src/pricing/sources.js';
import { type ModelPrices, PriceTableSchema } from '../../src/pricing/table.js';
import { REPO } from '../helpers/cli.js';

const dataDir = priceDataDir(REPO);
const read = (name: string) => JSON.parse(readFileSync(path.join(dataDir, name), 'utf8'));

/** One dated entry as claude-prices.json writes it; override what a test is about. */
function entry(more: Record<string, unknown>) {
  return {
    model: 'claude-test-1',
    aliases: [],
    from: null,
    until: null,
    input: 4,
    output: 20,
    cacheWrite5m: 5,
    cacheWrite1h: 8,
    cacheRead: 0.2,
    tiers: [],
    fast: null,
    geoUsMultiplier: 1.1,
    webSearchPer1000: 10,
    ...more,
  };
}

describe('the shipped price table', () => {
  it('is what scripts/build-prices.mjs builds from ../shared/pricing (npm run prices:build)', () => {
    // CI and every developer have ../shared beside the repo: a missing copy fails here.
    const built = buildPriceTable(read('claude-prices.json'), read('litellm-claude.json'), {
      source: PRICE_TABLE_SOURCE,
      retrievedAt: shippedPrices().retrievedAt,
    });
    expect(shippedPrices()).toEqual(built);
  });

  it('has the shape the code reads', () => {
    expect(PriceTableSchema.safeParse(shippedPrices()).success).toBe(true);
  });

  it('prices every model of claude-prices.json from it, whatever LiteLLM says', () => {
    const dated = read('claude-prices.json') as { model: string }[];
    for (const model of new Set(dated.map((e) => e.model))) {
      expect(shippedPrices().models[model]?.origin, model).toBe('anthropic');
    }
    // LiteLLM says Opus 4.8 fast is 6x; Anthropic's price is 2x ($10/$50).
    expect(shippedPrices().models['claude-opus-4-8']?.periods[0]?.fast).toMatchObject({
      input: 10,
      output: 50,
      multiplier: 2,
    });
  });
});

describe('datedModels', () => {
  it('orders periods by date and gives fast prices the cache factors of the period', () => {
    const models = datedModels([
      entry({ from: '2026-10-01', until: null, cacheRead: 0.1 }),
      entry({ from: null, until: '2026-10-01', fast: { input: 8, output: 40, multiplier: 2 } }),
    ]);
    const periods = models['claude-test-1']?.periods ?? [];
    expect(periods.map((p) => [p.from, p.until])).toEqual([
      [null, '2026-10-01'],
      ['2026-10-01', null],
    ]);
    // Cache read 0.2 of input 4 is 0.05x: fast input $8 -> read $0.40; writes 1.25x and 2x.
    expect(periods[0]?.fast).toEqual({
      input: 8,
      output: 40,
      cacheWrite5m: 10,
      cacheWrite1h: 16,
      cacheRead: 0.4,
      multiplier: 2,
      tiers: [],
    });
  });

  it('refuses periods with a gap, an overlap or an end', () => {
    expect(() =>
      datedModels([entry({ until: '2026-10-01' }), entry({ from: '2026-10-02' })]),
    ).toThrow(/starts 2026-10-02, expected 2026-10-01/);
    expect(() => datedModels([entry({ until: '2026-10-01' })])).toThrow(/last period has an end/);
  });
});

describe('liteLlmModel', () => {
  it('prices a 1-hour write at 2x input, not the faulty upstream figure', () => {
    // Claude 3 Haiku: input $0.25/MTok; upstream lists a 1-hour write at $6/MTok, Anthropic bills $0.50.
    const model = liteLlmModel({
      input_cost_per_token: 2.5e-7,
      output_cost_per_token: 1.25e-6,
      cache_creation_input_token_cost: 3e-7,
      cache_creation_input_token_cost_above_1hr: 6e-6,
      cache_read_input_token_cost: 3e-8,
    });
    expect(model?.periods[0]).toMatchObject({
      input: 0.25,
      output: 1.25,
      cacheWrite5m: 0.3,
      cacheWrite1h: 0.5,
      cacheRead: 0.03,
    });
  });

  it('fills missing cache figures from Anthropic multiples and keeps its tier, fast and geo', () => {
    const period = liteLlmModel({
      input_cost_per_token: 4e-6,
      output_cost_per_token: 2e-5,
      input_cost_per_token_above_200k_tokens: 8e-6,
      provider_specific_entry: { fast: 6, us: 1.1 },
    })?.periods[0];
    expect(period).toMatchObject({ cacheWrite5m: 5, cacheWrite1h: 8, cacheRead: 0.4 });
    expect(period?.tiers).toEqual([
      {
        abovePromptTokens: 200_000,
        input: 8,
        output: 20,
        cacheWrite5m: 10,
        cacheWrite1h: 16,
        cacheRead: 0.8,
      },
    ]);
    expect(period?.fast).toMatchObject({ input: 24, output: 120, multiplier: 6 });
    expect(period?.geoUsMultiplier).toBe(1.1);
  });

  it('skips entries without token prices', () => {
    expect(liteLlmModel({ output_cost_per_token: 1e-6 })).toBeNull();
    expect(liteLlmModel('nonsense')).toBeNull();
  });
});

describe('mergeLiteLlm', () => {
  const dated = datedModels([entry({})]);
  const upstream = (input: number) =>
    liteLlmModel({
      input_cost_per_token: input * 1e-6,
      output_cost_per_token: 2e-5,
    }) as ModelPrices;

  it('adds another spelling of a dated model as an alias, never its figures', () => {
    const merged = mergeLiteLlm(dated, { 'anthropic.claude-test-1-v1:0': upstream(99) });
    expect(merged['claude-test-1']?.aliases).toEqual(['anthropic.claude-test-1-v1:0']);
    expect(merged['claude-test-1']?.periods).toEqual(dated['claude-test-1']?.periods);
    expect(merged['anthropic.claude-test-1-v1:0']).toBeUndefined();
  });

  it('adds models the dated prices lack, newer figures replacing older, and removes nothing', () => {
    const once = mergeLiteLlm(dated, { 'claude-other': upstream(1) });
    const twice = mergeLiteLlm(once, { 'claude-other': upstream(2) });
    expect(twice['claude-other']?.periods[0]?.input).toBe(2);
    expect(Object.keys(mergeLiteLlm(twice, {}))).toEqual(['claude-other', 'claude-test-1']);
    // The input is left as it was.
    expect(dated['claude-test-1']?.aliases).toEqual([]);
  });
});
