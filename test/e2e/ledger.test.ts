import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { chmod, cp, mkdir, mkdtemp, rm, truncate } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../bench/gen.mjs';
import { DROP_INDEXES, startIndexBuilder } from '../../src/ledger/indexes.js';
import { LATEST_VERSION } from '../../src/ledger/migrations.js';
import { CLI, QUIET_OR_MALFORMED, REPO, runCli } from '../helpers/cli.js';
import { assistantLine } from '../helpers/lines.js';

const rules = path.join(REPO, 'fixtures', 'rules');
const expected = JSON.parse(readFileSync(path.join(rules, 'expected.json'), 'utf8'));
let work = '';

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'usage-ledger-e2e-'));
});

afterAll(async () => {
  if (work !== '') await rm(work, { recursive: true, force: true });
});

/** A copy of fixtures/rules that a test may change, and the arguments that read it. */
async function rulesCopy(name: string): Promise<{ dir: string; args: string[] }> {
  const dir = path.join(work, name);
  await cp(rules, dir, { recursive: true });
  const args = ['--data-dir', `${dir}/root-a`, '--data-dir', `${dir}/root-b`];
  return { dir, args };
}

function json(args: string[], env: Record<string, string> = {}) {
  const result = runCli([...args, '--json'], env);
  expect(result.stderr).toMatch(QUIET_OR_MALFORMED);
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout);
}

const REPORTS = [
  'daily',
  'weekly',
  'monthly',
  'sessions',
  'models',
  'projects',
  'hourly',
  'blocks',
  'tools',
];

describe('reports from the ledger', () => {
  it('equal reports from the logs, to the token and the cent, table and JSON', async () => {
    const { dir, args } = await rulesCopy('equal');
    const ledger = ['--ledger', path.join(dir, 'l.db')];
    const range = ['--all', '--timezone', 'Europe/Berlin'];
    for (const report of REPORTS) {
      const fromLogs = json([report, ...args, ...range, '--no-ledger']);
      const fromLedger = json([report, ...args, ...range, ...ledger]);
      expect(fromLedger.meta.ledger).toBe(path.join(dir, 'l.db'));
      fromLedger.meta.ledger = null;
      expect(fromLedger, report).toEqual(fromLogs);
      const table = runCli([report, ...args, ...range, ...ledger]);
      expect(table.stdout, report).toBe(runCli([report, ...args, ...range, '--no-ledger']).stdout);
    }
    const daily = json([...args, ...range, ...ledger]);
    expect(daily.totals).toMatchObject(expected.totals);
  });

  it('keep the usage of deleted and shortened logs', async () => {
    const { dir, args } = await rulesCopy('deleted');
    const ledger = ['--ledger', path.join(dir, 'l.db'), '--all'];
    expect(json([...args, ...ledger]).totals).toMatchObject(expected.totals);

    await rm(path.join(dir, 'root-b', 'projects', '-home-bob-api', 's3.jsonl'));
    await truncate(path.join(dir, 'root-a', 'projects', '-home-ann-app', 's1.jsonl'), 0);
    const fromLogs = json([...args, '--all', '--no-ledger']);
    expect(fromLogs.totals.totalTokens).toBeLessThan(expected.totals.totalTokens);
    const fromLedger = json([...args, ...ledger]);
    expect(fromLedger.totals).toMatchObject(expected.totals);
    expect(fromLedger.daily).toHaveLength(expected.days.UTC.length);
  });

  it('are made from the default ledger, which --data-dir alone leaves alone', async () => {
    const { dir } = await rulesCopy('default');
    const env = { CLAUDE_CONFIG_DIR: `${dir}/root-a,${dir}/root-b`, XDG_DATA_HOME: dir };
    const report = json(['--all'], env);
    expect(report.meta.ledger).toBe(path.join(dir, 'usage-ledger', 'ledger.db'));
    expect(report.totals).toMatchObject(expected.totals);
    const look = json(['--data-dir', `${dir}/root-a`, '--all'], { XDG_DATA_HOME: dir });
    expect(look.meta.ledger).toBeNull();
    expect(look.totals.totalTokens).toBeLessThan(expected.totals.totalTokens);
  });
});

describe('the sums a report of sums reads from the ledger', () => {
  const SUM_REPORTS = ['daily', 'weekly', 'monthly', 'models'];
  /** A report without the ledger's name in its meta, to set beside one from the logs. */
  const withoutLedger = (report: ReturnType<typeof json>) => ({
    ...report,
    meta: { ...report.meta, ledger: null },
  });
  async function sumsCase(name: string) {
    const { dir, args } = await rulesCopy(name);
    const file = path.join(dir, 'l.db');
    const report = (name: string, zone: string, extra: string[] = []) => ({
      ledger: withoutLedger(
        json([name, ...args, '--all', '--timezone', zone, '--ledger', file, ...extra]),
      ),
      logs: withoutLedger(
        json([name, ...args, '--all', '--timezone', zone, '--no-ledger', ...extra]),
      ),
    });
    /** The data version of the kept sums (quarter hours, and days in UTC) and of the ledger. */
    const versions = () => {
      const db = new Database(file, { readonly: true });
      const version = (grain: string) =>
        Number(db.prepare('SELECT version FROM sums WHERE grain = ?').pluck().get(grain));
      const sums = version('quarter-hour');
      const days = version('day UTC');
      const data = db
        .prepare("SELECT value FROM ledger_info WHERE key = 'data_version'")
        .pluck()
        .get();
      db.close();
      return { sums, days, data: Number(data) };
    };
    return { dir, file, report, versions };
  }

  it('are read by the next report, and give what the logs give in any time zone', async () => {
    const { file, report } = await sumsCase('sums');
    // The first report keeps them (and gives them); the next ones read them.
    for (const zone of ['UTC', 'Asia/Kolkata', 'America/St_Johns']) {
      for (const name of SUM_REPORTS) {
        const { ledger, logs } = report(name, zone);
        expect(ledger).toEqual(logs);
      }
    }
    // What the next report reads: the days of its zone, made from the quarter hours when it has
    // none (the last report was in another zone). A request more in the first quarter hour
    // shows in the days made from it, and one more in the first of those days in the next.
    const addRequests = (grain: string, requests: number) => {
      const db = new Database(file);
      const read = db.prepare('SELECT data FROM sums WHERE grain = ?').pluck();
      const kept = JSON.parse(read.get(grain) as string);
      kept.rows[0][4] += requests; // [model, reason, cost, timestamp, requests, ...]
      db.prepare('UPDATE sums SET data = ? WHERE grain = ?').run(JSON.stringify(kept), grain);
      db.close();
    };
    addRequests('quarter-hour', 1000);
    let { ledger, logs } = report('daily', 'UTC');
    expect(ledger.totals.requests).toBe(logs.totals.requests + 1000);
    addRequests('day UTC', 1);
    ({ ledger, logs } = report('daily', 'UTC'));
    expect(ledger.totals.requests).toBe(logs.totals.requests + 1001);
    // ledger check drops them; the next report makes them again from the rows.
    expect(runCli(['ledger', 'check', '--ledger', file]).status).toBe(0);
    const again = report('daily', 'UTC');
    expect(again.ledger).toEqual(again.logs);
  });

  it('take in the responses written since, and are made again when one they sum changes', async () => {
    const { dir, file, report, versions } = await sumsCase('sums-grow');
    const transcript = path.join(dir, 'root-a', 'projects', '-home-ann-app', 's1.jsonl');
    const append = (line: string) => writeFileSync(transcript, `${line}\n`, { flag: 'a' });
    expect(report('daily', 'UTC').ledger).toBeDefined();
    const kept = versions().sums;
    // A new response: read with the sums, which stay as they were.
    append(assistantLine({ id: 'msg_new', output: 40, timestamp: '2026-11-21T09:00:00.000Z' }));
    let { ledger, logs } = report('daily', 'UTC');
    expect(ledger).toEqual(logs);
    expect(versions()).toEqual({ sums: kept, days: kept, data: kept + 1 });
    // Summed once the sums are made again (ledger check drops them) ...
    runCli(['ledger', 'check', '--ledger', file]);
    ({ ledger, logs } = report('daily', 'UTC'));
    expect(versions()).toEqual({ sums: kept + 1, days: kept + 1, data: kept + 1 });
    // ... then a longer copy of it: the sums hold its old figures, so they are made again.
    append(assistantLine({ id: 'msg_new', output: 400, timestamp: '2026-11-21T09:00:00.000Z' }));
    ({ ledger, logs } = report('daily', 'UTC'));
    expect(ledger).toEqual(logs);
    expect(ledger.totals.outputTokens).toBe(logs.totals.outputTokens);
    expect(versions()).toEqual({ sums: kept + 2, days: kept + 2, data: kept + 2 });
  });

  it('are made again at other prices', async () => {
    const { dir, report, versions } = await sumsCase('sums-prices');
    const before = report('models', 'UTC');
    const config = path.join(dir, 'config.json');
    writeFileSync(
      config,
      JSON.stringify({ prices: { 'claude-sonnet-4-5-20250929': { input: 30, output: 150 } } }),
    );
    const { ledger, logs } = report('models', 'UTC', ['--config', config]);
    expect(ledger).toEqual(logs);
    expect(ledger.totals.totalCost).not.toBe(before.ledger.totals.totalCost);
    expect(versions().sums).toBe(versions().data);
  });
});

describe('a first sync in several batches', () => {
  it('reads each batch on worker threads while the one before is written, as one read would', async () => {
    const { dir, args } = await rulesCopy('batches');
    const file = path.join(dir, 'l.db');
    const fromLogs = json([...args, '--all', '--timezone', 'UTC', '--no-ledger']);
    // 2,000 bytes a batch: the fixture's transcripts make several.
    const first = json([...args, '--all', '--timezone', 'UTC', '--ledger', file], {
      USAGE_LEDGER_BATCH_BYTES: '2000',
    });
    expect(first.daily).toEqual(fromLogs.daily);
    expect(first.totals).toEqual(fromLogs.totals);
    // The indexes a first sync drops while it writes are all there after it.
    const db = new Database(file, { readonly: true });
    const indexes = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'responses'")
      .pluck()
      .all();
    const files = db.prepare('SELECT count(*) FROM files').pluck().get();
    // One data version a batch.
    const batches = db
      .prepare("SELECT value FROM ledger_info WHERE key = 'data_version'")
      .pluck()
      .get();
    db.close();
    expect(Number(batches)).toBeGreaterThan(2);
    expect(indexes).toEqual(
      expect.arrayContaining(['responses_by_version', 'responses_by_time', 'responses_by_session']),
    );
    expect(files).toBe(expected.filesRead);
    const again = json([...args, '--all', '--timezone', 'UTC', '--ledger', file]);
    expect(again.totals).toEqual(fromLogs.totals);
    // The snapshot written from the records, roots masks and all, is the rows'.
    expect(json(['ledger', 'check', '--ledger', file])).toMatchObject({
      snapshot: 'intact',
      differing: 0,
      rewritten: false,
    });
  });
});

describe("a first sync's indexes", () => {
  const indexesOf = (file: string) => {
    const db = new Database(file, { readonly: true });
    const names = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'responses'")
      .pluck()
      .all();
    db.close();
    return names;
  };

  it('are built by the built index thread on the ledger file', async () => {
    const { dir, args } = await rulesCopy('index-thread');
    const file = path.join(dir, 'l.db');
    // In batches of 2 KB: a first sync that drops the indexes and has the thread build them.
    const batched = json([...args, '--all', '--ledger', file], {
      USAGE_LEDGER_BATCH_BYTES: '2000',
    });
    expect(indexesOf(file)).toEqual(
      expect.arrayContaining(['responses_by_version', 'responses_by_time', 'responses_by_session']),
    );
    expect(batched.totals).toEqual(json([...args, '--all', '--no-ledger']).totals);
    const db = new Database(file);
    db.exec(DROP_INDEXES);
    db.close();
    expect(indexesOf(file)).not.toContain('responses_by_time');
    const worker = new Worker(path.join(REPO, 'dist', 'cli', 'index-worker.js'), {
      workerData: { file, timeoutMs: 5000 },
    });
    worker.postMessage('build');
    const built = await new Promise((resolve) => worker.once('message', resolve));
    expect(built).toBe(true);
    expect(indexesOf(file)).toEqual(
      expect.arrayContaining(['responses_by_version', 'responses_by_time', 'responses_by_session']),
    );
  });

  it('are left to the caller when the thread cannot build them', async () => {
    // From the sources there is no built index-worker.js next to indexes.ts.
    expect(await startIndexBuilder(path.join(work, 'none.db'), 100).build()).toBe(false);
  });
});

describe('usage ledger', () => {
  it('syncs, imports a backup once, reports its status, and rebuilds without deleting', async () => {
    const { dir } = await rulesCopy('commands');
    const db = ['--ledger', path.join(dir, 'l.db')];
    expect(json(['ledger', 'status', ...db])).toEqual({
      ledger: path.join(dir, 'l.db'),
      exists: false,
    });
    const synced = json(['ledger', 'sync', ...db, '--data-dir', `${dir}/root-a`]);
    expect(synced).toMatchObject({ filesRead: 4, responsesBefore: 0, responsesAfter: 7 });
    const imported = json(['ledger', 'import', `${dir}/root-b`, ...db]);
    expect(imported).toMatchObject({ filesRead: 2, responsesBefore: 7, responsesAfter: 9 });
    // The same backup again, from another place: nothing is counted twice.
    await cp(`${dir}/root-b`, `${dir}/backup`, { recursive: true });
    const again = json(['ledger', 'import', `${dir}/backup`, ...db]);
    expect(again).toMatchObject({ filesRead: 2, responsesAfter: 9 });

    const status = json(['ledger', 'status', ...db]);
    expect(status).toMatchObject({
      exists: true,
      schemaVersion: LATEST_VERSION,
      responses: 9,
      filesTracked: 8,
      filesOnDisk: 8,
      firstResponseAt: '2026-11-18T09:00:02.300Z', // response A, EXPECTED.md
    });
    const text = runCli(['ledger', 'status', ...db, '--timezone', 'UTC']);
    expect(text.stdout).toMatch(/^Responses\s+9 \(tool calls: 0\)$/m);
    expect(text.stdout).toMatch(/^Covers\s+2026-11-18 to 2026-11-20 \(UTC\)$/m);

    const rebuilt = json(['ledger', 'rebuild', ...db, '--data-dir', `${dir}/root-a`]);
    expect(rebuilt.previous).toMatch(/l\.db\.\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.bak$/);
    expect(rebuilt).toMatchObject({ responsesBefore: 0, responsesAfter: 7 });
    const old = new Database(rebuilt.previous, { readonly: true });
    expect(old.prepare('SELECT count(*) FROM responses').pluck().get()).toBe(9);
    old.close();
  });
});

describe('a ledger that cannot be used', () => {
  it('damaged: says so and how to get out, exit 1, no stack trace; rebuild moves it aside', async () => {
    const { dir, args } = await rulesCopy('damaged');
    const file = path.join(dir, 'l.db');
    writeFileSync(file, 'this is not a database, it is a shopping list\n'.repeat(100));
    const result = runCli([...args, '--ledger', file]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`the ledger ${file} is damaged or not a database`);
    expect(result.stderr).toContain(`usage ledger rebuild --ledger ${file}`);
    expect(result.stderr).toContain('--no-ledger');
    expect(result.stderr).not.toMatch(/\n\s+at /);

    const rebuilt = json(['ledger', 'rebuild', '--ledger', file, ...args]);
    expect(readFileSync(rebuilt.previous, 'utf8')).toContain('shopping list');
    expect(json([...args, '--ledger', file, '--all']).totals).toMatchObject(expected.totals);
  });

  it("another program's SQLite file: left untouched, exit 1", async () => {
    const { dir, args } = await rulesCopy('foreign');
    const file = path.join(dir, 'notes.db');
    const other = new Database(file);
    other.exec("CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('keep me')");
    other.close();
    const before = readFileSync(file);
    const result = runCli([...args, '--ledger', file]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('an SQLite database of another program');
    expect(readFileSync(file)).toEqual(before);
  });

  it('written by a newer version: exit 1, asks for an upgrade', async () => {
    const { dir, args } = await rulesCopy('newer');
    const file = path.join(dir, 'l.db');
    json([...args, '--ledger', file]);
    const db = new Database(file);
    db.prepare("INSERT INTO schema_version VALUES (99, 'from the future', 0)").run();
    db.close();
    const result = runCli([...args, '--ledger', file]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('written by a newer usage-ledger (schema 99');
  });

  // Permissions do not bind root, so as root the CLI runs as "nobody" through setpriv.
  const isRoot = process.getuid?.() === 0;
  const dropRoot = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'];
  const nobodyCanRun =
    !isRoot || spawnSync(dropRoot[0] ?? '', [...dropRoot.slice(1), 'test', '-r', CLI]).status === 0;

  it.skipIf(!nobodyCanRun)(
    'in a read-only place: a warning, and the report from the logs',
    async () => {
      const { dir, args } = await rulesCopy('read-only');
      await chmod(work, 0o755);
      await chmod(dir, 0o755);
      const locked = path.join(dir, 'locked');
      await mkdir(locked, { mode: 0o555 });
      const file = path.join(locked, 'ledger.db');
      const result = runCli(
        [...args, '--all', '--json', '--ledger', file],
        {},
        isRoot ? { wrapper: dropRoot } : {},
      );
      expect(result.status).toBe(0);
      expect(result.stderr).toMatch(
        new RegExp(
          `^usage: cannot write the ledger ${file} \\(.+\\); reading the logs only \\(--no-ledger\\)\\nusage: skipped 2 malformed lines in 2 files .*\\n$`,
        ),
      );
      const report = JSON.parse(result.stdout);
      expect(report.totals).toMatchObject(expected.totals);
      expect(report.meta.ledger).toBeNull();
      expect(existsSync(file)).toBe(false);
    },
  );
});

describe('a ledger under concurrency and faults', () => {
  let corpus = '';
  let truth: { responses: number; outputTokens: number; cost: number } = {
    responses: 0,
    outputTokens: 0,
    cost: 0,
  };

  beforeAll(() => {
    corpus = path.join(work, 'corpus');
    generate(corpus, 24 * 1024 * 1024, { seed: 7 });
    truth = JSON.parse(readFileSync(path.join(corpus, 'expected.json'), 'utf8'));
  });

  function run(
    args: string[],
  ): Promise<{ status: number | null; signal: string | null; stdout: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, TZ: 'UTC' } });
      let stdout = '';
      child.stdout.setEncoding('utf8').on('data', (text: string) => {
        stdout += text;
      });
      child.on('error', reject);
      child.on('close', (status, signal) => resolve({ status, signal, stdout }));
    });
  }

  function responsesIn(file: string): number {
    const db = new Database(file, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const made = db
        .prepare("SELECT count(*) FROM sqlite_master WHERE name = 'responses'")
        .pluck()
        .get();
      // Killed before the first step of the schema was committed: an empty file.
      if (made === 0) return 0;
      return db.prepare('SELECT count(*) FROM responses').pluck().get() as number;
    } finally {
      db.close();
    }
  }

  it('reads on three threads, each taking the next file, what one thread reads', () => {
    for (const report of ['daily', 'sessions', 'tools']) {
      const args = [report, '--data-dir', corpus, '--no-ledger', '--all', '--timezone', 'UTC'];
      const one = json(args, { USAGE_LEDGER_THREADS: '1' });
      const three = json(args, { USAGE_LEDGER_THREADS: '3' });
      expect(three).toEqual(one);
      if (report === 'daily') expect(three.totals.requests).toBe(truth.responses);
    }
  });

  it('several processes at once: none fails, none counts twice', async () => {
    const file = path.join(work, 'concurrent.db');
    const args = ['--data-dir', corpus, '--ledger', file, '--all', '--json', '--timezone', 'UTC'];
    const runs = await Promise.all(Array.from({ length: 5 }, () => run(args)));
    for (const result of runs) {
      expect(result.status).toBe(0);
      const report = JSON.parse(result.stdout);
      expect(report.totals.requests).toBe(truth.responses);
      expect(report.totals.outputTokens).toBe(truth.outputTokens);
      expect(report.totals.totalCost).toBeCloseTo(truth.cost, 6);
    }
    expect(responsesIn(file)).toBe(truth.responses);
  });

  it('20 processes making one ledger at once: none takes it for another program, none exits 1', async () => {
    const small = path.join(work, 'small-corpus');
    generate(small, 512 * 1024, { seed: 3 });
    const expected = JSON.parse(readFileSync(path.join(small, 'expected.json'), 'utf8'));
    for (let round = 0; round < 2; round++) {
      const file = path.join(work, `twenty-${round}.db`);
      const args = ['--data-dir', small, '--ledger', file, '--all', '--json', '--timezone', 'UTC'];
      const runs = await Promise.all(Array.from({ length: 20 }, () => run(args)));
      for (const result of runs) {
        expect(result.status).toBe(0);
        expect(JSON.parse(result.stdout).totals.requests).toBe(expected.responses);
      }
      expect(responsesIn(file)).toBe(expected.responses);
    }
  }, 120_000);

  it('a sync killed with SIGKILL leaves a whole ledger, and the next run finishes the work', async () => {
    const file = path.join(work, 'killed.db');
    const sync = ['ledger', 'sync', '--data-dir', corpus, '--ledger', file];
    let killed = 0;
    for (const delay of [150, 250, 350, 450, 600]) {
      const child = spawn(process.execPath, [CLI, ...sync]);
      const ended = new Promise<string | null>((resolve) =>
        child.on('close', (_status, signal) => resolve(signal)),
      );
      await new Promise((resolve) => setTimeout(resolve, delay));
      child.kill('SIGKILL');
      if ((await ended) === 'SIGKILL') killed++;
      // Each batch is one transaction: after a kill the ledger holds all of it or none.
      if (existsSync(file)) expect([0, truth.responses]).toContain(responsesIn(file));
    }
    expect(killed).toBeGreaterThan(0);
    const report = await run(['--data-dir', corpus, '--ledger', file, '--all', '--json']);
    expect(report.status).toBe(0);
    expect(JSON.parse(report.stdout).totals.outputTokens).toBe(truth.outputTokens);
    expect(responsesIn(file)).toBe(truth.responses);
  });
});

describe('usage ledger refuses what would hide or lose history', () => {
  it('rebuild with no logs found: exit 1, the ledger as it was, nothing moved aside', async () => {
    const { dir, args } = await rulesCopy('rebuild-nothing');
    const file = path.join(dir, 'l.db');
    expect(runCli([...args, '--all', '--ledger', file]).status).toBe(0);
    const empty = path.join(dir, 'empty');
    await mkdir(empty);
    const result = runCli(['ledger', 'rebuild', '--ledger', file], { HOME: empty });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'ledger rebuild: no Claude Code logs found, so the ledger was left as it is',
    );
    expect(result.stdout).toBe('');
    const status = JSON.parse(runCli(['ledger', 'status', '--ledger', file, '--json']).stdout);
    expect(status.responses).toBe(expected.requests);
    expect(readdirSync(dir).filter((name) => name.includes('.bak'))).toEqual([]);
  });

  it('import of a missing or an empty folder: an error naming that folder', async () => {
    const dir = await mkdtemp(path.join(work, 'import-'));
    const file = path.join(dir, 'l.db');
    const missing = runCli(['ledger', 'import', path.join(dir, 'nope'), '--ledger', file]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toBe(
      `usage: ledger import: no such folder: ${path.join(dir, 'nope')}\n`,
    );
    await mkdir(path.join(dir, 'empty'));
    const empty = runCli(['ledger', 'import', path.join(dir, 'empty'), '--ledger', file]);
    expect(empty.status).toBe(1);
    expect(empty.stderr).toContain(`${path.join(dir, 'empty')} holds no Claude Code transcripts`);
    expect(empty.stderr).not.toContain('--data-dir');
    expect(existsSync(file)).toBe(false);
  });

  const isRoot = process.getuid?.() === 0;
  const dropRoot = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'];
  const nobodyCanRun =
    !isRoot || spawnSync(dropRoot[0] ?? '', [...dropRoot.slice(1), 'test', '-r', CLI]).status === 0;

  it.skipIf(!nobodyCanRun)('status of a read-only ledger in a read-only folder', async () => {
    const { dir, args } = await rulesCopy('status-read-only');
    await chmod(work, 0o755);
    const locked = path.join(dir, 'locked');
    await mkdir(locked);
    const file = path.join(locked, 'l.db');
    expect(runCli([...args, '--all', '--ledger', file]).status).toBe(0);
    await chmod(file, 0o444);
    await chmod(locked, 0o555);
    await chmod(dir, 0o755);
    const result = runCli(
      ['ledger', 'status', '--ledger', file, '--json'],
      {},
      isRoot ? { wrapper: dropRoot } : {},
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ exists: true, responses: expected.requests });
  });
});
