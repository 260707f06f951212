import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { liteLlmModel } from '../../src/pricing/build.js';
import { priceTable, readCachedPrices, shippedPrices } from '../../src/pricing/sources.js';
import type { ModelPrices } from '../../src/pricing/table.js';
import { fsFixture } from '../helpers/fs-fixture.js';

const cheap = liteLlmModel({
  input_cost_per_token: 1e-7,
  output_cost_per_token: 1e-7,
}) as ModelPrices;
const models = { 'claude-new-9': cheap, 'claude-sonnet-5': cheap };
const later = {
  source: 'https://example.test/prices.json',
  retrievedAt: '2099-01-01T00:00:00.000Z',
  models,
};
const earlier = { ...later, retrievedAt: '2000-01-01T00:00:00.000Z' };

describe('priceTable', () => {
  it('merges a cache retrieved after the shipped table: new models only, dated prices kept', () => {
    const table = priceTable(shippedPrices(), later, '/c/prices.json');
    expect(table).toMatchObject({ origin: 'cache', file: '/c/prices.json' });
    expect(table.models['claude-new-9']).toEqual(cheap);
    expect(table.models['claude-sonnet-5']).toEqual(shippedPrices().models['claude-sonnet-5']);
  });

  it('passes over an older cache, or none', () => {
    expect(priceTable(shippedPrices(), earlier, '/c/prices.json')).toMatchObject({
      origin: 'snapshot',
      file: null,
    });
    expect(priceTable(shippedPrices(), earlier, '/c').models['claude-new-9']).toBeUndefined();
    expect(priceTable(shippedPrices(), null, '/c/prices.json').origin).toBe('snapshot');
  });
});

describe('readCachedPrices', () => {
  it('is quiet about a missing cache and reports a damaged one', async () => {
    expect(await readCachedPrices('/no/such/prices.json')).toEqual({ table: null, problem: null });
    const dir = await fsFixture({ 'prices.json': '{"models": 3}' });
    const damaged = await readCachedPrices(path.join(dir, 'prices.json'));
    expect(damaged.table).toBeNull();
    expect(damaged.problem).toMatch(
      /is damaged or from an older version; run usage pricing update/,
    );
  });
});
