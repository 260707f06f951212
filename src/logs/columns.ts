import { newRecord, type PricedRecord, type UsageRecord } from '../types.js';

/** Where a column of string references holds no string (a null). */
export const NO_STRING = 0xffffffff;

/**
 * The distinct strings of some records, each kept once and referred to by its index: columns
 * of numbers and such indexes carry records across a thread or into the ledger's snapshot
 * without an object per record.
 */
export class StringTable {
  readonly strings: string[] = [];
  private readonly indexes = new Map<string, number>();

  /** The index of `value` (added on first sight), or `NO_STRING` for null. */
  ref(value: string | null): number {
    if (value === null) return NO_STRING;
    let index = this.indexes.get(value);
    if (index === undefined) {
      index = this.strings.length;
      this.strings.push(value);
      this.indexes.set(value, index);
    }
    return index;
  }

  /**
   * The index of a value met once only (a response's key, a tool call's id), or `NO_STRING`
   * for null: added without looking it up, which for 70,000 keys cost more than the rest of
   * the table (a copy met twice is stored twice, and read back the same).
   */
  once(value: string | null): number {
    if (value === null) return NO_STRING;
    this.strings.push(value);
    return this.strings.length - 1;
  }
}

/** Numbers and string references a record takes in columns; a format may add its own after. */
export const RECORD_NUMBERS = 9;
export const RECORD_REFS = 7;
const FAST = 1;
const SIDECHAIN = 2;

/**
 * Writes a record's numbers (time, five token counts, logged cost or NaN, flags, web
 * searches) at `numbers[n..]` and its strings (key, session, project, cwd, model, file,
 * inference geo) at `refs[r..]`.
 */
export function writeRecordColumns(
  record: UsageRecord,
  numbers: Float64Array,
  n: number,
  refs: Uint32Array,
  r: number,
  table: StringTable,
): void {
  numbers[n] = record.timestamp;
  numbers[n + 1] = record.inputTokens;
  numbers[n + 2] = record.outputTokens;
  numbers[n + 3] = record.cacheWrite5mTokens;
  numbers[n + 4] = record.cacheWrite1hTokens;
  numbers[n + 5] = record.cacheReadTokens;
  numbers[n + 6] = record.loggedCostUSD ?? Number.NaN;
  numbers[n + 7] = (record.fast ? FAST : 0) | (record.sidechain ? SIDECHAIN : 0);
  numbers[n + 8] = record.webSearchRequests;
  refs[r] = table.once(record.key);
  refs[r + 1] = table.ref(record.sessionId);
  refs[r + 2] = table.ref(record.project);
  refs[r + 3] = table.ref(record.cwd);
  refs[r + 4] = table.ref(record.model);
  refs[r + 5] = table.ref(record.file);
  refs[r + 6] = table.ref(record.inferenceGeo);
}

/** The string a reference names ('' for none). */
export function stringAt(strings: readonly string[], index: number | undefined): string {
  return strings[index ?? NO_STRING] ?? '';
}

/** The string a reference names, or null for `NO_STRING`. */
export function stringOrNullAt(
  strings: readonly string[],
  index: number | undefined,
): string | null {
  return index === NO_STRING ? null : stringAt(strings, index);
}

/**
 * A count (`numbers[at]`, a whole number) as a small integer when it is one. Read as a double
 * from the Float64Array, a record's counts took another hidden class than those of a record
 * parsed from a line, and V8 moved every record of the one kind to the other on its first use:
 * merging a worker's 35,000 records with the main thread's took 80-90 ms instead of 10.
 */
function countAt(numbers: Float64Array, at: number): number {
  const count = numbers[at] ?? 0;
  return count < 2 ** 31 ? count | 0 : count;
}

/** The record `writeRecordColumns` wrote, not priced yet, with the roots it is given. */
export function readRecordColumns(
  numbers: Float64Array,
  n: number,
  refs: Uint32Array,
  r: number,
  strings: readonly string[],
  root: string,
  alsoIn: string[] | null,
): PricedRecord {
  const loggedCost = numbers[n + 6] ?? Number.NaN;
  const flags = numbers[n + 7] ?? 0;
  return newRecord(
    stringAt(strings, refs[r]),
    numbers[n] ?? 0,
    stringAt(strings, refs[r + 1]),
    stringAt(strings, refs[r + 2]),
    stringOrNullAt(strings, refs[r + 3]),
    stringAt(strings, refs[r + 4]),
    (flags & FAST) !== 0,
    stringOrNullAt(strings, refs[r + 6]),
    countAt(numbers, n + 8),
    (flags & SIDECHAIN) !== 0,
    stringAt(strings, refs[r + 5]),
    root,
    alsoIn,
    Number.isNaN(loggedCost) ? null : loggedCost,
    countAt(numbers, n + 1),
    countAt(numbers, n + 2),
    countAt(numbers, n + 3),
    countAt(numbers, n + 4),
    countAt(numbers, n + 5),
  );
}
