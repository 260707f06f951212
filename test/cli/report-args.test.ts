import { describe, expect, it } from 'vitest';
import { dailyCommand } from '../../src/cli/daily.js';
import { quickDailyOptions } from '../../src/cli/report-args.js';

/** The options commander reads from `usage daily <args>`, without running it. */
function commanderOptions(args: string[]): Record<string, unknown> {
  const command = dailyCommand().action(() => {});
  command.parse(args, { from: 'user' });
  return command.opts();
}

describe('quickDailyOptions', () => {
  it('reads every option of the default report as commander does', () => {
    const command = dailyCommand();
    expect(command.options.length).toBeGreaterThan(20);
    for (const option of command.options) {
      for (const flag of [option.long, option.short]) {
        if (flag === undefined) continue;
        const args = option.required ? [flag, option.argChoices?.[1] ?? '7'] : [flag];
        const quick = quickDailyOptions(args);
        expect(quick, args.join(' ')).not.toBeNull();
        expect(quick, args.join(' ')).toEqual(commanderOptions(args));
      }
    }
  });

  it.each([
    [[]],
    [['--all', '--json', '--timezone', 'UTC', '--no-ledger', '--data-dir', 'a']],
    [['-a', '-j', '-z', 'Europe/Berlin', '-d', 'a', '-d', 'b', '--data-dir=c']],
    [['--since', '7d', '--until=yesterday', '--project', 'p', '--model', 'sonnet-4-5']],
    [['--ledger', 'a.db', '--no-ledger']],
    [['--no-ledger', '--ledger', 'b.db', '--all-roots']],
    [['--color', '--no-color', '--compact', '--debug', '-b']],
    [['-c', 'config.json', '--config=other.json', '-m', 'auto', '--mode=display']],
    [['--daily-budget', '10', '--weekly-budget=2.5', '--monthly-budget', '1e2']],
    [['--budget-alert', '80', '--day', 'yesterday', '--json']],
  ])('reads %j as commander does', (args) => {
    expect(quickDailyOptions(args)).toEqual(commanderOptions(args));
    // `usage daily …` is `usage …`.
    expect(quickDailyOptions(['daily', ...args])).toEqual(commanderOptions(args));
  });

  it.each([
    [['--help']],
    [['-h']],
    [['--version']],
    [['-V']],
    [['models']],
    [['--json', 'models']],
    [['daily', 'daily']],
    [['--all', '--since', '7d']],
    [['--until', 'today', '-a']],
    [['--mode', 'cheap']],
    [['--daily-budget', '0']],
    [['--budget-alert', '101']],
    [['--since']],
    [['--since', '--json']],
    [['-aj']],
    [['-zUTC']],
    [['--unknown']],
    [['--', 'x']],
    [['constructor']],
    [['--toString']],
  ])('leaves %j to commander', (args) => {
    expect(quickDailyOptions(args)).toBeNull();
  });
});
