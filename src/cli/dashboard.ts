import { Command, InvalidArgumentError, Option } from 'commander';
import {
  configOption,
  dataDirOption,
  ledgerOption,
  noLedgerOption,
  timezoneOption,
} from './shared-options.js';

/** The dashboard's port unless `--port` says another (0: any free one). */
export const DEFAULT_PORT = 4177;

export interface DashboardOptions {
  port: number;
  host: string;
  open: boolean;
  dataDir?: string[];
  ledger?: string | false;
  timezone?: string;
  config?: string;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InvalidArgumentError('expected a port from 0 to 65535');
  }
  return port;
}

export function dashboardCommand(): Command {
  return new Command('dashboard')
    .alias('serve')
    .description('a live web dashboard of your usage, on this machine only (127.0.0.1)')
    .addOption(
      new Option('--port <n>', `the port (0: any free one)`)
        .argParser(parsePort)
        .default(DEFAULT_PORT),
    )
    .addOption(new Option('--host <host>', 'the address to listen on').default('127.0.0.1'))
    .option('--no-open', 'do not open a browser')
    .addOption(dataDirOption())
    .addOption(ledgerOption())
    .addOption(noLedgerOption())
    .addOption(timezoneOption())
    .addOption(configOption())
    .exitOverride()
    .action(async (options: DashboardOptions) => {
      // The server and its framework load only for this command, not for every report.
      const { runDashboard } = await import('./dashboard-run.js');
      await runDashboard(options);
    });
}
