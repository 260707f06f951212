import os from 'node:os';
import { chooseLedger } from '../ledger/ledger.js';
import { LedgerUnwritable, openLedgerDatabase } from '../ledger/open.js';
import { LedgerStore } from '../ledger/store.js';
import { warn } from './context.js';

/** The ledger to keep up to date: the run's, or one in memory for this run only. */
export async function openStore(options: {
  ledger?: string | false;
  dataDir?: string[];
}): Promise<LedgerStore> {
  const file = chooseLedger(options, process.env, os.homedir());
  if (file !== null) {
    try {
      return new LedgerStore(await openLedgerDatabase(file));
    } catch (error) {
      if (!(error instanceof LedgerUnwritable)) throw error;
      warn(`${error.message}; keeping this run's figures in memory`);
    }
  }
  return new LedgerStore(await openLedgerDatabase(':memory:'));
}
