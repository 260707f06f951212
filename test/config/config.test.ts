import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMPTY_CONFIG, loadConfig } from '../../src/config/config.js';
import { cacheDir, defaultConfigFile } from '../../src/config/paths.js';
import { parseConfig } from '../../src/config/schema.js';
import { UsageError } from '../../src/errors.js';
import { fsFixture } from '../helpers/fs-fixture.js';

describe('parseConfig', () => {
  it('accepts prices per million tokens and aliases', () => {
    const config = parseConfig(
      {
        prices: {
          m: {
            input: 1,
            output: 2,
            cacheRead: 0.1,
            above200k: { input: 2, output: 4 },
            fastMultiplier: 2,
          },
        },
        aliases: { a: 'm' },
      },
      'c.json',
    );
    expect(config.prices.m?.above200k).toEqual({ input: 2, output: 4 });
    expect(config.aliases).toEqual({ a: 'm' });
  });

  it.each([
    [{ prices: { m: { input: 1 } } }, 'prices.m.output'],
    [{ prices: { m: { input: -1, output: 1 } } }, 'prices.m.input'],
    [{ prices: { m: { input: 1, output: 1, cachewrite: 2 } } }, 'prices.m'],
    [{ aliases: { a: 3 } }, 'aliases.a'],
    [{ budget: 10 }, '(top level)'],
  ])('names the bad key of %j', (value, key) => {
    expect(() => parseConfig(value, 'c.json')).toThrow(UsageError);
    expect(() => parseConfig(value, 'c.json')).toThrow(
      new RegExp(`config c\\.json is not valid:\\n  ${key.replace(/[.()]/g, '\\$&')}: `),
    );
  });
});

describe('loadConfig', () => {
  it('treats a missing default file as an empty config', async () => {
    expect(await loadConfig('/no/such/config.json', false)).toEqual(EMPTY_CONFIG);
  });

  it('makes a missing --config, or a file that is not JSON, a usage error', async () => {
    await expect(loadConfig('/no/such/config.json', true)).rejects.toThrow(
      '--config: cannot read /no/such/config.json: no such file',
    );
    const dir = await fsFixture({ 'c.json': '{ prices: ' });
    await expect(loadConfig(path.join(dir, 'c.json'), true)).rejects.toThrow(/is not JSON/);
  });
});

describe('paths', () => {
  it('follows XDG, with the usual fallbacks', () => {
    expect(defaultConfigFile({}, '/home/ann')).toBe('/home/ann/.config/usage-ledger/config.json');
    expect(defaultConfigFile({ XDG_CONFIG_HOME: '/x' }, '/home/ann')).toBe(
      '/x/usage-ledger/config.json',
    );
    expect(cacheDir({}, '/home/ann')).toBe('/home/ann/.cache/usage-ledger');
    expect(cacheDir({ XDG_CACHE_HOME: '/c' }, '/home/ann')).toBe('/c/usage-ledger');
  });
});
