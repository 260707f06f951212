import { describe, expect, it } from 'vitest';
import { canonicalModelId, ModelMatcher } from '../../src/pricing/match.js';
import { shippedPrices } from '../../src/pricing/table.js';

const matcher = new ModelMatcher(shippedPrices().models);

describe('canonicalModelId', () => {
  it.each([
    ['claude-sonnet-4-5-20250929', 'claude-sonnet-4-5-20250929'],
    ['anthropic/claude-sonnet-4-5', 'claude-sonnet-4-5'],
    ['us.anthropic.claude-sonnet-4-5-20250929-v1:0', 'claude-sonnet-4-5-20250929'],
    ['bedrock/us-east-1/anthropic.claude-3-5-haiku-20241022-v1:0', 'claude-3-5-haiku-20241022'],
    ['vertex_ai/claude-opus-4-6@20260205', 'claude-opus-4-6-20260205'],
    ['anthropic.claude-opus-4-6-v1', 'claude-opus-4-6'],
    ['Claude-Opus-4-6', 'claude-opus-4-6'],
  ])('%s -> %s', (id, canonical) => {
    expect(canonicalModelId(id)).toBe(canonical);
  });
});

describe('ModelMatcher on the shipped snapshot', () => {
  it.each([
    // id seen in logs, table entry it must use
    ['claude-sonnet-4-5-20250929', 'claude-sonnet-4-5-20250929'],
    ['claude-sonnet-4-5', 'claude-sonnet-4-5'],
    ['claude-haiku-4-5-20251001', 'claude-haiku-4-5-20251001'],
    ['claude-opus-4-6', 'claude-opus-4-6'],
    ['claude-opus-4-1-20250805', 'claude-opus-4-1-20250805'],
    ['claude-opus-4-20250514', 'claude-opus-4-20250514'],
    ['claude-opus-4', 'claude-opus-4-20250514'],
    ['claude-sonnet-4', 'claude-sonnet-4-20250514'],
    ['claude-sonnet-4-6-20260301', 'claude-sonnet-4-6'],
    // retired: only a provider id is left in the table
    ['claude-3-5-haiku-20241022', 'anthropic.claude-3-5-haiku-20241022-v1:0'],
    ['claude-3-7-sonnet-20250219', 'claude-3-7-sonnet-20250219'],
    ['us.anthropic.claude-sonnet-4-5-20250929-v1:0', 'claude-sonnet-4-5-20250929'],
  ])('%s is priced as %s', (model, entry) => {
    expect(matcher.match(model)?.entry).toBe(entry);
  });

  it('never matches across versions', () => {
    expect(matcher.match('claude-opus-4')?.entry).not.toMatch(/opus-4-1/);
    expect(matcher.match('claude-sonnet-4')?.entry).not.toMatch(/sonnet-4-5/);
    expect(matcher.match('claude-opus-4-9')).toBeNull();
    expect(matcher.match('claude-sonnet-4-7-20270101')).toBeNull();
  });

  it('knows nothing of unknown models', () => {
    expect(matcher.match('my-local-llama')).toBeNull();
    expect(matcher.match('unknown')).toBeNull();
  });
});
