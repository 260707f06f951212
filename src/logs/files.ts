import { type Dirent, readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';

/** Files (or anything with a path) in the order of their paths. */
export const byPath = (a: { path: string }, b: { path: string }) =>
  a.path < b.path ? -1 : a.path > b.path ? 1 : 0;

export interface TranscriptFile {
  path: string;
  /** The `projects/` folder it was found under. */
  root: string;
  /** The folder directly under `projects/`; empty for a file lying in `projects/` itself. */
  project: string;
  size: number;
  /** When it last changed, as the file system says (milliseconds). */
  mtimeMs: number;
  /** A subagent transcript: `agent-*.jsonl`, flat or under `subagents/`. */
  subagent: boolean;
  /** The session the path names, for lines that do not say: `<id>.jsonl`, `<id>/subagents/…`. */
  session: string;
}

/** The session a transcript path belongs to. */
export function sessionOfPath(parts: string[]): string {
  const subagents = parts.lastIndexOf('subagents');
  if (subagents > 0) return parts[subagents - 1] ?? '';
  return (parts[parts.length - 1] ?? '').replace(/\.jsonl$/, '');
}

export interface FileSearch {
  files: TranscriptFile[];
  unreadable: { path: string; reason: string }[];
}

/** A file-system error in words a user can act on. */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOENT') return 'vanished while reading';
  if (code === 'EISDIR') return 'is a directory';
  return (error as Error).message ?? String(error);
}

/**
 * Every `*.jsonl` at any depth under each `projects/` folder, subagent folders included.
 * A folder that cannot be read is reported and skipped; the rest is still found. Symlinks
 * are followed once (each real path is visited once, so a link loop ends).
 */
export async function findTranscriptFiles(
  projectDirs: string[],
  /** Only this project's folder under each `projects/` (a status line's own project). */
  project?: string,
): Promise<FileSearch> {
  const files: TranscriptFile[] = [];
  const unreadable: FileSearch['unreadable'] = [];
  const visited = new Set<string>();

  // Synchronous on purpose: thousands of awaited calls, one after another, left the process
  // idle for half a second on a large history. Paths are joined by hand (a name from readdir
  // holds no separator, and the folders are already normal): path.join cost more than the
  // file system calls on a history of thousands of files.
  /**
   * `parts`: the folder's path below `projects/`, by name. `knownReal`: the folder's real path
   * when its parent's is known and it is not a link.
   */
  function walk(dir: string, root: string, parts: string[], knownReal: string | null): void {
    let real: string;
    let entries: Dirent[];
    try {
      real = knownReal ?? realpathSync.native(dir);
      if (visited.has(real)) return;
      visited.add(real);
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      unreadable.push({ path: dir, reason: describeFsError(error) });
      return;
    }
    for (const entry of entries) {
      const full = dir + path.sep + entry.name;
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      const isLink = entry.isSymbolicLink();
      if (isLink) {
        try {
          const target = statSync(full);
          isDir = target.isDirectory();
          isFile = target.isFile();
        } catch {
          continue; // a dangling link holds no logs
        }
      }
      // Only a link needs the file system to say where it leads.
      const realChild = isLink ? null : real + path.sep + entry.name;
      if (isDir) {
        walk(full, root, [...parts, entry.name], realChild);
      } else if (isFile && entry.name.endsWith('.jsonl')) {
        addFile(full, root, [...parts, entry.name], realChild);
      }
    }
  }

  function addFile(file: string, root: string, parts: string[], knownReal: string | null): void {
    try {
      const real = knownReal ?? realpathSync.native(file);
      if (visited.has(real)) return;
      visited.add(real);
      const { size, mtimeMs } = statSync(file);
      const name = parts[parts.length - 1] ?? '';
      files.push({
        path: file,
        root,
        project: parts.length > 1 ? (parts[0] ?? '') : '',
        size,
        mtimeMs,
        subagent: name.startsWith('agent-') || parts.includes('subagents'),
        session: sessionOfPath(parts),
      });
    } catch (error) {
      unreadable.push({ path: file, reason: describeFsError(error) });
    }
  }

  for (const dir of projectDirs) {
    if (project === undefined) walk(dir, dir, [], null);
    else walk(dir + path.sep + project, dir, [project], null);
  }
  files.sort(byPath);
  return { files, unreadable };
}
