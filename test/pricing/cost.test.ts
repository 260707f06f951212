import { describe, expect, it } from 'vitest';
import { priceRequest } from '../../src/pricing/cost.js';
import type { PricePeriod } from '../../src/pricing/table.js';
import type { RequestUsage } from '../../src/types.js';

// Prices per million tokens, so a cost in millionths of a dollar is tokens × price.
const MICRO = 1e-6;

function usage(partial: Partial<RequestUsage>): RequestUsage {
  return {
    inputTokens: 0,
    outputTokens: 0,
    cacheWrite5mTokens: 0,
    cacheWrite1hTokens: 0,
    cacheReadTokens: 0,
    fast: false,
    inferenceGeo: null,
    webSearchRequests: 0,
    ...partial,
  };
}

function period(partial: Partial<PricePeriod>): PricePeriod {
  return {
    from: null,
    until: null,
    input: 3,
    output: 15,
    cacheWrite5m: 3.75,
    cacheWrite1h: 6,
    cacheRead: 0.3,
    tiers: [],
    fast: null,
    geoUsMultiplier: null,
    webSearchPer1000: 10,
    ...partial,
  };
}

const sonnet45 = period({
  tiers: [
    {
      abovePromptTokens: 200_000,
      input: 6,
      output: 22.5,
      cacheWrite5m: 7.5,
      cacheWrite1h: 12,
      cacheRead: 0.6,
    },
  ],
});

// Haiku 5.5: $0.10/$0.50 up to 100,000 prompt tokens, $0.50/$2.50 above.
const haiku55 = period({
  input: 0.1,
  output: 0.5,
  cacheWrite5m: 0.125,
  cacheWrite1h: 0.2,
  cacheRead: 0.01,
  tiers: [
    {
      abovePromptTokens: 100_000,
      input: 0.5,
      output: 2.5,
      cacheWrite5m: 0.625,
      cacheWrite1h: 1,
      cacheRead: 0.05,
    },
  ],
  geoUsMultiplier: 1.1,
});

// Opus 4.6 between 2026-02-17 and 2026-02-20: fast mode 6x with its own tier.
const opus46 = period({
  input: 5,
  output: 25,
  cacheWrite5m: 6.25,
  cacheWrite1h: 10,
  cacheRead: 0.5,
  tiers: [
    {
      abovePromptTokens: 200_000,
      input: 10,
      output: 37.5,
      cacheWrite5m: 12.5,
      cacheWrite1h: 20,
      cacheRead: 1,
    },
  ],
  fast: {
    input: 30,
    output: 150,
    cacheWrite5m: 37.5,
    cacheWrite1h: 60,
    cacheRead: 3,
    multiplier: 6,
    tiers: [
      {
        abovePromptTokens: 200_000,
        input: 60,
        output: 225,
        cacheWrite5m: 75,
        cacheWrite1h: 120,
        cacheRead: 6,
      },
    ],
  },
  geoUsMultiplier: 1.1,
});

describe('priceRequest', () => {
  it('prices the example line of claude-logs.md, by kind', () => {
    // 12×3 + 880×15 + 3100×6 (1-hour write) + 48211×0.30 = 36 + 13200 + 18600 + 14463.3 µ$.
    const price = priceRequest(
      usage({
        inputTokens: 12,
        outputTokens: 880,
        cacheWrite1hTokens: 3100,
        cacheReadTokens: 48211,
      }),
      sonnet45,
    );
    expect(price.inputCost).toBeCloseTo(36 * MICRO, 15);
    expect(price.outputCost).toBeCloseTo(13200 * MICRO, 15);
    expect(price.cacheWrite1hCost).toBeCloseTo(18600 * MICRO, 15);
    expect(price.cacheReadCost).toBeCloseTo(14463.3 * MICRO, 15);
    expect(price.cost).toBeCloseTo(46299.3 * MICRO, 15);
    expect(price).toMatchObject({ tier: null, fastBilled: false, geoMultiplier: 1 });
  });

  it('bills a whole request at the tier once its prompt passes the threshold, output included', () => {
    // Prompt 100 + 199,900 = 200,000 is not over 200,000: base prices.
    const at = priceRequest(
      usage({ inputTokens: 100, outputTokens: 10, cacheReadTokens: 199_900 }),
      sonnet45,
    );
    expect(at.cost).toBeCloseTo((100 * 3 + 10 * 15 + 199_900 * 0.3) * MICRO, 15);
    expect(at.tier).toBeNull();
    // 200,001: every token at the tier.
    const over = priceRequest(
      usage({ inputTokens: 101, outputTokens: 10, cacheReadTokens: 199_900 }),
      sonnet45,
    );
    expect(over.cost).toBeCloseTo((101 * 6 + 10 * 22.5 + 199_900 * 0.6) * MICRO, 15);
    expect(over.tier).toBe(200_000);
  });

  it('counts cache writes and reads in the prompt, and keeps Haiku 5.5 at exactly 100,000 in the lower band', () => {
    const lower = priceRequest(
      usage({ cacheWrite5mTokens: 50_000, cacheReadTokens: 50_000, outputTokens: 1000 }),
      haiku55,
    );
    expect(lower.cost).toBeCloseTo((50_000 * 0.125 + 50_000 * 0.01 + 1000 * 0.5) * MICRO, 15);
    const upper = priceRequest(
      usage({
        inputTokens: 1,
        cacheWrite5mTokens: 50_000,
        cacheReadTokens: 50_000,
        outputTokens: 1000,
      }),
      haiku55,
    );
    expect(upper.cost).toBeCloseTo((0.5 + 50_000 * 0.625 + 50_000 * 0.05 + 1000 * 2.5) * MICRO, 15);
  });

  it("uses the period's fast prices, and their own tiers, for a fast request", () => {
    const fast = priceRequest(usage({ inputTokens: 1000, outputTokens: 1000, fast: true }), opus46);
    expect(fast.cost).toBeCloseTo((1000 * 30 + 1000 * 150) * MICRO, 15);
    expect(fast.fastBilled).toBe(true);
    const long = usage({
      inputTokens: 1000,
      outputTokens: 1000,
      cacheReadTokens: 200_000,
      fast: true,
    });
    expect(priceRequest(long, opus46).cost).toBeCloseTo(
      (60_000 + 225_000 + 200_000 * 6) * MICRO,
      15,
    );
    // Fast mode without tiers of its own is flat at any length, whatever the standard tiers.
    const flat = { ...opus46, fast: opus46.fast === null ? null : { ...opus46.fast, tiers: [] } };
    expect(priceRequest(long, flat).cost).toBeCloseTo((30_000 + 150_000 + 200_000 * 3) * MICRO, 15);
  });

  it('bills a fast request at the standard prices in a period without fast mode', () => {
    const price = priceRequest(
      usage({ inputTokens: 1000, outputTokens: 1000, fast: true }),
      sonnet45,
    );
    expect(price.cost).toBeCloseTo((1000 * 3 + 1000 * 15) * MICRO, 15);
    expect(price.fastBilled).toBe(false);
  });

  it('multiplies every token by the US-geo multiplier for "us" only, where the model has one', () => {
    const tokens = { inputTokens: 1000, outputTokens: 1000 };
    expect(priceRequest(usage({ ...tokens, inferenceGeo: 'us' }), opus46).cost).toBeCloseTo(
      33_000 * MICRO,
      15,
    );
    for (const geo of ['global', '', 'not_available', null]) {
      expect(
        priceRequest(usage({ ...tokens, inferenceGeo: geo }), opus46).cost,
        String(geo),
      ).toBeCloseTo(30_000 * MICRO, 15);
    }
    // Sonnet 4.5 has no multiplier: "us" costs the standard price.
    expect(priceRequest(usage({ ...tokens, inferenceGeo: 'us' }), sonnet45).cost).toBeCloseTo(
      18_000 * MICRO,
      15,
    );
    // Fast and geo stack.
    const both = priceRequest(usage({ ...tokens, inferenceGeo: 'us', fast: true }), opus46);
    expect(both.cost).toBeCloseTo(180_000 * 1.1 * MICRO, 12);
    expect(both.geoMultiplier).toBe(1.1);
  });

  it('adds web searches at $10 per 1,000, outside the geo multiplier', () => {
    const price = priceRequest(
      usage({ inputTokens: 1000, outputTokens: 1000, webSearchRequests: 2, inferenceGeo: 'us' }),
      opus46,
    );
    expect(price.webSearchCost).toBeCloseTo(0.02, 15);
    expect(price.cost).toBeCloseTo(33_000 * MICRO + 0.02, 15);
  });

  it('has parts that add up to the cost', () => {
    const price = priceRequest(
      usage({
        inputTokens: 7,
        outputTokens: 11,
        cacheWrite5mTokens: 13,
        cacheWrite1hTokens: 17,
        cacheReadTokens: 19,
        webSearchRequests: 1,
        inferenceGeo: 'us',
        fast: true,
      }),
      opus46,
    );
    const parts =
      price.inputCost +
      price.outputCost +
      price.cacheWrite5mCost +
      price.cacheWrite1hCost +
      price.cacheReadCost +
      price.webSearchCost +
      price.loggedCost;
    expect(parts).toBeCloseTo(price.cost, 15);
  });
});
