import os from 'node:os';

/** Where this process runs: what the core is told of its environment. */
export function processEnvironment() {
  return { env: process.env, homeDir: os.homedir() };
}
