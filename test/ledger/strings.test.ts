import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/ledger/migrations.js';
import { StringIds } from '../../src/ledger/strings.js';

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
