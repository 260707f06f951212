/**
 * One copy of each string that repeats from line to line. `JSON.parse` makes a new string of
 * every value, so each record held its own copy of its session, working directory and model,
 * and each tool call of those and its name: at 2 GiB, 940,000 strings (42 MB of the 108 MB the
 * records and tool calls kept alive). A reader keeps one pool for every file it reads.
 */
export class StringPool {
  private readonly pooled = new Map<string, string>();

  /** The pool's copy of `value` (which becomes it on first sight). */
  of(value: string): string {
    const pooled = this.pooled.get(value);
    if (pooled !== undefined) return pooled;
    this.pooled.set(value, value);
    return value;
  }

  ofNullable(value: string | null): string | null {
    return value === null ? null : this.of(value);
  }
}
