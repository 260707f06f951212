import path from 'node:path';
import type { UsageRecord } from '../types.js';

/**
 * Whether a record belongs to the project a user named: the folder name Claude Code uses
 * (`-home-ann-my-app`), the real working directory (`/home/ann/my-app`) or its last part
 * (`my-app`).
 */
export function isInProject(
  record: Pick<UsageRecord, 'project' | 'cwd'>,
  project: string,
): boolean {
  if (record.project === project) return true;
  if (record.cwd === null) return false;
  return record.cwd === project || path.basename(record.cwd) === project;
}
