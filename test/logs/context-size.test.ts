import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contextTokensOf } from '../../src/logs/context-size.js';
import { fsFixture } from '../helpers/fs-fixture.js';
import { assistantLine } from '../helpers/lines.js';

describe('contextTokensOf', () => {
  it("is what the conversation's last request sent, subagents and half lines aside", async () => {
    const subagent = JSON.parse(assistantLine({ id: 'm3', input: 5, cacheRead: 900_000 }));
    subagent.isSidechain = true;
    const dir = await fsFixture({
      's.jsonl': [
        assistantLine({ id: 'm1', input: 10, cacheRead: 1_000 }),
        assistantLine({
          id: 'm2',
          input: 20,
          cacheWrite: 300,
          cacheWrite1h: 200,
          cacheRead: 40_000,
        }),
        '{"type":"user","message":{"content":"next"}}',
        JSON.stringify(subagent),
        '{"type":"assistant","message":{"usage":{"input_tok',
      ],
    });
    expect(contextTokensOf(path.join(dir, 's.jsonl'))).toBe(20 + 300 + 200 + 40_000);
  });

  it('is null without a response or without the file', async () => {
    const dir = await fsFixture({ 's.jsonl': ['{"type":"user"}'] });
    expect(contextTokensOf(path.join(dir, 's.jsonl'))).toBeNull();
    expect(contextTokensOf(path.join(dir, 'missing.jsonl'))).toBeNull();
  });
});
