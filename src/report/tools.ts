import type { ToolUse } from '../types.js';

export interface ToolRow {
  name: string;
  calls: number;
  /** Share of all tool calls in the range, 0..1. */
  share: number;
  /** Sessions that called it. */
  sessions: number;
}

/** Tool calls by tool name, most used first. */
export function toolRows(tools: ToolUse[]): ToolRow[] {
  const byName = new Map<string, { calls: number; sessions: Set<string> }>();
  for (const tool of tools) {
    let entry = byName.get(tool.name);
    if (entry === undefined) {
      entry = { calls: 0, sessions: new Set() };
      byName.set(tool.name, entry);
    }
    entry.calls++;
    entry.sessions.add(tool.sessionId);
  }
  return [...byName]
    .map(([name, entry]) => ({
      name,
      calls: entry.calls,
      share: tools.length === 0 ? 0 : entry.calls / tools.length,
      sessions: entry.sessions.size,
    }))
    .sort((a, b) => b.calls - a.calls || (a.name < b.name ? -1 : 1));
}
