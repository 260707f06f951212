import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { fsFixture } from '../helpers/fs-fixture.js';
import { assistantLine } from '../helpers/lines.js';

/** One Sonnet 4.5 response logged just now: 100,000 output tokens at $15 per million, $1.50. */
async function spentToday(): Promise<string[]> {
  const dir = await fsFixture({
    'p/s.jsonl': [
      assistantLine({ timestamp: new Date().toISOString(), input: 0, output: 100_000 }),
    ],
  });
  return ['--data-dir', dir, '--timezone', 'UTC'];
}

describe('usage budget', () => {
  it.each([
    ['10', 0, /^Budget today {2}\$1\.50 of \$10\.00 {2}15% {2}ok$/],
    ['1.8', 3, /^Budget today {2}\$1\.50 of \$1\.80 {2}83% {2}alert: 80% of the limit reached$/],
    ['1', 4, /^Budget today {2}\$1\.50 of \$1\.00 {2}150% {2}OVER BUDGET$/],
  ])('--daily-budget %s --check exits %i', async (limit, status, line) => {
    const result = runCli(['budget', ...(await spentToday()), '--daily-budget', limit, '--check']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(status);
    expect(result.stdout.trim()).toMatch(line);
  });

  it('takes budgets from the config; a flag wins over it', async () => {
    const args = await spentToday();
    const dir = await fsFixture({});
    const config = path.join(dir, 'config.json');
    writeFileSync(
      config,
      JSON.stringify({ budgets: { daily: 1.8, monthly: 100, alertPercent: 90 } }),
    );
    const fromConfig = runCli(['budget', ...args, '--config', config, '--check', '--json']);
    expect(fromConfig.status).toBe(0); // 83% of the daily budget, under 90%
    const report = JSON.parse(fromConfig.stdout);
    expect(report).toMatchObject({ alertPercent: 90, state: 'ok' });
    expect(report.budgets).toEqual([
      expect.objectContaining({ period: 'day', spent: 1.5, limit: 1.8, state: 'ok' }),
      expect.objectContaining({ period: 'month', spent: 1.5, limit: 100, share: 0.015 }),
    ]);
    const flagged = runCli([
      'budget',
      ...args,
      '--config',
      config,
      '--budget-alert',
      '80',
      '--check',
    ]);
    expect(flagged.status).toBe(3);
  });

  it('says how to set a budget when none is set (exit 2)', async () => {
    const result = runCli(['budget', ...(await spentToday())]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('no budget is set');
    expect(result.stderr).toContain('--daily-budget');
  });

  it('rejects a budget that is not an amount, and a bad config, with exit 2', async () => {
    const args = await spentToday();
    const negative = runCli(['budget', ...args, '--daily-budget', '-5']);
    expect(negative.status).toBe(2);
    expect(negative.stderr).toContain('expected an amount in USD above 0');
    const percent = runCli(['budget', ...args, '--daily-budget', '5', '--budget-alert', '120']);
    expect(percent.status).toBe(2);
    const dir = await fsFixture({ 'config.json': JSON.stringify({ budgets: { daily: 'ten' } }) });
    const config = runCli(['budget', ...args, '--config', path.join(dir, 'config.json')]);
    expect(config.status).toBe(2);
    expect(config.stderr).toContain('budgets.daily');
  });
});

describe('budgets in every report', () => {
  it('follow the table, and are in the JSON meta', async () => {
    const args = [...(await spentToday()), '--daily-budget', '1', '--monthly-budget', '50'];
    for (const report of ['daily', 'weekly', 'models', 'sessions', 'blocks']) {
      const table = runCli([report, ...args]);
      expect(table.status, report).toBe(0);
      expect(table.stdout, report).toMatch(
        /\n\nBudget today {7}\$1\.50 of {2}\$1\.00 {2}150% {2}OVER BUDGET\n {7}this month {2}\$1\.50 of \$50\.00 {4}3% {2}ok\n$/,
      );
      const json = JSON.parse(runCli([report, ...args, '--json']).stdout);
      expect(
        json.meta.budgets.map((b: { state: string }) => b.state),
        report,
      ).toEqual(['over', 'ok']);
    }
    // A report of another project still counts everything spent against the budgets.
    const elsewhere = JSON.parse(
      runCli(['daily', ...args, '--project', 'elsewhere', '--json']).stdout,
    );
    expect(elsewhere.totals.totalCost).toBe(0);
    expect(elsewhere.meta.budgets[0]).toMatchObject({ period: 'day', spent: 1.5, state: 'over' });
    const none = JSON.parse(runCli([...(await spentToday()), '--json']).stdout);
    expect(none.meta.budgets).toEqual([]);
  });
});
