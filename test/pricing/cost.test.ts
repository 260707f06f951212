import { describe, expect, it } from 'vitest';
import { costOfRequest } from '../../src/pricing/cost.js';
import type { ModelPrice } from '../../src/pricing/snapshot.js';
import type { TokenCounts } from '../../src/types.js';

const M = 1e-6; // prices below are written per million tokens

// Sonnet 4.5 list prices, with its long-context rates.
const sonnet45: ModelPrice = {
  input: 3 * M,
  output: 15 * M,
  cacheWrite5m: 3.75 * M,
  cacheWrite1h: 6 * M,
  cacheRead: 0.3 * M,
  above200k: {
    input: 6 * M,
    output: 22.5 * M,
    cacheWrite5m: 7.5 * M,
    cacheWrite1h: 12 * M,
    cacheRead: 0.6 * M,
  },
};

function tokens(partial: Partial<TokenCounts>): TokenCounts {
  return {
    inputTokens: 0,
    outputTokens: 0,
    cacheWrite5mTokens: 0,
    cacheWrite1hTokens: 0,
    cacheReadTokens: 0,
    ...partial,
  };
}

describe('costOfRequest', () => {
  it('prices the example line of claude-logs.md', () => {
    // 12×3 + 880×15 + 3100×6 (1-hour write) + 48211×0.30 = 36 + 13200 + 18600 + 14463.3
    // = 46299.3 millionths of a dollar.
    const cost = costOfRequest(
      tokens({
        inputTokens: 12,
        outputTokens: 880,
        cacheWrite1hTokens: 3100,
        cacheReadTokens: 48211,
      }),
      sonnet45,
      false,
    );
    expect(cost).toBeCloseTo(0.0462993, 12);
  });

  it('prices a 5-minute write at its own rate', () => {
    // 1000×3.75 = 3750 millionths
    expect(costOfRequest(tokens({ cacheWrite5mTokens: 1000 }), sonnet45, false)).toBeCloseTo(
      0.00375,
      12,
    );
  });

  it('bills the whole request at long-context rates once the prompt passes 200k', () => {
    // prompt = 1,000 + 50,000 + 150,000 = 201,000 > 200,000, so every kind uses the higher rate:
    // 1000×6 + 2000×22.5 + 50000×7.5 + 150000×0.6 = 6000 + 45000 + 375000 + 90000 = 516,000
    const request = tokens({
      inputTokens: 1000,
      outputTokens: 2000,
      cacheWrite5mTokens: 50_000,
      cacheReadTokens: 150_000,
    });
    expect(costOfRequest(request, sonnet45, false)).toBeCloseTo(0.516, 12);
    // ccusage instead raises a token type's rate only when that type alone passes 200k; none
    // does here, so it bills everything at base rates and undercharges by $0.2505:
    // 1000×3 + 2000×15 + 50000×3.75 + 150000×0.3 = 3000 + 30000 + 187500 + 45000 = 265,500
    const perType = 0.2655;
    expect(costOfRequest(request, sonnet45, false) - perType).toBeCloseTo(0.2505, 12);
  });

  it('keeps base rates at exactly 200k prompt tokens', () => {
    // 200,000 cache reads × 0.30 = 60,000 millionths
    expect(costOfRequest(tokens({ cacheReadTokens: 200_000 }), sonnet45, false)).toBeCloseTo(
      0.06,
      12,
    );
  });

  it('ignores the threshold for models without long-context rates', () => {
    const { above200k: _omit, ...flat } = sonnet45;
    // 300,000 × 0.30 = 90,000 millionths
    expect(costOfRequest(tokens({ cacheReadTokens: 300_000 }), flat, false)).toBeCloseTo(0.09, 12);
  });

  it('multiplies fast-mode requests by the model fast multiplier', () => {
    const opus46: ModelPrice = {
      input: 5 * M,
      output: 25 * M,
      cacheWrite5m: 6.25 * M,
      cacheWrite1h: 10 * M,
      cacheRead: 0.5 * M,
      fastMultiplier: 6,
    };
    // (100×5 + 1000×25) × 6 = 25,500 × 6 = 153,000 millionths
    const request = tokens({ inputTokens: 100, outputTokens: 1000 });
    expect(costOfRequest(request, opus46, true)).toBeCloseTo(0.153, 12);
    expect(costOfRequest(request, opus46, false)).toBeCloseTo(0.0255, 12);
  });
});
