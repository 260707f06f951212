import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { forEachLine } from '../../src/logs/lines.js';
import {
  lineVerdict,
  MALFORMED,
  parseUsageBytes,
  parseUsageLine,
  tokenCountsOf,
  USAGE_KEY,
} from '../../src/logs/parse.js';
import { UsageLineSchema } from '../../src/logs/schema.js';
import { StringPool } from '../../src/logs/string-pool.js';
import type { UsageRecord } from '../../src/types.js';
import { fsFixture } from '../helpers/fs-fixture.js';
import { assistantLine } from '../helpers/lines.js';

const source = {
  path: '/logs/p/s.jsonl',
  root: '/logs',
  project: '-home-ann-app',
  subagent: false,
  session: 's',
};

function record(text: string): UsageRecord {
  const parsed = parseUsageLine(text, source);
  if (parsed === null || parsed === MALFORMED || parsed.record === null) {
    throw new Error(`no record from ${text}`);
  }
  return parsed.record;
}

describe('parseUsageLine', () => {
  it('turns an assistant line into a record keyed by message id and request id', () => {
    const parsed = record(
      assistantLine({ id: 'msg_9', requestId: 'req_9', input: 12, output: 880, cacheRead: 48211 }),
    );
    expect(parsed).toMatchObject({
      key: 'msg_9:req_9',
      timestamp: Date.parse('2026-11-20T10:00:00.000Z'),
      sessionId: 'session-1',
      project: '-home-ann-app',
      cwd: '/home/ann/app',
      model: 'claude-sonnet-4-5-20250929',
      inputTokens: 12,
      outputTokens: 880,
      cacheReadTokens: 48211,
      fast: false,
      sidechain: false,
      file: '/logs/p/s.jsonl',
    });
  });

  it('has no key when the request id or the message id is missing', () => {
    expect(record(assistantLine({ requestId: null })).key).toBeNull();
    expect(record(assistantLine({ id: null })).key).toBeNull();
  });

  it('skips <synthetic> error lines even when they carry tokens', () => {
    expect(parseUsageLine(assistantLine({ model: '<synthetic>', input: 999 }), source)).toEqual({
      record: null,
      tools: [],
    });
  });

  it('takes the session from the path when the line has none', () => {
    const line = JSON.parse(assistantLine());
    delete line.sessionId;
    expect(record(JSON.stringify(line)).sessionId).toBe('s');
  });

  it('collects the tool calls of a response', () => {
    const line = JSON.parse(assistantLine({ model: 'claude-opus-4-6' }));
    line.message.content = [
      { type: 'text', text: 'reading' },
      { type: 'tool_use', id: 'toolu_1', name: 'Read', input: { file_path: '/a' } },
      { type: 'tool_use', id: 'toolu_2', name: 'Bash', input: { command: 'ls' } },
      { type: 'tool_use', name: 'NoId' },
    ];
    const parsed = parseUsageLine(JSON.stringify(line), source);
    expect(
      parsed !== null && parsed !== MALFORMED && parsed.tools.map((t) => [t.id, t.name, t.model]),
    ).toEqual([
      ['toolu_1', 'Read', 'claude-opus-4-6'],
      ['toolu_2', 'Bash', 'claude-opus-4-6'],
    ]);
  });

  it('skips lines without usage silently', () => {
    for (const line of [
      '{"type":"user","timestamp":"2026-11-20T10:00:00Z","message":{"role":"user","content":"hi"}}',
      '{"type":"summary","summary":"x"}',
      '{"type":"assistant","timestamp":"2026-11-20T10:00:00Z","message":{"id":"m","usage":null}}',
      '{"type":"progress","data":{"type":"bash_progress","output":"ok"}}',
    ]) {
      expect(parseUsageLine(line, source)).toBeNull();
    }
  });

  it('reports lines that are not JSON objects, or whose usage has the wrong shape', () => {
    for (const line of [
      '{"type":"assistant","message":{"id":"msg_1","usage":{"input_tokens":5,',
      '[1,2,3]',
      '42',
      assistantLine().replace('"output_tokens":100', '"output_tokens":"100"'),
      assistantLine().replace('"output_tokens":100', '"output_tokens":-1'),
      assistantLine({ timestamp: 'yesterday-ish' }),
    ]) {
      expect(parseUsageLine(line, source)).toBe(MALFORMED);
    }
  });

  it('marks fast mode and subagent files', () => {
    expect(record(assistantLine({ speed: 'fast' })).fast).toBe(true);
    const fromSubagentFile = parseUsageLine(assistantLine(), { ...source, subagent: true });
    expect(fromSubagentFile).toMatchObject({ record: { sidechain: true } });
  });

  it('reads a subagent response embedded in a progress line, with the parent session', () => {
    const line = JSON.stringify({
      type: 'progress',
      timestamp: '2026-11-20T10:05:00.500Z',
      sessionId: 'parent',
      cwd: '/home/ann/app',
      data: {
        type: 'agent_progress',
        message: {
          type: 'assistant',
          timestamp: '2026-11-20T10:05:00.000Z',
          requestId: 'req_sub',
          message: {
            id: 'msg_sub',
            model: 'claude-haiku-4-5-20251001',
            usage: { input_tokens: 3, output_tokens: 40 },
          },
        },
      },
    });
    expect(record(line)).toMatchObject({
      key: 'msg_sub:req_sub',
      sessionId: 'parent',
      cwd: '/home/ann/app',
      timestamp: Date.parse('2026-11-20T10:05:00.000Z'),
      model: 'claude-haiku-4-5-20251001',
      inputTokens: 3,
      outputTokens: 40,
      cacheWrite5mTokens: 0,
      cacheReadTokens: 0,
      sidechain: true,
    });
  });

  it('agrees with the zod schema on every fixture line that carries usage', async () => {
    const { readFileSync } = await import('node:fs');
    const file = new URL(
      '../../fixtures/rules/root-a/projects/-home-ann-app/s1.jsonl',
      import.meta.url,
    );
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    let checked = 0;
    for (const line of lines) {
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        continue;
      }
      if (!(value as { message?: { usage?: unknown } }).message?.usage) continue;
      checked++;
      const valid = UsageLineSchema.safeParse(value).success;
      expect(parseUsageLine(line, source) === MALFORMED).toBe(!valid);
    }
    expect(checked).toBeGreaterThan(3);
  });
});

/** What parseUsageLine makes of the bytes decoded as UTF-8, each with a pool of its own. */
function bothWays(bytes: Buffer) {
  return {
    fromBytes: parseUsageBytes(bytes, 0, bytes.length, source, new StringPool()),
    fromUtf8: parseUsageLine(bytes.toString('utf8'), source, new StringPool()),
  };
}

function withRaw(line: string, field: string, rawJson: Buffer): Buffer {
  const [before, after] = line.split(`"${field}"`);
  return Buffer.concat([Buffer.from(before ?? ''), rawJson, Buffer.from(after ?? '')]);
}

describe('parseUsageBytes', () => {
  it('gives what parseUsageLine gives from UTF-8 on every line of every fixture', () => {
    const fixtures = new URL('../../fixtures/', import.meta.url).pathname;
    let lines = 0;
    for (const file of readdirSync(fixtures, { recursive: true, encoding: 'utf8' })) {
      if (!file.endsWith('.jsonl')) continue;
      for (const line of readFileSync(path.join(fixtures, file)).toString('latin1').split('\n')) {
        if (line.trim() === '') continue;
        const { fromBytes, fromUtf8 } = bothWays(Buffer.from(line, 'latin1'));
        expect(fromBytes).toEqual(fromUtf8);
        lines++;
      }
    }
    expect(lines).toBeGreaterThan(50);
  });

  it('decodes the strings a record keeps from UTF-8 when the text is not ASCII', () => {
    const line = JSON.stringify({
      type: 'assistant',
      timestamp: '2026-11-20T10:00:00.000Z',
      sessionId: 'séance-1',
      cwd: '/home/José/日本語',
      requestId: 'req_é',
      message: {
        id: 'msg_→',
        model: 'claude-sönnet',
        content: [
          { type: 'text', text: 'Done — all ✓ 🙂' },
          { type: 'tool_use', id: 'toolu_ü', name: 'Bash→', input: { command: 'echo ñ' } },
        ],
        usage: { input_tokens: 1, output_tokens: 2, inference_geo: 'ï' },
      },
    });
    const { fromBytes, fromUtf8 } = bothWays(Buffer.from(line));
    expect(fromBytes).toEqual(fromUtf8);
    expect(fromBytes).toMatchObject({
      record: {
        key: 'msg_→:req_é',
        sessionId: 'séance-1',
        cwd: '/home/José/日本語',
        model: 'claude-sönnet',
        inferenceGeo: 'ï',
      },
      tools: [{ id: 'toolu_ü', name: 'Bash→' }],
    });
  });

  it('reads a \\u escape beside raw bytes outside ASCII as UTF-8 would', () => {
    // Parsed as Latin-1, the escape would give the character é and the raw bytes of the text
    // their own; decoding both again as UTF-8 would turn é into a replacement character.
    const line = Buffer.from(
      assistantLine({ cwd: 'CWD' })
        .replace('"CWD"', '"/home/Jos\\u00e9"')
        .replace('"hi"', '"naïve"'),
    );
    const { fromBytes, fromUtf8 } = bothWays(line);
    expect(fromBytes).toEqual(fromUtf8);
    expect(fromBytes).toMatchObject({ record: { cwd: '/home/José' } });
  });

  it('turns bytes that are not UTF-8 into the replacement characters UTF-8 decoding gives', () => {
    const broken = withRaw(
      assistantLine({ cwd: 'CWD' }),
      'CWD',
      Buffer.from([0x22, 0x2f, 0xff, 0x61, 0xe6, 0x97, 0x22]), // "/\xffa" and half of 日
    );
    const { fromBytes, fromUtf8 } = bothWays(broken);
    expect(fromBytes).toEqual(fromUtf8);
    expect(fromBytes).toMatchObject({ record: { cwd: '/\ufffda\ufffd' } });
  });

  it('reads a timestamp outside ASCII as UTF-8 would', () => {
    // Date.parse takes a no-break space for a space; Latin-1 would make it two characters.
    const line = Buffer.from(assistantLine({ timestamp: 'Nov 20 2026\u00a010:00:00 GMT' }));
    const { fromBytes, fromUtf8 } = bothWays(line);
    expect(fromBytes).toEqual(fromUtf8);
    expect(fromBytes).toMatchObject({ record: { timestamp: Date.parse('2026-11-20T10:00:00Z') } });
  });

  it('calls the same lines malformed: broken JSON, a timestamp outside ASCII', () => {
    const lines = [
      Buffer.from(`${assistantLine().slice(0, -2)}é}`),
      Buffer.from(assistantLine({ timestamp: '2026-11-20T10:00:00.000Z é' })),
      Buffer.from(assistantLine({ timestamp: '２０２６-11-20T10:00:00.000Z' })),
    ];
    for (const line of lines) {
      const { fromBytes, fromUtf8 } = bothWays(line);
      expect(fromBytes).toBe(MALFORMED);
      expect(fromUtf8).toBe(MALFORMED);
    }
  });
});

describe('tokenCountsOf', () => {
  it('treats every cache write as 5-minute when the split is absent', () => {
    expect(
      tokenCountsOf({ input_tokens: 1, output_tokens: 2, cache_creation_input_tokens: 300 }),
    ).toEqual({
      inputTokens: 1,
      outputTokens: 2,
      cacheWrite5mTokens: 300,
      cacheWrite1hTokens: 0,
      cacheReadTokens: 0,
    });
  });

  it('uses the 5-minute / 1-hour split when present', () => {
    expect(
      tokenCountsOf({
        input_tokens: 12,
        output_tokens: 880,
        cache_creation_input_tokens: 3100,
        cache_read_input_tokens: 48211,
        cache_creation: { ephemeral_5m_input_tokens: 100, ephemeral_1h_input_tokens: 3000 },
      }),
    ).toEqual({
      inputTokens: 12,
      outputTokens: 880,
      cacheWrite5mTokens: 100,
      cacheWrite1hTokens: 3000,
      cacheReadTokens: 48211,
    });
  });

  it('keeps the billed total when the split object is empty', () => {
    const counts = tokenCountsOf({
      input_tokens: 0,
      output_tokens: 0,
      cache_creation_input_tokens: 500,
      cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
    });
    expect(counts.cacheWrite5mTokens + counts.cacheWrite1hTokens).toBe(500);
    expect(counts.cacheWrite5mTokens).toBe(500);
  });

  it('takes the total from the split when the total field is missing', () => {
    const counts = tokenCountsOf({
      input_tokens: 0,
      output_tokens: 0,
      cache_creation: { ephemeral_5m_input_tokens: 20, ephemeral_1h_input_tokens: 30 },
    });
    expect([counts.cacheWrite5mTokens, counts.cacheWrite1hTokens]).toEqual([20, 30]);
  });
});

describe('lineVerdict', () => {
  /** The verdict on `text` as the reader gives it: a line of a file, marked by `forEachLine`. */
  const verdict = async (text: string) => {
    const dir = await fsFixture({ 'f.jsonl': `${text}\n` });
    const verdicts: string[] = [];
    forEachLine(
      path.join(dir, 'f.jsonl'),
      (buffer, start, end, namesUsage) =>
        verdicts.push(lineVerdict(buffer, start, end, namesUsage)),
      { marker: USAGE_KEY },
    );
    return verdicts[0];
  };

  it('parses only lines that name "usage"', async () => {
    expect(await verdict(assistantLine())).toBe('parse');
    expect(await verdict('{"type":"user","message":{"content":"hi"}}')).toBe('skip');
    expect(
      await verdict('  {"type":"progress","data":{"message":{"message":{"usage":{}}}}}\r'),
    ).toBe('parse');
  });

  it('is not fooled by the word inside a string (quotes there are escaped)', async () => {
    expect(await verdict('{"type":"user","message":{"content":"the \\"usage\\" key"}}')).toBe(
      'skip',
    );
  });

  it('calls a line that cannot be a JSON object malformed, without parsing it', async () => {
    expect(await verdict('{"type":"assistant","message":{"usage":{"input_tokens":5,')).toBe(
      'malformed',
    );
    expect(await verdict('not json')).toBe('malformed');
    expect(await verdict('[1,2]')).toBe('malformed');
  });
});
