#!/usr/bin/env node
// npm run bench [-- --runs 5] [--no-cc18]
// Builds usage, generates (once, cached in bench/corpus/) a 256 MiB and a 1 GiB corpus, a single
// 1 GiB file and a tiny one, installs the reference tools into bench/.tools/ (not as dependencies),
// then times each tool on each corpus, alternating, after a warm-up, and writes bench/results.md.
// Fails when our totals differ from the generator's.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './gen.mjs';

const bench = path.dirname(fileURLToPath(import.meta.url));
const repo = path.dirname(bench);
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 5;
const withCc18 = !args.includes('--no-cc18');
const GEN_VERSION = 1;
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
  argv: [path.join(repo, 'dist', 'cli', 'main.js'), '--all', '--json', '--timezone', 'UTC'],
  viaEnv: false,
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
  };
  const result = spawnSync(
    '/usr/bin/time',
    ['-f', '%e %U %S %M', '-o', timing, tool.command, ...argv],
    { env, encoding: 'utf8', maxBuffer: 1 << 30 },
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
  corpus('tiny', 1 * MiB, { seed: 3 }),
  corpus('256MiB', 256 * MiB, { seed: 1 }),
  corpus('1GiB', 1024 * MiB, { seed: 2 }),
  corpus('1GiB-single-file', 1024 * MiB, { seed: 4, single: true }),
];
const references = tools();
const rows = [];
let failed = false;

for (const { name, dir, expected } of corpora) {
  const toolsHere = name === 'tiny' ? [ours] : [ours, ...references];
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
      ratio: tool === ours ? '' : `${(oursWall / wall).toFixed(2)}x`,
      secondsPerGiB: wall / (expected.bytes / 1024 ** 3),
    });
  }
}

const table = [
  '| corpus | tool | median wall (s) | median CPU (s) | peak RSS (MiB) | ours / theirs (wall) | s per GiB |',
  '|---|---|---|---|---|---|---|',
  ...rows.map(
    (r) =>
      `| ${r.corpus} | ${r.tool} | ${r.wall.toFixed(2)} | ${r.cpu.toFixed(2)} | ${(r.rss / MiB).toFixed(0)} | ${r.ratio} | ${r.secondsPerGiB.toFixed(2)} |`,
  ),
];
const report = [
  '# Benchmark',
  '',
  `${new Date().toISOString()} · ${os.cpus().length} cores · ${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB · Node ${process.version} · ${runs} runs each after a warm-up, alternating; our run is cold (we keep no cache), the page cache is warm for every tool.`,
  '',
  ...table,
  '',
  failed
    ? "**Our totals differed from the generator's: see the run's output.**"
    : "Our totals equal the generator's on every corpus (tokens exactly, cost within $0.000001).",
  '',
];
writeFileSync(path.join(bench, 'results.md'), report.join('\n'));
console.log(report.join('\n'));
process.exitCode = failed ? 1 : 0;
