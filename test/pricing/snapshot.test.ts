import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPriceSnapshot, modelPriceFromLiteLlm } from '../../src/pricing/snapshot.js';
import { shippedPrices } from '../../src/pricing/sources.js';
import { REPO } from '../helpers/cli.js';

const sharedTable = path.join(REPO, '..', 'shared', 'pricing', 'litellm-claude.json');

describe('modelPriceFromLiteLlm', () => {
  it('prices a 1-hour write at 2x input, not the faulty upstream figure', () => {
    // Claude 3 Haiku: input $0.25/MTok; upstream lists a 1-hour write at $6/MTok, Anthropic bills $0.50.
    const price = modelPriceFromLiteLlm({
      input_cost_per_token: 2.5e-7,
      output_cost_per_token: 1.25e-6,
      cache_creation_input_token_cost: 3e-7,
      cache_creation_input_token_cost_above_1hr: 6e-6,
      cache_read_input_token_cost: 3e-8,
    });
    expect(price).toEqual({
      input: 2.5e-7,
      output: 1.25e-6,
      cacheWrite5m: 3e-7,
      cacheWrite1h: 5e-7,
      cacheRead: 3e-8,
    });
  });

  it('fills missing cache figures from Anthropic multiples and keeps long-context and fast rates', () => {
    const price = modelPriceFromLiteLlm({
      input_cost_per_token: 4e-6,
      output_cost_per_token: 2e-5,
      input_cost_per_token_above_200k_tokens: 8e-6,
      provider_specific_entry: { fast: 6, us: 1.1 },
    });
    expect(price?.cacheWrite5m).toBeCloseTo(5e-6, 18); // 1.25 × 4
    expect(price?.cacheRead).toBeCloseTo(4e-7, 18); // 0.1 × 4
    expect(price?.above200k).toMatchObject({ input: 8e-6, output: 2e-5, cacheWrite1h: 1.6e-5 });
    expect(price?.fastMultiplier).toBe(6);
  });

  it('skips entries without token prices', () => {
    expect(modelPriceFromLiteLlm({ output_cost_per_token: 1e-6 })).toBeNull();
    expect(modelPriceFromLiteLlm('nonsense')).toBeNull();
  });
});

describe('the shipped snapshot', () => {
  it('has the list prices of the reference figures', () => {
    const sonnet = shippedPrices().models['claude-sonnet-4-5-20250929'];
    expect(sonnet).toMatchObject({
      input: 3e-6,
      output: 1.5e-5,
      cacheWrite5m: 3.75e-6,
      cacheWrite1h: 6e-6,
      cacheRead: 3e-7,
    });
    expect(sonnet?.above200k).toMatchObject({
      input: 6e-6,
      output: 2.25e-5,
      cacheWrite5m: 7.5e-6,
      cacheRead: 6e-7,
    });
  });

  it.skipIf(!existsSync(sharedTable))(
    'is what the snapshot script builds from ../shared/pricing',
    () => {
      const built = buildPriceSnapshot(JSON.parse(readFileSync(sharedTable, 'utf8')), 'x', 'y');
      expect(shippedPrices().models).toEqual(built.models);
    },
  );
});
