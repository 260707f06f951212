/**
 * One copy of each string that repeats from line to line. `JSON.parse` makes a new string of
 * every value, so each record held its own copy of its session, working directory and model,
 * and each tool call of those and its name: at 2 GiB, 940,000 strings (42 MB of the 108 MB the
 * records and tool calls kept alive). A reader keeps one pool for every file it reads.
 */
export class StringPool {
  private readonly pooled = new Map<string, string>();
  /**
   * The copy each kind of value (`Slot`) last came to: a file's lines repeat their session,
   * folder and model, and comparing with the last is cheaper than hashing a new string to
   * look it up (the pool was 2-3% of a read).
   */
  private readonly last: (string | undefined)[] = [];

  /** The pool's copy of `value` (which becomes it on first sight). */
  of(value: string, slot: Slot = Slot.other): string {
    const last = this.last[slot];
    if (last === value) return last;
    let pooled = this.pooled.get(value);
    if (pooled === undefined) {
      pooled = value;
      this.pooled.set(value, value);
    }
    this.last[slot] = pooled;
    return pooled;
  }

  ofNullable(value: string | null, slot: Slot = Slot.other): string | null {
    return value === null ? null : this.of(value, slot);
  }
}

/** What a value pooled is, each kind remembered apart (`StringPool.last`). */
export const Slot = { other: 0, session: 1, folder: 2, model: 3, tool: 4 } as const;
export type Slot = (typeof Slot)[keyof typeof Slot];
