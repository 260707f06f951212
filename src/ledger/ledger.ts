import path from 'node:path';
import { defaultLedgerFile } from '../config/paths.js';
import type { LoadProgress } from '../logs/load.js';
import type { PricedRecord, ScanStats, ToolUse } from '../types.js';
import { describeLedgerError, openLedgerDatabase } from './open.js';
import { LedgerStore } from './store.js';
import { type SyncOutcome, syncLedger } from './sync.js';

export interface LedgerChoice {
  /** `--ledger <file>` (a string) or `--no-ledger` (false). */
  ledger?: string | false;
  dataDir?: string[];
}

/**
 * The ledger a run uses, or null for the logs alone: none with `--no-ledger`; the file given
 * by `--ledger` or `USAGE_LEDGER_DB`; else the default one, unless `--data-dir` points at other
 * logs (a look at someone else's or a backup's logs should not mix with your own history).
 */
export function chooseLedger(
  choice: LedgerChoice,
  env: Record<string, string | undefined>,
  homeDir: string,
): string | null {
  if (choice.ledger === false) return null;
  if (typeof choice.ledger === 'string') return path.resolve(choice.ledger);
  if (env.USAGE_LEDGER_DB?.trim()) return defaultLedgerFile(env, homeDir);
  if ((choice.dataDir ?? []).length > 0) return null;
  return defaultLedgerFile(env, homeDir);
}

/** Opens the ledger at `file`, runs `work` on it, and closes it whatever happens. */
export async function withLedger<T>(
  file: string,
  work: (store: LedgerStore) => Promise<T> | T,
): Promise<T> {
  const db = await openLedgerDatabase(file);
  try {
    return await work(new LedgerStore(db));
  } catch (error) {
    throw describeLedgerError(file, error);
  } finally {
    db.close();
  }
}

export interface LedgerUsage extends SyncOutcome {
  records: PricedRecord[];
  toolUses: ToolUse[];
  stats: ScanStats;
}

export interface LedgerLoadOptions {
  onProgress?: (progress: LoadProgress) => void;
  /** Read the tool calls too (only the tools report needs them). */
  toolUses?: boolean;
}

/** Syncs the ledger with the logs under `projectDirs`, then returns everything it holds. */
export function loadFromLedger(
  file: string,
  projectDirs: string[],
  { onProgress, toolUses = false }: LedgerLoadOptions = {},
): Promise<LedgerUsage> {
  return withLedger(file, async (store) => {
    const outcome = await syncLedger(store, projectDirs, { onProgress });
    if (outcome.records !== undefined && outcome.version !== undefined) {
      store.saveSnapshot(outcome.records, outcome.version);
    }
    return {
      ...outcome,
      stats: { ...outcome.stats, ledger: file },
      records: outcome.records ?? store.records(),
      toolUses: toolUses ? store.toolUses() : [],
    };
  });
}
