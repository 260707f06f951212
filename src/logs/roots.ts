import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { ExitCode, UsageError } from '../errors.js';

export interface RootSearch {
  /** `--data-dir` values; when given they replace every other source. */
  dataDirs: string[];
  env: Record<string, string | undefined>;
  homeDir: string;
}

export interface CandidateRoots {
  /** Where the roots came from, for messages: `--data-dir`, `CLAUDE_CONFIG_DIR` or `default`. */
  origin: '--data-dir' | 'CLAUDE_CONFIG_DIR' | 'default';
  paths: string[];
}

/**
 * Which Claude Code config folders to read, in order: `--data-dir` overrides all, then
 * `CLAUDE_CONFIG_DIR` (comma-separated), then both default roots.
 */
export function candidateRoots({ dataDirs, env, homeDir }: RootSearch): CandidateRoots {
  if (dataDirs.length > 0) {
    return { origin: '--data-dir', paths: dataDirs.map((dir) => path.resolve(dir)) };
  }
  const configured = (env.CLAUDE_CONFIG_DIR ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (configured.length > 0) {
    return { origin: 'CLAUDE_CONFIG_DIR', paths: configured.map((dir) => path.resolve(dir)) };
  }
  const xdgConfig = env.XDG_CONFIG_HOME?.trim() || path.join(homeDir, '.config');
  return {
    origin: 'default',
    paths: [path.join(xdgConfig, 'claude'), path.join(homeDir, '.claude')],
  };
}

async function isDirectory(dir: string): Promise<boolean> {
  try {
    return (await stat(dir)).isDirectory();
  } catch {
    return false;
  }
}

export interface ResolvedRoots {
  /** Folders to search for transcripts (each a `projects/` folder), without duplicates. */
  projectDirs: string[];
  /** Every place looked at, for the "no logs found" message. */
  searched: string[];
  /** One line per configured root that had nothing to read. */
  warnings: string[];
}

/**
 * Turns candidate roots into the `projects/` folders to read. A `--data-dir` may name a root
 * (with `projects/` inside) or a folder of transcripts itself; a missing one is a usage error.
 * Roots reached twice (a symlink, the same path twice) are read once, so keyless lines are
 * not counted twice.
 */
export async function resolveProjectDirs(candidates: CandidateRoots): Promise<ResolvedRoots> {
  const projectDirs: string[] = [];
  const seen = new Set<string>();
  const searched: string[] = [];
  const warnings: string[] = [];

  for (const root of candidates.paths) {
    const projects = path.join(root, 'projects');
    searched.push(projects);
    let found: string | null = null;
    if (await isDirectory(projects)) {
      found = projects;
    } else if (candidates.origin === '--data-dir') {
      if (!(await isDirectory(root))) {
        throw new UsageError(`--data-dir: no such directory: ${root}`, ExitCode.usage);
      }
      found = root;
    } else if (candidates.origin === 'CLAUDE_CONFIG_DIR') {
      warnings.push(`CLAUDE_CONFIG_DIR entry ${root} has no projects/ folder; skipped`);
    }
    if (found === null) continue;
    const real = await realpath(found);
    if (seen.has(real)) continue;
    seen.add(real);
    projectDirs.push(found);
  }
  return { projectDirs, searched, warnings };
}
