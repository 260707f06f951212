import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { newerTable, readCachedPrices, shippedPrices } from '../../src/pricing/sources.js';
import { fsFixture } from '../helpers/fs-fixture.js';

const later = {
  source: 'https://example.test/prices.json',
  retrievedAt: '2099-01-01T00:00:00.000Z',
  models: {},
};
const earlier = { ...later, retrievedAt: '2000-01-01T00:00:00.000Z' };

describe('newerTable', () => {
  it('prefers the cache only when it was retrieved after the shipped snapshot', () => {
    expect(newerTable(shippedPrices(), later, '/c/prices.json')).toMatchObject({
      origin: 'cache',
      file: '/c/prices.json',
    });
    expect(newerTable(shippedPrices(), earlier, '/c/prices.json')).toMatchObject({
      origin: 'snapshot',
      file: null,
    });
    expect(newerTable(shippedPrices(), null, '/c/prices.json').origin).toBe('snapshot');
  });
});

describe('readCachedPrices', () => {
  it('is quiet about a missing cache and reports a damaged one', async () => {
    expect(await readCachedPrices('/no/such/prices.json')).toEqual({
      snapshot: null,
      problem: null,
    });
    const dir = await fsFixture({ 'prices.json': '{"models": 3}' });
    const damaged = await readCachedPrices(path.join(dir, 'prices.json'));
    expect(damaged.snapshot).toBeNull();
    expect(damaged.problem).toMatch(/is damaged; run usage pricing update/);
  });
});
