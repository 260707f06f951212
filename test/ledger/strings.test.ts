import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/ledger/migrations.js';
import { type FileUpdate, LedgerStore } from '../../src/ledger/store.js';
import { StringIds } from '../../src/ledger/strings.js';
import { pricedRecord } from '../helpers/lines.js';

function ledger() {
  const db = new Database(':memory:');
  migrate(db);
  return { db, ids: new StringIds(db) };
}

describe('StringIds', () => {
  it('gives a string one id, in this store and in another one on the same file', () => {
    const { db, ids } = ledger();
    let first = 0;
    ids.writing(() => db.transaction(() => (first = ids.idOf('s1')))());
    ids.writing(() => db.transaction(() => expect(ids.idOf('s1')).toBe(first))());
    const other = new StringIds(db);
    other.writing(() => db.transaction(() => expect(other.idOf('s1')).toBe(first))());
    expect(db.prepare('SELECT count(*) FROM strings').pluck().get()).toBe(1);
  });

  it('forgets the ids of a transaction that rolled back: they may name another string', () => {
    const { db, ids } = ledger();
    expect(() =>
      ids.writing(() =>
        db.transaction(() => {
          ids.idOf('lost');
          throw new Error('disk full');
        })(),
      ),
    ).toThrow('disk full');
    let kept = 0;
    let lost = 0;
    ids.writing(() =>
      db.transaction(() => {
        kept = ids.idOf('kept');
        lost = ids.idOf('lost');
      })(),
    );
    const named = ids.valuesIn([[kept, lost, null]], [0, 1, 2]);
    expect([named.of(kept), named.of(lost), named.ofOrNull(null)]).toEqual(['kept', 'lost', null]);
    expect(kept).not.toBe(lost);
  });
});

describe('LedgerStore.commit', () => {
  it('forgets the ids it gave in a batch that rolled back', () => {
    const db = new Database(':memory:');
    migrate(db);
    const store = new LedgerStore(db);
    const file = (path: string, root: string): FileUpdate => ({
      path,
      root,
      size: 1,
      mtimeMs: 1,
      complete: 1,
      headHash: 'h',
      tailHash: 't',
      lines: 1,
      malformed: 0,
      partialLines: 0,
      partialMalformed: 0,
      from: 0,
      fromHeadHash: '',
    });
    const batch = (key: string, root: string, model = 'claude-x') => ({
      files: [file(`${root}/p/${key}.jsonl`, root)],
      records: [pricedRecord({ key, root, file: `${root}/p/${key}.jsonl`, model })],
      toolUses: [],
    });
    // A tool call without a name cannot be written: the batch, folder /a and model m-lost
    // with it, is rolled back.
    const failing = {
      ...batch('r1', '/a', 'm-lost'),
      toolUses: [
        {
          id: 't',
          name: null as never,
          timestamp: 1,
          sessionId: 's',
          project: 'p',
          cwd: null,
          model: 'm',
        },
      ],
    };
    expect(() => store.commit(failing, 1)).toThrow(/NOT NULL/);
    store.commit(batch('r2', '/b', 'm-kept'), 2);
    store.commit(batch('r3', '/a', 'm-lost'), 3);
    expect(store.roots().map(({ id, path }) => [id, path])).toEqual([
      [1, '/b'],
      [2, '/a'],
    ]);
    expect(store.rootMasks()).toEqual(
      new Map([
        ['r2', 1],
        ['r3', 2],
      ]),
    );
    expect(store.rowRecords(new Map()).map((r) => [r.key, r.model])).toEqual([
      ['r2', 'm-kept'],
      ['r3', 'm-lost'],
    ]);
  });
});
