import { createRequire } from 'node:module';

const requireBuiltin = createRequire(import.meta.url);

/**
 * A Node built-in loaded on first use instead of at start: node:crypto alone costs ~3 ms of
 * every start, and most runs hash nothing (a report from the logs, the status line).
 */
export function onFirstUse<Module>(name: `node:${string}`): () => Module {
  let loaded: Module | undefined;
  return () => {
    loaded ??= requireBuiltin(name) as Module;
    return loaded;
  };
}
