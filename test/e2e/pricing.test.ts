import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, runCli, runCliAsync } from '../helpers/cli.js';
import { fsFixture } from '../helpers/fs-fixture.js';
import { closedPort, serve } from '../helpers/http-server.js';

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
      /costs leave out .*claude-opus-9-preview.*add a price or an alias in .*config\.json/,
    );

    const table = runCli(expected.args);
    expect(table.stdout).toMatch(/2026-11-10 .* \$0\.80\+/);
    expect(table.stdout).toContain('+ Costs leave out 3 requests without a price:');
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
    expect(Object.values(partial)).toEqual([false, false]);
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
  it('lists the prices in use within 80 columns, and where they came from', () => {
    const result = runCli(['pricing']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(
      /claude-sonnet-4-5-20250929 +\$3\.00 +\$15\.00 +\$3\.75 +\$6\.00 +\$0\.30 +yes/,
    );
    expect(result.stdout).toMatch(
      /claude-3-haiku-20240307 +\$0\.25 +\$1\.25 +\$0\.30 +\$0\.50 +\$0\.03/,
    );
    expect(result.stdout.replace(/\s+/g, ' ')).toContain('the snapshot shipped with usage');
    for (const line of result.stdout.trimEnd().split('\n'))
      expect(line.length).toBeLessThanOrEqual(80);
  });

  it('shows config prices first, marked as such', () => {
    const result = runCli(['pricing', '--config', path.join(fixture, 'config.json')]);
    const lines = result.stdout.split('\n');
    expect(
      lines.findIndex((line) => line.startsWith('claude-opus-9-preview (config)')),
    ).toBeLessThan(lines.findIndex((line) => line.startsWith('claude-3-haiku')));
    expect(result.stdout).toMatch(/my-proxy-model \(= claude-sonnet-4-5\) +\$3\.00/);
  });

  it('explains how one id resolves, and exits 1 for an unknown one', () => {
    const known = runCli(['pricing', 'claude-3-5-haiku-20241022']);
    expect(known.status).toBe(0);
    expect(known.stdout).toContain(
      'priced as anthropic.claude-3-5-haiku-20241022-v1:0 (another spelling',
    );
    expect(known.stdout).toContain(
      'input $0.80, output $4.00, cache write 5m $1.00, 1h $1.60, cache read $0.08',
    );
    const unknown = runCli(['pricing', 'my-model', '--json']);
    expect(unknown.status).toBe(1);
    expect(JSON.parse(unknown.stdout)).toMatchObject({ model: 'my-model', priced: false });
  });
});

describe('usage pricing update', () => {
  const litellm = {
    'claude-sonnet-4-5': {
      input_cost_per_token: 3e-6,
      output_cost_per_token: 1.6e-5,
      cache_creation_input_token_cost: 3.75e-6,
      cache_read_input_token_cost: 3e-7,
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
    expect(update.stdout).toContain('Updated 2 Claude prices');
    expect(update.stdout).toContain('New: claude-opus-9');
    expect(update.stdout).toContain('Changed claude-sonnet-4-5: output $15.00 -> $16.00');
    expect(existsSync(path.join(cache, 'usage-ledger', 'prices.json'))).toBe(true);

    const shown = runCli(['pricing', 'claude-sonnet-4-5'], env);
    expect(shown.stdout).toContain('output $16.00');
    const list = runCli(['pricing'], env);
    expect(list.stdout.replace(/\s+/g, ' ')).toContain('cached by usage pricing update');
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
    expect(result.stderr).toMatch(
      /cannot reach .*; still using the shipped prices of \d{4}-\d{2}-\d{2}/,
    );
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
