#!/usr/bin/env node
// Writes realistic Claude Code logs, seeded and deterministic, with their expected totals.
//   npm run gen -- <dir> <size> [--single] [--seed N]
// <size>: bytes, or with a unit: 256MiB, 1GiB, 40MiB. --single writes everything to one file.
// <dir>/projects/… holds the logs; <dir>/expected.json the totals computed here, independently
// of usage-ledger's code: each response once (its final copy), priced with the table below.
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';

/**
 * USD per million tokens: input, output, 5-minute write, 1-hour write, cache read; Anthropic's
 * prices over the generated range (2026-06-01 to 2026-11-20). Sonnet 4.5's >200k tier ended on
 * 2026-04-30, before it. Opus 4.6 fast mode was 6x until 2026-06-29 00:00 US Pacific (07:00 UTC),
 * and a fast request is billed as standard after that.
 */
const PRICES = {
  'claude-sonnet-4-5-20250929': { rates: [3, 15, 3.75, 6, 0.3], fast: null },
  'claude-opus-4-6': {
    rates: [5, 25, 6.25, 10, 0.5],
    fast: { multiplier: 6, until: Date.parse('2026-06-29T07:00:00Z') },
  },
  'claude-haiku-4-5-20251001': { rates: [1, 5, 1.25, 2, 0.1], fast: null },
};

function parseSize(text) {
  const match = /^(\d+(?:\.\d+)?)(B|KiB|MiB|GiB)?$/i.exec(text ?? '');
  if (!match) throw new Error(`size: '${text}' is not a size like 256MiB or 1GiB`);
  const unit = { b: 1, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3 }[(match[2] ?? 'B').toLowerCase()];
  return Math.round(Number(match[1]) * unit);
}

/** A small seeded PRNG (mulberry32), so generated logs and test cases repeat exactly. */
export function mulberry32(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generate(dir, targetBytes, { single = false, seed = 1 } = {}) {
  const random = mulberry32(seed);
  const int = (min, max) => min + Math.floor(random() * (max - min + 1));
  const pick = (list) => list[Math.floor(random() * list.length)];
  const hex = (n) => Array.from({ length: n }, () => '0123456789abcdef'[int(0, 15)]).join('');
  const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;

  const totals = () => ({
    requests: 0,
    inputTokens: 0,
    outputTokens: 0,
    cacheWrite5mTokens: 0,
    cacheWrite1hTokens: 0,
    cacheReadTokens: 0,
    cost: 0,
  });
  const expected = { ...totals(), malformedLines: 0, days: {} };
  const files = new Map();
  let written = 0;
  let responseCount = 0;
  const fileFor = (relative) => {
    let file = files.get(relative);
    if (!file) {
      const full = path.join(dir, 'projects', relative);
      mkdirSync(path.dirname(full), { recursive: true });
      file = { fd: openSync(full, 'w'), relative };
      files.set(relative, file);
    }
    return file;
  };
  const write = (relative, text) => {
    const file = fileFor(single ? '-home-dev-monorepo/0000-single.jsonl' : relative);
    writeSync(file.fd, text);
    written += Buffer.byteLength(text);
  };

  /** Adds a response's final copy to the expected totals, priced here. */
  const count = (timestamp, model, usage) => {
    const { rates, fast } = PRICES[model];
    const w1h = usage.cache_creation.ephemeral_1h_input_tokens;
    const w5m = usage.cache_creation_input_tokens - w1h;
    const tokens = [
      usage.input_tokens,
      usage.output_tokens,
      w5m,
      w1h,
      usage.cache_read_input_tokens,
    ];
    let cost = tokens.reduce((sum, n, i) => sum + n * rates[i], 0) / 1e6;
    if (usage.speed === 'fast' && fast !== null && Date.parse(timestamp) < fast.until) {
      cost *= fast.multiplier;
    }
    const day = timestamp.slice(0, 10);
    expected.days[day] ??= totals();
    const entry = expected.days[day];
    for (const target of [expected, entry]) {
      target.requests++;
      target.inputTokens += tokens[0];
      target.outputTokens += tokens[1];
      target.cacheWrite5mTokens += tokens[2];
      target.cacheWrite1hTokens += tokens[3];
      target.cacheReadTokens += tokens[4];
      target.cost += cost;
    }
  };

  const projects = Array.from(
    { length: 14 },
    (_, i) => `/home/dev/${pick(['api', 'web', 'infra', 'ml', 'docs', 'cli'])}-${i}`,
  );
  const start = Date.parse('2026-06-01T00:00:00Z');
  const span = Date.parse('2026-11-20T00:00:00Z') - start;
  const history = []; // lines of finished sessions, for resumed sessions to copy

  while (written < targetBytes) {
    const cwd = pick(projects);
    const folder = cwd.replace(/[^a-zA-Z0-9]/g, '-');
    const sessionId = uuid();
    const file = `${folder}/${sessionId}.jsonl`;
    const base = {
      cwd,
      sessionId,
      version: pick(['2.0.31', '2.1.4', '1.0.98']),
      gitBranch: 'main',
      userType: 'external',
    };
    let now = start + Math.floor(random() * span);
    const iso = () => new Date(now).toISOString();
    const lines = [];
    const emit = (object) => {
      const text = `${JSON.stringify(object)}\n`;
      lines.push(text);
      write(file, text);
    };

    // A resumed session starts with a copy of an earlier session's lines (same keys).
    if (!single && history.length > 0 && random() < 0.15) {
      for (const text of pick(history)) write(file, text);
    }
    const model = random() < 0.7 ? 'claude-sonnet-4-5-20250929' : 'claude-opus-4-6';
    let context = int(8_000, 30_000);
    const turns = int(5, 40);
    for (let turn = 0; turn < turns && written < targetBytes; turn++) {
      now += int(5_000, 600_000);
      emit({
        parentUuid: uuid(),
        isSidechain: false,
        ...base,
        type: 'user',
        message: { role: 'user', content: 'Please continue with the next step.' },
        uuid: uuid(),
        timestamp: iso(),
      });
      // One response, written as one line per content block with growing output.
      const messageId = `msg_01${hex(22)}`;
      const requestId = `req_011${hex(21)}`;
      const oneHour = random() < 0.4;
      const write5m = random() < 0.5 ? int(100, 6000) : 0;
      const longContext = model.startsWith('claude-sonnet') && random() < 0.03;
      const usage = {
        input_tokens: int(1, 60),
        cache_creation_input_tokens: write5m,
        cache_read_input_tokens: longContext ? int(200_000, 400_000) : context,
        cache_creation: {
          ephemeral_5m_input_tokens: oneHour ? 0 : write5m,
          ephemeral_1h_input_tokens: oneHour ? write5m : 0,
        },
        output_tokens: 0,
        service_tier: 'standard',
      };
      if (model === 'claude-opus-4-6' && random() < 0.05) usage.speed = 'fast';
      context += write5m;
      const finalOutput = int(20, 4000);
      const blocks = int(1, 4);
      const toolId = `toolu_01${hex(22)}`;
      for (let block = 1; block <= blocks; block++) {
        const output =
          block === blocks
            ? finalOutput
            : Math.max(1, Math.floor((finalOutput * block) / (blocks + 1)));
        const content =
          block === blocks && random() < 0.6
            ? [
                {
                  type: 'tool_use',
                  id: toolId,
                  name: pick(['Read', 'Edit', 'Bash', 'Grep', 'Write']),
                  input: { file_path: `${cwd}/src/file${int(1, 90)}.ts` },
                },
              ]
            : [{ type: 'text', text: 'Working on it. '.repeat(int(1, 40)) }];
        emit({
          parentUuid: uuid(),
          isSidechain: false,
          ...base,
          message: {
            id: messageId,
            type: 'message',
            role: 'assistant',
            model,
            content,
            stop_reason: null,
            usage: { ...usage, output_tokens: output },
          },
          requestId,
          type: 'assistant',
          uuid: uuid(),
          timestamp: iso(),
        });
      }
      count(iso(), model, { ...usage, output_tokens: finalOutput });
      responseCount++;

      // A tool result: most are small, some are large (a file read, a long command output).
      const size =
        random() < 0.85
          ? int(200, 8_000)
          : random() < 0.9
            ? int(8_000, 200_000)
            : int(200_000, 2_000_000);
      emit({
        parentUuid: uuid(),
        isSidechain: false,
        ...base,
        type: 'user',
        message: {
          role: 'user',
          content: [{ tool_use_id: toolId, type: 'tool_result', content: 'x'.repeat(size) }],
        },
        uuid: uuid(),
        timestamp: iso(),
        toolUseResult: { stdout: 'y'.repeat(Math.min(size, 50_000)), stderr: '' },
      });

      // Sometimes a subagent: its own file (nested or flat layout), and progress copies in the parent.
      if (random() < 0.08) {
        const agentId = hex(8);
        const nested = random() < 0.5;
        const agentFile = nested
          ? `${folder}/${sessionId}/subagents/agent-${agentId}.jsonl`
          : `${folder}/agent-${agentId}.jsonl`;
        const keepFile = random() < 0.85; // otherwise only the progress copies are on disk
        for (let step = 0; step < int(2, 6); step++) {
          now += int(2_000, 30_000);
          const id = `msg_01${hex(22)}`;
          const req = `req_011${hex(21)}`;
          const subUsage = {
            input_tokens: int(5, 900),
            cache_creation_input_tokens: 0,
            cache_read_input_tokens: int(0, 20_000),
            cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
            output_tokens: int(30, 1500),
          };
          const message = {
            id,
            type: 'message',
            role: 'assistant',
            model: 'claude-haiku-4-5-20251001',
            content: [{ type: 'text', text: 'Searching.' }],
            usage: subUsage,
          };
          if (keepFile) {
            write(
              agentFile,
              `${JSON.stringify({ parentUuid: uuid(), isSidechain: true, ...base, agentId, message, requestId: req, type: 'assistant', uuid: uuid(), timestamp: iso() })}\n`,
            );
          }
          const partial = {
            ...message,
            usage: { ...subUsage, output_tokens: Math.max(1, subUsage.output_tokens >> 1) },
          };
          const copy = random() < 0.5 ? message : partial;
          emit({
            parentUuid: uuid(),
            isSidechain: false,
            ...base,
            type: 'progress',
            data: {
              type: 'agent_progress',
              message: {
                type: 'assistant',
                timestamp: iso(),
                requestId: req,
                message: keepFile ? copy : message,
              },
            },
            uuid: uuid(),
            timestamp: iso(),
          });
          count(iso(), 'claude-haiku-4-5-20251001', subUsage);
          responseCount++;
        }
      }
      if (random() < 0.0005) {
        write(file, '{"type":"assistant","message":{"id":"msg_broken","usage":{"input_tokens":3\n');
        expected.malformedLines++;
      }
    }
    if (!single && random() < 0.02) {
      write(
        file,
        '{"type":"assistant","timestamp":"2026-11-19T10:00:00.000Z","message":{"usage":{"input',
      );
      expected.malformedLines++;
    }
    history.push(lines.slice(0, Math.min(lines.length, 12)));
    if (history.length > 50) history.shift();
  }
  for (const { fd } of files.values()) closeSync(fd);
  expected.cost = Math.round(expected.cost * 1e9) / 1e9;
  for (const day of Object.values(expected.days)) day.cost = Math.round(day.cost * 1e9) / 1e9;
  const summary = {
    seed,
    single,
    bytes: written,
    files: files.size,
    responses: responseCount,
    timeZone: 'UTC',
    ...expected,
  };
  writeFileSync(path.join(dir, 'expected.json'), `${JSON.stringify(summary, null, 1)}\n`);
  return summary;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const seedAt = args.indexOf('--seed');
  const seed = seedAt === -1 ? 1 : Number(args[seedAt + 1]);
  const positional = args.filter((arg, i) => !arg.startsWith('--') && args[i - 1] !== '--seed');
  if (positional.length !== 2) {
    console.error('usage: npm run gen -- <dir> <size> [--single] [--seed N]');
    process.exit(2);
  }
  const summary = generate(positional[0], parseSize(positional[1]), {
    single: args.includes('--single'),
    seed,
  });
  console.log(
    `wrote ${(summary.bytes / 1048576).toFixed(0)} MiB in ${summary.files} files: ${summary.responses} responses, ${summary.malformedLines} malformed lines`,
  );
}
