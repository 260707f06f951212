import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withLedger } from '../../src/ledger/ledger.js';
import {
  keepOfficialFigures,
  latestEstimate,
  latestLimits,
  officialCacheFile,
} from '../../src/limits/keep.js';
import { officialFiguresOf } from '../../src/limits/official.js';
import { REPO } from '../helpers/cli.js';
import { fsFixture } from '../helpers/fs-fixture.js';

const NOW = Date.UTC(2026, 11, 1, 12);
const payloadOf = (name: string) =>
  JSON.parse(readFileSync(path.join(REPO, 'fixtures', 'statusline', name), 'utf8'));

describe("keeping Claude Code's figures", () => {
  it('keeps the newest of each window in the ledger; a window missing later stays', async () => {
    const dir = await fsFixture({});
    const cache = officialCacheFile(path.join(dir, 'cache'));
    await withLedger(path.join(dir, 'l.db'), async (store) => {
      await keepOfficialFigures(officialFiguresOf(payloadOf('full.json'), NOW), store.db, cache);
      // An hour later only the 5-hour window comes: the 7-day one is kept from before.
      const later = officialFiguresOf(payloadOf('only-five-hour.json'), NOW + 3_600_000);
      await keepOfficialFigures(later, store.db, cache);
      // A figure older than the one kept does not replace it.
      await keepOfficialFigures(
        officialFiguresOf(payloadOf('over-100.json'), NOW - 1),
        store.db,
        cache,
      );
      const limits = latestLimits(store.db, cache);
      expect(limits.fiveHour).toMatchObject({ usedPercentage: 7.25, sessionId: 's4' });
      expect(limits.sevenDay).toMatchObject({ usedPercentage: 18.5, observedAt: NOW });
      expect(latestEstimate(store.db, cache, 's1')).toMatchObject({ costUsd: 1.2345 });
      // Another session's estimate is its own, however old.
      expect(latestEstimate(store.db, cache, 's2')).toMatchObject({ costUsd: 0 });
      expect(latestEstimate(store.db, cache, 'nobody')).toBeNull();
    });
    // Nothing went to the cache file while the ledger took them.
    expect(latestLimits(null, cache)).toEqual({ fiveHour: null, sevenDay: null });
  });

  it('keeps them in the cache file without a ledger, and reads the newer of both', async () => {
    const dir = await fsFixture({});
    const cache = officialCacheFile(path.join(dir, 'cache'));
    await keepOfficialFigures(officialFiguresOf(payloadOf('full.json'), NOW), null, cache);
    expect(latestLimits(null, cache).fiveHour).toMatchObject({ usedPercentage: 42 });
    expect(latestEstimate(null, cache, 's1')).toMatchObject({ costUsd: 1.2345 });
    await withLedger(path.join(dir, 'l.db'), async (store) => {
      const later = officialFiguresOf(payloadOf('only-five-hour.json'), NOW + 60_000);
      await keepOfficialFigures(later, store.db, cache);
      const limits = latestLimits(store.db, cache);
      expect(limits.fiveHour).toMatchObject({ usedPercentage: 7.25 });
      expect(limits.sevenDay).toMatchObject({ usedPercentage: 18.5 });
    });
  });

  it('reads a damaged cache file as empty', async () => {
    const dir = await fsFixture({ 'cache/official.json': '{"limits": {"fiveHour": "x"}, "sess' });
    const cache = officialCacheFile(path.join(dir, 'cache'));
    expect(latestLimits(null, cache)).toEqual({ fiveHour: null, sevenDay: null });
    await keepOfficialFigures(officialFiguresOf(payloadOf('full.json'), NOW), null, cache);
    expect(latestLimits(null, cache).sevenDay).toMatchObject({ usedPercentage: 18.5 });
  });
});
