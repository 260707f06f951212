import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, runCli, runCliAsync } from '../helpers/cli.js';
import { fsFixture } from '../helpers/fs-fixture.js';
import { closedPort, serve } from '../helpers/http-server.js';
import { assistantLine } from '../helpers/lines.js';

const fixture = path.join(REPO, 'fixtures', 'pricing');
const expected = JSON.parse(readFileSync(path.join(fixture, 'expected.json'), 'utf8'));

function dayCosts(stdout: string) {
  const report = JSON.parse(stdout);
  return {
    costs: Object.fromEntries(
      report.daily.map((day: { date: string; totalCost: number }) => [day.date, day.totalCost]),
    ),
    partial: Object.fromEntries(
      report.daily.map((day: { date: string; costIsPartial: boolean }) => [
        day.date,
        day.costIsPartial,
      ]),
    ),
    report,
  };
}

describe('costs in the daily report (fixtures/pricing)', () => {
  it.each(['calculate', 'auto', 'display'])('match EXPECTED.md with --mode %s', (mode) => {
    const result = runCli([...expected.args, '--json', '--mode', mode]);
    expect(result.status).toBe(0);
    const { costs, partial, report } = dayCosts(result.stdout);
    expect(costs).toEqual(expected.modes[mode]);
    expect(partial).toEqual(expected.partial[mode]);
    expect(report.meta.costMode).toBe(mode);
  });

  it('names the unpriced models in JSON, the table and one stderr line', () => {
    const json = runCli([...expected.args, '--json']);
    const unpriced = JSON.parse(json.stdout).meta.unpricedModels;
    expect(
      Object.fromEntries(
        unpriced.map((u: { model: string; reason: string }) => [u.model, u.reason]),
      ),
    ).toEqual(expected.unpriced);
    expect(unpriced.find((u: { model: string }) => u.model === 'my-proxy-model')).toMatchObject({
      unpricedRequests: 1,
      inputTokens: 1000,
      outputTokens: 1000,
    });
    const stderrLines = json.stderr.trim().split('\n');
    expect(stderrLines).toHaveLength(1);
    expect(stderrLines[0]).toMatch(
      /costs leave out .*claude-opus-9-preview.*usage pricing update \(online\), or add a price or an alias in .*config\.json/,
    );

    const table = runCli(expected.args);
    expect(table.stdout).toMatch(/2026-11-20 .* \$0\.4\d\+/);
    expect(table.stdout).toContain('+ Costs leave out 2 requests without a price:');
  });

  it('gives every day and the whole its cost by kind, adding up to the cost', () => {
    const report = JSON.parse(runCli([...expected.args, '--json']).stdout);
    const sum = (kinds: Record<string, number>) =>
      Object.values(kinds).reduce((total, value) => total + value, 0);
    for (const entry of [...report.daily, report.totals]) {
      expect(sum(entry.costByKind)).toBeCloseTo(entry.totalCost, 6);
      for (const model of entry.modelBreakdowns) {
        if (model.cost !== null) expect(sum(model.costByKind)).toBeCloseTo(model.cost, 6);
      }
    }
    // Web searches: W1 3 + W2 2 = 5 searches at $0.01.
    expect(report.totals.webSearchRequests).toBe(5);
    expect(report.totals.costByKind.webSearch).toBeCloseTo(0.05, 9);
  });

  it('exports each request with its parts, price period, fast, geo and web searches', () => {
    const result = runCli([
      'export',
      ...expected.args,
      '--format',
      'json',
      '--group-by',
      'request',
    ]);
    expect(result.status).toBe(0);
    const rows = JSON.parse(result.stdout).rows as Record<string, unknown>[];
    const a17 = rows.find((row) => row.date === '2026-07-01');
    expect(a17).toMatchObject({
      model: 'claude-opus-4-6',
      pricePeriod: '2026-06-29/..',
      fast: true,
      fastBilled: false,
      cost: 0.03,
    });
    const g1 = rows.find((row) => row.model === 'claude-opus-4-8' && row.inferenceGeo === 'us');
    expect(g1).toMatchObject({ cost: 0.033, inputCost: 0.0055, outputCost: 0.0275 });
    const w1 = rows.find((row) => row.webSearchRequests === 3);
    expect(w1).toMatchObject({ webSearchCost: 0.03, cost: 0.042 });
    const u1 = rows.find((row) => row.model === 'claude-opus-9-preview');
    expect(u1).toMatchObject({ priced: false, cost: null, inputCost: null, pricePeriod: null });
    const csv = runCli(['export', ...expected.args, '--format', 'csv', '--group-by', 'request']);
    const [header, ...lines] = csv.stdout.trimEnd().split('\r\n');
    expect(header).toContain('pricePeriod,fast,fastBilled,inferenceGeo');
    expect(header).toContain('webSearchRequests,cost,inputCost,outputCost,cacheWrite5mCost');
    expect(lines).toHaveLength(rows.length);
  });

  it('shows cost by kind in --day', () => {
    const result = runCli([
      '--day',
      '2026-11-20',
      ...expected.args.filter((a: string) => a !== '--all'),
    ]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Tokens and cost by kind');
    expect(result.stdout).toMatch(/Web search +5 searches +\$0\.05/);
    expect(result.stdout).toMatch(/Total +[\d,]+ +\$0\.\d\d\+/);
  });

  it('uses config prices and aliases, which win over the table', () => {
    const result = runCli([
      ...expected.args,
      '--json',
      '--config',
      path.join(fixture, 'config.json'),
    ]);
    expect(result.stderr).toBe('');
    const { costs, partial } = dayCosts(result.stdout);
    expect(costs).toEqual(expected.withConfig);
    expect(Object.values(partial).every((value) => value === false)).toBe(true);
  });

  it('rejects a bad config naming the key, and an unknown mode naming the choices', async () => {
    const dir = await fsFixture({
      'c.json': JSON.stringify({ prices: { x: { input: 'three', output: 15 } } }),
    });
    const bad = runCli([...expected.args, '--config', path.join(dir, 'c.json')]);
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/is not valid:\n {2}prices\.x\.input: /);
    const mode = runCli([...expected.args, '--mode', 'guess']);
    expect(mode.status).toBe(2);
    expect(mode.stderr).toMatch(/Allowed choices are calculate, auto, display/);
  });
});

describe('usage pricing', () => {
  it('lists the prices in force within 80 columns, and where they came from', () => {
    const result = runCli(['pricing', '--at', '2026-04-01']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Prices in force on 2026-04-01 (US Pacific)');
    expect(result.stdout).toMatch(
      /claude-sonnet-4-5-20250929 \* +\$3\.00 +\$15\.00 +\$3\.75 +\$6\.00 +\$0\.30 >200k/,
    );
    expect(result.stdout).toMatch(/claude-opus-4-6 \* +\$5\.00 .* 6x +1\.1x/);
    expect(result.stdout).toMatch(
      /claude-3-haiku-20240307 +\$0\.25 +\$1\.25 +\$0\.30 +\$0\.50 +\$0\.03/,
    );
    // Models released later have no price on that day, and are left out.
    expect(result.stdout).not.toContain('claude-opus-5-5');
    expect(result.stdout.replace(/\s+/g, ' ')).toContain('shipped with usage');
    for (const line of result.stdout.trimEnd().split('\n'))
      expect(line.length).toBeLessThanOrEqual(80);
    const today = runCli(['pricing']);
    expect(today.stdout).toMatch(
      /claude-haiku-5-5 +\$0\.10 +\$0\.50 +\$0\.125 +\$0\.20 +\$0\.01 >100k/,
    );
  });

  it('shows config prices first, marked as such', () => {
    const result = runCli(['pricing', '--config', path.join(fixture, 'config.json')]);
    const lines = result.stdout.split('\n');
    expect(
      lines.findIndex((line) => line.startsWith('claude-opus-9-preview (config)')),
    ).toBeLessThan(lines.findIndex((line) => line.startsWith('claude-3-haiku')));
    expect(result.stdout).toMatch(/my-proxy-model \(= claude-son\S*… +\$3\.00/);
    for (const line of result.stdout.trimEnd().split('\n'))
      expect(line.length).toBeLessThanOrEqual(80);
  });

  it('lists every period of a model and marks the one in force on --at', () => {
    const result = runCli(['pricing', 'claude-opus-4-6', '--at', '2026-02-18']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('6 price periods');
    expect(result.stdout).toContain('> 2026-02-17 to 2026-02-19   in force on 2026-02-18');
    expect(result.stdout).toContain('  2026-02-07 to 2026-02-16\n');
    expect(result.stdout).toContain('fast mode (3x): input $15.00, output $75.00');
    expect(result.stdout).toContain('  2026-06-29 to now\n    per million tokens');
    const json = JSON.parse(
      runCli(['pricing', 'claude-opus-4-6', '--at', '2026-07-01', '--json']).stdout,
    );
    expect(json.periods).toHaveLength(6);
    expect(json.periods.filter((p: { inForce: boolean }) => p.inForce)).toEqual([
      expect.objectContaining({ from: '2026-06-29', until: null, fast: null }),
    ]);
    expect(json.aliases).toContain('anthropic.claude-opus-4-6-v1');
  });

  it('explains how one id resolves, and exits 1 for an unknown one', () => {
    const known = runCli(['pricing', 'anthropic.claude-3-5-haiku-20241022-v1:0']);
    expect(known.status).toBe(0);
    expect(known.stdout).toContain(
      "priced as claude-3-5-haiku-20241022 (the same id) from the price table (Anthropic's dated prices)",
    );
    expect(known.stdout).toContain(
      'input $0.80, output $4.00, cache write 5m $1.00, 1h $1.60, cache read $0.08',
    );
    const unknown = runCli(['pricing', 'my-model', '--json']);
    expect(unknown.status).toBe(1);
    expect(JSON.parse(unknown.stdout)).toMatchObject({ model: 'my-model', priced: false });
    const words = runCli(['pricing', 'my-model']);
    expect(words.stdout).toContain('usage pricing update (online)');
  });

  it('lists the dated changes, since a day when asked', () => {
    const all = runCli(['pricing', '--changes']);
    expect(all.status).toBe(0);
    expect(all.stdout).toContain('2026-06-29  claude-opus-4-6\n  - fast mode ended');
    expect(all.stdout).toContain('2026-10-07  claude-sonnet-5-5\n  - cache read $0.20 -> $0.10');
    const since = runCli(['pricing', '--changes', '--since', '2026-07-01']);
    expect(since.stdout).not.toContain('2026-06-29');
    expect(since.stdout).toContain('2026-07-24  claude-opus-4-7');
    const json = JSON.parse(
      runCli(['pricing', '--changes', '--since', '2026-10-01', '--json']).stdout,
    );
    expect(json.changes).toEqual([
      {
        date: '2026-10-07',
        model: 'claude-sonnet-5-5',
        fields: [{ field: 'cacheRead', before: 0.2, after: 0.1 }],
      },
    ]);
    const bad = runCli(['pricing', '--changes', '--since', 'soon']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--since: 'soon' is not a date/);
    expect(runCli(['pricing', '--since', '2026-01-01']).status).toBe(2);
  });
});

describe('usage pricing update', () => {
  const litellm = {
    // A dated model: its figures never replace Anthropic's; a new spelling becomes an alias.
    'claude-sonnet-4-5': {
      input_cost_per_token: 3e-6,
      output_cost_per_token: 1.6e-5,
      cache_creation_input_token_cost: 3.75e-6,
      cache_read_input_token_cost: 3e-7,
    },
    'vertex_ai/claude-sonnet-5-5@20260928': {
      input_cost_per_token: 9e-6,
      output_cost_per_token: 9e-5,
    },
    'claude-opus-9': { input_cost_per_token: 2e-5, output_cost_per_token: 1e-4 },
    'gpt-4o': { input_cost_per_token: 1e-6, output_cost_per_token: 1e-6 },
  };

  it('stores the fetched Claude prices in the cache, says what changed, and later runs use them', async () => {
    const base = await serve((_request, response) => response.end(JSON.stringify(litellm)));
    const cache = await fsFixture({});
    const env = { XDG_CACHE_HOME: cache };
    const update = await runCliAsync(['pricing', 'update', '--url', `${base}/prices.json`], env);
    expect(update.stderr).toBe('');
    expect(update.status).toBe(0);
    expect(update.stdout).toContain('Read 3 Claude prices');
    expect(update.stdout).toContain('New models: claude-opus-9');
    expect(update.stdout).not.toContain('claude-sonnet-4-5');
    expect(existsSync(path.join(cache, 'usage-ledger', 'prices.json'))).toBe(true);

    // Anthropic's dated prices stand; the new model is priced; a new spelling is an alias.
    const shown = runCli(['pricing', 'claude-sonnet-4-5'], env);
    expect(shown.stdout).toContain('output $15.00');
    expect(shown.stdout).not.toContain('$16.00');
    expect(runCli(['pricing', 'claude-opus-9'], env).stdout).toContain('input $20.00');
    const list = runCli(['pricing'], env);
    expect(list.stdout.replace(/\s+/g, ' ')).toContain('with the models of usage pricing update');
  });

  it('reprices the ledger history with the prices in use: costs are never stored', async () => {
    const logs = await fsFixture({
      'projects/-home-ann-app/s.jsonl': [
        assistantLine({ id: 'm1', model: 'claude-opus-9', input: 1000, output: 1000 }),
        assistantLine({
          id: 'm2',
          requestId: 'r2',
          model: 'claude-opus-9',
          input: 1000,
          output: 0,
        }),
      ],
    });
    const cache = await fsFixture({});
    const env = { XDG_CACHE_HOME: cache };
    const args = ['--data-dir', logs, '--ledger', path.join(cache, 'l.db'), '--all', '--json'];
    const before = JSON.parse(runCli(args, env).stdout);
    expect(before.totals).toMatchObject({ requests: 2, totalCost: 0, costIsPartial: true });
    // The logs are gone: what follows comes from the ledger alone.
    rmSync(path.join(logs, 'projects'), { recursive: true });
    const base = await serve((_request, response) => response.end(JSON.stringify(litellm)));
    await runCliAsync(['pricing', 'update', '--url', `${base}/prices.json`], env);
    const after = JSON.parse(runCli(args, env).stdout);
    // claude-opus-9 at $20/$100: 1000×20 + 1000×100 + 1000×20 = 140,000 µ$.
    expect(after.totals).toMatchObject({ requests: 2, totalCost: 0.14, costIsPartial: false });
    expect(after.totals.costByKind).toMatchObject({ input: 0.04, output: 0.1 });
  });

  it('keeps the current prices when the table cannot be fetched, in one stderr line', async () => {
    const cache = await fsFixture({});
    const port = await closedPort();
    const result = runCli(['pricing', 'update', '--url', `http://127.0.0.1:${port}/p.json`], {
      XDG_CACHE_HOME: cache,
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/cannot reach .*; still using the prices of \d{4}-\d{2}-\d{2}/);
    expect(existsSync(path.join(cache, 'usage-ledger', 'prices.json'))).toBe(false);
  });

  it('refuses a table without Claude prices', async () => {
    const base = await serve((_request, response) =>
      response.end(JSON.stringify({ 'gpt-4o': litellm['gpt-4o'] })),
    );
    const cache = await fsFixture({});
    const result = await runCliAsync(['pricing', 'update', '--url', `${base}/p.json`], {
      XDG_CACHE_HOME: cache,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/has no Claude prices/);
  });
});
