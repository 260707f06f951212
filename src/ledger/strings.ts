import type { Database, Statement } from 'better-sqlite3';

/**
 * The ledger's rows name sessions, projects, folders, models and tools by the id of the string
 * in table `strings`: each of a few thousand strings is written once, not in each of 100,000
 * rows (a first sync writes its rows in half the time, and the file is smaller). A string keeps
 * its id for good: none is ever deleted or changed.
 */
export class StringIds {
  /** Ids found or given: valid for as long as the file lives, once their transaction commits. */
  private readonly known = new Map<string, number>();
  private readonly find: Statement;
  private readonly add: Statement;
  private readonly read: Statement;

  constructor(db: Database) {
    this.find = db.prepare('SELECT id FROM strings WHERE value = ?').pluck();
    this.add = db.prepare('INSERT INTO strings (value) VALUES (?)');
    this.read = db
      .prepare('SELECT id, value FROM strings WHERE id IN (SELECT value FROM json_each(?))')
      .raw(true);
  }

  /** The id of `value`, added if it has none; only inside a write transaction. */
  idOf(value: string): number {
    let id = this.known.get(value);
    if (id === undefined) {
      id =
        (this.find.get(value) as number | undefined) ?? Number(this.add.run(value).lastInsertRowid);
      this.known.set(value, id);
    }
    return id;
  }

  idOrNull(value: string | null): number | null {
    return value === null ? null : this.idOf(value);
  }

  /**
   * Runs a write transaction that may add strings. If it fails, every id is forgotten (and
   * looked up again): a rolled-back id may be given to another string later.
   */
  writing(transaction: () => void): void {
    try {
      transaction();
    } catch (error) {
      this.known.clear();
      throw error;
    }
  }

  /**
   * The strings the ids in `columns` of `rows` name. Rows are read before their strings, and a
   * string is committed with (or before) the first row that names it: every one is there.
   */
  valuesIn(rows: unknown[][], columns: number[]): NamedBy {
    const wanted = new Set<number>();
    for (const row of rows) {
      for (const column of columns) {
        const id = row[column];
        if (typeof id === 'number') wanted.add(id);
      }
    }
    const values = new Map(this.read.all(JSON.stringify([...wanted])) as [number, string][]);
    const of = (id: unknown) => values.get(id as number) ?? '';
    return { of, ofOrNull: (id) => (id === null ? null : of(id)) };
  }
}

/** The string a column's id names; `ofOrNull` for a column that may be null. */
export interface NamedBy {
  of(id: unknown): string;
  ofOrNull(id: unknown): string | null;
}
