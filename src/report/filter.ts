import path from 'node:path';
import type { UsageRecord } from '../types.js';
import { projectPathOf } from './sessions.js';

/** A path as `projects/` names its folder: every character but letters and digits is `-`. */
function encodedFolder(name: string): string {
  return name.replace(/[^a-zA-Z0-9]/g, '-');
}

function normalized(name: string): string {
  const trimmed = name.trim();
  return (trimmed.length > 1 ? trimmed.replace(/[/\\]+$/, '') : trimmed).toLowerCase();
}

/**
 * The `projects/` folders a user's `--project` names, the way `usage projects` lists them: a
 * folder matches by its name (`-home-ann-my-app`), its real path as the projects report shows
 * it (`/home/ann/my-app`) or that path's last part (`my-app`), without regard to case or a
 * trailing slash. A folder is a whole project: requests made from its subfolders are in it,
 * so `--project <path>` gives the figures of that path's `projects` row.
 */
export function projectFolders(
  records: Pick<UsageRecord, 'project' | 'cwd'>[],
  name: string,
): Set<string> {
  const wanted = normalized(name);
  const byFolder = new Map<string, Pick<UsageRecord, 'project' | 'cwd'>[]>();
  for (const record of records) {
    const list = byFolder.get(record.project);
    if (list === undefined) byFolder.set(record.project, [record]);
    else list.push(record);
  }
  const folders = new Set<string>();
  for (const [folder, list] of byFolder) {
    const projectPath = normalized(projectPathOf(list));
    if (
      folder.toLowerCase() === wanted ||
      projectPath === wanted ||
      path.basename(projectPath) === wanted ||
      encodedFolder(wanted) === folder.toLowerCase()
    ) {
      folders.add(folder);
    }
  }
  return folders;
}
