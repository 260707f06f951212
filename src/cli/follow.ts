import { watch } from 'node:fs';

/**
 * Calls `onChange` shortly after a file under `folders` changes (300 ms later, so a burst of
 * writes is one call); a folder that cannot be watched is left to the caller's timer. Returns
 * the function that stops following.
 */
export function followFolders(folders: string[], onChange: () => void): () => void {
  let pending: NodeJS.Timeout | undefined;
  const watchers = folders.flatMap((dir) => {
    try {
      return [
        watch(dir, { recursive: true }, () => {
          clearTimeout(pending);
          pending = setTimeout(onChange, 300);
        }),
      ];
    } catch {
      return [];
    }
  });
  return () => {
    clearTimeout(pending);
    for (const watcher of watchers) watcher.close();
  };
}
