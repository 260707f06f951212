import { describe, expect, it } from 'vitest';
import { diffPrices } from '../../src/pricing/diff.js';
import type { ModelPrice } from '../../src/pricing/snapshot.js';

const base: ModelPrice = {
  input: 3e-6,
  output: 1.5e-5,
  cacheWrite5m: 3.75e-6,
  cacheWrite1h: 6e-6,
  cacheRead: 3e-7,
};

describe('diffPrices', () => {
  it('lists added, removed and changed models, field by field', () => {
    const diff = diffPrices(
      { kept: base, gone: base, changed: base },
      { kept: base, changed: { ...base, output: 2e-5, fastMultiplier: 6 }, fresh: base },
    );
    expect(diff).toEqual({
      added: ['fresh'],
      removed: ['gone'],
      changed: [
        {
          model: 'changed',
          fields: [
            { field: 'output', before: 1.5e-5, after: 2e-5 },
            { field: 'fastMultiplier', before: null, after: 6 },
          ],
        },
      ],
    });
  });

  it('is empty for equal tables', () => {
    expect(diffPrices({ a: base }, { a: { ...base } })).toEqual({
      added: [],
      removed: [],
      changed: [],
    });
  });
});
