import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPORTS } from '../../src/reports/registry.js';
import { CLI, REPO, runCli } from '../helpers/cli.js';
import { fsFixture } from '../helpers/fs-fixture.js';
import { assistantLine } from '../helpers/lines.js';
import { validator } from '../helpers/schema.js';

const rules = path.join(REPO, 'fixtures', 'rules');
const expected = JSON.parse(readFileSync(path.join(rules, 'expected.json'), 'utf8'));
const dataDirs = (expected.args as string[]).filter((arg) => arg !== '--all');
const berlin = [...dataDirs, '--all', '--timezone', 'Europe/Berlin'];

function ok(args: string[], env: Record<string, string> = {}) {
  const result = runCli(args, env);
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

/** Runs a shell pipeline with the built CLI as `usage`, as a user would type it. */
function shell(pipeline: string): { stdout: string; stderr: string; status: number | null } {
  const result = spawnSync(
    'bash',
    ['-o', 'pipefail', '-c', pipeline.replaceAll('usage ', `"${process.execPath}" "${CLI}" `)],
    {
      cwd: REPO,
      env: {
        PATH: process.env.PATH,
        HOME: path.join(REPO, 'test', 'no-home'),
        TZ: 'Europe/Berlin',
      },
      encoding: 'utf8',
    },
  );
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

describe('every JSON output validates against its published schema', () => {
  const pricingArgs = ['--data-dir', path.join(REPO, 'fixtures', 'pricing'), '--all'];
  const cases: [string, string[]][] = [
    ['daily', [...berlin, '--json']],
    ['daily', [...pricingArgs, '--json']],
    ['day', ['--day', '2026-11-19', ...dataDirs, '--timezone', 'Europe/Berlin', '--json']],
    ['weekly', ['weekly', ...berlin, '--json']],
    ['monthly', ['monthly', ...berlin, '--json']],
    ['hourly', ['hourly', ...berlin, '--json']],
    ['hour-of-day', ['hourly', '--by-hour-of-day', ...berlin, '--json']],
    ['sessions', ['sessions', ...berlin, '--json']],
    ['session', ['sessions', 's2', ...berlin, '--json']],
    ['models', ['models', ...pricingArgs, '--json']],
    ['projects', ['projects', ...berlin, '--json']],
    ['blocks', ['blocks', ...berlin, '--token-limit', 'max', '--json']],
    ['tools', ['tools', '--data-dir', path.join(REPO, 'fixtures', 'demo'), '--all', '--json']],
    ['export', ['export', ...berlin, '--format', 'json', '--group-by', 'request']],
    ['pricing', ['pricing', '--json']],
    ['trends', ['trends', ...dataDirs, '--until', '2026-11-21', '--days', '14', '--json']],
    ['budget', ['budget', ...berlin, '--daily-budget', '5', '--monthly-budget', '50', '--json']],
    ['daily', [...berlin, '--weekly-budget', '5', '--json']],
    ['limits', ['limits', ...berlin, '--no-ledger', '--json']],
  ];
  it.each(cases)('%s (%j)', (schema, args) => {
    const validate = validator(schema);
    const value = JSON.parse(runCli(args).stdout);
    expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
  });

  it('has a case for each schema of every report in the registry', () => {
    const covered = new Set(cases.map(([schema]) => schema));
    for (const schema of REPORTS.flatMap((definition) => definition.schemas)) {
      expect(covered, schema).toContain(schema);
    }
  });

  it('export --json means --format json, unless --format is given', () => {
    expect(JSON.parse(ok(['export', ...berlin, '--json'])).schemaVersion).toBe(3);
    const ndjson = ok(['export', ...berlin, '--json', '--format', 'ndjson'])
      .trim()
      .split('\n');
    expect(ndjson).toHaveLength(4);
  });

  it('export-row, for each NDJSON line', () => {
    const validate = validator('export-row');
    const lines = ok(['export', ...berlin, '--format', 'ndjson', '--group-by', 'session'])
      .trim()
      .split('\n');
    expect(lines).toHaveLength(3);
    for (const line of lines)
      expect(validate(JSON.parse(line)), JSON.stringify(validate.errors)).toBe(true);
  });

  it('rejects output of another shape (the schemas are strict)', () => {
    const validate = validator('daily');
    const value = JSON.parse(ok([...berlin, '--json']));
    value.daily[0].surprise = 1;
    expect(validate(value)).toBe(false);
  });

  it('usage schema prints the published file', () => {
    for (const file of readdirSync(path.join(REPO, 'schemas'))) {
      const name = file.replace('.schema.json', '');
      expect(JSON.parse(ok(['schema', name]))).toEqual(
        JSON.parse(readFileSync(path.join(REPO, 'schemas', file), 'utf8')),
      );
    }
    expect(runCli(['schema', 'nope']).status).toBe(2);
  });
});

describe('CSV through a real CSV parser', () => {
  const sumRows = `python3 -c 'import csv, json, sys
rows = list(csv.DictReader(sys.stdin))
print(json.dumps({"rows": len(rows), "tokens": sum(int(r["totalTokens"]) for r in rows), "cost": sum(float(r["cost"] or 0) for r in rows), "first": rows[0]}))'`;

  it.each(['request', 'hour', 'day', 'session', 'model', 'project'])(
    'rows by %s add up to the report totals',
    (groupBy) => {
      const result = shell(
        `usage export --format=csv --group-by ${groupBy} ${berlin.join(' ')} | ${sumRows}`,
      );
      expect(result.status, result.stderr).toBe(0);
      const sums = JSON.parse(result.stdout);
      expect(sums.tokens).toBe(expected.totals.totalTokens);
      expect(sums.cost).toBeCloseTo(expected.totals.totalCost, 5);
    },
  );

  it('uses CRLF, one header, and neutralises cells a spreadsheet would run', async () => {
    const dir = await fsFixture({
      'projects/-x/s.jsonl': [
        assistantLine({ cwd: '=HYPERLINK("http://evil","x")', sessionId: '+1-session' }),
      ],
    });
    const csv = ok(['export', '--data-dir', dir, '--group-by', 'request']);
    expect(csv.split('\r\n')).toHaveLength(3);
    expect(csv.includes('\n') && !/[^\r]\n/.test(csv)).toBe(true);
    const result = shell(`usage export --data-dir ${dir} --group-by request | ${sumRows}`);
    const { first } = JSON.parse(result.stdout);
    expect(first.projectPath).toBe('\'=HYPERLINK("http://evil","x")');
    expect(first.sessionId).toBe("'+1-session");
    expect(first.project).toBe("'-x");
  });
});

describe('jq one-liners from the README', () => {
  // The filters are read from the README, and run on the fixture's full range (the README's
  // commands use date-dependent defaults).
  const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
  const filters = [...readme.matchAll(/^usage ([a-z]*).*\| jq -r '(.+)'$/gm)].map((match) => ({
    command: match[1] ?? '',
    filter: match[2] ?? '',
  }));

  it('has the three one-liners: cost per day, the most expensive session, cost by model', () => {
    expect(filters.map((f) => f.command)).toEqual(['', 'sessions', 'models']);
    const run = ({ command, filter }: { command: string; filter: string }) =>
      shell(`usage ${command} ${berlin.join(' ')} --json | jq -r '${filter}'`).stdout.trim();
    const [perDay, top, byModel] = filters.map(run);
    expect(perDay?.split('\n')).toEqual(
      expected.days['Europe/Berlin'].map(
        (day: { date: string; totalCost: number }) => `${day.date} ${day.totalCost}`,
      ),
    );
    expect(top).toBe('s3 /home/bob/api 0.049405');
    expect(byModel).toContain('claude-opus-4-6\t0.049405');
  });
});

describe('export --output', () => {
  it('writes the file whole, refuses to replace it without --force, and replaces it with --force', async () => {
    const dir = await fsFixture({});
    const file = path.join(dir, 'usage.csv');
    ok(['export', ...berlin, '--output', file]);
    const first = readFileSync(file, 'utf8');
    expect(first.startsWith('date,requests,')).toBe(true);
    writeFileSync(file, 'keep me');
    const refused = runCli(['export', ...berlin, '--output', file]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/exists; add --force/);
    expect(readFileSync(file, 'utf8')).toBe('keep me');
    ok(['export', ...berlin, '--output', file, '--force']);
    expect(readFileSync(file, 'utf8')).toBe(first);
    expect(readdirSync(dir)).toEqual(['usage.csv']);
  });

  it('leaves nothing behind when it cannot write', async () => {
    const dir = await fsFixture({});
    const file = path.join(dir, 'missing', 'usage.csv');
    const result = runCli(['export', ...berlin, '--output', file]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/cannot write .*usage\.csv/);
    expect(existsSync(path.join(dir, 'missing'))).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('pipes', () => {
  it('ends quietly with exit 0 when the reader stops early (usage export | head -1)', async () => {
    const lines = Array.from({ length: 3000 }, (_, i) =>
      assistantLine({
        id: `m${i}`,
        requestId: `r${i}`,
        timestamp: new Date(Date.parse('2026-11-01T00:00:00Z') + i * 60_000).toISOString(),
      }),
    );
    const dir = await fsFixture({ 'projects/p/s.jsonl': lines });
    const result = shell(
      `usage export --data-dir ${dir} --group-by request --format ndjson | head -1; echo "status \${PIPESTATUS[0]}"`,
    );
    expect(result.stderr).toBe('');
    const [first, status] = result.stdout.trim().split('\n');
    expect(JSON.parse(first ?? '').schemaVersion).toBe(3);
    expect(status).toBe('status 0');
  });

  it('keeps --json output pure JSON, even with warnings', () => {
    const result = runCli([
      '--data-dir',
      path.join(REPO, 'fixtures', 'pricing'),
      '--all',
      '--json',
    ]);
    expect(result.stderr).not.toBe('');
    expect(() => JSON.parse(result.stdout)).not.toThrow();
  });
});
