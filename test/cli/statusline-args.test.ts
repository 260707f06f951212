import { describe, expect, it } from 'vitest';
import { quickStatuslineOptions } from '../../src/cli/statusline-args.js';
import { statuslineCommand } from '../../src/cli/statusline-command.js';

/** The options commander reads from `usage statusline <args>`, without running it. */
function commanderOptions(args: string[]): Record<string, unknown> {
  const command = statuslineCommand().action(() => {});
  command.parse(args, { from: 'user' });
  return command.opts();
}

describe('quickStatuslineOptions', () => {
  it('reads every option of the command as commander does', () => {
    const command = statuslineCommand();
    expect(command.options.length).toBeGreaterThan(10);
    for (const option of command.options) {
      const flag = option.long ?? '';
      const args = option.required ? [flag, option.argChoices?.[1] ?? '7'] : [flag];
      const quick = quickStatuslineOptions(args);
      expect(quick, args.join(' ')).not.toBeNull();
      expect(quick, args.join(' ')).toEqual(commanderOptions(args));
    }
  });

  it.each([
    [[]],
    [['--ledger', 'x.db', '--timezone', 'UTC', '--timeout', '10000']],
    [['--ledger=x.db', '-z', 'Europe/Berlin', '--timeout=5']],
    [['--ledger', 'a.db', '--no-ledger']],
    [['--no-ledger', '--ledger', 'b.db']],
    [['--color', '--no-color']],
    [['--format', 'model,ctx', '--format=']],
    [['-c', 'config.json', '--config=other.json', '-m', 'auto', '--mode=display']],
    [['--daily-budget', '10', '--weekly-budget=2.5', '--monthly-budget', '1e2']],
    [['--budget-alert', '80', '--budget-alert', '100']],
  ])('reads %j as commander does', (args) => {
    expect(quickStatuslineOptions(args)).toEqual(commanderOptions(args));
  });

  it.each([
    [['--help']],
    [['-h']],
    [['--timeout', '0']],
    [['--timeout', '1.5']],
    [['--mode', 'cheap']],
    [['--daily-budget', '-1']],
    [['--budget-alert', '101']],
    [['--ledger']],
    [['--ledger', '--timeout']],
    [['-zUTC']],
    [['--unknown']],
    [['extra']],
    [['--', 'x']],
    [['constructor']],
    [['--toString']],
  ])('leaves %j to commander', (args) => {
    expect(quickStatuslineOptions(args)).toBeNull();
  });
});
