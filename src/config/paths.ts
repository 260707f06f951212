import path from 'node:path';

type Env = Record<string, string | undefined>;

function xdg(env: Env, variable: string, homeDir: string, fallback: string): string {
  const value = env[variable]?.trim();
  return value ? value : path.join(homeDir, fallback);
}

/** `$XDG_CONFIG_HOME/usage-ledger/config.json`, usually `~/.config/usage-ledger/config.json`. */
export function defaultConfigFile(env: Env, homeDir: string): string {
  return path.join(xdg(env, 'XDG_CONFIG_HOME', homeDir, '.config'), 'usage-ledger', 'config.json');
}

/** `$XDG_CACHE_HOME/usage-ledger`, usually `~/.cache/usage-ledger`. */
export function cacheDir(env: Env, homeDir: string): string {
  return path.join(xdg(env, 'XDG_CACHE_HOME', homeDir, '.cache'), 'usage-ledger');
}

/**
 * The ledger's file: `USAGE_LEDGER_DB` when set, else `$XDG_DATA_HOME/usage-ledger/ledger.db`,
 * usually `~/.local/share/usage-ledger/ledger.db`.
 */
export function defaultLedgerFile(env: Env, homeDir: string): string {
  const set = env.USAGE_LEDGER_DB?.trim();
  if (set) return path.resolve(set);
  return path.join(xdg(env, 'XDG_DATA_HOME', homeDir, '.local/share'), 'usage-ledger', 'ledger.db');
}
