import { describe, expect, it } from 'vitest';
import { summarizeModels } from '../../src/format/model-name.js';
import { shortModelName } from '../../src/pricing/match.js';

describe('shortModelName', () => {
  it.each([
    ['claude-sonnet-4-5-20250929', 'sonnet-4-5'],
    ['claude-opus-4-6', 'opus-4-6'],
    ['claude-3-5-haiku-20241022', 'haiku-3-5'],
    ['us.anthropic.claude-haiku-4-5-20251001-v1:0', 'haiku-4-5'],
    ['my-local-llama', 'my-local-llama'],
  ])('%s -> %s', (model, short) => {
    expect(shortModelName(model)).toBe(short);
  });
});

describe('summarizeModels', () => {
  const models = ['claude-opus-4-6', 'claude-sonnet-4-5-20250929', 'claude-haiku-4-5-20251001'];
  it('joins what fits and counts the rest', () => {
    expect(summarizeModels(models, 40)).toBe('opus-4-6, sonnet-4-5, haiku-4-5');
    expect(summarizeModels(models, 24)).toBe('opus-4-6, sonnet-4-5 +1');
    expect(summarizeModels(models, 12)).toBe('opus-4-6 +2');
    expect(summarizeModels(models, 6)).toBe('opus-…');
  });
  it('names a model once even when its ids differ', () => {
    expect(summarizeModels(['claude-sonnet-4-5', 'claude-sonnet-4-5-20250929'], 40)).toBe(
      'sonnet-4-5',
    );
  });
});
