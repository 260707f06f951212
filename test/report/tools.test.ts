import { describe, expect, it } from 'vitest';
import { toolRows } from '../../src/report/tools.js';
import type { ToolUse } from '../../src/types.js';

const tool = (id: string, name: string, sessionId: string): ToolUse => ({
  id,
  name,
  sessionId,
  timestamp: 0,
  project: 'p',
  cwd: null,
  model: 'm',
});

describe('toolRows', () => {
  it('counts calls per tool with their share and sessions, most used first', () => {
    const rows = toolRows([
      tool('1', 'Read', 'a'),
      tool('2', 'Read', 'b'),
      tool('3', 'Bash', 'a'),
      tool('4', 'Read', 'a'),
    ]);
    expect(rows).toEqual([
      { name: 'Read', calls: 3, share: 0.75, sessions: 2 },
      { name: 'Bash', calls: 1, share: 0.25, sessions: 1 },
    ]);
  });
});
