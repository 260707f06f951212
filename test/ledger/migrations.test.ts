import { statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { withLedger } from '../../src/ledger/ledger.js';
import {
  APPLICATION_ID,
  LATEST_VERSION,
  MIGRATIONS,
  migrate,
  schemaVersion,
} from '../../src/ledger/migrations.js';
import { syncLedger } from '../../src/ledger/sync.js';
import { edgeHashes } from '../../src/logs/edges.js';
import { fsFixture } from '../helpers/fs-fixture.js';
import { assistantLine } from '../helpers/lines.js';

/**
 * Version 1 as it was left by a sync: the transcript that is still there, read to its end
 * (so only the migration makes it be read again, for its tool calls), and a response from a
 * file that is gone.
 */
function addVersion1Data(db: Database.Database, dir: string): void {
  const present = path.join(dir, 'p', 's.jsonl');
  const { size, mtimeMs } = statSync(present);
  const insertFile = db.prepare(
    `INSERT INTO files (id, path, root, size, mtime_ms, complete, head_hash, tail_hash, lines,
       malformed, partial_lines, partial_malformed, synced_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, 0, 0, 0, 1)`,
  );
  const hashes = edgeHashes(present, size);
  insertFile.run(1, present, dir, size, mtimeMs, size, hashes.headHash, hashes.tailHash);
  insertFile.run(2, path.join(dir, 'p', 'deleted.jsonl'), dir, 10, 1, 10, 'h', 't');
  const insertResponse = db.prepare(
    `INSERT INTO responses (key, ts, session_id, project, cwd, model, input, output,
       cache_write_5m, cache_write_1h, cache_read, fast, sidechain, file_id, logged_cost)
     VALUES (?, ?, 's0', 'p', NULL, 'claude-sonnet-4-5-20250929', 10, ?, 0, 0, 0, 0, 0, ?, NULL)`,
  );
  insertResponse.run('m1:req_1', Date.parse('2026-11-20T10:00:00.000Z'), 7, 1);
  insertResponse.run('old:req', 1760000000000, 500, 2);
}

/** What each earlier version holds, written with that version's tables. */
const DATA_OF_VERSION: Record<number, (db: Database.Database, dir: string) => void> = {
  0: () => {},
  1: addVersion1Data,
  2: (db, dir) => {
    addVersion1Data(db, dir);
    db.prepare(
      `INSERT INTO tool_uses (id, name, ts, session_id, project, cwd, model)
       VALUES ('toolu_1', 'Read', 1763632800000, 's0', 'p', NULL, 'claude-sonnet-4-5-20250929')`,
    ).run();
  },
  3: (db, dir) => DATA_OF_VERSION[2]?.(db, dir),
  4: (db, dir) => DATA_OF_VERSION[2]?.(db, dir),
  5: (db, dir) => DATA_OF_VERSION[2]?.(db, dir),
  // With sums of version 6's one row, which version 7 drops (they are made again).
  6: (db, dir) => {
    DATA_OF_VERSION[2]?.(db, dir);
    db.prepare(
      "INSERT INTO sums (id, version, prices, responses, data) VALUES (1, 1, 'p', 2, '{}')",
    ).run();
  },
  7: (db, dir) => DATA_OF_VERSION[2]?.(db, dir),
};

describe('ledger migrations', () => {
  it('numbers the steps 1, 2, … with nothing left out', () => {
    expect(MIGRATIONS.map((step) => step.version)).toEqual(
      Array.from({ length: LATEST_VERSION }, (_, i) => i + 1),
    );
    expect(Object.keys(DATA_OF_VERSION).map(Number)).toEqual(
      Array.from({ length: LATEST_VERSION }, (_, i) => i),
    );
  });

  for (let version = 0; version < LATEST_VERSION; version++) {
    it(`brings a version ${version} ledger forward, keeping its responses`, async () => {
      const toolLine = JSON.parse(assistantLine({ id: 'm1', output: 7 }));
      toolLine.message.content = [{ type: 'tool_use', id: 'toolu_1', name: 'Read', input: {} }];
      const dir = await fsFixture({ 'p/s.jsonl': [JSON.stringify(toolLine)] });
      const file = path.join(dir, 'l.db');
      // Version 0 is no ledger yet; an SQLite file with no tables is another program's.
      if (version > 0) {
        const old = new Database(file);
        migrate(old, version);
        expect(schemaVersion(old)).toBe(version);
        DATA_OF_VERSION[version]?.(old, dir);
        old.close();
      }

      const result = await withLedger(file, async (store) => {
        await syncLedger(store, [dir]);
        return {
          version: schemaVersion(store.db),
          applicationId: store.db.pragma('application_id', { simple: true }),
          records: store.records(),
          tools: store.toolUses(),
        };
      });
      expect(result.version).toBe(LATEST_VERSION);
      expect(result.applicationId).toBe(APPLICATION_ID);
      expect(result.records.map((record) => record.outputTokens).sort()).toEqual(
        version >= 1 ? [500, 7] : [7],
      );
      expect(result.tools.map((tool) => tool.id)).toEqual(['toolu_1']);
    });
  }

  it('version 4 reads the files again: US geo, web searches and nested-only cache writes fill in', async () => {
    const line = JSON.parse(assistantLine({ id: 'm1', output: 7 }));
    line.message.usage = {
      ...line.message.usage,
      cache_creation_input_tokens: 0,
      cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 1000 },
      inference_geo: 'us',
      server_tool_use: { web_search_requests: 2 },
    };
    const dir = await fsFixture({ 'p/s.jsonl': [JSON.stringify(line)] });
    const file = path.join(dir, 'l.db');
    const old = new Database(file);
    migrate(old, 3);
    // As version 3 left it: the file read to its end, its response without the new fields and
    // without the 1-hour write (earlier versions took the top-level 0).
    addVersion1Data(old, dir);
    old.close();
    const records = await withLedger(file, async (store) => {
      await syncLedger(store, [dir]);
      return store.records();
    });
    expect(records.find((record) => record.key === 'm1:req_1')).toMatchObject({
      outputTokens: 7,
      cacheWrite1hTokens: 1000,
      inferenceGeo: 'us',
      webSearchRequests: 2,
    });
    expect(records).toHaveLength(2);
  });

  it('version 8 keeps every string of the rows, whichever rows share it', async () => {
    const dir = await fsFixture({});
    const file = path.join(dir, 'l.db');
    const old = new Database(file);
    migrate(old, 7);
    old
      .prepare(
        "INSERT INTO files (id, path, root, size, mtime_ms, complete, head_hash, tail_hash, lines, malformed, partial_lines, partial_malformed, synced_at) VALUES (1, '/r/p/a.jsonl', '/r', 1, 1, 1, 'h', 't', 1, 0, 0, 0, 1)",
      )
      .run();
    const response = old.prepare(
      `INSERT INTO responses (key, ts, session_id, project, cwd, model, input, output,
         cache_write_5m, cache_write_1h, cache_read, fast, sidechain, file_id, logged_cost,
         version, inference_geo, web_searches, roots)
       VALUES (?, ?, ?, ?, ?, ?, 1, 2, 3, 4, 5, 0, 1, 1, 0.5, 2, ?, 6, 1)`,
    );
    // A session's id that is also a model's name: one string, two columns.
    response.run('m1:r1', 1_763_632_800_000, 's1', 'p-a', '/home/a', 'claude-x', 'us');
    response.run('m2:r2', 1_763_632_900_000, 'claude-x', 'p-b', null, 'claude-y', null);
    old
      .prepare(
        `INSERT INTO tool_uses (id, name, ts, session_id, project, cwd, model)
       VALUES ('toolu_1', 'Read', 1763632800000, 's1', 'p-a', NULL, 'claude-x')`,
      )
      .run();
    old.close();

    const { records, tools, strings } = await withLedger(file, async (store) => ({
      records: store.rowRecords(new Map()),
      tools: store.toolUses(),
      strings: store.db.prepare('SELECT value FROM strings ORDER BY value').pluck().all(),
    }));
    expect(strings).toEqual(['/home/a', 'Read', 'claude-x', 'claude-y', 'p-a', 'p-b', 's1', 'us']);
    expect(
      records.map((r) => [
        r.key,
        r.timestamp,
        r.sessionId,
        r.project,
        r.cwd,
        r.model,
        r.inferenceGeo,
      ]),
    ).toEqual([
      ['m1:r1', 1_763_632_800_000, 's1', 'p-a', '/home/a', 'claude-x', 'us'],
      ['m2:r2', 1_763_632_900_000, 'claude-x', 'p-b', null, 'claude-y', null],
    ]);
    expect(records[0]).toMatchObject({
      inputTokens: 1,
      outputTokens: 2,
      cacheWrite5mTokens: 3,
      cacheWrite1hTokens: 4,
      cacheReadTokens: 5,
      fast: false,
      sidechain: true,
      file: '/r/p/a.jsonl',
      loggedCostUSD: 0.5,
      webSearchRequests: 6,
    });
    expect(tools).toEqual([
      {
        id: 'toolu_1',
        name: 'Read',
        timestamp: 1763632800000,
        sessionId: 's1',
        project: 'p-a',
        cwd: null,
        model: 'claude-x',
      },
    ]);
  });

  it('is a no-op on a ledger that is up to date', async () => {
    const dir = await fsFixture({});
    const db = new Database(path.join(dir, 'l.db'));
    migrate(db);
    migrate(db);
    expect(db.prepare('SELECT count(*) AS n FROM schema_version').get()).toEqual({
      n: LATEST_VERSION,
    });
    db.close();
  });
});
