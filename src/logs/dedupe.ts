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

  add(record: T): void {
    if (record.key === null) {
      this.keyless.push(record);
      return;
    }
    const kept = this.byKey.get(record.key);
    if (kept === undefined) {
      this.byKey.set(record.key, record);
      return;
    }
    const [winner, loser] = isBetterCopy(record, kept) ? [record, kept] : [kept, record];
    if (loser.root !== winner.root || loser.alsoIn !== null) keepRoots(winner, loser);
    this.byKey.set(record.key, winner);
  }

  /** The surviving records, oldest first. */
  records(): T[] {
    return this.unordered().sort(
      (a, b) => a.timestamp - b.timestamp || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0),
    );
  }

  /** The surviving records in no particular order. */
  unordered(): T[] {
    return [...this.byKey.values(), ...this.keyless];
  }
}
