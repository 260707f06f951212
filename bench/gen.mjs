#!/usr/bin/env node
// Writes realistic Claude Code logs, seeded and deterministic, with their expected totals.
//   npm run gen -- <dir> <size> [--single] [--seed N] [--profile real|usage-heavy]
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

/**
 * The shapes of log there are: `real` as ../shared/claude-logs.md measures public logs (per GiB
 * ~1,100-1,600 files, ~190,000-280,000 lines, half of them with usage, ~65,000 responses, and
 * only a fifth to two fifths of the bytes in usage lines: tool results are most of it), and
 * `usage-heavy` (small tool results: ~70% of the bytes in usage lines). Sizes are log-normal:
 * a median and a spread (p90 = median x e^(1.28 sigma)).
 */
const PROFILES = {
  real: {
    sessionResponses: 38,
    textMedian: 300,
    textSigma: 1.4,
    resultMedian: 1_700,
    resultSigma: 1.85,
    snapshotMedian: 4_000,
    snapshotShare: 0.35,
    subagentShare: 0.006,
    progressHeavyShare: 0.1,
  },
  'usage-heavy': {
    sessionResponses: 200,
    textMedian: 900,
    textSigma: 1.0,
    resultMedian: 400,
    resultSigma: 1.0,
    snapshotMedian: 1_000,
    snapshotShare: 0.1,
    subagentShare: 0.004,
    progressHeavyShare: 0,
  },
};

export function generate(dir, targetBytes, { single = false, seed = 1, profile = 'real' } = {}) {
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
  /** The shape written, to compare with real logs: lines, and lines and bytes with usage. */
  const shapeOf = { lines: 0, usageLines: 0, usageBytes: 0 };
  const write = (relative, text) => {
    const file = fileFor(single ? '-home-dev-monorepo/0000-single.jsonl' : relative);
    writeSync(file.fd, text);
    const bytes = Buffer.byteLength(text);
    written += bytes;
    for (const line of text.split('\n')) {
      if (line === '') continue;
      shapeOf.lines++;
      if (line.includes('"usage"')) {
        shapeOf.usageLines++;
        shapeOf.usageBytes += Buffer.byteLength(line) + 1;
      }
    }
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

  const shape = PROFILES[profile];
  if (shape === undefined)
    throw new Error(`profile: '${profile}' is not one of ${Object.keys(PROFILES).join(', ')}`);
  /** A log-normal size: `median` bytes, spread `sigma`, at most `max`. */
  const logNormal = (median, sigma, max) => {
    const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    return Math.max(1, Math.min(max, Math.round(median * Math.exp(sigma * z))));
  };
  const WORDS =
    'the of and to in is that for it with as on this be are by file test we function return value'.split(
      ' ',
    );
  // Claude's replies and tools' output are Markdown and code, not one long line of ASCII: line
  // breaks and quotes (escapes in the JSON) in nearly every block, and now and then a character
  // outside ASCII (dashes, arrows, check marks, accents, other scripts), one word in 150 here:
  // a third of short blocks and most long ones hold one, English-only logs' share; others' have
  // more. Decoding and parsing such text costs a JSON reader more than ASCII does.
  const NON_ASCII = ['—', '→', '✓', '✅', '…', 'café', 'größe', 'naïve', '日本語', 'Привет'];
  const QUOTED = ['"value"', '`test`', "'file'", '\\n', '"the"'];
  /** Text of about `bytes` characters, in words and lines rather than one repeated letter. */
  const prose = (bytes) => {
    let text = '';
    let lineWords = 0;
    while (text.length < bytes) {
      const roll = random();
      const word = roll < 1 / 150 ? pick(NON_ASCII) : roll < 0.05 ? pick(QUOTED) : pick(WORDS);
      lineWords++;
      const lineEnd = lineWords >= 12 && roll > 0.9;
      if (lineEnd) lineWords = 0;
      text += lineEnd ? `${word}\n` : `${word} `;
    }
    return text.slice(0, bytes);
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
    // Since 2.1.97 every copy of a response carries its final usage; before, the first copies
    // are streaming placeholders with less output.
    const version = pick(['2.0.31', '2.1.4', '2.1.98', '2.1.152', '2.1.201', '2.1.250']);
    const finalEveryCopy = Number(version.split('.')[2]) >= 97 && version.startsWith('2.1');
    const base = { cwd, sessionId, version, gitBranch: 'main', userType: 'external' };
    let now = start + Math.floor(random() * span);
    const iso = () => new Date(now).toISOString();
    const lines = [];
    const emit = (object) => {
      const text = `${JSON.stringify(object)}\n`;
      lines.push(text);
      write(file, text);
    };
    const line = (type, fields) => ({
      parentUuid: uuid(),
      isSidechain: false,
      ...base,
      type,
      ...fields,
      uuid: uuid(),
      timestamp: iso(),
    });

    // A resumed session starts with a copy of an earlier session's lines (same keys).
    if (!single && history.length > 0 && random() < 0.15) {
      for (const text of pick(history)) write(file, text);
    }
    const model = random() < 0.7 ? 'claude-sonnet-4-5-20250929' : 'claude-opus-4-6';
    // Some sessions log a progress line for every step of every command.
    const progressHeavy = random() < shape.progressHeavyShare;
    let context = int(8_000, 30_000);
    const responses = logNormal(shape.sessionResponses, 1.1, 2_000);
    let turnLeft = 0;
    for (let done = 0; done < responses && written < targetBytes; done++) {
      now += int(2_000, 120_000);
      if (turnLeft === 0) {
        turnLeft = int(1, 9);
        emit(line('user', { message: { role: 'user', content: prose(logNormal(120, 1, 4_000)) } }));
        if (random() < shape.snapshotShare) {
          emit({
            type: 'file-history-snapshot',
            messageId: uuid(),
            snapshot: {
              trackedFileBackups: {
                [`${cwd}/src/a.ts`]: {
                  backupFileName: prose(logNormal(shape.snapshotMedian, 1, 200_000)),
                },
              },
            },
            isSnapshotUpdate: false,
          });
        }
      }
      turnLeft--;
      const lastOfTurn = turnLeft === 0;
      // One response, written as one line per content block.
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
        server_tool_use: { web_search_requests: 0, web_fetch_requests: random() < 0.05 ? 1 : 0 },
        service_tier: 'standard',
        inference_geo: pick(['', 'global', 'not_available']),
      };
      if (model === 'claude-opus-4-6' && random() < 0.05) usage.speed = 'fast';
      context += write5m;
      const finalOutput = int(20, 4000);
      const blocks = random() < 0.55 ? 1 : random() < 0.7 ? 2 : 3;
      const toolId = `toolu_01${hex(22)}`;
      const tool = lastOfTurn ? null : pick(['Read', 'Edit', 'Bash', 'Grep', 'Write', 'Glob']);
      for (let block = 1; block <= blocks; block++) {
        const output =
          block === blocks || finalEveryCopy
            ? finalOutput
            : Math.max(1, Math.floor((finalOutput * block) / (blocks + 1)));
        const content =
          block === blocks && tool !== null
            ? [
                {
                  type: 'tool_use',
                  id: toolId,
                  name: tool,
                  input:
                    tool === 'Write' || tool === 'Edit'
                      ? {
                          file_path: `${cwd}/src/file${int(1, 90)}.ts`,
                          content: prose(logNormal(shape.textMedian * 2, shape.textSigma, 100_000)),
                        }
                      : { file_path: `${cwd}/src/file${int(1, 90)}.ts` },
                },
              ]
            : block === 1 && blocks > 1
              ? [
                  {
                    type: 'thinking',
                    thinking: prose(logNormal(shape.textMedian, shape.textSigma, 60_000)),
                    signature: hex(64),
                  },
                ]
              : [
                  {
                    type: 'text',
                    text: prose(logNormal(shape.textMedian, shape.textSigma, 100_000)),
                  },
                ];
        emit(
          line('assistant', {
            message: {
              id: messageId,
              type: 'message',
              role: 'assistant',
              model,
              content,
              stop_reason: block === blocks ? (tool === null ? 'end_turn' : 'tool_use') : null,
              stop_sequence: null,
              usage: {
                ...usage,
                output_tokens: output,
                output_tokens_details: { thinking_tokens: Math.floor(output / 3) },
                iterations: [],
              },
            },
            requestId,
          }),
        );
      }
      count(iso(), model, { ...usage, output_tokens: finalOutput });
      responseCount++;

      if (tool !== null) {
        // A tool result: most are small, some large (a file read, a long command's output),
        // a few of megabytes; a command's output comes twice (in the result and toolUseResult).
        const size = logNormal(shape.resultMedian, shape.resultSigma, 5_000_000);
        const output = prose(size);
        if (progressHeavy && tool === 'Bash') {
          for (let step = int(3, 30); step > 0; step--) {
            now += int(200, 3_000);
            emit(
              line('progress', {
                data: {
                  type: 'bash_progress',
                  output: prose(int(40, 400)),
                  elapsedTimeSeconds: step,
                },
                toolUseID: toolId,
                parentToolUseID: toolId,
              }),
            );
          }
        }
        emit(
          line('user', {
            message: {
              role: 'user',
              content: [{ tool_use_id: toolId, type: 'tool_result', content: output }],
            },
            // As Claude Code keeps them: a command's output, a read file's text and an edited
            // file's original come a second time here.
            toolUseResult:
              tool === 'Bash'
                ? { stdout: output, stderr: '', interrupted: false }
                : tool === 'Read'
                  ? { type: 'text', file: { filePath: `${cwd}/src/a.ts`, content: output } }
                  : tool === 'Edit' || tool === 'Write'
                    ? { filePath: `${cwd}/src/a.ts`, originalFile: output, structuredPatch: [] }
                    : { filenames: [`${cwd}/src/a.ts`], numFiles: 1 },
          }),
        );
      }

      // Sometimes a subagent: its own file (nested or flat layout), and progress copies in the parent.
      if (random() < shape.subagentShare) {
        const agentId = hex(8);
        const nested = random() < 0.5;
        const agentFile = nested
          ? `${folder}/${sessionId}/subagents/agent-${agentId}.jsonl`
          : `${folder}/agent-${agentId}.jsonl`;
        const keepFile = random() < 0.85; // otherwise only the progress copies are on disk
        for (let step = 0; step < int(4, 40); step++) {
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
            content: [
              { type: 'text', text: prose(logNormal(shape.textMedian, shape.textSigma, 30_000)) },
            ],
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
          emit(
            line('progress', {
              data: {
                type: 'agent_progress',
                message: {
                  type: 'assistant',
                  timestamp: iso(),
                  requestId: req,
                  message: keepFile ? copy : message,
                },
              },
            }),
          );
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
    profile,
    bytes: written,
    files: files.size,
    responses: responseCount,
    ...shapeOf,
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
  const positional = args.filter(
    (arg, i) => !arg.startsWith('--') && args[i - 1] !== '--seed' && args[i - 1] !== '--profile',
  );
  if (positional.length !== 2) {
    console.error(
      'usage: npm run gen -- <dir> <size> [--single] [--seed N] [--profile real|usage-heavy]',
    );
    process.exit(2);
  }
  const profileAt = args.indexOf('--profile');
  const summary = generate(positional[0], parseSize(positional[1]), {
    single: args.includes('--single'),
    seed,
    profile: profileAt === -1 ? 'real' : args[profileAt + 1],
  });
  console.log(
    `wrote ${(summary.bytes / 1048576).toFixed(0)} MiB in ${summary.files} files: ${summary.responses} responses, ${summary.malformedLines} malformed lines`,
  );
}
