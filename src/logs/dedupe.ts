import type { UsageRecord } from '../types.js';

/** Whether `candidate` should replace `kept` as the one copy of a response. */
function isBetterCopy(candidate: UsageRecord, kept: UsageRecord): boolean {
  if (candidate.outputTokens !== kept.outputTokens) {
    return candidate.outputTokens > kept.outputTokens;
  }
  // Equal copies: pick one the same way whatever order the files were read in.
  if (candidate.timestamp !== kept.timestamp) return candidate.timestamp < kept.timestamp;
  return candidate.file < kept.file;
}

/**
 * The kept copy remembers the other `projects/` folders that hold one, so a report of one
 * folder from the ledger still counts a response whose kept copy is in another.
 */
function keepRoots(winner: UsageRecord, loser: UsageRecord): void {
  const roots = new Set([...(winner.alsoIn ?? []), loser.root, ...(loser.alsoIn ?? [])]);
  roots.delete(winner.root);
  winner.alsoIn = roots.size === 0 ? null : [...roots].sort();
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The order records are given in: oldest first; at the same time, by file, then by key. Every
 * kept record has its own key, so it orders them all one way, however they were read.
 */
export function recordOrder(a: UsageRecord, b: UsageRecord): number {
  return (
    a.timestamp - b.timestamp ||
    compareText(a.file, b.file) ||
    compareText(a.key ?? '', b.key ?? '')
  );
}

/** Two lists in `recordOrder` as one. */
function merge<T extends UsageRecord>(a: T[], b: T[]): T[] {
  const merged: T[] = new Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as T;
    const y = b[j] as T;
    if (recordOrder(y, x) < 0) {
      merged[k++] = y;
      j++;
    } else {
      merged[k++] = x;
      i++;
    }
  }
  while (i < a.length) merged[k++] = a[i++] as T;
  while (j < b.length) merged[k++] = b[j++] as T;
  return merged;
}

/**
 * Counts every API response once. Claude Code writes one response as several lines (one per
 * content block) whose `output_tokens` grows, and copies responses into other files (resumed
 * sessions, subagent progress lines), so copies share `message.id:requestId` across all files:
 * keep the copy with the largest output, which is the complete one. Records without a key
 * cannot be matched and are counted as they are.
 */
export class ResponseDeduper<T extends UsageRecord = UsageRecord> {
  private readonly byKey = new Map<string, T>();
  private readonly keyless: T[] = [];
  /** Lists of the records added, each in `recordOrder` (`addOrdered`, `orderNow`). */
  private readonly runs: T[][] = [];
  /**
   * The copies that lost once there were lists, to leave out of them: looking each record of
   * the lists up by its key instead cost 95 ms at 70,000.
   */
  private readonly lost = new Set<T>();
  /**
   * The copy kept of the last record's response: a response's lines follow one another in its
   * file (one per content block), so about a third of records are copies of the one before,
   * found without looking their key up in a map of 100,000 and more.
   */
  private last: T | undefined;

  add(record: T): void {
    if (record.key === null) {
      this.keyless.push(record);
      return;
    }
    const last = this.last;
    const kept = last !== undefined && last.key === record.key ? last : this.byKey.get(record.key);
    if (kept === undefined) {
      this.byKey.set(record.key, record);
      this.last = record;
      return;
    }
    const [winner, loser] = isBetterCopy(record, kept) ? [record, kept] : [kept, record];
    if (loser.root !== winner.root || loser.alsoIn !== null) keepRoots(winner, loser);
    if (winner !== kept) this.byKey.set(record.key, winner);
    if (this.runs.length > 0) this.lost.add(loser);
    this.last = winner;
  }

  /**
   * Adds records that are in `recordOrder` already (another reader's, put in order on its own
   * thread), so that `records` merges them with the others instead of sorting them again.
   */
  addOrdered(records: T[]): void {
    this.runs.push(records);
    for (const record of records) this.add(record);
  }

  /**
   * Puts the records added so far in order now, while other readers finish: sorting 70,000
   * records at the end cost the main thread 85-230 ms, on top of waiting for them.
   */
  orderNow(): void {
    this.runs.push(this.sorted());
  }

  /** The surviving records, in `recordOrder`. */
  records(): T[] {
    // The ordered lists, less the copies that lost since, merged: when every surviving record
    // is in one of them once (else sorted whole). The order is total, so a record in two lists
    // would sit beside itself.
    const kept = this.runs.map((run) => run.filter((record) => !this.lost.has(record)));
    const merged = kept.reduce((a, b) => merge(a, b), []);
    const once = merged.every((record, i) => i === 0 || merged[i - 1] !== record);
    return once && merged.length === this.byKey.size + this.keyless.length ? merged : this.sorted();
  }

  private sorted(): T[] {
    return [...this.byKey.values(), ...this.keyless].sort(recordOrder);
  }
}
