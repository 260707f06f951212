#!/usr/bin/env node
// npm run bench [-- --runs 5] [--no-cc18]
// Builds usage, generates (once, cached in bench/corpus/) a 256 MiB and a 1 GiB corpus, a single
// 1 GiB file and a tiny one, installs the reference tools into bench/.tools/ (not as dependencies),
// then times each tool on each corpus, alternating, after a warm-up, and writes bench/results.md.
// Then the ledger, on a copy of the 1 GiB corpus: a first sync (against our log-only run), a
// repeat run and a run after 1 MiB of new lines were appended (against ccusage 20), and bare
// `node -e 0` for the floor. Fails when our totals differ from what the corpus holds.
import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchDashboard } from './dashboard.mjs';
import { generate } from './gen.mjs';

const bench = path.dirname(fileURLToPath(import.meta.url));
const repo = path.dirname(bench);
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 5;
const withCc18 = !args.includes('--no-cc18');
// 2: expected totals priced by the dates of the range (Sonnet 4.5 tier gone, Opus 4.6 fast ends).
// 3: the shape of real logs (claude-logs.md), a usage-heavy profile, the 2026 fields.
// 4: text with line breaks, quotes and characters outside ASCII, as real replies have.
const GEN_VERSION = 4;
const MiB = 1024 ** 2;

function sh(command, argv, options = {}) {
  const result = spawnSync(command, argv, { encoding: 'utf8', maxBuffer: 1 << 30, ...options });
  if (result.status !== 0)
    throw new Error(`${command} ${argv.join(' ')}: ${result.stderr || result.error}`);
  return result.stdout;
}

function corpus(name, bytes, options) {
  const dir = path.join(bench, 'corpus', `v${GEN_VERSION}-${name}`);
  if (!existsSync(path.join(dir, 'expected.json'))) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    console.error(`generating ${name} …`);
    generate(dir, bytes, options);
  }
  return { name, dir, expected: JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')) };
}

/** The reference tools, installed from the npm registry into bench/.tools (cached). */
function tools() {
  const dir = path.join(bench, '.tools');
  mkdirSync(dir, { recursive: true });
  const found = [];
  const cc20 = path.join(dir, 'cc20', 'package', 'bin', 'ccusage');
  try {
    if (!existsSync(cc20)) {
      mkdirSync(path.join(dir, 'cc20'), { recursive: true });
      sh('npm', [
        'pack',
        '@ccusage/ccusage-linux-x64@20.0.24',
        '--pack-destination',
        path.join(dir, 'cc20'),
      ]);
      const tarball = readdirSync(path.join(dir, 'cc20')).find((f) => f.endsWith('.tgz'));
      sh('tar', ['xzf', tarball, '-C', path.join(dir, 'cc20')], { cwd: path.join(dir, 'cc20') });
      sh('chmod', ['+x', cc20]);
    }
    found.push({
      name: 'ccusage 20.0.24 (native)',
      command: cc20,
      argv: ['daily', '--json', '--offline'],
      viaEnv: true,
    });
  } catch (error) {
    console.error(`skipping ccusage 20: ${error.message.split('\n')[0]}`);
  }
  const cc18 = path.join(dir, 'cc18', 'node_modules', 'ccusage', 'dist', 'index.js');
  if (withCc18) {
    try {
      if (!existsSync(cc18))
        sh('npm', [
          'install',
          '--prefix',
          path.join(dir, 'cc18'),
          '--no-audit',
          '--no-fund',
          'ccusage@18.0.11',
        ]);
      found.push({
        name: 'ccusage 18.0.11',
        command: process.execPath,
        argv: [cc18, 'daily', '--json', '--offline'],
        viaEnv: true,
      });
    } catch (error) {
      console.error(`skipping ccusage 18: ${error.message.split('\n')[0]}`);
    }
  }
  return found;
}

const ours = {
  name: 'usage (ours)',
  command: process.execPath,
  argv: [
    path.join(repo, 'dist', 'cli', 'main.js'),
    '--all',
    '--json',
    '--timezone',
    'UTC',
    '--no-ledger',
  ],
  viaEnv: false,
};

/**
 * Ours on one reader thread (USAGE_LEDGER_THREADS=1), on the 1 GiB corpus, where the default
 * reads on two: what the second thread buys.
 */
const oursOneThread = {
  ...ours,
  name: 'usage (ours, 1 thread)',
  env: () => ({ USAGE_LEDGER_THREADS: '1' }),
};

/** One run: wall, user+sys CPU and peak RSS from GNU time; stdout kept for the totals check. */
function timeRun(tool, dir) {
  const timing = path.join(os.tmpdir(), `usage-bench-${process.pid}.txt`);
  const argv = tool.viaEnv ? tool.argv : [...tool.argv, '--data-dir', dir];
  const env = {
    PATH: process.env.PATH,
    HOME: os.tmpdir(),
    TZ: 'UTC',
    ...(tool.viaEnv ? { CLAUDE_CONFIG_DIR: dir } : {}),
    ...tool.env?.(),
  };
  const result = spawnSync(
    '/usr/bin/time',
    ['-f', '%e %U %S %M', '-o', timing, tool.command, ...argv],
    { env, encoding: 'utf8', maxBuffer: 1 << 30, input: tool.input?.(dir) },
  );
  const [wall, user, system, rssKiB] = readFileSync(timing, 'utf8')
    .trim()
    .split('\n')
    .pop()
    .split(' ')
    .map(Number);
  return {
    wall,
    cpu: user + system,
    rss: rssKiB * 1024,
    status: result.status,
    stdout: result.stdout,
  };
}

/** The status line runs this often: its p95 is a target too. */
const STATUSLINE_RUNS = 20;

/** The nearest-rank percentile: the smallest value that `p` percent of them do not exceed. */
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(Math.ceil((p / 100) * sorted.length) - 1, 0)];
};

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

function checkTotals(stdout, expected) {
  const { totals, meta } = JSON.parse(stdout);
  const problems = [];
  for (const [ours, theirs] of [
    ['requests', 'requests'],
    ['inputTokens', 'inputTokens'],
    ['outputTokens', 'outputTokens'],
    ['cacheCreation5mTokens', 'cacheWrite5mTokens'],
    ['cacheCreation1hTokens', 'cacheWrite1hTokens'],
    ['cacheReadTokens', 'cacheReadTokens'],
    ['malformedLines', 'malformedLines'],
  ]) {
    const value = ours === 'malformedLines' ? meta.malformedLines : totals[ours];
    if (value !== expected[theirs]) problems.push(`${ours} ${value} != ${expected[theirs]}`);
  }
  if (Math.abs(totals.totalCost - expected.cost) > 1e-6)
    problems.push(`cost ${totals.totalCost} != ${expected.cost}`);
  return problems;
}

sh('npm', ['run', 'build'], { cwd: repo });
const corpora = [
  // About ten files, as a history of a few days: the target is start-up, not reading.
  corpus('tiny', 4 * MiB, { seed: 8 }),
  corpus('256MiB', 256 * MiB, { seed: 1 }),
  corpus('1GiB', 1024 * MiB, { seed: 2 }),
  corpus('1GiB-usage-heavy', 1024 * MiB, { seed: 5, profile: 'usage-heavy' }),
  corpus('2GiB-single-file', 2048 * MiB, { seed: 4, single: true }),
];
const references = tools();
const rows = [];
let failed = false;

for (const { name, dir, expected } of corpora) {
  const toolsHere =
    name === 'tiny'
      ? [ours]
      : name === '1GiB'
        ? [ours, oursOneThread, ...references]
        : [ours, ...references];
  for (const tool of toolsHere) timeRun(tool, dir); // warm-up: page cache, not our cache (we keep none)
  const samples = new Map(toolsHere.map((tool) => [tool.name, []]));
  for (let run = 0; run < runs; run++) {
    for (const tool of toolsHere) {
      const sample = timeRun(tool, dir);
      if (tool === ours && run === 0) {
        const problems =
          sample.status === 0 ? checkTotals(sample.stdout, expected) : [`exit ${sample.status}`];
        if (problems.length > 0) {
          failed = true;
          console.error(`${name}: our totals differ from the generator's: ${problems.join('; ')}`);
        }
      }
      samples.get(tool.name).push(sample);
      process.stderr.write('.');
    }
  }
  process.stderr.write('\n');
  const oursWall = median(samples.get(ours.name).map((s) => s.wall));
  for (const tool of toolsHere) {
    const list = samples.get(tool.name);
    const wall = median(list.map((s) => s.wall));
    rows.push({
      corpus: `${name} (${(expected.bytes / MiB).toFixed(0)} MiB, ${expected.files} files)`,
      tool: tool.name,
      wall,
      cpu: median(list.map((s) => s.cpu)),
      rss: Math.max(...list.map((s) => s.rss)),
      ratio:
        tool === ours
          ? ''
          : tool === oursOneThread
            ? `two threads: ${(wall / oursWall).toFixed(2)}x as fast as one`
            : `${(oursWall / wall).toFixed(2)}x`,
      secondsPerGiB: wall / (expected.bytes / 1024 ** 3),
    });
  }
}

/**
 * 1 MiB of new lines spread over the first files of `dir`, as sessions in progress write them:
 * an assistant response and the tool result it asked for, with keys never seen before.
 * Returns the tokens they add, for the totals check.
 */
let appendRound = 0;
function appendMiB(dir) {
  appendRound++;
  const files = readdirSync(path.join(dir, 'projects'), { recursive: true })
    .filter((file) => file.endsWith('.jsonl'))
    .sort()
    .slice(0, 8)
    .map((file) => path.join(dir, 'projects', file));
  const added = { requests: 0, outputTokens: 0 };
  let bytes = 0;
  for (let i = 0; bytes < MiB; i++) {
    const timestamp = new Date(Date.parse('2026-11-20T12:00:00Z') + i * 1000).toISOString();
    const assistant = {
      type: 'assistant',
      timestamp,
      sessionId: `appended-${appendRound}`,
      cwd: '/home/dev/appended',
      requestId: `req_append_${appendRound}_${i}`,
      message: {
        id: `msg_append_${appendRound}_${i}`,
        model: 'claude-sonnet-4-5-20250929',
        content: [{ type: 'tool_use', id: `toolu_append_${appendRound}_${i}`, name: 'Read' }],
        usage: {
          input_tokens: 3,
          output_tokens: 120 + (i % 50),
          cache_creation_input_tokens: 400,
          cache_read_input_tokens: 20_000,
        },
      },
    };
    const result = {
      type: 'user',
      timestamp,
      sessionId: assistant.sessionId,
      message: { role: 'user', content: [{ type: 'tool_result', content: 'x'.repeat(12_000) }] },
    };
    const text = `${JSON.stringify(assistant)}\n${JSON.stringify(result)}\n`;
    appendFileSync(files[i % files.length], text);
    bytes += Buffer.byteLength(text);
    added.requests++;
    added.outputTokens += assistant.message.usage.output_tokens;
  }
  return added;
}

const ledgerRows = [];
const dashboardRows = [];
const big = corpora.find((entry) => entry.name === '1GiB');
const cc20 = references.find((tool) => tool.name.startsWith('ccusage 20'));
{
  // A copy, because appending changes it; the generator's corpus stays as expected.json says.
  const work = path.join(bench, 'corpus', 'ledger-work');
  rmSync(work, { recursive: true, force: true });
  cpSync(big.dir, work, { recursive: true });
  const db = path.join(os.tmpdir(), `usage-bench-ledger-${process.pid}.db`);
  const removeDb = () => {
    for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
  };
  const withLedger = {
    name: 'usage (ours, ledger)',
    command: process.execPath,
    argv: [...ours.argv.slice(0, -1), '--ledger', db],
    viaEnv: false,
  };
  const bare = { name: 'node -e 0', command: process.execPath, argv: ['-e', '0'], viaEnv: true };
  // The status line of one session of the history, its figures worked out each time: each run
  // has a cache folder of its own, so none reuses the line of the one before, and the marker of
  // a recent background sync keeps it from starting one (that would load the machine during
  // the other runs). It runs STATUSLINE_RUNS times, for its p95.
  const statuslineCache = path.join(os.tmpdir(), `usage-bench-cache-${process.pid}`);
  const statusline = {
    name: 'usage statusline',
    command: process.execPath,
    // Its figures worked out however long that takes: a run past the 180 ms default would
    // print the last line instead, and time less than the work.
    // As the README sets it up (no --timezone), for a user outside UTC.
    argv: [ours.argv[0], 'statusline', '--ledger', db, '--timeout', '10000'],
    viaEnv: true,

    input: (dir) => {
      const folder = path.join(dir, 'projects', readdirSync(path.join(dir, 'projects')).sort()[0]);
      const transcript = readdirSync(folder)
        .filter((name) => name.endsWith('.jsonl'))
        .sort()[0];
      return JSON.stringify({
        session_id: transcript.replace(/\.jsonl$/, ''),
        transcript_path: path.join(folder, transcript),
        model: { id: 'claude-sonnet-4-5-20250929', display_name: 'Sonnet 4.5' },
      });
    },
  };
  const scenario = {
    first: [],
    cold: [],
    repeat: [],
    appended: [],
    cc20: [],
    node: [],
    statusline: [],
  };
  const check = (label, sample, expected) => {
    const problems =
      sample.status === 0 ? checkTotals(sample.stdout, expected) : [`exit ${sample.status}`];
    if (problems.length > 0) {
      failed = true;
      console.error(`ledger ${label}: totals differ: ${problems.join('; ')}`);
    }
  };
  timeRun(ours, work); // warm the page cache for the copy
  for (let run = 0; run < runs; run++) {
    removeDb();
    const first = timeRun(withLedger, work);
    check('first sync', first, big.expected);
    scenario.first.push(first);
    scenario.cold.push(timeRun(ours, work));
    process.stderr.write('.');
  }
  for (let run = 0; run < runs; run++) {
    const repeat = timeRun(withLedger, work);
    check('repeat run', repeat, big.expected);
    scenario.repeat.push(repeat);
    if (cc20) scenario.cc20.push(timeRun(cc20, work));
    scenario.node.push(timeRun(bare, work));
    process.stderr.write('.');
  }
  for (let run = 0; run < STATUSLINE_RUNS; run++) {
    const cache = path.join(statuslineCache, String(run));
    mkdirSync(path.join(cache, 'usage-ledger'), { recursive: true });
    writeFileSync(path.join(cache, 'usage-ledger', 'statusline-sync'), '{}');
    const line = timeRun(
      { ...statusline, env: () => ({ XDG_CACHE_HOME: cache, TZ: 'Europe/Berlin' }) },
      work,
    );
    if (line.status !== 0 || !line.stdout.includes('session $')) {
      failed = true;
      console.error(`statusline: exit ${line.status}, printed '${line.stdout.trim()}'`);
    }
    scenario.statusline.push(line);
  }
  const grown = { ...big.expected };
  for (let run = 0; run < runs; run++) {
    const added = appendMiB(work);
    grown.requests += added.requests;
    grown.outputTokens += added.outputTokens;
    const sample = timeRun(withLedger, work);
    const { totals } = JSON.parse(sample.stdout);
    if (totals.requests !== grown.requests || totals.outputTokens !== grown.outputTokens) {
      failed = true;
      console.error(
        `ledger after appending: ${totals.requests} requests, ${grown.requests} expected`,
      );
    }
    scenario.appended.push(sample);
    process.stderr.write('.');
  }
  process.stderr.write('\n');
  console.error('the dashboard on the synced ledger …');
  dashboardRows.push(...(await benchDashboard(work, db)));
  removeDb();
  rmSync(work, { recursive: true, force: true });
  rmSync(statuslineCache, { recursive: true, force: true });
  const wall = (list) => median(list.map((s) => s.wall));
  const cc20Wall = scenario.cc20.length > 0 ? wall(scenario.cc20) : null;
  const against = (list, reference) =>
    reference === null ? '' : `${(wall(list) / reference).toFixed(2)}x`;
  const row = (name, list, ratio, target) =>
    ledgerRows.push({
      name,
      wall: wall(list),
      cpu: median(list.map((s) => s.cpu)),
      rss: Math.max(...list.map((s) => s.rss)),
      ratio,
      target,
    });
  row(
    'first sync (ledger deleted before each run)',
    scenario.first,
    `${against(scenario.first, wall(scenario.cold))} of our log-only run`,
    '≤ 1.3x',
  );
  row('our log-only run (--no-ledger)', scenario.cold, '', '');
  row(
    'repeat run, nothing new',
    scenario.repeat,
    `${against(scenario.repeat, cc20Wall)} of ccusage 20`,
    '≤ 0.1x (aim 0.05x)',
  );
  row(
    'after appending 1 MiB of new lines',
    scenario.appended,
    `${against(scenario.appended, cc20Wall)} of ccusage 20`,
    '≤ 0.15x',
  );
  if (cc20Wall !== null) row('ccusage 20.0.24 (native), same corpus', scenario.cc20, '', '');
  row(
    'node -e 0: starting Node, nothing else',
    scenario.node,
    `${against(scenario.node, cc20Wall)} of ccusage 20`,
    '',
  );
  row(
    `usage statusline, its figures worked out, TZ=Europe/Berlin (${STATUSLINE_RUNS} runs)`,
    scenario.statusline,
    `p95 ${percentile(
      scenario.statusline.map((sample) => sample.wall),
      95,
    ).toFixed(3)} s`,
    'median < 100 ms, p95 < 150 ms',
  );
}

const table = [
  '| corpus | tool | median wall (s) | median CPU (s) | peak RSS (MiB) | ours / theirs (wall) | s per GiB |',
  '|---|---|---|---|---|---|---|',
  ...rows.map(
    (r) =>
      `| ${r.corpus} | ${r.tool} | ${r.wall.toFixed(2)} | ${r.cpu.toFixed(2)} | ${(r.rss / MiB).toFixed(0)} | ${r.ratio} | ${r.secondsPerGiB.toFixed(2)} |`,
  ),
];
/** Each corpus against the shape claude-logs.md measures on real logs (per GiB). */
const GiB = 1024 ** 3;
const shapes = [
  '| corpus | profile | files / GiB | lines / GiB | lines with usage | bytes in them | responses / GiB |',
  '|---|---|---|---|---|---|---|',
  ...corpora.map(({ name, expected: e }) => {
    const per = (n) => Math.round(n / (e.bytes / GiB)).toLocaleString('en-US');
    return `| ${name} | ${e.profile} | ${per(e.files)} | ${per(e.lines)} | ${((100 * e.usageLines) / e.lines).toFixed(0)}% | ${((100 * e.usageBytes) / e.bytes).toFixed(0)}% | ${per(e.responses)} |`;
  }),
  '| real logs (claude-logs.md) | | 1,100-1,600 | 190,000-280,000 | ~50% | 17-44% | ~65,000 |',
];
const report = [
  '# Benchmark',
  '',
  '## The corpora',
  '',
  ...shapes,
  '',
  '## Cold runs',
  '',
  `${new Date().toISOString()} · ${os.cpus().length} cores · ${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB · Node ${process.version} · ${runs} runs each after a warm-up, alternating; our run is cold (we keep no cache), the page cache is warm for every tool.`,
  '',
  ...table,
  '',
  failed
    ? "**A check failed (our totals against the generator's, or the status line's figures within its time limit): see the run's output.**"
    : "Our totals equal the generator's on every corpus (tokens exactly, cost within $0.000001).",
  '',
  '## The ledger',
  '',
  `On a copy of the 1 GiB corpus (${big.expected.files} files), \`usage --all --json --ledger <file>\`, ${runs} runs each. Every run's totals are checked: the first syncs and repeat runs against the generator's, the runs after appending against the generator's plus what was appended.`,
  '',
  '| scenario | median wall (s) | median CPU (s) | peak RSS (MiB) | ratio | target |',
  '|---|---|---|---|---|---|',
  ...ledgerRows.map(
    (r) =>
      `| ${r.name} | ${r.wall.toFixed(3)} | ${r.cpu.toFixed(2)} | ${(r.rss / MiB).toFixed(0)} | ${r.ratio} | ${r.target} |`,
  ),
  '',
  '## The dashboard',
  '',
  "`usage dashboard --ledger <file>` on the synced ledger of the 1 GiB corpus (after appending): each route 20 times after one uncounted call (the server keeps a query's loaded usage until the logs change, so these are the page's repeat calls), and five reloads of the page in Chromium until its data is drawn.",
  '',
  '| call | p50 (ms) | p95 (ms) | target |',
  '|---|---|---|---|',
  ...dashboardRows.map(
    (r) => `| ${r.name} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.target} |`,
  ),
  '',
];
writeFileSync(path.join(bench, 'results.md'), report.join('\n'));
console.log(report.join('\n'));
process.exitCode = failed ? 1 : 0;
