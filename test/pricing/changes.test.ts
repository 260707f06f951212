import { describe, expect, it } from 'vitest';
import { describeFieldChanges } from '../../src/format/pricing.js';
import { periodInterval, periodOn, priceChanges } from '../../src/pricing/changes.js';
import { shippedPrices } from '../../src/pricing/sources.js';

const models = shippedPrices().models;

describe('priceChanges', () => {
  it('lists every dated change of the shipped table, oldest first', () => {
    expect(priceChanges(models).map((c) => `${c.date} ${c.model}`)).toEqual([
      '2025-08-12 claude-sonnet-4-20250514',
      '2026-02-07 claude-opus-4-6',
      '2026-02-17 claude-opus-4-6',
      '2026-02-20 claude-opus-4-6',
      '2026-03-13 claude-opus-4-6',
      '2026-03-13 claude-sonnet-4-6',
      '2026-04-30 claude-sonnet-4-20250514',
      '2026-04-30 claude-sonnet-4-5-20250929',
      '2026-05-12 claude-opus-4-7',
      '2026-06-29 claude-opus-4-6',
      '2026-07-24 claude-opus-4-7',
      '2026-10-07 claude-sonnet-5-5',
    ]);
  });

  it('says what changed, in figures and in words', () => {
    const [cut] = priceChanges(models, '2026-10-01');
    expect(cut).toEqual({
      date: '2026-10-07',
      model: 'claude-sonnet-5-5',
      fields: [{ field: 'cacheRead', before: 0.2, after: 0.1 }],
    });
    expect(describeFieldChanges(cut?.fields ?? [])).toEqual(['cache read $0.20 -> $0.10']);
    const ended = priceChanges(models, '2026-06-29').find((c) => c.model === 'claude-opus-4-6');
    expect(describeFieldChanges(ended?.fields ?? [])).toEqual([
      'fast mode ended: a fast request is billed at the standard prices',
    ]);
    const tier = priceChanges(models).find((c) => c.date === '2026-03-13');
    expect(describeFieldChanges(tier?.fields ?? [])).toEqual([
      'prompts over 200,000 tokens: no longer billed higher',
    ]);
  });
});

describe('periodOn', () => {
  it('finds the period in force on a day, the end day excluded', () => {
    const opus = models['claude-opus-4-6'];
    const intervalOn = (day: string) => {
      const period = opus === undefined ? null : periodOn(opus, day);
      return period === null ? null : periodInterval(period);
    };
    expect(intervalOn('2026-02-16')).toBe('2026-02-07/2026-02-17');
    expect(intervalOn('2026-02-17')).toBe('2026-02-17/2026-02-20');
    expect(intervalOn('2026-01-01')).toBe('../2026-02-07');
    expect(intervalOn('2030-01-01')).toBe('2026-06-29/..');
  });
});
