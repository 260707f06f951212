import { describe, expect, it } from 'vitest';
import { pricedNames } from '../../src/pricing/book.js';
import { canonicalModelId, ModelMatcher } from '../../src/pricing/match.js';
import { shippedPrices } from '../../src/pricing/sources.js';

const matcher = new ModelMatcher(pricedNames(shippedPrices().models, 0));

describe('canonicalModelId', () => {
  it.each([
    ['claude-sonnet-4-5-20250929', 'claude-sonnet-4-5-20250929'],
    ['anthropic/claude-sonnet-4-5', 'claude-sonnet-4-5'],
    ['us.anthropic.claude-sonnet-4-5-20250929-v1:0', 'claude-sonnet-4-5-20250929'],
    ['bedrock/us-east-1/anthropic.claude-3-5-haiku-20241022-v1:0', 'claude-3-5-haiku-20241022'],
    ['vertex_ai/claude-opus-4-6@20260205', 'claude-opus-4-6-20260205'],
    ['anthropic.claude-opus-4-6-v1', 'claude-opus-4-6'],
    ['Claude-Opus-4-6', 'claude-opus-4-6'],
    ['claude-3-7-sonnet-latest', 'claude-3-7-sonnet'],
    ['anthropic/claude-sonnet-4.5', 'claude-sonnet-4-5'],
    ['claude-sonnet-4-5-20250929[1m]', 'claude-sonnet-4-5-20250929'],
  ])('%s -> %s', (id, canonical) => {
    expect(canonicalModelId(id)).toBe(canonical);
  });
});

describe('ModelMatcher on the shipped snapshot', () => {
  // Model ids as they appear in Claude Code logs (and through Bedrock, Vertex and gateways),
  // and the table entry whose price each must use.
  it.each([
    ['claude-3-haiku-20240307', 'claude-3-haiku-20240307'],
    ['claude-3-opus-20240229', 'claude-3-opus-20240229'],
    ['claude-3-sonnet-20240229', 'claude-3-sonnet-20240229'],
    ['claude-3-5-sonnet-20240620', 'claude-3-5-sonnet-20240620'],
    ['claude-3-5-sonnet-20241022', 'claude-3-5-sonnet-20241022'],
    ['claude-3-5-sonnet-latest', 'claude-3-5-sonnet-20241022'],
    ['claude-3-5-haiku-20241022', 'claude-3-5-haiku-20241022'],
    ['claude-3-7-sonnet-20250219', 'claude-3-7-sonnet-20250219'],
    ['claude-3-7-sonnet-latest', 'claude-3-7-sonnet-20250219'],
    ['claude-sonnet-4-20250514', 'claude-sonnet-4-20250514'],
    ['claude-sonnet-4', 'claude-sonnet-4-20250514'],
    ['claude-opus-4-20250514', 'claude-opus-4-20250514'],
    ['claude-opus-4', 'claude-opus-4-20250514'],
    ['claude-opus-4-1-20250805', 'claude-opus-4-1-20250805'],
    ['claude-opus-4-1', 'claude-opus-4-1-20250805'],
    ['claude-sonnet-4-5-20250929', 'claude-sonnet-4-5-20250929'],
    ['claude-sonnet-4-5', 'claude-sonnet-4-5-20250929'],
    ['claude-haiku-4-5-20251001', 'claude-haiku-4-5-20251001'],
    ['claude-haiku-4-5', 'claude-haiku-4-5-20251001'],
    ['claude-opus-4-5-20251101', 'claude-opus-4-5-20251101'],
    ['claude-opus-4-5', 'claude-opus-4-5-20251101'],
    ['claude-opus-4-6', 'claude-opus-4-6'],
    ['claude-opus-4-6-20260205', 'claude-opus-4-6'],
    ['claude-sonnet-4-6', 'claude-sonnet-4-6'],
    ['claude-sonnet-4-6-20260301', 'claude-sonnet-4-6'],
    ['claude-opus-4-7', 'claude-opus-4-7'],
    ['claude-sonnet-5', 'claude-sonnet-5'],
    ['claude-opus-5', 'claude-opus-5'],
    ['claude-opus-5-5', 'claude-opus-5-5'],
    ['claude-sonnet-5-5', 'claude-sonnet-5-5'],
    ['claude-haiku-5-5', 'claude-haiku-5-5'],
    ['claude-fable-5-1', 'claude-fable-5-1'],
    ['claude-fable-5-2', 'claude-fable-5-2'],
    ['claude-mythos-5-2[1m]', 'claude-mythos-5-2'],
    ['anthropic.claude-sonnet-4-6', 'claude-sonnet-4-6'],
    ['claude-sonnet-4-5-20250929[1m]', 'claude-sonnet-4-5-20250929'],
    ['us.anthropic.claude-sonnet-4-5-20250929-v1:0', 'claude-sonnet-4-5-20250929'],
    ['eu.anthropic.claude-sonnet-4-20250514-v1:0', 'claude-sonnet-4-20250514'],
    ['global.anthropic.claude-opus-4-5-20251101-v1:0', 'claude-opus-4-5-20251101'],
    ['anthropic.claude-opus-4-6-v1', 'claude-opus-4-6'],
    ['bedrock/us-east-1/anthropic.claude-3-5-haiku-20241022-v1:0', 'claude-3-5-haiku-20241022'],
    ['vertex_ai/claude-opus-4-6@20260205', 'claude-opus-4-6'],
    ['claude-sonnet-4-5@20250929', 'claude-sonnet-4-5-20250929'],
    ['anthropic/claude-sonnet-4-5', 'claude-sonnet-4-5-20250929'],
    ['openrouter/anthropic/claude-sonnet-4.5', 'claude-sonnet-4-5-20250929'],
  ])('%s is priced as %s', (model, entry) => {
    expect(matcher.match(model)?.entry).toBe(entry);
  });

  it.each([
    ['claude-opus-4', /opus-4-1/],
    ['claude-sonnet-4', /sonnet-4-5/],
    ['claude-3-5-sonnet-20241022', /3-7/],
    ['claude-fable-5-1', /fable-5$|fable-5-2/],
    ['claude-sonnet-5', /sonnet-5-5/],
  ])('never prices %s as another version', (model, other) => {
    expect(matcher.match(model)?.entry).not.toMatch(other);
  });

  it.each([
    'claude-opus-4-9',
    'claude-haiku-4',
    'claude-sonnet-4-7-20270101',
    'claude-opus-9-preview',
    'my-local-llama',
    'gpt-4o',
    'unknown',
  ])('knows no price for %s', (model) => {
    expect(matcher.match(model)).toBeNull();
  });
});
